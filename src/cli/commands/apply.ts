// `fnsync apply [plan.json]`: makes exactly the changes of a plan. Without a file it plans, shows the
// plan and asks (on a terminal, only `yes` approves; elsewhere --auto-approve is required). With a
// file it first refuses a plan made for another workspace or config, or whose resources changed.
// Before the first write it checks the test record and every variable it must send.
import type { Command } from 'commander';
import type { Plan } from '../../plan/types.js';
import type { CliContext } from '../output.js';
import type { CommandRunner } from './index.js';
import { addPlanFlags, type PlanFlags } from './plan.js';

interface ApplyFlags extends PlanFlags {
  autoApprove?: boolean;
}

/** Adds `fnsync apply`. */
export function register(program: Command, run: CommandRunner): void {
  addPlanFlags(
    program
      .command('apply')
      .description('make the workspace match fnsync.yaml (or apply a plan saved with fnsync plan --out)')
      .argument('[plan-file]', 'a plan saved by fnsync plan --out; applied exactly, or refused if stale'),
  )
    .option('--auto-approve', 'do not ask for approval (required when there is no terminal)')
    .option('--json', 'print the plan and the result as one JSON document on stdout, also on error (text goes to stderr)')
    .addHelpText('after', '\nExit codes: 0 applied (or nothing to do); 1 any error, a refusal, or any step that failed.')
    .action((planFile: string | undefined, options: ApplyFlags) => run((ctx) => runApply(ctx, planFile, options), { json: options.json }));
}

async function runApply(ctx: CliContext, planFile: string | undefined, options: ApplyFlags): Promise<number> {
  const { openPlanSession } = await import('../plan-session.js');
  const { buildPlan } = await import('../../plan/build-plan.js');
  const { configDigest } = await import('../../plan/fingerprint.js');
  const { checkNotStale, checkTested, checkVariables } = await import('../../apply/preflight.js');
  const { printPlan } = await import('./plan.js');
  const { UserError } = await import('../../errors.js');
  if (planFile && (options.target?.length || options.refreshSecrets)) {
    // A saved plan is applied exactly as reviewed; re-scoping it here would apply something nobody saw.
    throw new UserError(`${options.target?.length ? '--target' : '--refresh-secrets'} cannot be used with a saved plan: it is applied exactly as it was made; pass it to fnsync plan --out instead (nothing was changed)`);
  }
  const { githubContextFor } = await import('../github-report.js');
  const github = await githubContextFor(ctx, options.githubComment, 'apply');
  const saved = planFile ? await readPlanFile(ctx, planFile) : undefined;
  const session = await openPlanSession(ctx, options);
  let shown: Plan | undefined = saved;
  try {
    const text = options.json ? ctx.stderr : ctx.stdout;
    let plan: Plan;
    if (saved) {
      checkNotStale(saved, { snapshot: session.snapshot, configDigest: configDigest(session.config), configFile: options.config ?? 'fnsync.yaml' });
      plan = saved;
    } else plan = buildPlan(session.config, session.input);
    shown = plan;
    await printPlan(ctx, plan, options.diffContext, text);
    // A saved plan made without --skip-tests prints no such warning itself: say it for this apply.
    if (saved && options.skipTests && !saved.skipTests) ctx.stderr('Warning: --skip-tests: code is rolled out without checking the fnsync test record.');
    if (plan.errors.length > 0) throw new UserError('the plan has problems (above); nothing was changed');
    if (plan.changes.length === 0) return finish(ctx, options, plan, undefined, github);
    checkTested(plan, session.testStatus, Boolean(options.skipTests || plan.skipTests));
    checkVariables(plan, ctx.env);
    if (!saved) {
      const { confirmApply } = await import('../confirm.js');
      if (!(await confirmApply(Boolean(options.autoApprove)))) {
        ctx.stderr('Apply cancelled: only the answer yes approves. Nothing was changed.');
        return 1;
      }
    }
    const { executePlan } = await import('../../apply/execute-plan.js');
    const { applyProgress } = await import('../apply-progress.js');
    const progress = applyProgress(ctx);
    // Credential-looking literals are not copied into plans: they are read here from fnsync.yaml (pinned by its digest).
    const configValue = (r: import('../../plan/types.js').ConfigLiteralRef) =>
      session.config.functions.find((f) => f.name === r.function)?.instances.find((i) => i.name === r.instance)?.settings[r.setting];
    const result = await executePlan(plan, { api: session.opened.api, env: ctx.env, onEvent: progress.onEvent, configValue });
    progress.done();
    return finish(ctx, options, plan, result, github);
  } catch (err) {
    // A refusal (stale plan, untested code, missing variables, plan problems) is the apply's result too.
    const { FnsyncError } = await import('../../errors.js');
    if (shown && err instanceof FnsyncError) {
      const { reportApplyRefused, reportSafely } = await import('../github-report.js');
      const refused = shown;
      await reportSafely(ctx, () => reportApplyRefused(ctx, refused, err.message, github));
    }
    throw err;
  } finally {
    await session.close();
  }
}

async function finish(
  ctx: CliContext,
  options: ApplyFlags,
  plan: Plan,
  result: import('../../apply/execute-plan.js').ApplyResult | undefined,
  github: import('../../github/index.js').ActionsContext | undefined,
): Promise<number> {
  const { renderApplyText, applyOutcome } = await import('../../render/apply-text.js');
  const { reportApply, reportSafely } = await import('../github-report.js');
  const outcome = applyOutcome(plan, result);
  if (options.json) ctx.stdout(JSON.stringify({ ok: outcome.ok, formatVersion: 1, plan, result: outcome }, null, 2));
  // With nothing to do, the plan's own last line (`No changes. ...`) is the last word.
  else if (result) ctx.stdout(renderApplyText(outcome).join('\n'));
  await reportSafely(ctx, () => reportApply(ctx, plan, outcome, github, options.diffContext ?? 3));
  return outcome.ok ? 0 : 1;
}

async function readPlanFile(ctx: CliContext, file: string): Promise<Plan> {
  const { readFile } = await import('node:fs/promises');
  const { resolve } = await import('node:path');
  const { UserError } = await import('../../errors.js');
  const { checkPlanDocument } = await import('../plan-file.js');
  let text: string;
  try {
    text = await readFile(resolve(ctx.cwd, file), 'utf8');
  } catch (err) {
    throw new UserError(`cannot read the plan file ${file} (${(err as NodeJS.ErrnoException).code ?? 'unknown error'})`);
  }
  return checkPlanDocument(text, file);
}
