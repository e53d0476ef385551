// Reading and writing the record file. Written atomically and merged, so testing one function keeps the others'
// entries and an interrupted write never leaves half a file for apply to misread.
import { mkdir, readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { UserError } from '../errors.js';
import { writeReportFile } from '../runtime/write-report-file.js';
import { parseTestRecord } from './parse-test-record.js';
import { TEST_RECORD_FILE, type TestRecord, type TestRecordEntry } from './test-record-types.js';

/** A record file: where it is, and how messages name it. */
export interface RecordLocation {
  /** Absolute path. */
  path: string;
  /** As given (`.fnsync/test-results.json` by default), for messages. */
  shown: string;
  /** What `shown` is relative to. */
  rootDir: string;
}

/** The record file of a project: `file` (absolute, or relative to `rootDir`) or TEST_RECORD_FILE under `rootDir`. */
export function recordLocation(rootDir: string, file?: string): RecordLocation {
  const shown = file ?? TEST_RECORD_FILE;
  return { path: resolve(rootDir, shown), shown, rootDir };
}

/** The record, or undefined when there is none yet (nothing has been tested); a damaged file is a UserError. */
export async function readTestRecord(location: RecordLocation): Promise<TestRecord | undefined> {
  let text: string;
  try {
    text = await readFile(location.path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    // No file, or a path part that is no directory: either way there is no record yet.
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw new UserError(`cannot read the test record ${location.shown}: ${code ?? (err as Error).message}`);
  }
  return parseTestRecord(text, location.shown);
}

/**
 * Replaces the entries of the functions in `entries` and keeps every other entry; resolves to the record written.
 * Two runs writing at once: the later write wins whole, so an entry can be lost (that function reads as untested,
 * the safe side), never corrupted.
 */
export async function writeTestRecord(location: RecordLocation, entries: Record<string, TestRecordEntry>): Promise<TestRecord> {
  const existing = await readTestRecord(location);
  const merged: Record<string, TestRecordEntry> = Object.create(null);
  for (const [name, entry] of Object.entries({ ...existing?.functions, ...entries })) merged[name] = entry;
  // Sorted, so the file diffs cleanly and does not depend on which function finished first.
  const functions: Record<string, TestRecordEntry> = Object.create(null);
  for (const name of Object.keys(merged).sort()) functions[name] = merged[name]!;
  const record: TestRecord = { version: 1, functions };
  // A directory that cannot be made surfaces as the write's own error, which names the file.
  await mkdir(dirname(location.path), { recursive: true }).catch(() => undefined);
  await writeReportFile(location.rootDir, location.shown, `${JSON.stringify(record, null, 2)}\n`);
  return record;
}
