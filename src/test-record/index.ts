// The public surface of src/test-record: what `fnsync test` writes and what plan and apply read. Loads no runtime
// worker and no SDK, so a command holding an API token can import it without running any function code.
export { functionDigest } from './function-digest.js';
export { readTestVerdicts, type ReadTestVerdictsOptions, type TestVerdict } from './test-verdicts.js';
export { readTestRecord, recordLocation, writeTestRecord, type RecordLocation } from './record-file.js';
export { digestFunctions, recordTestRun, type RecordTestRunOptions, type RecordTestRunResult } from './record-test-run.js';
export type { NotRecordedReason } from './record-entries.js';
export { TEST_RECORD_FILE, type TestRecord, type TestRecordEntry } from './test-record-types.js';
