// What plan and apply refuse, on the embedded local workspace: a usage error exits 1 (2 means "changes"
// under --detailed-exitcode, never "you typed it wrong"); apply with no terminal to ask on and without
// --auto-approve changes nothing; a protected function removed from fnsync.yaml fails the plan.
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { editFile, exampleProject, removeFunction } from '../helpers/e2e-project.js';
import { localWorkspace, storedFunction, type TestWorkspace } from '../helpers/e2e-workspace.js';

const SECRETS = { STRIPE_SIGNING_SECRET: 'whsec_refusals_9d8c7b6a', SLACK_WEBHOOK_URL: 'https://hooks.slack.com/services/T3/B3/refusals1e2f' };
const T = 60_000;

describe('plan and apply refusals', () => {
  let dir: string;
  let ws: TestWorkspace;
  const fnsync = (...args: string[]) => runCli(args, { cwd: dir, env: SECRETS });

  beforeAll(() => {
    dir = exampleProject();
    ws = localWorkspace(dir);
  });

  it('--detailed-exitcode gives 1, not 2, for a usage error such as an unknown flag', async () => {
    const plan = await fnsync('plan', '--detailed-exitcode', '--no-such-flag');
    expect(plan.code).toBe(1);
    expect(plan.stderr).toContain("error: unknown option '--no-such-flag'");
    const apply = await fnsync('apply', '--auto-approve', '--bogus');
    expect(apply.code).toBe(1);
    expect(apply.stderr).toContain("error: unknown option '--bogus'");
  }, T);

  it('a saved plan is applied exactly: --target and --refresh-secrets with a plan file are refused, nothing changed', async () => {
    expect((await fnsync('plan', '--skip-tests', '--out', 'saved.json')).code).toBe(0);
    const before = ws.state();
    for (const flag of [['--target', 'slack-alerts'], ['--refresh-secrets']]) {
      const r = await fnsync('apply', 'saved.json', ...flag);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`error: ${flag[0]} cannot be used with a saved plan: it is applied exactly as it was made`);
    }
    expect(ws.state()).toEqual(before);
  }, T);

  it('apply without a terminal and without --auto-approve refuses with exit 1 and changes nothing', async () => {
    const first = await fnsync('plan', '--skip-tests', '--detailed-exitcode');
    expect(first.code).toBe(2);
    const before = ws.state();
    const r = await fnsync('apply', '--skip-tests');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error: refusing to apply without approval: there is no terminal to ask on; review the plan and pass --auto-approve (nothing was changed)');
    // The plan was shown first, so the refusal is about something the user could read.
    expect(r.stdout).toContain('Plan: 8 to add, 0 to change, 0 to destroy.');
    expect(ws.state()).toEqual(before);
    expect(before.functions).toEqual([]);
  }, T);

  it('a protected function removed from fnsync.yaml after being applied fails the plan with exit 1, and apply refuses it', async () => {
    editFile(dir, 'fnsync.yaml', '    displayName: Bot Filter\n', '    displayName: Bot Filter\n    protected: true\n');
    const applied = await fnsync('apply', '--skip-tests', '--auto-approve');
    expect({ code: applied.code, stderr: applied.stderr }).toMatchObject({ code: 0 });
    expect(storedFunction(ws.state(), 'Bot Filter').code).toMatch(/\/\/ fnsync-managed: \{"name":"bot-filter","protected":true/);

    removeFunction(dir, 'bot-filter');
    const plan = await fnsync('plan', '--detailed-exitcode');
    expect(plan.code).toBe(1);
    expect(plan.stdout).toContain('Error: function.bot-filter (Bot Filter) is protected and this plan would delete it (not in fnsync.yaml)');
    expect(plan.stdout).toContain('  hint: put it back in fnsync.yaml with protected: false and apply that first; then remove it');
    expect(plan.stdout.trimEnd().split('\n').at(-1)).toBe('Plan failed: 1 problem; nothing can be applied.');
    expect(plan.stdout).not.toMatch(/will be destroyed/);

    const before = ws.state();
    const apply = await fnsync('apply', '--auto-approve');
    expect(apply.code).toBe(1);
    expect(apply.stderr).toContain('error: the plan has problems (above); nothing was changed');
    expect(ws.state()).toEqual(before);
    expect(before.insertInstances.map((i) => i.name)).toContain('bot-filter-web');
  }, T);

  it('a saved plan of untested code applied with --skip-tests says so', async () => {
    const fresh = exampleProject();
    const run = (...args: string[]) => runCli(args, { cwd: fresh, env: SECRETS });
    expect((await run('plan', '--out', 'untested.json')).code).toBe(0);
    const refused = await run('apply', 'untested.json');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('refusing to roll out code that has not passed its tests');
    const r = await run('apply', 'untested.json', '--skip-tests');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('Warning: --skip-tests: code is rolled out without checking the fnsync test record.');
  }, T);
});
