// The test record as CI uses it: `fnsync test` (spawned) writes .fnsync/test-results.json, and readTestVerdicts (what
// plan and apply will call) reads it back against the code as it is now.
import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { readTestVerdicts } from '../../src/test-record/test-verdicts.js';
import { BIN, runCli } from '../helpers/cli.js';
import { useTempDirs } from '../helpers/temp-dirs.js';

const tempDir = useTempDirs();
// Several spawned runs per test: a generous ceiling for a loaded machine (a guard, not a speed check).
const SPAWNS_MS = 90_000;
const RECORD = '.fnsync/test-results.json';

const QUIET_CASES = `cases:
  - name: a track call succeeds
    event: { type: track, event: Bought, userId: u1 }
  - name: a page call is not handled
    event: { type: page, userId: u1 }
    expect: { outcome: Unsupported Event Type }
`;

/** Two functions: `hook` (two passing cases) and `tag` (one). */
function project(): string {
  return tempDir({
    'fnsync.yaml':
      'version: 1\nfunctions:\n' +
      '  hook:\n    type: destination\n    displayName: Hook\n    code: hook/handler.js\n    settings: [{ name: apiKey, sensitive: true }]\n' +
      '  tag:\n    type: insert-destination\n    displayName: Tag\n    code: tag/handler.js\n',
    'hook/handler.js': 'async function onTrack(event, settings) {\n  console.log("got " + event.event);\n}\n',
    'hook/tests/cases.yaml': QUIET_CASES,
    'tag/handler.js': 'async function onTrack(event) {\n  return { ...event, tagged: true };\n}\n',
    'tag/tests/cases.yaml': 'cases:\n  - name: tags the event\n    event: { type: track, event: E }\n    expect: { returned: { tagged: true } }\n',
  });
}

const readRecord = (dir: string) => JSON.parse(readFileSync(join(dir, RECORD), 'utf8'));
const statuses = async (dir: string) => {
  const verdicts = await readTestVerdicts(await loadConfig(join(dir, 'fnsync.yaml'), { cwd: dir }));
  return Object.fromEntries(Object.entries(verdicts).map(([name, v]) => [name, v.status]));
};
const lastLine = (text: string) => text.trimEnd().split('\n').at(-1);

