// Function code never runs where a Segment token is: `fnsync test` and `fnsync run` refuse to start in
// CI with a token in their environment (before any function is loaded), and warn outside CI.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTempDir, runCli } from '../helpers/cli.js';

const TOKEN = 'sgp_guardTOKEN_3c9e1a7f';
const project = () =>
  makeTempDir({
    'fnsync.yaml': 'version: 1\nfunctions:\n  hello:\n    type: destination\n    displayName: Hello\n    code: hello.js\n',
    'hello.js': 'async function onTrack(event) {\n  return event;\n}\n',
    'tests/hello.yaml': 'cases:\n  - name: tracks\n    event: { type: track, event: E }\n',
    'event.json': '{"type":"track","event":"E"}',
  });

describe('function code and the Segment token', () => {
  it('fnsync test and fnsync run refuse to start under CI when SEGMENT_PUBLIC_API_TOKEN is set, naming the fix', async () => {
    const dir = project();
    for (const args of [['test', '--config', 'fnsync.yaml'], ['run', 'hello', '--event', 'event.json']]) {
      const r = await runCli(args, { cwd: dir, env: { CI: 'true', SEGMENT_PUBLIC_API_TOKEN: TOKEN } });
      expect({ args, code: r.code }).toEqual({ args, code: 1 });
      expect(r.stderr).toContain('refusing to run function code with SEGMENT_PUBLIC_API_TOKEN in the environment under CI');
      expect(r.stderr).toContain('in a job without the token');
      expect(r.stdout + r.stderr).not.toContain(TOKEN);
      expect(r.stdout).not.toMatch(/passed/);
    }
    // Nothing ran, so nothing was recorded either.
    expect(existsSync(join(dir, '.fnsync/test-results.json'))).toBe(false);
    // A CI service's own variable counts even when the job turned CI off.
    for (const env of [{ GITHUB_ACTIONS: 'true', CI: 'false' }, { GITLAB_CI: 'true', CI: '' }, { BITBUCKET_BUILD_NUMBER: '12', CI: 'false' }]) {
      const r = await runCli(['run', 'hello', '--event', 'event.json'], { cwd: dir, env: { ...env, SEGMENT_PUBLIC_API_TOKEN: TOKEN } });
      expect({ env, code: r.code }).toEqual({ env, code: 1 });
      expect(r.stderr).toContain('refusing to run function code with SEGMENT_PUBLIC_API_TOKEN in the environment under CI');
    }
  }, 60_000);

  it('outside CI they warn and carry on; without a token they say nothing about it', async () => {
    const dir = project();
    const warned = await runCli(['test'], { cwd: dir, env: { SEGMENT_PUBLIC_API_TOKEN: TOKEN } });
    expect(warned.code).toBe(0);
    expect(warned.stderr).toContain('warning: SEGMENT_PUBLIC_API_TOKEN is set: fnsync test runs function code');
    expect(warned.stdout).toMatch(/^1 passed, 0 failed$/m);
    expect(warned.stdout + warned.stderr).not.toContain(TOKEN);
    const quiet = await runCli(['test'], { cwd: dir, env: { CI: 'true' } });
    expect(quiet.code).toBe(0);
    expect(quiet.stderr).not.toContain('SEGMENT_PUBLIC_API_TOKEN');
  }, 60_000);
});
