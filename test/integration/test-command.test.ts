// `fnsync test` as a user runs it: the built CLI spawned against the example project and scratch projects.
// Runs on the repository itself pass --no-record, so the suite never writes a test record into the checkout.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, makeTempDir, runCli } from '../helpers/cli.js';

const lastLine = (text: string) => text.trimEnd().split('\n').at(-1);

/** A one-function project; `handler` and `fixture` are the files a user would write. */
function project(handler: string, fixture: string, settings = '    settings:\n      - { name: apiKey, type: string, sensitive: true }\n'): string {
  return makeTempDir({
    'fnsync.yaml': `version: 1\nfunctions:\n  hook:\n    type: destination\n    displayName: Hook\n    code: hook/handler.js\n${settings}`,
    'hook/handler.js': handler,
    'hook/tests/cases.yaml': fixture,
  });
}

const POSTING = `async function onTrack(event, settings) {
  console.log('posting ' + event.event);
  const res = await fetch('https://api.example.com/track?key=' + settings.apiKey, { method: 'POST', body: JSON.stringify({ name: event.event }) });
  if (res.status >= 500) throw new RetryError('upstream ' + res.status);
}
`;

describe('fnsync test', () => {
  it('passes on the example project: every case of every function', async () => {
    const r = await runCli(['test', '--no-record']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const summary = /^(\d+) passed, 0 failed$/m.exec(r.stdout);
    expect(summary).not.toBeNull();
    expect(Number(summary![1])).toBeGreaterThanOrEqual(30);
    for (const name of ['stripe-events', 'slack-alerts', 'pii-mask', 'bot-filter']) expect(r.stdout).toMatch(new RegExp(`^${name}$`, 'm'));
    expect(lastLine(r.stdout)).toBe(summary![0]);
  });

  it('runs only the functions named on the command line', async () => {
    const r = await runCli(['test', 'pii-mask', '--no-record']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('pii-mask');
    expect(r.stdout).not.toContain('slack-alerts');
    expect(r.stdout).toContain('✓ a batch is masked event by event, in order');
  });

  it('--filter runs only matching cases and warns when none match', async () => {
    const r = await runCli(['test', 'slack-alerts', '--filter', 'RETRIED', '--no-record']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('✓ a network failure is retried');
    expect(r.stdout).not.toContain('a big order is posted to Slack');
    expect(lastLine(r.stdout)).toBe('3 passed, 0 failed'); // 429, network failure, and "... not retried"
    const none = await runCli(['test', '--filter', 'zzz-no-such-case', '--no-record']);
    expect(lastLine(none.stdout)).toBe('0 passed, 0 failed');
    expect(none.stderr).toContain('warning: no case name contains "zzz-no-such-case"');
  });

  it('an unknown function name is an error naming the known ones', async () => {
    const r = await runCli(['test', 'nope', '--no-record']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("no function named 'nope' in the config (functions: stripe-events, slack-alerts, pii-mask, bot-filter)");
  });

  it('a failing case exits 1 and shows a diff of expected against actual, with the secret masked', async () => {
    const dir = project(
      POSTING,
      `settings:\n  apiKey: \${env:HOOK_KEY}\ncases:\n  - name: posts the event name\n    event: { type: track, event: Bought, userId: u1 }\n    http: [{ urlPattern: "api\\\\.example\\\\.com", status: 200 }]\n    expect:\n      requests:\n        - { method: POST, body: { name: Sold } }\n`,
    );
    const r = await runCli(['test'], { cwd: dir, env: { HOOK_KEY: 'hook-secret-98765' } });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('  ✗ posts the event name');
    expect(r.stdout).toContain('at hook/tests/cases.yaml:4');
    expect(r.stdout).toContain('requests[0].body.name: expected "Sold", got "Bought"');
    expect(r.stdout).toContain('-       "name": "Sold"');
    expect(r.stdout).toContain('+       "name": "Bought"');
    expect(r.stdout + r.stderr).not.toContain('hook-secret-98765');
    expect(lastLine(r.stdout)).toBe('0 passed, 1 failed');
  });

  it('values from the environment are masked as fnsync run masks them, also in settings not marked sensitive and in lists and maps', async () => {
    const handler = 'async function onTrack(event, settings) { console.log(JSON.stringify(settings)); console.log(settings.token.slice(4, -5)); }\n';
    const settings = '    settings:\n      - { name: token, type: string, sensitive: false }\n      - { name: list, type: array }\n      - { name: map, type: text-map }\n';
    const dir = project(
      handler,
      'settings:\n  token: "pre-${env:WH_TOK}-post"\n  list: ["${env:WH_TOK}", b]\n  map: { k: "${env:WH_TOK}" }\ncases:\n  - name: logs its settings\n    event: { type: track, event: x, userId: u }\n    expect: { logs: [NEVERMATCHES] }\n',
      settings,
    );
    const r = await runCli(['test', '--no-record', '--json-file', 'report.json'], { cwd: dir, env: { WH_TOK: 'tok12345678' } });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('no log line matches "NEVERMATCHES"');
    expect(r.stdout).toContain('********');
    const report = readFileSync(join(dir, 'report.json'), 'utf8');
    for (const out of [r.stdout, r.stderr, report]) expect(out).not.toContain('tok12345678');
    // The same settings through fnsync run: masked the same way.
    writeFileSync(join(dir, 'e.json'), '{"type":"track","event":"x","userId":"u"}');
    writeFileSync(join(dir, 's.json'), JSON.stringify({ token: 'pre-${env:WH_TOK}-post', list: ['${env:WH_TOK}', 'b'], map: { k: '${env:WH_TOK}' } }));
    const run = await runCli(['run', 'hook', '--event', 'e.json', '--settings', 's.json'], { cwd: dir, env: { WH_TOK: 'tok12345678' } });
    expect(run.stdout).not.toContain('tok12345678');
    const logs = (JSON.parse(run.stdout) as { logs: { message: string }[] }).logs.map((l) => l.message);
    expect(logs).toEqual(['{"token":"********","list":["********","b"],"map":{"k":"********"}}', '********']);
  });

  it('an unmocked request fails the case and prints the request, secret masked', async () => {
    const dir = project(POSTING, `cases:\n  - name: forgot the mock\n    settings: { apiKey: key-1234567 }\n    event: { type: track, event: Signed Up, userId: u1 }\n`);
    const r = await runCli(['test'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('no mock in `http:` matched this request');
    expect(r.stdout).toContain('POST https://api.example.com/track?key=********');
    expect(r.stdout).toContain('body: {"name":"Signed Up"}');
    expect(r.stdout).not.toContain('key-1234567');
    expect(lastLine(r.stdout)).toBe('0 passed, 1 failed');
  });

  it('--json-file writes a machine-readable report; --json prints it on stdout with the text on stderr', async () => {
    const dir = project(
      POSTING,
      `cases:\n  - name: retried\n    settings: { apiKey: k-000000 }\n    event: { type: track, event: X }\n    http: [{ status: 503 }]\n    expect: { outcome: Retry, error: { message: upstream 503 }, logs: [posting X] }\n  - { name: later, skip: true, event: { type: track } }\n`,
    );
    const r = await runCli(['test', '--json-file', 'report.json'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(lastLine(r.stdout)).toBe('1 passed, 0 failed, 1 skipped');
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
    expect(report).toMatchObject({ version: 1, passed: 1, failed: 0, skipped: 1 });
    expect(report.functions[0].cases.map((c: { name: string; status: string; outcome?: string }) => [c.name, c.status, c.outcome])).toEqual([
      ['retried', 'passed', 'Retry'],
      ['later', 'skipped', undefined],
    ]);
    const piped = await runCli(['test', '--json'], { cwd: dir });
    expect(JSON.parse(piped.stdout).passed).toBe(1);
    // The text report ends with its summary; the test record's line follows it on stderr, never on stdout.
    expect(piped.stderr.trimEnd().split('\n').slice(-2)).toEqual(['1 passed, 0 failed, 1 skipped', 'Test record: .fnsync/test-results.json (1 function passed)']);
  });

  it('an invalid fixture file stops the run with file:line:col and runs nothing', async () => {
    const dir = project(POSTING, `cases:\n  - name: typo\n    event: { type: track }\n    expect:\n      outcom: Retry\n`);
    const r = await runCli(['test'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("hook/tests/cases.yaml:5:7 cases[0].expect.outcom: unknown key 'outcom' (did you mean 'outcome'?)");
    expect(r.stderr).toContain('no tests were run');
    expect(r.stdout).toBe('');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('a key written twice and setting values of the wrong declared type are fixture errors, as in fnsync.yaml', async () => {
    const settings = '    settings:\n      - { name: verifySignatures, type: boolean }\n      - { name: signingSecret, sensitive: true }\n';
    const fixture = 'settings: { verifySignatures: "yes", signingSecret: true }\ncases:\n  - name: twice\n    event: { type: track }\n    expect:\n      logs: [a]\n    expect:\n      logs: [b]\n';
    const r = await runCli(['test', '--no-record'], { cwd: project(POSTING, fixture, settings) });
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n').filter((l) => l.startsWith('hook/'))).toEqual([
      'hook/tests/cases.yaml:1:31 settings.verifySignatures: must be a boolean (true or false), not a string',
      'hook/tests/cases.yaml:1:53 settings.signingSecret: must be a string, not a boolean',
      "hook/tests/cases.yaml:7:5 cases[0].expect: duplicate key 'expect' (first written on line 5)",
    ]);
    expect(r.stdout).toBe('');
  });

  it('a file\'s options: choose the runtime\'s answer to an open question for that file\'s instance', async () => {
    const handler = 'async function onTrack(event) { event.seen = true; }\n';
    const fixture = (options: string) =>
      `${options}cases:\n  - name: returns nothing\n    event: { type: track, event: E, userId: u }\n    expect: { outcome: Success, returned: { type: track, event: E } }\n`;
    const make = (options: string) =>
      makeTempDir({
        'fnsync.yaml': 'version: 1\nfunctions:\n  tag:\n    type: insert-destination\n    displayName: Tag\n    code: tag/handler.js\n',
        'tag/handler.js': handler,
        'tag/tests/cases.yaml': fixture(options),
      });
    // Default: an insert handler returning nothing drops the event (with a warning).
    const dropped = await runCli(['test'], { cwd: make('') });
    expect(dropped.code).toBe(1);
    expect(dropped.stdout).toMatch(/expected outcome Success, got Dropped/);
    // insertUndefined: pass forwards the input unchanged instead.
    const passed = await runCli(['test'], { cwd: make('options: { insertUndefined: pass }\n') });
    expect(passed.stdout).toContain('✓ returns nothing');
    expect(passed.code).toBe(0);
  });

  it('a handler that crashes: the failure names the handler file, line and column that threw', async () => {
    const dir = project('async function onTrack(event) {\n  return event.properties.total.toFixed(2);\n}\n', `cases:\n  - name: crashes\n    event: { type: track, event: X }\n`);
    const r = await runCli(['test'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("expected outcome Success, got Bad Request (TypeError: Cannot read properties of undefined (reading 'total'), at hook/handler.js:2:27)");
  });

  it('runaway handlers (sync loop, hung promise, memory bomb) are stopped and reported; fnsync itself carries on', async () => {
    const handler = (runaway: string) =>
      `let calls = 0;\nasync function onTrack(event) {\n  calls++;\n${runaway}\n  return calls;\n}\n`;
    const c = (name: string, event: string, expect: string) => `  - { name: ${name}, event: { type: track, event: ${event} }, expect: ${expect} }\n`;
    const fn = (name: string, timeoutMs: number) => `  ${name}:\n    type: destination\n    displayName: ${name}\n    code: ${name}/handler.js\n    timeoutMs: ${timeoutMs}\n`;
    const dir = makeTempDir({
      // Timeouts are wall-clock time. Each limit gets a function of its own, with a time limit that only the
      // runaway case can reach: 1 s is far beyond the other cases even on a loaded machine, and the bomb has a
      // minute, because filling even 32 MB takes V8 up to seconds near the limit when the cores are busy.
      'fnsync.yaml': `version: 1\nfunctions:\n${fn('wild', 1000)}${fn('bomb', 60_000)}`,
      'wild/handler.js': handler("  if (event.event === 'loop') while (true) {}\n  if (event.event === 'hang') await new Promise(() => {});"),
      'wild/tests/runaway.yaml':
        'cases:\n' +
        c('warm', 'ok', '{ returned: 1 }') +
        c('hung promise', 'hang', '{ outcome: Timeout }') +
        c('still warm', 'ok', '{ returned: 3 }') +
        c('sync loop', 'loop', '{ outcome: Timeout }') +
        c('cold after the loop', 'ok', '{ returned: 1 }'),
      'bomb/handler.js': handler("  if (event.event === 'bomb') { const keep = []; for (;;) keep.push(new Array(1e5).fill({ n: Math.random() })); }"),
      'bomb/tests/bomb.yaml':
        'options: { memoryLimitMb: 32 }\ncases:\n' +
        c('warm before the bomb', 'ok', '{ returned: 1 }') +
        c('memory bomb', 'bomb', '{ outcome: Bad Request, error: { type: OutOfMemoryError } }') +
        c('cold after the bomb', 'ok', '{ returned: 1 }'),
    });
    const r = await runCli(['test'], { cwd: dir });
    expect(r.stdout).toContain('✓ hung promise');
    expect(r.stdout).toContain('✓ sync loop');
    expect(r.stdout).toContain('✓ memory bomb');
    expect(lastLine(r.stdout)).toBe('8 passed, 0 failed');
    expect(r.code).toBe(0);
  });

  it('--json-file to a path that cannot be written is a clear error naming the file, not a crash', async () => {
    const dir = project(POSTING, `cases:\n  - name: quiet\n    event: { type: identify, userId: u }\n    expect: { outcome: Unsupported Event Type }\n`);
    const made = await runCli(['test', '--json-file', 'no-such-dir/report.json'], { cwd: dir });
    expect(made.code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'no-such-dir/report.json'), 'utf8'))).toMatchObject({ passed: 1 });
    const r = await runCli(['test', '--json-file', 'fnsync.yaml/report.json'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error: cannot write fnsync.yaml/report.json: a part of its path is not a directory');
    expect(r.stderr).not.toMatch(/unexpected error|\n\s+at /);
  });

  it('a function without test files prints a warning and passes', async () => {
    const dir = makeTempDir({
      'fnsync.yaml': 'version: 1\nfunctions:\n  lonely:\n    type: destination\n    displayName: Lonely\n    code: lonely/handler.js\n',
      'lonely/handler.js': 'async function onTrack() {}\n',
    });
    const r = await runCli(['test'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('warning: no test files found for lonely (looked for lonely/tests/*.yaml)');
    expect(lastLine(r.stdout)).toBe('0 passed, 0 failed');
  });

  it('--watch re-runs when a fixture changes', async () => {
    const passing = `cases:\n  - name: quiet\n    settings: { apiKey: k-111111 }\n    event: { type: page }\n    expect: { outcome: Unsupported Event Type }\n`;
    const dir = project(POSTING, passing);
    const child = spawn(process.execPath, [BIN, 'test', '--watch'], { cwd: dir, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (d) => (stdout += d));
    const waitFor = (text: string) =>
      new Promise<void>((resolveWait, reject) => {
        const started = Date.now();
        const poll = setInterval(() => {
          if (stdout.includes(text)) {
            clearInterval(poll);
            resolveWait();
          } else if (Date.now() - started > 50_000) { // a backstop against a hang, not a speed limit
            clearInterval(poll);
            reject(new Error(`timed out waiting for ${JSON.stringify(text)}; output so far:\n${stdout}`));
          }
        }, 50);
      });
    try {
      await waitFor('1 passed, 0 failed');
      writeFileSync(join(dir, 'hook/tests/cases.yaml'), passing.replace('Unsupported Event Type', 'Retry'));
      await waitFor('0 passed, 1 failed');
      expect(stdout).toContain('expected outcome Retry, got Unsupported Event Type');
    } finally {
      // Wait for the watcher to exit, so no process outlives the test or writes into its removed directory.
      const exited = new Promise((resolveExit) => child.once('exit', resolveExit));
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    }
  });
});
