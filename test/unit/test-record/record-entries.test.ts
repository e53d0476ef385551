// Which functions a run may vouch for: `passed` only for a full run of a function in which every case that ran
// passed; a failure is recorded however the cases were chosen; nothing for a function that ran no case.
import { describe, expect, it } from 'vitest';
import { ONLY_SKIP_REASON, type CaseReport, type FunctionReport, type TestReport } from '../../../src/runtime/fixtures/fixture-types.js';
import { recordEntries, type RecordEntriesOptions } from '../../../src/test-record/record-entries.js';

const DIGEST = `sha256:${'e'.repeat(64)}`;

function c(status: CaseReport['status'], skipReason?: string): CaseReport {
  return { name: `${status} case`, status, durationMs: 1, location: 'x.yaml:2', failures: [], ...(skipReason ? { skipReason } : {}) };
}

function report(functions: Record<string, CaseReport[]>): TestReport {
  const list: FunctionReport[] = Object.entries(functions).map(([name, cases]) => ({ name, files: [], cases, warnings: [] }));
  return { functions: list, passed: 0, failed: 0, skipped: 0, durationMs: 0 };
}

const options = (names: string[], extra: Partial<RecordEntriesOptions> = {}): RecordEntriesOptions => ({
  filtered: false,
  digests: new Map(names.map((n) => [n, DIGEST])),
  recordedAt: '2024-05-01T10:00:00.000Z',
  ...extra,
});

describe('recordEntries', () => {
  it('a full run where every case that ran passed records passed, with the counts; skip: cases do not prevent it', () => {
    const { entries, notRecorded } = recordEntries(report({ hook: [c('passed'), c('passed'), c('skipped', 'later')] }), options(['hook']));
    expect(entries).toEqual({ hook: { digest: DIGEST, result: 'passed', cases: { passed: 2, failed: 0, skipped: 1 }, recordedAt: '2024-05-01T10:00:00.000Z' } });
    expect(notRecorded).toEqual([]);
  });

  it('one failing case records failed', () => {
    const { entries } = recordEntries(report({ hook: [c('passed'), c('failed')] }), options(['hook']));
    expect(entries.hook).toMatchObject({ result: 'failed', cases: { passed: 1, failed: 1, skipped: 0 } });
  });

  it('a function that ran no case records nothing: no fixture files, or every case skipped', () => {
    const { entries, notRecorded } = recordEntries(report({ empty: [], skipped: [c('skipped')], ok: [c('passed')] }), options(['empty', 'skipped', 'ok']));
    expect(Object.keys(entries)).toEqual(['ok']);
    expect(notRecorded).toEqual([
      { name: 'empty', reason: 'no-cases-ran' },
      { name: 'skipped', reason: 'no-cases-ran' },
    ]);
  });

  it('a --filter run records no pass, but does record a failure', () => {
    const { entries, notRecorded } = recordEntries(report({ ok: [c('passed')], bad: [c('failed')] }), options(['ok', 'bad'], { filtered: true }));
    expect(Object.keys(entries)).toEqual(['bad']);
    expect(entries.bad!.result).toBe('failed');
    expect(notRecorded).toEqual([{ name: 'ok', reason: 'filtered' }]);
  });

  it('cases skipped because another case is marked only: no pass, but a failure is recorded', () => {
    const r = report({ focused: [c('passed'), c('skipped', ONLY_SKIP_REASON)], broken: [c('failed'), c('skipped', ONLY_SKIP_REASON)] });
    const { entries, notRecorded } = recordEntries(r, options(['focused', 'broken']));
    expect(Object.keys(entries)).toEqual(['broken']);
    expect(notRecorded).toEqual([{ name: 'focused', reason: 'only' }]);
  });

  it('a function whose digest changed during the run records nothing, pass or fail', () => {
    const { entries, notRecorded } = recordEntries(report({ ok: [c('passed')], bad: [c('failed')] }), options([]));
    expect(entries).toEqual({});
    expect(notRecorded).toEqual([
      { name: 'ok', reason: 'changed' },
      { name: 'bad', reason: 'changed' },
    ]);
  });
});
