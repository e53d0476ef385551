// The shape of `.fnsync/test-results.json`, shared by the writer (`fnsync test`) and the readers (plan, apply).

/** Where `fnsync test` writes its record, relative to the config's rootDir; CI passes this file between jobs. */
export const TEST_RECORD_FILE = '.fnsync/test-results.json';

/** What one function's last recorded run found, for exactly the code and fixtures named by `digest`. */
export interface TestRecordEntry {
  /** `functionDigest` of the function as it was tested. */
  digest: string;
  result: 'passed' | 'failed';
  cases: { passed: number; failed: number; skipped: number };
  /** ISO 8601. */
  recordedAt: string;
}

/** The whole record file (format version 1); entries are keyed by the function's local name. */
export interface TestRecord {
  version: 1;
  functions: Record<string, TestRecordEntry>;
}
