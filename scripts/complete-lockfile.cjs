#!/usr/bin/env node
// Usage: node scripts/complete-lockfile.cjs (after `npm install` regenerated package-lock.json).
// Adds lock entries for rollup's platform binaries the registry mirror here does not serve, with the os/cpu/libc
// filters rollup's own package.json files declare, so npm ci accepts the lock and skips them on other platforms.
const fs = require('fs');
const lock = JSON.parse(fs.readFileSync('package-lock.json', 'utf8'));
const rollup = lock.packages['node_modules/rollup'];
const version = rollup.version;
const osMap = { android: 'android', darwin: 'darwin', freebsd: 'freebsd', linux: 'linux', openbsd: 'openbsd', openharmony: 'openharmony', win32: 'win32' };
let added = 0;
for (const name of Object.keys(rollup.optionalDependencies || {})) {
  const key = `node_modules/${name}`;
  if (lock.packages[key]) continue;
  const m = /^@rollup\/rollup-([a-z0-9]+)-([a-z0-9]+)(?:-([a-z0-9]+))?$/.exec(name);
  if (!m) { console.error('unrecognised', name); continue; }
  const [, os, cpu, abi] = m;
  const entry = { version, cpu: [cpu], dev: true, license: 'MIT', optional: true, os: [osMap[os]] };
  if (os === 'linux' && abi) entry.libc = [abi.startsWith('musl') ? 'musl' : 'glibc'];
  lock.packages[key] = entry;
  added++;
}
const sorted = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))));
lock.packages = sorted;
fs.writeFileSync('package-lock.json', JSON.stringify(lock, null, 2) + '\n');
console.log('added', added);
