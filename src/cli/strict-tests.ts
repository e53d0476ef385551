// `fnsync test` in strict mode (the default under CI; `--strict` locally, `--no-strict` to opt out): a
// run that proves less than it seems fails. A function with no fixture files, or a --filter that
// matches no case, is then an error, not a warning. Skipped cases are reported, never failures.
import { isCi } from '../api/target.js';
import type { TestReport } from '../runtime/fixtures/fixture-types.js';

/** Strict when asked, else when CI is set. */
export function isStrict(flag: boolean | undefined, env: Record<string, string | undefined>): boolean {
  return flag ?? isCi(env.CI);
}

/** What fails a strict run, one sentence each (none: the run stands as it is). */
export function strictFailures(report: TestReport, filter: string | undefined): string[] {
  const out = report.functions.filter((f) => f.files.length === 0).map((f) => `${f.name} has no fixture files: every function needs tests in strict mode`);
  if (filter !== undefined && report.passed + report.failed + report.skipped === 0) out.push(`--filter "${filter}" matches no case`);
  return out;
}
