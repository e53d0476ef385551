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

describe('colour', () => {
  it('under CI=true with piped output fnsync test prints no colour (as plan); FORCE_COLOR turns it on', async () => {
    const dir = project();
    const ci = await runCli(['test', 'hook', '--no-record', '--no-strict'], { cwd: dir, env: { CI: 'true', HOOK_KEY: 'k_1', NO_COLOR: undefined } });
    expect(ci.code).toBe(1);
    expect(ci.stdout).toContain('a boom fails');
    expect(ci.stdout).not.toMatch(/\u001b\[/);
    const forced = await runCli(['test', 'hook', '--no-record', '--no-strict'], { cwd: dir, env: { CI: 'true', HOOK_KEY: 'k_1', FORCE_COLOR: '1', NO_COLOR: undefined } });
    expect(forced.stdout).toMatch(/\u001b\[/);
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

  it('strict-mode failures are failed cases in the XML: never green while the run fails', async () => {
    const dir = project();
    const bare = await runCli(['test', 'bare', '--no-record', '--junit', 'out/nested/junit.xml'], { cwd: dir, env: { CI: 'true' } });
    expect(bare.code).toBe(1);
    const xml = readFileSync(join(dir, 'out/nested/junit.xml'), 'utf8');
    expect(xml).toMatch(/^<\?xml[^\n]*\n<testsuites name="fnsync test" tests="1" failures="1" /);
    expect(xml).toContain('<testsuite name="fnsync strict mode" tests="1" failures="1"');
    expect(xml).toContain('<failure message="strict mode: bare has no fixture files: every function needs tests in strict mode" type="strict">');
    const none = await runCli(['test', 'hook', '--no-record', '--strict', '--filter', 'nothing like this', '--junit', 'f.xml'], { cwd: dir });
    expect(none.code).toBe(1);
    const filtered = readFileSync(join(dir, 'f.xml'), 'utf8');
    expect(filtered).toContain('failures="1"');
    expect(filtered).toContain('strict mode: --filter &quot;nothing like this&quot; matches no case');
  }, 90_000);

  it('invalid fixture files: no test runs, and the JUnit report holds the problems as errors', async () => {
    const dir = makeTempDir({
      'fnsync.yaml': 'version: 1\nfunctions:\n  hook:\n    type: destination\n    displayName: Hook\n    code: hook/handler.js\n',
      'hook/handler.js': 'async function onTrack(event) {}\n',
      'hook/tests/cases.yaml': 'cases:\n  - name: one\n    event: { type: track }\n    expect: { outcomee: Success }\n',
    });
    const r = await runCli(['test', '--no-record', '--junit', 'reports/junit.xml'], { cwd: dir });
    expect(r.code).toBe(1);
    const xml = readFileSync(join(dir, 'reports/junit.xml'), 'utf8');
    expect(xml).toContain('errors="1"');
    expect(xml).toMatch(/<testcase name="hook\/tests\/cases\.yaml" classname="fnsync fixture files"[^>]*>\n {6}<error message="1 problem in 1 fixture file; no tests were run" type="fixture">hook\/tests\/cases\.yaml:4:\d+ /);
  }, 90_000);

  it('an invalid fnsync.yaml: no test runs, and the JUnit report holds its problems as errors at their lines', async () => {
    const dir = makeTempDir({ 'fnsync.yaml': 'version: 1\nfunctions:\n  hook:\n    type: destinaton\n    displayName: Hook\n    code: hook/handler.js\n', 'hook/handler.js': 'async function onTrack() {}\n' });
    const r = await runCli(['test', '--no-record', '--junit', 'reports/junit.xml'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('fnsync.yaml:4:11');
    const xml = readFileSync(join(dir, 'reports/junit.xml'), 'utf8');
    expect(xml).toContain('<testsuite name="fnsync configuration" tests="1" failures="0" errors="1"');
    expect(xml).toMatch(/<testcase name="fnsync\.yaml" classname="fnsync configuration"[^>]*>\n {6}<error message="fnsync\.yaml is not valid: 1 problem" type="config">fnsync\.yaml:4:11 /);
  }, 90_000);

  it('a run that cannot start (no fnsync.yaml, the token guard under CI) still leaves a JUnit report saying why', async () => {
    const empty = makeTempDir({ 'README.md': 'nothing here\n' });
    const none = await runCli(['test', '--no-record', '--junit', 'junit.xml'], { cwd: empty });
    expect(none.code).toBe(1);
    const xml = readFileSync(join(empty, 'junit.xml'), 'utf8');
    expect(xml).toContain('<testsuites name="fnsync test" tests="1" failures="0" errors="1"');
    expect(xml).toMatch(/<error message="[^"]*fnsync\.yaml[^"]*" type="run">/);
    const dir = makeTempDir({ 'fnsync.yaml': 'version: 1\nfunctions: {}\n' });
    const guarded = await runCli(['test', '--no-record', '--junit', 'g.xml'], { cwd: dir, env: { CI: 'true', SEGMENT_PUBLIC_API_TOKEN: 'sgp_junitGUARD_1234' } });
    expect(guarded.code).toBe(1);
    const g = readFileSync(join(dir, 'g.xml'), 'utf8');
    expect(g).toContain('refusing to run function code with SEGMENT_PUBLIC_API_TOKEN in the environment under CI');
    expect(g).not.toContain('sgp_junitGUARD_1234');
  }, 90_000);

  it('a case name holding characters XML cannot hold (U+FFFE, a lone surrogate) still makes well-formed XML', async () => {
    const dir = makeTempDir({
      'fnsync.yaml': 'version: 1\nfunctions:\n  hook:\n    type: destination\n    displayName: Hook\n    code: hook/handler.js\n',
      'hook/handler.js': 'async function onTrack(event) {}\n',
      'hook/tests/cases.yaml': 'cases:\n  - name: "odd \\uFFFE name \\uD800 end"\n    event: { type: track }\n    expect: { outcome: Success }\n',
    });
    const r = await runCli(['test', '--no-record', '--junit', 'junit.xml'], { cwd: dir });
    expect(r.code).toBe(0);
    const xml = readFileSync(join(dir, 'junit.xml'), 'utf8');
    expect(xml).toContain('<testcase name="odd \\ufffe name \\ud800 end"');
    expect(xml).not.toMatch(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u);
  }, 90_000);
});
