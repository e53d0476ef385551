// One convention for every command (README, "Conventions"): `--json` puts exactly one JSON document on stdout, on
// success and on failure (then with `ok: false`, the error and its problems), and human text on stderr.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTempDir, runCli, type CliResult } from '../helpers/cli.js';
import { exampleProject } from '../helpers/e2e-project.js';

/** stdout parsed with a JSON parser: throws (failing the test) unless it is exactly one JSON document. */
function doc(r: CliResult): Record<string, unknown> {
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

/** The document of a failed command: the shared error shape. */
function expectErrorDoc(r: CliResult, message: RegExp): Record<string, unknown> {
  expect(r.code).toBe(1);
  const d = doc(r);
  expect(d).toMatchObject({ ok: false, error: expect.stringMatching(message), problems: expect.any(Array) });
  // The human text is on stderr, not mixed into stdout.
  expect(r.stderr).toContain('error: ');
  return d;
}

const EXAMPLE_ENV = { STRIPE_SIGNING_SECRET: 'whsec_json_conventions_1', SLACK_WEBHOOK_URL: 'https://hooks.slack.com/services/T0/B0/json-conv' };
const LONG = 120_000;

const HOOK = `async function onTrack(event) {
  console.log('seen ' + event.event);
}
`;

function hookProject(fixture = 'cases:\n  - name: tracked\n    event: { type: track, event: A }\n    expect: { logs: [seen A] }\n'): string {
  return makeTempDir({
    'fnsync.yaml': 'version: 1\nfunctions:\n  hook:\n    type: destination\n    displayName: Hook\n    code: hook/handler.js\n',
    'hook/handler.js': HOOK,
    'hook/tests/cases.yaml': fixture,
  });
}

describe('--json: one JSON document on stdout, success or failure', () => {
  it('validate', async () => {
    const ok = await runCli(['validate', '--json'], { env: EXAMPLE_ENV });
    expect(ok.code).toBe(0);
    expect(doc(ok)).toMatchObject({ ok: true, valid: true, functions: 4, warnings: [] });
    const missing = await runCli(['validate', '--json'], { cwd: makeTempDir() });
    expect(expectErrorDoc(missing, /^no fnsync\.yaml in /)).toMatchObject({ valid: false });
  });

  it('test, with --json-file for the file and the old forms kept with a deprecation warning', async () => {
    const dir = hookProject();
    const ok = await runCli(['test', '--json', '--no-record'], { cwd: dir });
    expect(ok.code).toBe(0);
    expect(doc(ok)).toMatchObject({ ok: true, passed: 1, failed: 0 });
    expect(ok.stderr).toContain('1 passed, 0 failed');

    const failing = await runCli(['test', '--json', '--no-record'], { cwd: hookProject('cases:\n  - name: wrong\n    event: { type: track, event: A }\n    expect: { logs: [seen B] }\n') });
    expect(failing.code).toBe(1);
    expect(doc(failing)).toMatchObject({ ok: false, passed: 0, failed: 1 });
    expect(Object.keys(doc(failing))[0]).toBe('ok');

    const broken = await runCli(['test', '--json'], { cwd: makeTempDir({ 'fnsync.yaml': 'version: 2\n' }) });
    expect(expectErrorDoc(broken, /^fnsync\.yaml is not valid: 1 problem$/).problems).toMatchObject([{ line: 1, col: 10 }]);

    const both = await runCli(['test', '--json', '--json-file', 'report.json', '--no-record'], { cwd: dir });
    expect(doc(both)).toEqual(JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')));

    const dash = await runCli(['test', '--json', '-', '--no-record'], { cwd: dir });
    expect(doc(dash)).toMatchObject({ passed: 1 });
    expect(dash.stderr).toContain('warning: `--json -` is deprecated: use `--json`');

    const file = await runCli(['test', '--json', 'old.json', '--no-record'], { cwd: dir });
    expect(file.code).toBe(0);
    expect(file.stdout).toContain('1 passed, 0 failed');
    expect(JSON.parse(readFileSync(join(dir, 'old.json'), 'utf8'))).toMatchObject({ passed: 1 });
    expect(file.stderr).toContain('warning: `--json old.json` is deprecated: use `--json-file old.json`');

    // A function name after --json is a name, never a file to write.
    const named = await runCli(['test', '--json', 'hook', '--no-record'], { cwd: dir });
    expect(doc(named)).toMatchObject({ passed: 1 });
    expect(existsSync(join(dir, 'hook.json'))).toBe(false);
    expect(named.stderr).not.toContain('deprecated');
  });

  it('test: the old forms are recognised after function names and as --json=VALUE; --json-file - is refused', async () => {
    const dir = hookProject();
    for (const args of [['hook', '--json', '-'], ['--json=-', 'hook']]) {
      const r = await runCli(['test', ...args, '--no-record'], { cwd: dir });
      expect(r.code).toBe(0);
      expect(doc(r)).toMatchObject({ ok: true, passed: 1 });
      expect(r.stderr).toContain(`warning: \`${args.includes('-') ? '--json -' : '--json=-'}\` is deprecated: use \`--json\``);
    }
    for (const [args, file] of [[['hook', '--json', 'o2.json'], 'o2.json'], [['hook', '--json=o3.json'], 'o3.json']] as const) {
      const r = await runCli(['test', ...args, '--no-record'], { cwd: dir });
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('1 passed, 0 failed');
      expect(JSON.parse(readFileSync(join(dir, file), 'utf8'))).toMatchObject({ passed: 1 });
      expect(r.stderr).toContain(`use \`--json-file ${file}\``);
    }
    const dash = await runCli(['test', '--json-file', '-', '--no-record'], { cwd: dir });
    expect(dash.code).toBe(1);
    expect(dash.stderr).toContain('error: --json-file - is not a file: use --json for the JSON report on stdout');
    expect(existsSync(join(dir, '-'))).toBe(false);
    // Anything else after --json= is still a usage error, and --json=VALUE on another command is not rewritten.
    expect((await runCli(['test', '--json=hook', '--no-record'], { cwd: dir })).code).toBe(1);
    expect((await runCli(['validate', '--json=-'], { cwd: dir })).code).toBe(1);
    // An old file form beside --json-file names two report files: refused, never one of them silently dropped.
    const two = await runCli(['test', '--json', 'old.json', '--json-file', 'new.json', '--no-record'], { cwd: dir });
    expect(two.code).toBe(1);
    expect(two.stderr).toContain('error: `--json old.json` and `--json-file new.json` both name the JSON report file: give one, as --json-file FILE');
    expect(existsSync(join(dir, 'old.json')) || existsSync(join(dir, 'new.json'))).toBe(false);
    const twoJson = await runCli(['test', '--json', '--json-file=a.json', '--json=b.json', '--no-record'], { cwd: dir });
    expect(twoJson.code).toBe(1);
    expect(doc(twoJson)).toMatchObject({ ok: false, error: '`--json-file=a.json` and `--json=b.json` both name the JSON report file: give one, as --json-file FILE' });
    // Two --json-file options are refused too: commander would keep only the last.
    const repeated = await runCli(['test', '--json-file', 'a1.json', '--json-file', 'b1.json', '--no-record'], { cwd: dir });
    expect(repeated.code).toBe(1);
    expect(repeated.stderr).toContain('error: `--json-file a1.json` and `--json-file b1.json` both name the JSON report file');
    expect(existsSync(join(dir, 'a1.json')) || existsSync(join(dir, 'b1.json'))).toBe(false);
    // An option after --json is never an old file form, whatever it ends with.
    const flag = await runCli(['test', '--json', '--json-file=a.json', '--no-record'], { cwd: dir });
    expect(flag.code).toBe(0);
    expect(doc(flag)).toEqual(JSON.parse(readFileSync(join(dir, 'a.json'), 'utf8')));
    expect(flag.stderr).not.toContain('deprecated');
  });

  it('run (its output is always JSON; --json is accepted)', async () => {
    const dir = makeTempDir({ 'event.json': JSON.stringify({ type: 'track', event: 'A' }), 'handler.js': HOOK });
    const ok = await runCli(['run', join(dir, 'handler.js'), '--type', 'destination', '--event', join(dir, 'event.json'), '--json']);
    expect(ok.code).toBe(0);
    expect(doc(ok)).toMatchObject({ ok: true, outcome: 'Success', logs: [{ message: 'seen A' }] });
    writeFileSync(join(dir, 'throws.js'), 'async function onTrack() { throw new Error("nope") }\n');
    const failed = await runCli(['run', join(dir, 'throws.js'), '--type', 'destination', '--event', join(dir, 'event.json')]);
    expect(failed.code).toBe(1);
    expect(doc(failed)).toMatchObject({ ok: false, outcome: 'Bad Request', error: { type: 'Error', message: 'nope' } });
    expectErrorDoc(await runCli(['run', 'no-such-function', '--event', join(dir, 'event.json')]), /^no function named "no-such-function"/);
  });

  it('workspace', async () => {
    const dir = makeTempDir();
    const ok = await runCli(['workspace', '--json'], { cwd: dir });
    expect(ok.code).toBe(0);
    expect(doc(ok)).toMatchObject({ ok: true, target: { kind: 'local' }, functions: [] });
    expectErrorDoc(await runCli(['workspace', '--json'], { cwd: dir, env: { CI: 'true' } }), /--local/);
  });

  it('plan and apply', async () => {
    const dir = exampleProject();
    const plan = await runCli(['plan', '--json', '--skip-tests'], { cwd: dir, env: EXAMPLE_ENV });
    expect(plan.code).toBe(0);
    expect(doc(plan)).toMatchObject({ ok: true, changes: expect.any(Array) });
    const nope = await runCli(['plan', '--json', '--skip-tests', '--target', 'nope'], { cwd: dir, env: EXAMPLE_ENV });
    expect(nope.code).toBe(1);
    expect(doc(nope)).toMatchObject({ ok: false, errors: [expect.anything()] });
    // A bad flag value is the same usage error with or without --json.
    for (const json of [['--json'], []]) {
      const bad = await runCli(['plan', ...json, '--skip-tests', '--diff-context', 'abc'], { cwd: dir, env: EXAMPLE_ENV });
      expect(bad.code).toBe(1);
      expect(bad.stderr).toContain("--diff-context must be a whole number from 0 to 1000, not 'abc'");
      if (json.length > 0) expect(doc(bad)).toMatchObject({ ok: false, error: expect.stringContaining('--diff-context must be a whole number') });
      else expect(bad.stdout).toBe('');
    }
    const badApply = await runCli(['apply', '--json', '--auto-approve', '--skip-tests', '--diff-context', '-1'], { cwd: dir, env: EXAMPLE_ENV });
    expect(doc(badApply)).toMatchObject({ ok: false, error: expect.stringContaining('--diff-context') });
    // No terminal and no --auto-approve: a refusal, still one document.
    expectErrorDoc(await runCli(['apply', '--json', '--skip-tests'], { cwd: dir, env: EXAMPLE_ENV }), /auto-approve/);
    const apply = await runCli(['apply', '--json', '--skip-tests', '--auto-approve'], { cwd: dir, env: EXAMPLE_ENV });
    expect(apply.code).toBe(0);
    expect(doc(apply)).toMatchObject({ ok: true, formatVersion: 1, result: { ok: true } });
    expectErrorDoc(await runCli(['plan', '--json'], { cwd: makeTempDir({ 'fnsync.yaml': 'version: 1\nfunctions: []\n' }) }), /not valid/);
  }, LONG);

  it('import', async () => {
    const dir = makeTempDir();
    const ok = await runCli(['import', '--json', '--dry-run'], { cwd: dir });
    expect(ok.code).toBe(0);
    expect(doc(ok)).toMatchObject({ ok: true, dryRun: true, functions: [], skipped: [] });
    const broken = makeTempDir({ 'fnsync.yaml': 'version: 1\nfunctions:\n  x: { type: nope }\n' });
    expectErrorDoc(await runCli(['import', '--json', '--dry-run'], { cwd: broken }), /fix it first/);
  });

  it('types', async () => {
    const dir = makeTempDir();
    const ok = await runCli(['types', '--json'], { cwd: dir });
    expect(ok.code).toBe(0);
    expect(String(doc(ok).declarations)).toContain('declare');
    const out = await runCli(['types', '--json', '--out', 'segment.d.ts'], { cwd: dir });
    expect(doc(out)).toEqual({ ok: true, out: 'segment.d.ts' });
    expectErrorDoc(await runCli(['types', '--json', '--config', 'missing.yaml'], { cwd: dir }), /config file missing\.yaml not found/);
  });

  it('a usage error is exit 1 with the document too', async () => {
    const r = await runCli(['validate', '--json', '--no-such-flag']);
    expect(r.code).toBe(1);
    expect(doc(r)).toMatchObject({ ok: false, error: "unknown option '--no-such-flag'" });
    expect(r.stderr).toContain("unknown option '--no-such-flag'");
  });
});
