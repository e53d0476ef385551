// Which functions a finished `fnsync test` run may vouch for. Pure, so the rules that gate rollout are tested alone.
import { ONLY_SKIP_REASON, type FunctionReport, type TestReport } from '../runtime/fixtures/fixture-types.js';
import type { TestRecordEntry } from './test-record-types.js';

/** Why a function in the run gets no entry: its earlier entry, if any, stays as it was. */
export type NotRecordedReason =
  | 'no-cases-ran' // no fixture files, or every case skipped
  | 'filtered' // all that ran passed, but --filter chose the cases
  | 'only' // all that ran passed, but `only:` elsewhere skipped some of its cases
  | 'changed'; // its code or fixtures changed while the run was going on

/** The entries to write, and the functions left out with why. */
export interface RecordEntriesResult {
  entries: Record<string, TestRecordEntry>;
  notRecorded: { name: string; reason: NotRecordedReason }[];
}

/** How the run was made. */
export interface RecordEntriesOptions {
  /** The run used --filter: a pass then covers only some cases, a failure is still a failure of this code. */
  filtered: boolean;
  /** Each function's digest, present only when it was the same before and after the run. */
  digests: ReadonlyMap<string, string>;
  recordedAt: string;
}

/** Decides each function's entry: `passed` only for a full run where every case that ran passed. */
export function recordEntries(report: TestReport, options: RecordEntriesOptions): RecordEntriesResult {
  const result: RecordEntriesResult = { entries: Object.create(null), notRecorded: [] };
  for (const fn of report.functions) {
    const cases = count(fn);
    const digest = options.digests.get(fn.name);
    const reason = notRecordedReason(fn, cases, options.filtered, digest !== undefined);
    if (reason === undefined && digest !== undefined) {
      result.entries[fn.name] = { digest, result: cases.failed > 0 ? 'failed' : 'passed', cases, recordedAt: options.recordedAt };
    } else result.notRecorded.push({ name: fn.name, reason: reason ?? 'changed' });
  }
  return result;
}

function notRecordedReason(fn: FunctionReport, cases: TestRecordEntry['cases'], filtered: boolean, stable: boolean): NotRecordedReason | undefined {
  if (cases.passed + cases.failed === 0) return 'no-cases-ran';
  if (!stable) return 'changed';
  if (cases.failed > 0) return undefined;
  if (filtered) return 'filtered';
  if (fn.cases.some((c) => c.status === 'skipped' && c.skipReason === ONLY_SKIP_REASON)) return 'only';
  return undefined;
}

function count(fn: FunctionReport): TestRecordEntry['cases'] {
  const n = (status: string) => fn.cases.filter((c) => c.status === status).length;
  return { passed: n('passed'), failed: n('failed'), skipped: n('skipped') };
}
