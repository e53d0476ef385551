// The config's warnings outside `fnsync validate`: one line on stderr, so test, plan and apply never pass over them
// silently, without repeating validate's full list on every run.
import type { Config } from '../config/types.js';
import type { CliContext } from './output.js';

/** Prints `warning: fnsync.yaml has N warnings: run fnsync validate to see them` when there are any. */
export async function noticeWarnings(ctx: CliContext, config: Config): Promise<void> {
  const { warningsNotice } = await import('../config/validate-report.js');
  const { relative } = await import('node:path');
  const notice = warningsNotice(config, relative(ctx.cwd, config.file) || config.file);
  if (notice) ctx.stderr(notice);
}
