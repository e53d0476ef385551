// Checks of GitHub Actions workflow files, shared by the tests of this repository's workflows and of
// the one `fnsync init` writes: validity against the workflow schema (offline, @action-validator/core)
// and the security properties of the fnsync flow, read from the parsed YAML.
import { createRequire } from 'node:module';
import { expect } from 'vitest';
import { parse } from 'yaml';

const require = createRequire(import.meta.url);
const validator = require('@action-validator/core') as { validateWorkflow(src: string): { errors: { title: string; detail?: string; path?: string }[] } };

export interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
  'working-directory'?: string;
  if?: string;
}

export interface Job {
  if?: string;
  needs?: string | string[];
  permissions?: Record<string, string> | string;
  environment?: string | { name: string };
  concurrency?: { group: string; 'cancel-in-progress'?: boolean | string } | string;
  steps: Step[];
  strategy?: { matrix?: Record<string, unknown> };
}

export interface Workflow {
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  jobs: Record<string, Job>;
}

/** The schema problems of a workflow file's text (none for a valid one). */
export function schemaProblems(text: string): string[] {
  return validator.validateWorkflow(text).errors.map((e) => `${e.path ?? ''} ${e.title}: ${e.detail ?? ''}`.trim());
}

export function parseWorkflow(text: string): Workflow {
  return parse(text) as Workflow;
}

const jobText = (job: Job) => JSON.stringify(job);
const runs = (job: Job) => job.steps.map((s) => s.run ?? '').join('\n');
/** Steps whose `uses` is an action from another repository (not `./local`). */
export const thirdParty = (wf: Workflow) => Object.values(wf.jobs).flatMap((j) => j.steps.filter((s) => s.uses && !s.uses.startsWith('./')).map((s) => s.uses!));

/** The security properties every workflow here has: permissions everywhere, pinned actions, npm cache. */
export function expectBaseline(wf: Workflow): void {
  expect(wf.permissions).toEqual({});
  for (const [name, job] of Object.entries(wf.jobs)) {
    expect(job.permissions, `job ${name} has permissions`).toBeTypeOf('object');
    const perms = job.permissions as Record<string, string>;
    // Nothing but read access to contents, and write only to pull requests.
    for (const [scope, level] of Object.entries(perms)) expect(`${scope}: ${level}`).toMatch(/^(contents: read|pull-requests: write)$/);
  }
  const actions = thirdParty(wf);
  expect(actions.length).toBeGreaterThan(0);
  for (const uses of actions) expect(uses).toMatch(/^[\w.-]+\/[\w.-]+(\/[\w./-]+)?@[0-9a-f]{40}$/);
  for (const job of Object.values(wf.jobs)) {
    for (const s of job.steps.filter((x) => x.uses?.startsWith('actions/setup-node@'))) expect(s.with?.cache).toBe('npm');
  }
}

