// recordTestRun: the digest taken before a run must still hold after it, or the run is not recorded (a fixture saved
// mid-run was not what ran); only the functions in the run's report get entries.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TestReport } from '../../../src/runtime/fixtures/fixture-types.js';
import { digestFunctions, recordTestRun } from '../../../src/test-record/record-test-run.js';
import { TEST_RECORD_FILE } from '../../../src/test-record/test-record-types.js';
import { useTempDirs } from '../../helpers/temp-dirs.js';
import { config, fixture, fn } from './builders.js';

const tempDir = useTempDirs();
const NOW = new Date('2024-05-01T10:00:00.000Z');

/** A report in which each named function ran one passing case. */
const passed = (...names: string[]): TestReport => ({
  functions: names.map((name) => ({ name, files: [], warnings: [], cases: [{ name: 'c', status: 'passed', durationMs: 1, location: 'x:1', failures: [] }] })),
  passed: names.length,
  failed: 0,
  skipped: 0,
  durationMs: 1,
});

describe('recordTestRun', () => {
  it('records the functions of the report with the digest taken before the run', async () => {
    const dir = tempDir({ 'a/tests/t.yaml': fixture('a1'), 'b/tests/t.yaml': fixture('b1') });
    const cfg = config(dir, [fn(dir, 'a'), fn(dir, 'b')]);
    const before = await digestFunctions(cfg.functions, dir);
    const result = await recordTestRun(cfg, passed('a'), { before, filtered: false, now: NOW });
    expect(result).toMatchObject({ file: TEST_RECORD_FILE, path: join(dir, TEST_RECORD_FILE), written: true, passed: ['a'], failed: [], notRecorded: [] });
    const record = JSON.parse(readFileSync(join(dir, TEST_RECORD_FILE), 'utf8'));
    expect(record.functions).toEqual({ a: { digest: before.get('a'), result: 'passed', cases: { passed: 1, failed: 0, skipped: 0 }, recordedAt: NOW.toISOString() } });
  });

  it('a fixture edited during the run: that function is not recorded, and nothing is written when none is left', async () => {
    const dir = tempDir({ 'a/tests/t.yaml': fixture('a1') });
    const cfg = config(dir, [fn(dir, 'a')]);
    const before = await digestFunctions(cfg.functions, dir);
    writeFileSync(join(dir, 'a/tests/t.yaml'), fixture('a1', 'a2'));
    const result = await recordTestRun(cfg, passed('a'), { before, filtered: false, now: NOW });
    expect(result).toMatchObject({ written: false, passed: [], notRecorded: [{ name: 'a', reason: 'changed' }] });
    expect(existsSync(join(dir, '.fnsync'))).toBe(false);
  });

  it('writes to another file when given one', async () => {
    const dir = tempDir({ 'a/tests/t.yaml': fixture('a1') });
    const cfg = config(dir, [fn(dir, 'a')]);
    const before = await digestFunctions(cfg.functions, dir);
    await recordTestRun(cfg, passed('a'), { before, filtered: false, now: NOW, file: 'ci/results.json' });
    expect(JSON.parse(readFileSync(join(dir, 'ci/results.json'), 'utf8')).functions.a.result).toBe('passed');
    expect(existsSync(join(dir, TEST_RECORD_FILE))).toBe(false);
  });
});
