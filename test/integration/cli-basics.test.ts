import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

describe('fnsync CLI basics (spawned)', () => {
  it('prints help and exits 0', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: fnsync');
  });

  it('rejects an unknown command with exit 2 and no stack trace', async () => {
    const r = await runCli(['no-such-command']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown command|too many arguments/);
    expect(r.stderr).not.toMatch(/\bat .*\.js:\d+/);
  });
});
