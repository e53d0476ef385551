// The job summary: GitHub shows the markdown appended to the file GITHUB_STEP_SUMMARY names on the run's
// page. Appended (each step may add its part), one block per command.
import { appendFile } from 'node:fs/promises';
import { GithubError } from '../errors.js';

/** GitHub's limit for one step's summary, in bytes. */
export const STEP_SUMMARY_LIMIT = 1024 * 1024;

/** Appends `markdown` to the summary file. */
export async function appendStepSummary(file: string, markdown: string): Promise<void> {
  try {
    await appendFile(file, `${markdown}\n\n`, 'utf8');
  } catch (err) {
    throw new GithubError(`cannot write the job summary GITHUB_STEP_SUMMARY=${file} (${(err as NodeJS.ErrnoException).code ?? 'unknown error'})`, undefined, { cause: err });
  }
}
