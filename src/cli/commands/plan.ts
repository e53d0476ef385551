// `fnsync plan`: what apply would change, computed from fnsync.yaml and one read of the workspace. It
// holds a read-only view of the client and runs no function code.
import { InvalidArgumentError, type Command } from 'commander';
import { useColor } from '../use-color.js';
import { addTargetFlags } from './target-flags.js';
import type { CliContext } from '../output.js';
import type { CommandRunner } from './index.js';

/** Flags of `fnsync plan`. */
export interface PlanFlags {
  config?: string;
  local?: boolean;
  region?: string;
  json?: boolean;
  out?: string;
  detailedExitcode?: boolean;
  target?: string[];
  refreshSecrets?: boolean;
  skipTests?: boolean;
  testResults?: string;
  /** Checked and converted while the arguments are parsed, so it fails the same way with or without --json. */
  diffContext?: number;
  githubComment?: boolean;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** The flags plan and apply share, added to a command. */
export function addPlanFlags(cmd: Command): Command {
  return addTargetFlags(cmd.option('-c, --config <file>', 'config file (default: fnsync.yaml in the current directory)'))
    .option('--target <name>', 'only this function and its instances (repeatable)', collect)
    .option('--refresh-secrets', 're-send every secret whose variable is set, even when its last 4 characters match')
    .option('--skip-tests', 'do not require a passing fnsync test record for code changes (the output says so)')
    .option('--test-results <file>', 'the test record to check (default: .fnsync/test-results.json beside fnsync.yaml)')
    .option('--diff-context <n>', 'lines of context around code changes (default 3)', parseContext)
    .option('--github-comment', "in GitHub Actions: also show the plan (apply: the result) as this workspace's one comment on the pull request");
}

/** Adds `fnsync plan`. */
export function register(program: Command, run: CommandRunner): void {
  addPlanFlags(program.command('plan').description('show what apply would change in the workspace (read-only; runs no function code)'))
    .option('--json', 'print the plan as one JSON document on stdout (schemas/plan.schema.json), also on error; text goes nowhere')
    .option('--out <file>', 'also save the plan to FILE, for `fnsync apply FILE` (holds no secret values)')
    .option('--detailed-exitcode', 'exit 0 for no changes, 2 for changes, 1 for any error')
    .addHelpText(
      'after',
      '\nExit codes: 0 success; 1 any error (a usage error too); with --detailed-exitcode, 2 when there are changes.\n' +
        'Secrets are never shown: with their variable set they are compared by their last 4 characters.\n' +
        'In GitHub Actions the plan also goes to the job summary (GITHUB_STEP_SUMMARY); --github-comment needs\n' +
        'GITHUB_TOKEN, GITHUB_REPOSITORY, GITHUB_EVENT_NAME and GITHUB_EVENT_PATH. A failed comment is a warning:\n' +
        'the exit code stays the plan\'s.',
    )
    .action((options: PlanFlags) => run((ctx) => runPlan(ctx, options), { json: options.json }));
}

async function runPlan(ctx: CliContext, options: PlanFlags): Promise<number> {
  const { openPlanSession } = await import('../plan-session.js');
  const { buildPlan } = await import('../../plan/build-plan.js');
  const { githubContextFor, reportPlan, reportSafely } = await import('../github-report.js');
  const github = await githubContextFor(ctx, options.githubComment, 'plan');
  const diffContext = options.diffContext ?? 3;
  const session = await openPlanSession(ctx, options);
  try {
    const plan = buildPlan(session.config, session.input);
    if (options.out) await writePlanFile(ctx, options.out, plan);
    // `ok` is on stdout only (every --json document has it); the saved plan file is the plan itself.
    if (options.json) ctx.stdout(JSON.stringify({ ok: plan.errors.length === 0, ...plan }, null, 2));
    else await printPlan(ctx, plan, options.diffContext);
    await reportSafely(ctx, () => reportPlan(ctx, plan, github, diffContext, options.out));
    if (plan.errors.length > 0) return 1;
    return options.detailedExitcode && plan.changes.length > 0 ? 2 : 0;
  } finally {
    await session.close();
  }
}

/** Prints the plan as text on stdout, colour only on a terminal and never with NO_COLOR. */
export async function printPlan(ctx: CliContext, plan: import('../../plan/types.js').Plan, diffContext: number | undefined, write = ctx.stdout): Promise<void> {
  const { renderPlanText } = await import('../../render/plan-text.js');
  const color = useColor(ctx);
  write(renderPlanText(plan, { color, diffContext: diffContext ?? 3 }).join('\n'));
}

/** Commander's parser for --diff-context: a usage error (exit 1, and the error document under --json) when wrong. */
export function parseContext(text: string): number {
  const n = Number(text);
  if (text.trim() === '' || !Number.isInteger(n) || n < 0 || n > 1000) {
    throw new InvalidArgumentError(`--diff-context must be a whole number from 0 to 1000, not '${text}'`);
  }
  return n;
}

async function writePlanFile(ctx: CliContext, file: string, plan: import('../../plan/types.js').Plan): Promise<void> {
  // The same writer as `fnsync types --out`: atomic, mode 0600, and a failure names the file, not a temp file.
  const { writeReportFile } = await import('../../runtime/write-report-file.js');
  await writeReportFile(ctx.cwd, file, `${JSON.stringify(plan, null, 2)}\n`, { label: 'the plan file', mode: 0o600 });
  ctx.stderr(`Saved the plan to ${file}; apply exactly it with: npx fnsync apply ${file}`);
}
