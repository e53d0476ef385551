// Ties a `fnsync test` run to the record: digests taken before the run are checked again after it, so a file saved
// mid-run (common under --watch) cannot be recorded as tested when the run saw its older content.
import type { Config, FunctionDefinition } from '../config/types.js';
import type { TestReport } from '../runtime/fixtures/fixture-types.js';
import { functionDigest } from './function-digest.js';
import { recordLocation, writeTestRecord } from './record-file.js';
import { recordEntries, type NotRecordedReason } from './record-entries.js';

/** Digests of the functions about to be tested, by name; taken before the run starts. */
export async function digestFunctions(functions: readonly FunctionDefinition[], rootDir: string): Promise<Map<string, string>> {
  const digests = await Promise.all(functions.map((fn) => functionDigest(fn, rootDir)));
  return new Map(functions.map((fn, i) => [fn.name, digests[i]!]));
}

/** How the run was made, and where to record it. */
export interface RecordTestRunOptions {
  /** From `digestFunctions`, before the run. */
  before: ReadonlyMap<string, string>;
  filtered: boolean;
  now: Date;
  /** The record file (absolute, or relative to the config's rootDir); default TEST_RECORD_FILE. */
  file?: string;
}

/** What was recorded: the file (unwritten when no function earned an entry), and who was left out and why. */
export interface RecordTestRunResult {
  /** As given, relative to the config's rootDir unless absolute. */
  file: string;
  /** Absolute path. */
  path: string;
  written: boolean;
  passed: string[];
  failed: string[];
  notRecorded: { name: string; reason: NotRecordedReason }[];
}

/** Writes the run's entries into the record (merged with the entries of functions this run did not test). */
export async function recordTestRun(config: Config, report: TestReport, options: RecordTestRunOptions): Promise<RecordTestRunResult> {
  const tested = config.functions.filter((fn) => report.functions.some((r) => r.name === fn.name));
  const after = await digestFunctions(tested, config.rootDir);
  const stable = new Map([...after].filter(([name, digest]) => options.before.get(name) === digest));
  const { entries, notRecorded } = recordEntries(report, { filtered: options.filtered, digests: stable, recordedAt: options.now.toISOString() });
  const location = recordLocation(config.rootDir, options.file);
  const names = Object.keys(entries);
  if (names.length > 0) await writeTestRecord(location, entries);
  return {
    file: location.shown,
    path: location.path,
    written: names.length > 0,
    passed: names.filter((n) => entries[n]!.result === 'passed'),
    failed: names.filter((n) => entries[n]!.result === 'failed'),
    notRecorded,
  };
}