/** The fnsync flow's properties (test, plan, fork notice, apply, drift), for the user workflow. */
export function expectFnsyncFlow(wf: Workflow): void {
  expectBaseline(wf);
  const { test, plan, apply, drift } = wf.jobs;
  // No pull_request_target here: the fork notice is its own workflow (expectForkNotice), so no skipped job
  // of this one ever satisfies a required check.
  expect(Object.keys(wf.on).sort()).toEqual(['pull_request', 'push', 'schedule', 'workflow_dispatch']);
  expect(wf.jobs['fork-notice']).toBeUndefined();

  // The job that runs function code (and installs the pull request's dependencies) holds no secret, no token.
  expect(runs(test!)).toMatch(/fnsync test/);
  expect(jobText(test!)).not.toMatch(/\$\{\{\s*(secrets\.|github\.token)/);
  expect(test!.permissions).toEqual({ contents: 'read' });
  expect(test!.steps.some((s) => s.uses?.startsWith('actions/upload-artifact@') && s.with?.name === 'fnsync-test-record')).toBe(true);
  // No other job runs function code.
  for (const [name, job] of Object.entries(wf.jobs)) if (name !== 'test') expect(runs(job), name).not.toMatch(/fnsync test|npm test|fnsync run/);

  // Plan: read-only Segment token; fnsync installed as locked on the base branch, without scripts; forks skipped.
  expect(plan!.if).toContain("github.event.pull_request.head.repo.full_name == github.repository");
  expect(jobText(plan!)).not.toContain('secrets.SEGMENT_PUBLIC_API_TOKEN');
  expect(jobText(plan!)).toContain('secrets.SEGMENT_PUBLIC_API_READ_TOKEN');
  const tools = plan!.steps.find((s) => s.uses?.startsWith('actions/checkout@') && s.with?.ref);
  expect(tools?.with).toMatchObject({ ref: '${{ github.event.pull_request.base.sha }}', path: '.fnsync-tools' });
  const installs = plan!.steps.filter((s) => /\bnpm (ci|install|i)\b/.test(s.run ?? ''));
  expect(installs.length).toBe(1);
  expect(installs[0]!['working-directory']).toBe('.fnsync-tools');
  expect(installs[0]!.run).toMatch(/^npm ci --ignore-scripts\b/);
  const planRun = plan!.steps.find((s) => /fnsync(\.js)? plan/.test(s.run ?? ''))!;
  expect(planRun.run).toMatch(/^\.fnsync-tools\/\S+ plan --out plan\.json --github-comment$/);
  expect(plan!.steps.some((s) => s.uses?.startsWith('actions/download-artifact@') && s.with?.name === 'fnsync-test-record')).toBe(true);

  // A new push cancels the previous commit's plan (and its test), never an apply.
  expect(plan!.concurrency).toEqual({ group: 'fnsync-plan-${{ github.event.pull_request.number }}', 'cancel-in-progress': true });
  expect(test!.concurrency).toMatchObject({ 'cancel-in-progress': "${{ github.event_name == 'pull_request' }}" });
  // A failed plan says in the job summary that the comment is out of date.
  const stale = plan!.steps.find((s) => s.if === 'failure()');
  expect(stale?.run).toMatch(/out of date[\s\S]*GITHUB_STEP_SUMMARY/);

  // The write token only in the apply job, which runs in a protected environment, one at a time per workspace.
  for (const [name, job] of Object.entries(wf.jobs)) {
    if (jobText(job).includes('secrets.SEGMENT_PUBLIC_API_TOKEN')) expect(name).toBe('apply');
  }
  expect(apply!.environment).toBeTruthy();
  expect(apply!.if).toContain("github.event_name == 'push'");
  expect(apply!.concurrency).toMatchObject({ group: expect.stringMatching(/\S/), 'cancel-in-progress': false });
  expect(runs(apply!)).toMatch(/fnsync apply --auto-approve --github-comment/);

  // pull-requests: write only where a job comments.
  for (const [name, job] of Object.entries(wf.jobs)) {
    const writes = (job.permissions as Record<string, string>)['pull-requests'] === 'write';
    expect(writes, name).toBe(/--github-comment|gh pr comment/.test(runs(job)));
  }

  // Drift: scheduled and on demand, failing on changes.
  expect(drift!.if).toMatch(/schedule/);
  expect(drift!.if).toMatch(/workflow_dispatch/);
  expect(runs(drift!)).toMatch(/fnsync plan --detailed-exitcode/);
  expect(jobText(drift!)).not.toContain('secrets.SEGMENT_PUBLIC_API_TOKEN');
}

/** The fork notice workflow: pull_request_target only, for forks only, checking out and running nothing, no secret. */
export function expectForkNotice(wf: Workflow): void {
  // The baseline, but for pinned actions: this workflow uses none.
  expect(wf.permissions).toEqual({});
  expect(thirdParty(wf)).toEqual([]);
  expect(Object.keys(wf.on)).toEqual(['pull_request_target']);
  expect(Object.keys(wf.jobs)).toEqual(['fork-notice']);
  const job = wf.jobs['fork-notice']!;
  expect(job.if).toContain('!= github.repository');
  expect(job.steps.some((s) => s.uses)).toBe(false);
  expect(jobText(job)).not.toMatch(/\$\{\{\s*secrets\./);
  expect(job.permissions).toEqual({ 'pull-requests': 'write' });
}
