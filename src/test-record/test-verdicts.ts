// What plan and apply ask before rolling code out: has exactly this code, with these fixtures and settings, passed
// its tests? Reads the record and digests the config; runs no function code and starts nothing.
import type { Config } from '../config/types.js';
import { functionDigest } from './function-digest.js';
import { readTestRecord, recordLocation } from './record-file.js';

/** One function's standing: `tested` only when a passing run is recorded for its current digest. */
export interface TestVerdict {
  status: 'tested' | 'failing' | 'untested';
  /** The function's digest now, to show or compare with the record. */
  digest: string;
}

/** Options for `readTestVerdicts`. */
export interface ReadTestVerdictsOptions {
  /** The record to read (plan/apply `--test-results FILE`): absolute, or relative to the config's rootDir. */
  file?: string;
}

/** The verdict of every function in the config, by local name. A missing record file means all are untested. */
export async function readTestVerdicts(config: Config, options: ReadTestVerdictsOptions = {}): Promise<Record<string, TestVerdict>> {
  const record = await readTestRecord(recordLocation(config.rootDir, options.file));
  const verdicts: Record<string, TestVerdict> = Object.create(null);
  const digests = await Promise.all(config.functions.map((fn) => functionDigest(fn, config.rootDir)));
  config.functions.forEach((fn, i) => {
    const digest = digests[i]!;
    const entry = record && Object.hasOwn(record.functions, fn.name) ? record.functions[fn.name] : undefined;
    // An entry for other code, fixtures or settings says nothing about this code: untested, not failing.
    const status = entry?.digest !== digest ? 'untested' : entry.result === 'passed' ? 'tested' : 'failing';
    verdicts[fn.name] = { status, digest };
  });
  return verdicts;
}
