// Reads a record file's text strictly enough that a damaged or foreign file is reported, never half-trusted:
// the record decides whether apply may roll code out.
import { UserError } from '../errors.js';
import type { TestRecord, TestRecordEntry } from './test-record-types.js';

const DIGEST = /^sha256:[0-9a-f]{64}$/;
const HINT = 'fnsync test writes this file; delete it and run `fnsync test` again to write a new one';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 0;

/** Parses and checks a record; any problem is a UserError naming `file` and the field. Unknown keys are ignored. */
export function parseTestRecord(text: string, file: string): TestRecord {
  const fail = (message: string, path?: string): never => {
    throw new UserError(`${file} is not a valid fnsync test record`, [{ file, path, message, hint: HINT }]);
  };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    return fail(`not JSON (${(err as Error).message})`);
  }
  if (!isObject(data)) return fail('expected a JSON object');
  if (data.version !== 1) {
    return fail(typeof data.version === 'number' ? `format version ${data.version}; this fnsync reads version 1` : 'missing "version": 1', 'version');
  }
  if (!isObject(data.functions)) return fail('expected an object of functions', 'functions');
  // A null-prototype object: a function named like an Object.prototype member must not find one.
  const functions: Record<string, TestRecordEntry> = Object.create(null);
  for (const [name, entry] of Object.entries(data.functions)) {
    const path = `functions.${name}`;
    if (!isObject(entry)) return fail('expected an object', path);
    if (typeof entry.digest !== 'string' || !DIGEST.test(entry.digest)) fail('expected "sha256:" and 64 hex digits', `${path}.digest`);
    if (entry.result !== 'passed' && entry.result !== 'failed') fail('expected "passed" or "failed"', `${path}.result`);
    const cases = entry.cases;
    if (!isObject(cases) || !isCount(cases.passed) || !isCount(cases.failed) || !isCount(cases.skipped)) {
      fail('expected { passed, failed, skipped } counts', `${path}.cases`);
    }
    if (typeof entry.recordedAt !== 'string' || Number.isNaN(Date.parse(entry.recordedAt))) fail('expected an ISO 8601 time', `${path}.recordedAt`);
    functions[name] = entry as unknown as TestRecordEntry;
  }
  return { version: 1, functions };
}
