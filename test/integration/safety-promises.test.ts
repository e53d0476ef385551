// The README's Safety promises for plan and apply, one test each, named exactly as the promise. Each
// runs the spawned CLI through the official SDK against fnsync's emulator over HTTP, and checks the
// workspace itself afterwards, not only what fnsync said.
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { LOCAL_WORKSPACE_SEED } from '../../src/emulator/default-seed.js';
import { startEmulator, type EmulatorSeed, type RunningEmulator } from '../../src/emulator/server.js';
import { makeTempDir, REPO_ROOT, runCli } from '../helpers/cli.js';

const TOKEN = 'sgp_safetyTOKEN_9d1e4a7c';
const SECRETS = { STRIPE_SIGNING_SECRET: 'whsec_safety_s3cr3t_value_8842', SLACK_WEBHOOK_URL: 'https://hooks.slack.com/services/T1/B1/safety-hook-5521' };
const UNMANAGED_CODE = 'async function onTrack(event) {\n  return event;\n}\n';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A copy of the example project and an emulator seeded like the local workspace plus one hand-made function. */
async function setup(extraSeed: Partial<EmulatorSeed> = {}) {
  const dir = makeTempDir({ 'fnsync.yaml': readFileSync(join(REPO_ROOT, 'fnsync.yaml'), 'utf8') });
  cpSync(join(REPO_ROOT, 'functions'), join(dir, 'functions'), { recursive: true });
  const seed: EmulatorSeed = {
    ...LOCAL_WORKSPACE_SEED,
    workspace: { slug: 'acme-prod', name: 'Acme Prod' },
    functions: [{ resourceType: 'DESTINATION', displayName: 'Hand Made', code: UNMANAGED_CODE }],
    ...extraSeed,
  };
  const em = await startEmulator({ token: TOKEN, seed, stateFile: join(dir, 'emulator-state.json') });
  cleanups.push(() => em.close(), () => rmSync(dir, { recursive: true, force: true }));
  const env = { SEGMENT_API_URL: em.url, SEGMENT_PUBLIC_API_TOKEN: TOKEN, ...SECRETS };
  const cli = (args: string[], extraEnv: Record<string, string> = {}) => runCli(args, { cwd: dir, env: { ...env, ...extraEnv } });
  return { dir, em, cli };
}

function functionsOf(em: RunningEmulator) {
  return em.state().functions.map((f) => ({ id: f.id, type: f.resourceType, name: f.displayName, code: f.code }));
}

function editConfig(dir: string, edit: (text: string) => string): void {
  const file = join(dir, 'fnsync.yaml');
  writeFileSync(file, edit(readFileSync(file, 'utf8')));
}

