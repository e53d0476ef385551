// The record file: written whole and merged, so one function's run keeps the others' entries; a damaged or foreign
// file is a UserError naming the file and the field, never a crash and never half-trusted.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../../src/errors.js';
import { parseTestRecord } from '../../../src/test-record/parse-test-record.js';
import { readTestRecord, recordLocation, writeTestRecord } from '../../../src/test-record/record-file.js';
import { TEST_RECORD_FILE, type TestRecordEntry } from '../../../src/test-record/test-record-types.js';
import { useTempDirs } from '../../helpers/temp-dirs.js';

const tempDir = useTempDirs();

const entry = (digit: string, result: TestRecordEntry['result'] = 'passed'): TestRecordEntry => ({
  digest: `sha256:${digit.repeat(64)}`,
  result,
  cases: { passed: 2, failed: result === 'failed' ? 1 : 0, skipped: 0 },
  recordedAt: '2024-05-01T10:00:00.000Z',
});

/** The UserError `fn` throws, with its problems formatted the way the CLI prints them. */
function userError(fn: () => unknown): { message: string; problems: string[] } {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(UserError);
    const e = err as UserError;
    return { message: e.message, problems: e.problems.map((p) => `${p.file} ${p.path ?? ''}: ${p.message}`) };
  }
  throw new Error('expected a UserError');
}

describe('the record file', () => {
  it('lives at .fnsync/test-results.json under the rootDir unless another file is given', () => {
    expect(recordLocation('/p/project')).toEqual({ path: '/p/project/.fnsync/test-results.json', shown: TEST_RECORD_FILE, rootDir: '/p/project' });
    expect(recordLocation('/p/project', 'out/results.json').path).toBe('/p/project/out/results.json');
    expect(recordLocation('/p/project', '/tmp/r.json').path).toBe('/tmp/r.json');
  });

  it('a missing file reads as no record', async () => {
    expect(await readTestRecord(recordLocation(tempDir()))).toBeUndefined();
  });

  it('is written as version 1 JSON, creating .fnsync/, functions sorted by name, no temp file left', async () => {
    const dir = tempDir();
    await writeTestRecord(recordLocation(dir), { zeta: entry('a'), alpha: entry('b', 'failed') });
    const text = readFileSync(join(dir, TEST_RECORD_FILE), 'utf8');
    expect(JSON.parse(text)).toEqual({ version: 1, functions: { alpha: entry('b', 'failed'), zeta: entry('a') } });
    expect(Object.keys(JSON.parse(text).functions)).toEqual(['alpha', 'zeta']);
    expect(readdirSync(join(dir, '.fnsync'))).toEqual(['test-results.json']);
  });

  it('merges: a later write replaces the entries it carries and keeps every other one', async () => {
    const dir = tempDir();
    const at = recordLocation(dir);
    await writeTestRecord(at, { a: entry('1'), b: entry('2') });
    await writeTestRecord(at, { b: entry('3', 'failed'), c: entry('4') });
    expect((await readTestRecord(at))!.functions).toEqual({ a: entry('1'), b: entry('3', 'failed'), c: entry('4') });
  });

  it('refuses to merge into a damaged record, leaving it as it was', async () => {
    const dir = tempDir({ [TEST_RECORD_FILE]: '{"version": 1, "functions": ' });
    await expect(writeTestRecord(recordLocation(dir), { a: entry('1') })).rejects.toThrow(`${TEST_RECORD_FILE} is not a valid fnsync test record`);
    expect(readFileSync(join(dir, TEST_RECORD_FILE), 'utf8')).toBe('{"version": 1, "functions": ');
  });

  it('.fnsync being a file: no record to read, and writing is a UserError naming the file', async () => {
    const dir = tempDir({ '.fnsync': 'a file, not a directory' });
    expect(await readTestRecord(recordLocation(dir))).toBeUndefined();
    await expect(writeTestRecord(recordLocation(dir), { a: entry('1') })).rejects.toThrow(
      'cannot write .fnsync/test-results.json: a part of its path is not a directory',
    );
    expect(readFileSync(join(dir, '.fnsync'), 'utf8')).toBe('a file, not a directory');
  });
});

describe('parseTestRecord', () => {
  const valid = { version: 1, functions: { hook: entry('c') } };
  const withEntry = (patch: Record<string, unknown>) => JSON.stringify({ version: 1, functions: { hook: { ...entry('c'), ...patch } } });

  it('reads a valid record, ignoring keys it does not know', () => {
    expect(parseTestRecord(JSON.stringify({ ...valid, note: 'x' }), 'r.json')).toEqual(valid);
  });

  it.each([
    ['not JSON', '{"version": 1,', ' : not JSON'],
    ['an array', '[]', ' : expected a JSON object'],
    ['no version', '{"functions": {}}', ' version: missing "version": 1'],
    ['a newer format', '{"version": 2, "functions": {}}', ' version: format version 2; this fnsync reads version 1'],
    ['functions not an object', '{"version": 1, "functions": []}', ' functions: expected an object of functions'],
    ['an entry not an object', '{"version": 1, "functions": {"hook": "passed"}}', ' functions.hook: expected an object'],
    ['a digest in another format', withEntry({ digest: 'md5:abc' }), ' functions.hook.digest: expected "sha256:" and 64 hex digits'],
    ['an unknown result', withEntry({ result: 'tested' }), ' functions.hook.result: expected "passed" or "failed"'],
    ['a negative count', withEntry({ cases: { passed: -1, failed: 0, skipped: 0 } }), ' functions.hook.cases: expected { passed, failed, skipped } counts'],
    ['a time that is not one', withEntry({ recordedAt: 'yesterday' }), ' functions.hook.recordedAt: expected an ISO 8601 time'],
  ])('%s is a UserError naming the file and the field', (_what, text, problem) => {
    const e = userError(() => parseTestRecord(text, '.fnsync/test-results.json'));
    expect(e.message).toBe('.fnsync/test-results.json is not a valid fnsync test record');
    expect(e.problems).toHaveLength(1);
    expect(e.problems[0]).toContain(`.fnsync/test-results.json${problem}`);
  });

  it('a function named like an Object member finds no entry it does not have', () => {
    const record = parseTestRecord(JSON.stringify(valid), 'r.json');
    expect(Object.hasOwn(record.functions, 'constructor')).toBe(false);
    expect(record.functions['constructor' as string]).toBeUndefined();
  });
});

describe('readTestRecord on an unreadable file', () => {
  it('a directory where the file should be is a UserError naming it', async () => {
    const dir = tempDir({ [`${TEST_RECORD_FILE}/x`]: '' });
    await expect(readTestRecord(recordLocation(dir))).rejects.toThrow(`cannot read the test record ${TEST_RECORD_FILE}: EISDIR`);
  });
});