describe('fnsync test writes the test record', () => {
  it('records each fully passing function; changed code reads as untested; --filter records no pass', async () => {
    const dir = project();
    const first = await runCli(['test'], { cwd: dir });
    expect(first.code).toBe(0);
    expect(lastLine(first.stderr)).toBe(`Test record: ${RECORD} (2 functions passed)`);
    expect(first.stdout).not.toContain('Test record');
    const record = readRecord(dir);
    expect(record.version).toBe(1);
    expect(Object.keys(record.functions)).toEqual(['hook', 'tag']);
    expect(record.functions.hook).toMatchObject({ result: 'passed', cases: { passed: 2, failed: 0, skipped: 0 } });
    expect(record.functions.hook.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(record.functions.tag.digest).not.toBe(record.functions.hook.digest);
    expect(new Date(record.functions.hook.recordedAt).toISOString()).toBe(record.functions.hook.recordedAt);
    expect(await statuses(dir)).toEqual({ hook: 'tested', tag: 'tested' });

    appendFileSync(join(dir, 'hook/handler.js'), '// a change after the tests ran\n');
    expect(await statuses(dir)).toEqual({ hook: 'untested', tag: 'tested' });

    const before = readFileSync(join(dir, RECORD), 'utf8');
    const filtered = await runCli(['test', 'hook', '--filter', 'track call'], { cwd: dir });
    expect(filtered.code).toBe(0);
    expect(lastLine(filtered.stdout)).toBe('1 passed, 0 failed');
    expect(lastLine(filtered.stderr)).toBe(`Test record: ${RECORD} not updated (not recorded: hook (--filter run))`);
    expect(readFileSync(join(dir, RECORD), 'utf8')).toBe(before);
    expect(await statuses(dir)).toEqual({ hook: 'untested', tag: 'tested' });

    // Testing one function by name is a full run of it, and keeps the other's entry as it was.
    const named = await runCli(['test', 'hook'], { cwd: dir });
    expect(lastLine(named.stderr)).toBe(`Test record: ${RECORD} (1 function passed)`);
    const after = readRecord(dir);
    expect(after.functions.tag).toEqual(record.functions.tag);
    expect(after.functions.hook.digest).not.toBe(record.functions.hook.digest);
    expect(await statuses(dir)).toEqual({ hook: 'tested', tag: 'tested' });
  }, SPAWNS_MS);

  it('a failing case records failed, from a --filter run too, and the function reads as failing', async () => {
    const dir = project();
    await runCli(['test'], { cwd: dir });
    writeFileSync(join(dir, 'hook/tests/cases.yaml'), QUIET_CASES.replace('Unsupported Event Type', 'Retry'));
    const filtered = await runCli(['test', '--filter', 'page call'], { cwd: dir });
    expect(filtered.code).toBe(1);
    // tag has no case named like that: it ran nothing, so its entry stays.
    expect(lastLine(filtered.stderr)).toBe(`Test record: ${RECORD} (1 function failed)`);
    expect(readRecord(dir).functions.hook).toMatchObject({ result: 'failed', cases: { passed: 0, failed: 1, skipped: 0 } });
    expect(await statuses(dir)).toEqual({ hook: 'failing', tag: 'tested' });
  }, SPAWNS_MS);

  it('--no-record writes and prints nothing about the record; --json - keeps stdout to the JSON report', async () => {
    const dir = project();
    const skipped = await runCli(['test', '--no-record'], { cwd: dir });
    expect(skipped.code).toBe(0);
    expect(skipped.stderr).toBe('');
    expect(existsSync(join(dir, '.fnsync'))).toBe(false);
    const json = await runCli(['test', '--json', '-'], { cwd: dir });
    expect(JSON.parse(json.stdout)).toMatchObject({ passed: 3, failed: 0 });
    expect(lastLine(json.stderr)).toBe(`Test record: ${RECORD} (2 functions passed)`);
  }, SPAWNS_MS);

  it('a damaged record: the report is still printed, then an error naming the file, exit 1', async () => {
    const dir = project();
    await runCli(['test', 'tag'], { cwd: dir });
    writeFileSync(join(dir, RECORD), '{"version": 1, "functions": {"tag": {"result": "passed"}}}');
    const r = await runCli(['test', 'hook'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(lastLine(r.stdout)).toBe('2 passed, 0 failed');
    expect(r.stderr).toContain(`${RECORD} functions.tag.digest: expected "sha256:" and 64 hex digits`);
    expect(lastLine(r.stderr)).toBe(`error: ${RECORD} is not a valid fnsync test record`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  }, SPAWNS_MS);

  it('--watch records after every run, and writing the record does not start another run', async () => {
    const dir = project();
    const child = spawn(process.execPath, [BIN, 'test', 'hook', '--watch'], { cwd: dir, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const exited = new Promise((resolveExit) => child.on('close', resolveExit));
    const waitFor = (text: string) =>
      new Promise<void>((resolveWait, reject) => {
        const check = () => {
          if (stderr.includes(text)) {
            child.stderr.off('data', check);
            child.off('close', check);
            resolveWait();
          } else if (child.exitCode !== null) reject(new Error(`fnsync exited before ${JSON.stringify(text)}:\n${stdout}\n${stderr}`));
        };
        child.stderr.on('data', check);
        child.on('close', check);
        check();
      });
    try {
      await waitFor(`Test record: ${RECORD} (1 function passed)`);
      expect(readRecord(dir).functions.hook.result).toBe('passed');
      writeFileSync(join(dir, 'hook/tests/cases.yaml'), QUIET_CASES.replace('Unsupported Event Type', 'Retry'));
      await waitFor(`Test record: ${RECORD} (1 function failed)`);
      expect(readRecord(dir).functions.hook.result).toBe('failed');
      // One run at start and one for the edit: a run that re-triggered itself through the record would show more.
      expect(stdout.match(/^\d+ passed, \d+ failed$/gm)).toEqual(['2 passed, 0 failed', '1 passed, 1 failed']);
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
  }, SPAWNS_MS);
});
