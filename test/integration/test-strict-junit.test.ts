// `fnsync test` strict mode (default under CI, --strict, --no-strict) and --junit FILE, spawned.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTempDir, runCli } from '../helpers/cli.js';

const HANDLER = `async function onTrack(event, settings) {
  if (event.event === 'Boom') throw new ValidationError('boom <&> ' + settings.apiKey);
}
`;
const FIXTURE = `settings: { apiKey: "\${env:HOOK_KEY}" }
cases:
  - name: a track passes
    event: { type: track, event: Fine }
    expect: { outcome: Success }
  - name: a boom fails
    event: { type: track, event: Boom }
    expect: { outcome: Success }
  - name: later
    skip: not written yet
    event: { type: track, event: Fine }
`;

/** Two functions: hook with fixtures (one failing case), bare with none. */
function project(): string {
  return makeTempDir({
    'fnsync.yaml':
      'version: 1\nfunctions:\n  hook:\n    type: destination\n    displayName: Hook\n    code: hook/handler.js\n    settings:\n      - { name: apiKey, type: string, sensitive: true }\n' +
      '  bare:\n    type: destination\n    displayName: Bare\n    code: bare/handler.js\n',
    'hook/handler.js': HANDLER,
    'hook/tests/cases.yaml': FIXTURE,
    'bare/handler.js': 'async function onTrack(event) {}\n',
  });
}

describe('fnsync test strict mode', () => {
  it('under CI a function without fixture files fails the run; --no-strict only warns', async () => {
    const dir = project();
    const strict = await runCli(['test', 'bare', '--no-record'], { cwd: dir, env: { CI: 'true' } });
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain('error: strict mode: bare has no fixture files: every function needs tests in strict mode (--no-strict to allow)');
    const relaxed = await runCli(['test', 'bare', '--no-record', '--no-strict'], { cwd: dir, env: { CI: 'true' } });
    expect(relaxed.code).toBe(0);
    expect(relaxed.stderr).not.toContain('strict mode');
    const local = await runCli(['test', 'bare', '--no-record'], { cwd: dir });
    expect(local.code).toBe(0);
  }, 90_000);

  it('--strict locally: a --filter matching no case fails; skipped cases are reported, not failures', async () => {
    const dir = project();
    const none = await runCli(['test', 'hook', '--no-record', '--strict', '--filter', 'nothing like this'], { cwd: dir });
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('error: strict mode: --filter "nothing like this" matches no case');
    const skipped = await runCli(['test', 'hook', '--no-record', '--strict', '--filter', 'later'], { cwd: dir, env: { HOOK_KEY: 'k_1234' } });
    expect(skipped.code).toBe(0);
    expect(skipped.stdout).toMatch(/0 passed, 0 failed, 1 skipped$/m);
  }, 90_000);
});

describe('fnsync test --junit', () => {
  it('writes JUnit XML: a suite per function, a failure with its message, a skipped case, the secret masked', async () => {
    const dir = project();
    const r = await runCli(['test', '--no-record', '--no-strict', '--junit', 'junit.xml'], { cwd: dir, env: { HOOK_KEY: 'key_supersecret_42' } });
    expect(r.code).toBe(1);
    const xml = readFileSync(join(dir, 'junit.xml'), 'utf8');
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="fnsync test" tests="3" failures="1" skipped="1"')).toBe(true);
    expect(xml).toContain('<testsuite name="hook" tests="3" failures="1" skipped="1"');
    expect(xml).toMatch(/<testcase name="a track passes" classname="hook" file="hook\/tests\/cases\.yaml" time="[\d.]+"\/>/);
    expect(xml).toMatch(/<testcase name="a boom fails"[^>]*>\n {6}<failure message="[^"]*" type="outcome">/);
    expect(xml).toContain('boom &lt;&amp;&gt; ********');
    expect(xml).not.toContain('key_supersecret_42');
    expect(xml).toContain('<skipped message="not written yet"/>');
    expect(xml).toContain('<testsuite name="bare" tests="0" failures="0" skipped="0"');
    expect(xml).toContain('<system-err>no test files found for bare');
  }, 90_000);
});
