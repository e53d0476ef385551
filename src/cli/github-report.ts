// `--github-comment` and the job summary for plan and apply: the plan (or apply result) rendered as
// markdown goes to GITHUB_STEP_SUMMARY whenever Actions sets it, and to the workspace's one comment
// on the pull request (apply on push: on the pull request(s) merged in the commit). A GitHub failure
// is a warning: the plan's own output and exit code stay what they would have been.
import { redact } from '../errors.js';
import { warningAnnotation } from '../github/annotations.js';
import type { ActionsContext } from '../github/index.js';
import type { ApplyOutcome } from '../render/apply-text.js';
import type { Plan } from '../plan/types.js';
import type { CliContext } from './output.js';

/** Reads the Actions context up front, so a missing variable fails before any work (a usage error). */
export async function githubContextFor(ctx: CliContext, wanted: boolean | undefined, purpose: 'plan' | 'apply'): Promise<ActionsContext | undefined> {
  if (!wanted) return undefined;
  const { readActionsContext } = await import('../github/index.js');
  return readActionsContext(ctx.env, purpose);
}

/**
 * Where the whole plan is, for the notice of a shortened comment or summary: the plan file (the fnsync
 * workflow uploads it as an artifact) when there is one, the job log, and (for the comment only) the job
 * summary. The summary never points to itself: it is shortened too when the plan is that long.
 */
function wholeAt(github: ActionsContext | undefined, env: CliContext['env'], planFile: string | undefined, forSummary: boolean): string {
  const run = github?.runUrl ?? runUrlOf(env);
  const file = planFile ? `the plan file \`${planFile.replace(/`/g, '')}\` (the fnsync workflow uploads it as an artifact of the run)` : '';
  const log = run ? `the ${forSummary ? '' : 'job summary and '}log of [this workflow run](${run})` : forSummary ? 'the job log' : 'the job summary and the job log';
  return file ? `${file}, and ${log}` : log;
}

function runUrlOf(env: CliContext['env']): string | undefined {
  const server = env.GITHUB_SERVER_URL?.replace(/\/+$/, '');
  return server && env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID ? `${server}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}` : undefined;
}

/** A scheduled or manual run checks for drift; anything else shows a plan. */
function purposeOf(env: CliContext['env']): 'plan' | 'drift' {
  return env.GITHUB_EVENT_NAME === 'schedule' || env.GITHUB_EVENT_NAME === 'workflow_dispatch' ? 'drift' : 'plan';
}

/** Plan: the job summary (when in Actions) and the pull request's comment (with --github-comment). */
export async function reportPlan(ctx: CliContext, plan: Plan, github: ActionsContext | undefined, diffContext: number, planFile?: string): Promise<void> {
  const { renderPlanMarkdown } = await import('../render/plan-markdown.js');
  const { GITHUB_COMMENT_LIMIT } = await import('../render/comment-fit.js');
  const { renderMarker } = await import('../render/comment-marker.js');
  const { planDigest } = await import('../plan/plan-digest.js');
  const purpose = purposeOf(ctx.env);
  const commit = github?.pullRequest?.headSha ?? ctx.env.GITHUB_SHA;
  const common = { purpose, diffContext, wholeAt: wholeAt(github, ctx.env, planFile, false), ...(commit ? { commit: commit.slice(0, 12) } : {}), ...runLink(github, ctx.env) };
  await writeSummary(ctx, (limit, measure) => renderPlanMarkdown(plan, { ...common, wholeAt: wholeAt(github, ctx.env, planFile, true), marker: '', limit, measure }).text);
  if (!github) return;
  if (!github.pullRequest) {
    ctx.stderr(`--github-comment: this run is a ${github.eventName} event, not a pull request: no comment${ctx.env.GITHUB_STEP_SUMMARY ? '; the plan is in the job summary' : ''}`);
    return;
  }
  const marker = renderMarker({ workspace: plan.workspace.slug, planned: planDigest(plan) });
  await comment(ctx, github, [github.pullRequest.number], plan.workspace.slug, () => renderPlanMarkdown(plan, { ...common, marker, limit: GITHUB_COMMENT_LIMIT }).text);
}

/** Apply refused before any change: said in the job summary and on the pull request's comment like a result. */
export async function reportApplyRefused(ctx: CliContext, plan: Plan, reason: string, github: ActionsContext | undefined): Promise<void> {
  const { applyOutcome } = await import('../render/apply-text.js');
  const outcome = { ...applyOutcome(plan, undefined), ok: false };
  await reportApply(ctx, plan, outcome, github, 3, redact(reason, ctx.env.GITHUB_TOKEN ? [ctx.env.GITHUB_TOKEN] : []));
}

