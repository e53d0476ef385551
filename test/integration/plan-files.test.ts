// Saved plans and machine-readable output, spawned CLI against an emulator over HTTP: `plan --out`
// then `apply FILE` makes exactly the saved plan (here a --target one, so a fresh plan would differ);
// a saved plan is refused whole when the workspace changed since, when the config is another or was
// edited, and when it is for another workspace; `--json` output validates against
// schemas/plan.schema.json.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli } from '../helpers/cli.js';
import { editFile, exampleProject } from '../helpers/e2e-project.js';
import { startTestEmulator, storedFunction, type TestWorkspace } from '../helpers/e2e-workspace.js';

const SECRETS = { STRIPE_SIGNING_SECRET: 'whsec_planfiles_5e6f7a8b', SLACK_WEBHOOK_URL: 'https://hooks.slack.com/services/T2/B2/planfiles4c3d' };
const T = 60_000;
const validatePlan = new Ajv({ strict: true, allErrors: true }).compile(JSON.parse(readFileSync(join(REPO_ROOT, 'schemas/plan.schema.json'), 'utf8')) as object);

/** The schema's verdict with its errors, so a failure says what is wrong. */
function schemaErrors(doc: unknown): unknown {
  return validatePlan(doc) ? [] : validatePlan.errors;
}

interface PlanDoc {
  targets?: string[];
  changes: { address: string; action: string }[];
  steps: { op: string }[];
  summary: { add: number; change: number; destroy: number };
}

