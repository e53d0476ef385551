#!/usr/bin/env node
// The published entry point: runs the compiled CLI (built by `npm run build`, which `npm ci` and `npm install` run via `prepare`).
let main;
try {
  ({ main } = await import('../dist/cli/main.js'));
} catch (err) {
  if (err && err.code === 'ERR_MODULE_NOT_FOUND' && String(err.message).includes('dist/cli/main.js')) {
    process.stderr.write('fnsync is not built: run `npm ci` (or `npm run build`) in the fnsync folder first.\n');
    process.exit(1);
  }
  throw err;
}
process.exitCode = await main(process.argv);
