// `npm ci` (the README's install command) refuses a lock file that misses any optional platform binary, which
// happens when the lock is regenerated against a registry mirror that does not serve other platforms' packages.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/cli.js';

interface LockEntry {
  version?: string;
  optionalDependencies?: Record<string, string>;
  os?: string[];
}

describe('package-lock.json', () => {
  const lock = JSON.parse(readFileSync(join(REPO_ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };

  it('lists every optional dependency of every locked package, so npm ci accepts it on any platform', () => {
    const missing: string[] = [];
    for (const [key, entry] of Object.entries(lock.packages)) {
      for (const dep of Object.keys(entry.optionalDependencies ?? {})) {
        const nested = `${key}/node_modules/${dep}`;
        if (!lock.packages[nested] && !lock.packages[`node_modules/${dep}`]) missing.push(`${dep} (from ${key || 'root'})`);
      }
    }
    expect(missing, 'run: node scripts/complete-lockfile.cjs').toEqual([]);
  });

  it('marks platform binaries with the platform they are for, so npm ci skips them elsewhere', () => {
    const rollupBinaries = Object.entries(lock.packages).filter(([k]) => k.startsWith('node_modules/@rollup/rollup-'));
    expect(rollupBinaries.length).toBeGreaterThan(5);
    for (const [key, entry] of rollupBinaries) expect({ key, os: entry.os?.length }).toEqual({ key, os: 1 });
  });
});