describe('saved plans and --json', () => {
  let dir: string;
  let ws: TestWorkspace;
  const fnsync = (args: string[], env: Record<string, string> = {}) => runCli(args, { cwd: dir, env: { ...ws.env, ...SECRETS, ...env } });

  beforeAll(async () => {
    dir = exampleProject();
    ws = await startTestEmulator();
  });
  afterAll(async () => {
    await ws?.close();
  });

  it('plan --target NAME --out FILE saves only that function and its instances, holding no secret values', async () => {
    const r = await fnsync(['plan', '--target', 'slack-alerts', '--out', 'plan.json', '--skip-tests', '--detailed-exitcode']);
    expect({ code: r.code, stderr: r.stderr }).toMatchObject({ code: 2 });
    expect(r.stderr).toContain('Saved the plan to plan.json; apply exactly it with: npx fnsync apply plan.json');
    expect(r.stdout.split('\n').filter((l) => l.startsWith('  # '))).toEqual([
      '  # function.slack-alerts (destination) will be created',
      '  # function.slack-alerts.instances["slack-alerts-web"] (destination on source web-prod) will be created',
    ]);
    const text = readFileSync(join(dir, 'plan.json'), 'utf8');
    expect(statSync(join(dir, 'plan.json')).mode & 0o077).toBe(0);
    const doc = JSON.parse(text) as PlanDoc;
    expect(schemaErrors(doc)).toEqual([]);
    expect(doc.targets).toEqual(['slack-alerts']);
    expect(doc.changes.map((c) => [c.address, c.action])).toEqual([
      ['function.slack-alerts', 'create'],
      ['function.slack-alerts.instances["slack-alerts-web"]', 'create'],
    ]);
    expect(text).toContain('SLACK_WEBHOOK_URL');
    expect(text).not.toContain(SECRETS.SLACK_WEBHOOK_URL);
    expect(ws.state().functions).toEqual([]);
  }, T);

  it('apply FILE makes exactly the saved plan, not a fresh one, without asking', async () => {
    const r = await fnsync(['apply', 'plan.json']);
    expect({ code: r.code, stderr: r.stderr }).toMatchObject({ code: 0 });
    expect(r.stdout).toContain('Apply complete! Resources: 2 added, 0 changed, 0 destroyed.');
    const s = ws.state();
    expect(s.functions.map((f) => f.displayName)).toEqual([`Slack Alerts (${ws.name})`]);
    expect(s.destinations.find((d) => d.name === 'slack-alerts-web')?.settings.webhookUrl).toBe(SECRETS.SLACK_WEBHOOK_URL);
    expect(s.sources.map((x) => x.slug)).not.toContain('stripe-prod');
    expect(s.insertInstances).toEqual([]);
  }, T);

  it('the same plan file applied again is refused as stale: what it creates now exists', async () => {
    const before = ws.state();
    const r = await fnsync(['apply', 'plan.json']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error: the plan is stale: the workspace changed since it was made (');
    expect(r.stderr).toContain("a destination function named 'Slack Alerts' now exists");
    expect(r.stderr).toContain('run fnsync plan again. Nothing was changed.');
    expect(ws.state()).toEqual(before);
  }, T);

  it('plan --json prints one document valid against schemas/plan.schema.json, and no text', async () => {
    const r = await fnsync(['plan', '--json', '--skip-tests']);
    expect({ code: r.code, stderr: r.stderr }).toMatchObject({ code: 0 });
    expect(r.stderr.split('\n')[0]).toBe(ws.targetLine);
    const doc = JSON.parse(r.stdout) as PlanDoc;
    expect(schemaErrors(doc)).toEqual([]);
    expect(doc.summary).toEqual({ add: 6, change: 0, destroy: 0 });
    expect(doc.changes.map((c) => c.address)).not.toContain('function.slack-alerts');
    expect(r.stdout).not.toContain('Plan: ');
  }, T);

  it('apply --json prints the plan (schema-valid) and the result as one document', async () => {
    const r = await fnsync(['apply', '--json', '--skip-tests', '--auto-approve']);
    expect({ code: r.code, stderr: r.stderr }).toMatchObject({ code: 0 });
    const doc = JSON.parse(r.stdout) as { formatVersion: number; plan: PlanDoc; result: { ok: boolean } };
    expect(doc.formatVersion).toBe(1);
    expect(schemaErrors(doc.plan)).toEqual([]);
    expect(doc.plan.summary).toEqual({ add: 6, change: 0, destroy: 0 });
    expect(doc.result.ok).toBe(true);
    // The plan text went to stderr, so stdout stays one JSON document.
    expect(r.stderr).toContain('Plan: 6 to add, 0 to change, 0 to destroy.');
    expect(ws.state().functions).toHaveLength(4);
  }, T);

  it('a saved plan is refused as stale when the workspace was edited between plan and apply, and nothing changes', async () => {
    editFile(dir, 'fnsync.yaml', 'channel: "#sales"', 'channel: "#revenue"');
    const plan = await fnsync(['plan', '--out', 'change.json', '--detailed-exitcode']);
    expect({ code: plan.code, stderr: plan.stderr }).toMatchObject({ code: 2 });
    // Someone edits the function in the Segment app meanwhile.
    await ws.withApi(async (api) => {
      const fn = (await api.listFunctions()).find((f) => f.displayName === 'Slack Alerts')!;
      await api.updateFunction(fn.id, { description: 'edited in the Segment app' });
    });
    const before = ws.state();
    const r = await fnsync(['apply', 'change.json']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/error: the plan is stale: the workspace changed since it was made \(function dfn_\w+ changed or was deleted\)/);
    const after = ws.state();
    expect(after).toEqual(before);
    expect(after.destinations.find((d) => d.name === 'slack-alerts-web')?.settings.channel).toBe('#sales');
    expect(storedFunction(after, 'Slack Alerts').description).toBe('edited in the Segment app');
  }, T);

  it('a saved plan is refused when the config was edited since, or is another config', async () => {
    const plan = await fnsync(['plan', '--out', 'fresh.json']);
    expect(plan.code).toBe(0);
    editFile(dir, 'fnsync.yaml', 'minimumRevenue: "100"', 'minimumRevenue: "250"');
    const before = ws.state();
    const edited = await fnsync(['apply', 'fresh.json']);
    expect(edited.code).toBe(1);
    expect(edited.stderr).toContain('error: the plan was made from another or an edited config (fnsync.yaml), not fnsync.yaml as it is now; run fnsync plan again. Nothing was changed.');
    // A plan made from another project's config, applied here.
    const other = exampleProject();
    editFile(other, 'fnsync.yaml', 'channel: "#sales"', 'channel: "#other"');
    const otherPlan = await runCli(['plan', '--out', join(dir, 'other.json')], { cwd: other, env: { ...ws.env, ...SECRETS } });
    expect({ code: otherPlan.code, stderr: otherPlan.stderr }).toMatchObject({ code: 0 });
    const foreign = await fnsync(['apply', 'other.json']);
    expect(foreign.code).toBe(1);
    expect(foreign.stderr).toContain('error: the plan was made from another or an edited config');
    expect(ws.state()).toEqual(before);
  }, T);

  it('a saved plan is refused in another workspace', async () => {
    const plan = await fnsync(['plan', '--out', 'for-emulator.json']);
    expect(plan.code).toBe(0);
    const r = await runCli(['apply', 'for-emulator.json', '--local'], { cwd: dir, env: SECRETS });
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n')[0]).toBe('Workspace: local (.fnsync/workspace.json)');
    expect(r.stderr).toMatch(/error: the plan was made for workspace e2e-ws \(\w+\), but this is local \(\w+\); nothing was changed/);
  }, T);

  it('--out into a missing directory creates it; under a file it is a clear error naming the file, not a crash', async () => {
    const made = await fnsync(['plan', '--out', 'missing/plan.json']);
    expect(made.code).toBe(0);
    const r = await fnsync(['plan', '--out', 'fnsync.yaml/plan.json']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error: cannot write the plan file fnsync.yaml/plan.json: a part of its path is not a directory');
    expect(r.stderr).not.toMatch(/unexpected error|plan\.json\.\d+|\n\s+at /);
  }, T);

  it('--target with a name that is neither in fnsync.yaml nor managed is an error', async () => {
    const r = await fnsync(['plan', '--target', 'no-such-function', '--detailed-exitcode']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Error: function.no-such-function: --target no-such-function: no function of that name in fnsync.yaml or managed in the workspace');
  }, T);
});
