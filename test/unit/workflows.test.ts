// Every workflow file in the repository, and the template `fnsync init` writes, is valid against the
// GitHub Actions workflow schema (offline) and has the security properties of the fnsync flow.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/cli.js';
import { expectBaseline, expectFnsyncFlow, expectForkNotice, parseWorkflow, schemaProblems, thirdParty } from '../helpers/workflow-checks.js';

const WORKFLOWS = join(REPO_ROOT, '.github/workflows');
const files = readdirSync(WORKFLOWS).filter((f) => /\.ya?ml$/.test(f));
const TEMPLATE = join(REPO_ROOT, 'templates/fnsync-workflow.yml');
const FORK_TEMPLATE = join(REPO_ROOT, 'templates/fnsync-fork-notice.yml');

describe('workflow files', () => {
  it('finds the workflows (ci, fnsync and its fork notice)', () => {
    expect(files.sort()).toEqual(['ci.yml', 'fnsync-fork-notice.yml', 'fnsync.yml']);
  });

  it.each([...files.map((f) => join(WORKFLOWS, f)), TEMPLATE, FORK_TEMPLATE])('%s is valid against the workflow schema', (file) => {
    expect(schemaProblems(readFileSync(file, 'utf8'))).toEqual([]);
  });

  it('the validator really checks: an unknown key and a job without runs-on are problems', () => {
    const bad = 'on: push\njobs:\n  x:\n    stepz: []\n';
    expect(schemaProblems(bad).length).toBeGreaterThan(0);
  });

  it.each([['templates/fnsync-workflow.yml', TEMPLATE], ['.github/workflows/fnsync.yml', join(WORKFLOWS, 'fnsync.yml')]])('%s has the fnsync flow\'s security properties', (_label, file) => {
    expectFnsyncFlow(parseWorkflow(readFileSync(file, 'utf8')));
  });

  it.each([['templates/fnsync-fork-notice.yml', FORK_TEMPLATE], ['.github/workflows/fnsync-fork-notice.yml', join(WORKFLOWS, 'fnsync-fork-notice.yml')]])('%s is the fork notice alone: pull_request_target, forks only, nothing checked out or run, no secret', (_label, file) => {
    expectForkNotice(parseWorkflow(readFileSync(file, 'utf8')));
  });

  it('the flow checks catch a plan that a new push does not cancel, and a fork notice checking code out', () => {
    const wf = parseWorkflow(readFileSync(TEMPLATE, 'utf8'));
    delete wf.jobs.plan!.concurrency;
    expect(() => expectFnsyncFlow(wf)).toThrow();
    const fork = parseWorkflow(readFileSync(FORK_TEMPLATE, 'utf8'));
    fork.jobs['fork-notice']!.steps.unshift({ uses: 'actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683' });
    expect(() => expectForkNotice(fork)).toThrow();
  });

  it('ci.yml runs .ci/run on Node 20, 22 and 24, least-privilege and pinned', () => {
    const wf = parseWorkflow(readFileSync(join(WORKFLOWS, 'ci.yml'), 'utf8'));
    expectBaseline(wf);
    expect(wf.jobs.test!.strategy?.matrix?.node).toEqual([20, 22, 24]);
    expect(wf.jobs.test!.steps.at(-1)!.run).toBe('bash .ci/run');
  });

  it('the checks catch a tag-pinned action and a missing permissions block', () => {
    const wf = parseWorkflow(readFileSync(join(WORKFLOWS, 'ci.yml'), 'utf8'));
    wf.jobs.test!.steps[0]!.uses = 'actions/checkout@v4';
    expect(() => expectBaseline(wf)).toThrow();
    const wf2 = parseWorkflow(readFileSync(join(WORKFLOWS, 'ci.yml'), 'utf8'));
    delete wf2.jobs.test!.permissions;
    expect(() => expectBaseline(wf2)).toThrow();
    expect(thirdParty(wf2).length).toBe(2);
  });

  it('the flow checks catch a secret in the test job and a cancellable apply', () => {
    const text = readFileSync(TEMPLATE, 'utf8');
    const leaky = parseWorkflow(text);
    leaky.jobs.test!.steps.at(-2)!.env = { SEGMENT_PUBLIC_API_TOKEN: '${{ secrets.SEGMENT_PUBLIC_API_TOKEN }}' };
    expect(() => expectFnsyncFlow(leaky)).toThrow();
    const cancel = parseWorkflow(text);
    cancel.jobs.apply!.concurrency = { group: 'x', 'cancel-in-progress': true };
    expect(() => expectFnsyncFlow(cancel)).toThrow();
  });
});
