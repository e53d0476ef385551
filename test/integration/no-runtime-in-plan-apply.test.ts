// Plan and apply run no function code (the security boundary: function code never runs where the
// token and secrets are). Proven from outside: the spawned CLI gets a probe (NODE_OPTIONS=--import)
// that records every worker_threads.Worker constructed and every dist/runtime/ module loaded. Plan and
// apply must record nothing; `fnsync test`, as a control, must record a worker, so the probe works.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli } from '../helpers/cli.js';
import { editFile, exampleProject } from '../helpers/e2e-project.js';
import { startTestEmulator, type TestWorkspace } from '../helpers/e2e-workspace.js';

const PROBE = join(REPO_ROOT, 'test/helpers/runtime-probe/probe.mjs');
const SECRETS = { STRIPE_SIGNING_SECRET: 'whsec_probe_1a2b3c4d5e', SLACK_WEBHOOK_URL: 'https://hooks.slack.com/services/T4/B4/probe6f7a' };
const T = 60_000;

describe('plan and apply start no function runtime', () => {
  let dir: string;
  let ws: TestWorkspace;
  let runs = 0;

  /** Runs fnsync with the probe; returns the result and what the probe recorded (first line: it loaded). */
  async function probed(args: string[], env: Record<string, string> = ws.env) {
    const file = join(dir, `.probe-${++runs}.txt`);
    const nodeOptions = [process.env.NODE_OPTIONS, `--import ${PROBE}`].filter(Boolean).join(' ');
    const r = await runCli(args, { cwd: dir, env: { ...env, ...SECRETS, NODE_OPTIONS: nodeOptions, FNSYNC_PROBE_FILE: file } });
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('probe ready');
    return { ...r, recorded: lines.slice(1) };
  }

  beforeAll(async () => {
    dir = exampleProject();
    ws = await startTestEmulator();
  });
  afterAll(async () => {
    await ws?.close();
  });

  it('plan (text, --json, --out) records no worker and no runtime module', async () => {
    for (const args of [['plan', '--skip-tests'], ['plan', '--json', '--skip-tests'], ['plan', '--skip-tests', '--out', 'plan.json']]) {
      const r = await probed(args);
      expect({ args, code: r.code, stderr: r.stderr }).toMatchObject({ args, code: 0 });
      expect({ args, recorded: r.recorded }).toEqual({ args, recorded: [] });
    }
  }, T);

  it('apply of a saved plan, then apply with a code change, record no worker and no runtime module', async () => {
    const saved = await probed(['apply', 'plan.json']);
    expect({ code: saved.code, stderr: saved.stderr }).toMatchObject({ code: 0 });
    expect(saved.recorded).toEqual([]);
    editFile(dir, 'functions/slack-alerts/handler.js', ':moneybag:', ':tada:');
    const changed = await probed(['apply', '--skip-tests', '--auto-approve']);
    expect({ code: changed.code, stderr: changed.stderr }).toMatchObject({ code: 0 });
    expect(changed.stdout).toContain('Apply complete! Resources: 0 added, 1 changed, 0 destroyed.');
    expect(changed.recorded).toEqual([]);
    expect(ws.state().functions.find((f) => f.displayName.startsWith('Slack Alerts'))!.code).toContain(':tada:');
  }, T);

  it('the embedded local workspace path records nothing either', async () => {
    const r = await probed(['apply', '--skip-tests', '--auto-approve'], {});
    expect({ code: r.code, stderr: r.stderr }).toMatchObject({ code: 0 });
    expect(r.stderr.split('\n')[0]).toBe('Workspace: local (.fnsync/workspace.json)');
    expect(r.recorded).toEqual([]);
  }, T);

  it('control: fnsync test, which does run function code, is recorded starting a runtime worker', async () => {
    const r = await probed(['test', 'stripe-events']);
    expect({ code: r.code, stderr: r.stderr }).toMatchObject({ code: 0 });
    expect(r.stdout).toMatch(/^\d+ passed, 0 failed$/m);
    expect(r.recorded).toContain('module dist/runtime/create-runtime.js');
    expect(r.recorded.some((l) => /^worker .*dist\/runtime\/worker\.js$/.test(l))).toBe(true);
  }, T);
});