describe('Safety promises of plan and apply', () => {
  it('asks before changing anything', async () => {
    const { em, cli } = await setup();
    const before = JSON.stringify(em.state());
    const r = await cli(['apply', '--skip-tests']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('refusing to apply without approval');
    expect(r.stderr).toContain('--auto-approve');
    expect(r.stdout).toContain('Plan: 8 to add, 0 to change, 0 to destroy.');
    expect(JSON.stringify(em.state())).toBe(before);
    expect(em.requestLog.filter((e) => e.method !== 'GET')).toEqual([]);
  }, 90_000);

  it('never touches unmanaged resources', async () => {
    const { dir, em, cli } = await setup();
    const unmanagedBefore = functionsOf(em);
    const sourcesBefore = JSON.stringify(em.state().sources);
    const destinationsBefore = JSON.stringify(em.state().destinations);
    expect((await cli(['apply', '--auto-approve', '--skip-tests'])).code).toBe(0);
    // Remove every function from the config: only fnsync's own are deleted.
    editConfig(dir, () => 'version: 1\nfunctions: {}\n');
    const plan = await cli(['plan', '--skip-tests']);
    expect(plan.stdout).toContain('Unmanaged (not in fnsync.yaml, left alone): 1 function, 3 sources, 3 destinations');
    expect(plan.stdout).toContain('function Hand Made (destination function)');
    expect((await cli(['apply', '--auto-approve', '--skip-tests'])).code).toBe(0);
    expect(functionsOf(em)).toEqual(unmanagedBefore);
    expect(JSON.stringify(em.state().sources)).toBe(sourcesBefore);
    expect(JSON.stringify(em.state().destinations)).toBe(destinationsBefore);
    // A config entry that looks like the unmanaged function is a conflict, never a silent takeover.
    editConfig(dir, () => 'version: 1\nfunctions:\n  hand-made:\n    type: destination\n    displayName: Hand Made\n    code: functions/slack-alerts/handler.js\n');
    const conflict = await cli(['plan', '--skip-tests']);
    expect(conflict.code).toBe(1);
    expect(conflict.stdout).toContain("already has a destination function named 'Hand Made'");
    expect(conflict.stdout).toContain('adopt:');
    expect(functionsOf(em)).toEqual(unmanagedBefore);
  }, 120_000);

  it('never destroys protected resources', async () => {
    const { dir, em, cli } = await setup();
    editConfig(dir, (t) => t.replace('    displayName: Slack Alerts\n', '    displayName: Slack Alerts\n    protected: true\n'));
    expect((await cli(['apply', '--auto-approve', '--skip-tests'])).code).toBe(0);
    const slack = em.state().functions.find((f) => f.displayName.startsWith('Slack Alerts'))!;
    editConfig(dir, (t) => t.slice(0, t.indexOf('  slack-alerts:')) + t.slice(t.indexOf('  pii-mask:')));
    const plan = await cli(['plan', '--skip-tests']);
    expect(plan.code).toBe(1);
    expect(plan.stdout).toContain('Error: function.slack-alerts (Slack Alerts) is protected and this plan would delete it (not in fnsync.yaml)');
    expect(plan.stdout).toContain('hint: put it back in fnsync.yaml with protected: false and apply that first');
    const apply = await cli(['apply', '--auto-approve', '--skip-tests']);
    expect(apply.code).toBe(1);
    expect(em.state().functions.some((f) => f.id === slack.id)).toBe(true);
    expect(em.state().destinations.some((d) => d.name === 'slack-alerts-web')).toBe(true);
  }, 120_000);

  it('never prints or stores secrets', async () => {
    const { dir, cli } = await setup();
    const outputs = [
      await cli(['plan', '--skip-tests', '--out', 'plan.json']),
      await cli(['plan', '--skip-tests', '--json']),
      await cli(['apply', 'plan.json', '--json', '--debug']),
      await cli(['plan', '--skip-tests', '--refresh-secrets', '--detailed-exitcode']),
    ];
    expect(outputs.map((o) => o.code)).toEqual([0, 0, 0, 2]);
    const everything = outputs.map((o) => o.stdout + o.stderr).join('\n') + readFileSync(join(dir, 'plan.json'), 'utf8');
    for (const value of [...Object.values(SECRETS), TOKEN]) {
      expect(everything).not.toContain(value);
      expect(everything).not.toContain(Buffer.from(value).toString('base64'));
    }
    expect(outputs[3]!.stdout).toContain('re-sent (--refresh-secrets)');
  }, 120_000);

  it('refuses stale plans', async () => {
    const { em, cli } = await setup();
    expect((await cli(['apply', '--auto-approve', '--skip-tests'])).code).toBe(0);
    const saved = await cli(['plan', '--skip-tests', '--refresh-secrets', '--out', 'plan.json']);
    expect(saved.code).toBe(0);
    // Someone edits the function in the Segment app between plan and apply.
    const slack = em.state().functions.find((f) => f.displayName.startsWith('Slack Alerts'))!;
    const res = await fetch(`${em.url}/functions/${slack.id}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ description: 'edited in the app' }),
    });
    expect(res.status).toBe(200);
    const writesBefore = em.requestLog.filter((e) => e.method !== 'GET').length;
    const apply = await cli(['apply', 'plan.json']);
    expect(apply.code).toBe(1);
    expect(apply.stderr).toContain('the plan is stale');
    expect(apply.stderr).toContain(`function ${slack.id} changed`);
    expect(em.requestLog.filter((e) => e.method !== 'GET').length).toBe(writesBefore);
  }, 120_000);

  it('converges when apply is run again', async () => {
    const { em, cli } = await setup();
    expect((await cli(['apply', '--auto-approve', '--skip-tests'])).code).toBe(0);
    const created = em.state();
    // Someone deletes an instance and disables another by hand; a re-run puts back exactly the config.
    const dest = created.destinations.find((d) => d.name === 'slack-alerts-web')!;
    await fetch(`${em.url}/destinations/${dest.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${TOKEN}` } });
    expect((await cli(['apply', '--auto-approve', '--skip-tests'])).code).toBe(0);
    expect((await cli(['apply', '--auto-approve', '--skip-tests'])).stdout).toContain('No changes. The workspace matches the configuration.');
    const after = em.state();
    expect(after.functions.length).toBe(created.functions.length);
    expect(after.destinations.filter((d) => d.name === 'slack-alerts-web')).toHaveLength(1);
    expect(after.sources.length).toBe(created.sources.length);
    expect(after.insertInstances.length).toBe(created.insertInstances.length);
    const final = await cli(['plan', '--skip-tests', '--detailed-exitcode']);
    expect(final.code).toBe(0);
  }, 150_000);

  it('checks the workspace before any write', async () => {
    const { dir, em, cli } = await setup();
    editConfig(dir, (t) => t.replace('version: 1\n', 'version: 1\nworkspace: acme-staging\n'));
    const r = await cli(['apply', '--auto-approve', '--skip-tests']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("the token belongs to workspace 'acme-prod', but fnsync.yaml says workspace: acme-staging");
    expect(em.requestLog.map((e) => `${e.method} ${e.path}`)).toEqual(['GET /']);
  }, 60_000);

  it('never runs function code where the token is', async () => {
    const { dir, cli } = await setup();
    // A preload that records every worker thread started in the CLI process: the runtime runs handlers
    // only in workers, so none may start in plan or apply.
    const log = join(dir, 'workers.log');
    writeFileSync(
      join(dir, 'probe.cjs'),
      `const wt = require('node:worker_threads'); const fs = require('node:fs'); const { syncBuiltinESMExports } = require('node:module');
       const Original = wt.Worker;
       wt.Worker = class extends Original { constructor(...a) { fs.appendFileSync(${JSON.stringify(log)}, String(a[0]) + '\\n'); super(...a); } };
       syncBuiltinESMExports();`,
    );
    const probe = { NODE_OPTIONS: `--require ${join(dir, 'probe.cjs')}` };
    expect((await cli(['plan', '--skip-tests'], probe)).code).toBe(0);
    expect((await cli(['apply', '--auto-approve', '--skip-tests'], probe)).code).toBe(0);
    expect((await cli(['apply', '--auto-approve', '--skip-tests'], probe)).code).toBe(0);
    expect(existsSync(log)).toBe(false);
    // Control: the probe does see the runtime's workers when tests run (without the token, as CI's test job).
    const tests = await runCli(['test', 'slack-alerts'], { cwd: dir, env: probe });
    expect(tests.code).toBe(0);
    expect(readFileSync(log, 'utf8')).toMatch(/worker/);
  }, 120_000);

  it("the README's Safety section lists exactly these promises", () => {
    const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
    const section = readme.split(/^## Safety$/m)[1]!.split(/^## /m)[0]!;
    const planPart = section.split('Plan and apply make these promises')[1] ?? '';
    const promises = [...planPart.matchAll(/^- \*\*([^*]+)\*\*/gm)].map((m) => m[1]!.toLowerCase());
    const source = readFileSync(fileURLToPath(import.meta.url), 'utf8');
    const tests = [...source.matchAll(/^ {2}it\('([^']+)'/gm)].map((m) => m[1]!);
    expect(promises.length).toBe(8);
    expect(promises.sort()).toEqual(tests.sort());
  });
});