/** Apply: the job summary and the comment of the pull request(s) merged in this commit. */
export async function reportApply(ctx: CliContext, plan: Plan, outcome: ApplyOutcome, github: ActionsContext | undefined, diffContext: number, refused?: string): Promise<void> {
  const { renderApplyMarkdown } = await import('../render/apply-markdown.js');
  const { GITHUB_COMMENT_LIMIT } = await import('../render/comment-fit.js');
  const { readMarker, renderMarker } = await import('../render/comment-marker.js');
  const { planDigest } = await import('../plan/plan-digest.js');
  const appliedDigest = planDigest(plan);
  const commit = github?.sha ?? ctx.env.GITHUB_SHA;
  const common = { appliedDigest, diffContext, ...(refused ? { refused } : {}), wholeAt: wholeAt(github, ctx.env, undefined, false), ...(commit ? { commit: commit.slice(0, 12) } : {}), ...runLink(github, ctx.env) };
  await writeSummary(ctx, (limit, measure) => renderApplyMarkdown(plan, outcome, { ...common, wholeAt: wholeAt(github, ctx.env, undefined, true), marker: '', forPullRequest: false, limit, measure }).text);
  if (!github) return;
  let pulls: number[];
  if (github.pullRequest) pulls = [github.pullRequest.number];
  else {
    try {
      const { createGithubClient, pullsMergedIn } = await import('../github/index.js');
      pulls = await pullsMergedIn(client(ctx, github, createGithubClient), github, github.sha!, github.token);
    } catch (err) {
      warn(ctx, `the pull request's comment was not updated: ${(err as Error).message}`);
      return;
    }
    if (pulls.length === 0) {
      ctx.stderr(`--github-comment: no pull request was merged in ${github.sha!.slice(0, 12)}: no comment${ctx.env.GITHUB_STEP_SUMMARY ? '; the result is in the job summary' : ''}`);
      return;
    }
  }
  const slug = plan.workspace.slug;
  await comment(ctx, github, pulls, slug, (previous) => {
    const planned = previous ? readMarker(previous, slug)?.planned : undefined;
    const marker = renderMarker({ workspace: slug, ...(planned ? { planned } : {}), ...(refused ? {} : { applied: appliedDigest }) });
    return renderApplyMarkdown(plan, outcome, { ...common, marker, forPullRequest: true, ...(planned ? { plannedDigest: planned } : {}), limit: GITHUB_COMMENT_LIMIT }).text;
  });
}

function runLink(github: ActionsContext | undefined, env: CliContext['env']): { runUrl?: string } {
  const url = github?.runUrl ?? runUrlOf(env);
  return url ? { runUrl: url } : {};
}

type ClientFactory = typeof import('../github/index.js').createGithubClient;

function client(ctx: CliContext, github: ActionsContext, create: ClientFactory) {
  return create({ token: github.token, baseUrl: github.apiUrl, log: (line) => ctx.stderr(`github: ${line}`) });
}

async function comment(ctx: CliContext, github: ActionsContext, pulls: number[], slug: string, render: (previous: string | undefined) => string): Promise<void> {
  const { createGithubClient, publishComment } = await import('../github/index.js');
  const { markerKey } = await import('../render/comment-marker.js');
  const octokit = client(ctx, github, createGithubClient);
  for (const pullNumber of pulls) {
    try {
      const done = await publishComment(octokit, { owner: github.owner, repo: github.repo, pullNumber }, markerKey(slug), render, github.token, github.commentAuthor);
      ctx.stderr(`${done.action === 'created' ? 'Created' : 'Updated'} fnsync's comment for workspace ${slug} on pull request #${pullNumber}: ${done.url}`);
    } catch (err) {
      warn(ctx, `fnsync's comment on pull request #${pullNumber} was not updated: ${(err as Error).message}`);
    }
  }
}

async function writeSummary(ctx: CliContext, render: (limit: number, measure: (text: string) => number) => string): Promise<void> {
  const file = ctx.env.GITHUB_STEP_SUMMARY;
  if (!file) return;
  const { appendStepSummary, STEP_SUMMARY_LIMIT } = await import('../github/index.js');
  try {
    await appendStepSummary(file, render(STEP_SUMMARY_LIMIT - 1024, (text) => Buffer.byteLength(text, 'utf8')));
  } catch (err) {
    warn(ctx, (err as Error).message);
  }
}

/** A warning on stderr, and as an annotation in Actions; never a change of exit code. */
function warn(ctx: CliContext, message: string): void {
  const safe = redact(message, ctx.env.GITHUB_TOKEN ? [ctx.env.GITHUB_TOKEN] : []);
  ctx.stderr(`warning: ${safe}`);
  if (ctx.env.GITHUB_ACTIONS === 'true') ctx.stderr(warningAnnotation(safe));
}

/** Runs a report so that nothing it throws (a bug included) changes the command's output or exit code. */
export async function reportSafely(ctx: CliContext, report: () => Promise<void>): Promise<void> {
  try {
    await report();
  } catch (err) {
    warn(ctx, `the GitHub report failed: ${err instanceof Error ? err.message : String(err)}`);
  }
}
