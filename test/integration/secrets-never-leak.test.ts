// Secrets never reach output: a canary value in STRIPE_SIGNING_SECRET and SLACK_WEBHOOK_URL, then the
// whole flow (validate, plan as text / --json / --out, apply of a file and with --json, workspace
// listings, --refresh-secrets, a failing apply, --debug, error paths, the embedded local workspace),
// everything recorded (test/helpers/output-recorder.ts: every spawned command's stdout and stderr,
// every file written in the project, the emulator's request log and its state as shown over HTTP).
// The last test asserts the canary, in any encoding, appears nowhere in what was collected, and, as
// controls, that the workspace really stored it and that the detector finds a planted leak.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { editFile, exampleProject } from '../helpers/e2e-project.js';
import { localWorkspace, startTestEmulator, type TestWorkspace } from '../helpers/e2e-workspace.js';
import { findLeaks, recordFiles, startRecording, SECRET_STORE_FILES, type Recording } from '../helpers/output-recorder.js';

const CANARY = 'canary-7f3a9c1e5b2d';
// One value JSON escaping changes (quote, backslash), one URL encoding changes (?, &, non-ASCII).
const SECRETS = {
  STRIPE_SIGNING_SECRET: `whsec_${CANARY}"q\\x`,
  SLACK_WEBHOOK_URL: `https://hooks.slack.com/services/T9/B9/${CANARY}?a=1&b=\u00fc`,
};
const ALL = [CANARY, ...Object.values(SECRETS)];
const T = 90_000;

describe('a canary secret never appears in any output, plan file, JSON or log', () => {
  let dir: string;
  let localDir: string;
  let ws: TestWorkspace;
  let recording: Recording;
  const fnsync = (args: string[], env: Record<string, string | undefined> = {}) => runCli(args, { cwd: dir, env: { ...ws.env, ...SECRETS, ...env } });

  beforeAll(async () => {
    recording = startRecording();
    dir = exampleProject();
    localDir = exampleProject();
    ws = await startTestEmulator();
  });
  afterAll(async () => {
    recording.stop();
    await ws?.close();
  });

  it('validate, plan as text, --json and --out, and --debug plan', async () => {
    expect((await fnsync(['validate'])).code).toBe(0);
    expect((await fnsync(['plan', '--skip-tests'])).code).toBe(0);
    expect((await fnsync(['plan', '--json', '--skip-tests'])).code).toBe(0);
    expect((await fnsync(['--debug', 'plan', '--skip-tests', '--out', 'plan.json'])).code).toBe(0);
  }, T);

  it('apply of the saved plan, then workspace listings (with --debug)', async () => {
    const r = await fnsync(['apply', 'plan.json']);
    expect({ code: r.code, stderr: r.stderr }).toMatchObject({ code: 0 });
    expect((await fnsync(['workspace'])).code).toBe(0);
    expect((await fnsync(['--debug', 'workspace', '--json'])).code).toBe(0);
  }, T);

  it('plans and applies that compare and re-send secrets: --refresh-secrets, apply --json', async () => {
    const plan = await fnsync(['plan', '--refresh-secrets', '--json', '--out', 'refresh.json']);
    expect(plan.code).toBe(0);
    expect(plan.stdout).toContain('"refreshed"');
    const r = await fnsync(['--debug', 'apply', '--json', '--refresh-secrets', '--auto-approve']);
    expect({ code: r.code, stderr: r.stderr }).toMatchObject({ code: 0 });
  }, T);

  it('a failing apply (the API answers 500 to every destination update), with --debug', async () => {
    editFile(dir, 'fnsync.yaml', 'channel: "#sales"', 'channel: "#revenue"');
    ws.emulator!.faults.inject({ method: 'PATCH', path: '/destinations', kind: 'status', status: 500, times: 1000 });
    try {
      const r = await fnsync(['--debug', 'apply', '--refresh-secrets', '--auto-approve']);
      expect(r.code).toBe(1);
      expect(r.stdout).toContain('Apply failed part-way. What was and was not done:');
      const j = await fnsync(['apply', '--json', '--refresh-secrets', '--auto-approve']);
      expect(j.code).toBe(1);
      expect(JSON.parse(j.stdout).result.ok).toBe(false);
    } finally {
      ws.emulator!.faults.clear();
    }
  }, T);

  it('error paths: a stale plan file, a missing variable, a rejected token, a broken config', async () => {
    expect((await fnsync(['plan', '--out', 'stale.json'])).code).toBe(0);
    await ws.withApi(async (api) => {
      const fn = (await api.listFunctions()).find((f) => f.displayName === 'Stripe Events')!;
      await api.updateFunction(fn.id, { description: 'edited in the Segment app' });
    });
    const stale = await fnsync(['--debug', 'apply', 'stale.json']);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain('the plan is stale');
    expect((await fnsync(['plan', '--refresh-secrets', '--out', 'needs.json'])).code).toBe(0);
    const missing = await fnsync(['--debug', 'apply', 'needs.json'], { SLACK_WEBHOOK_URL: undefined });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('environment variable is not set, and this apply must send it: SLACK_WEBHOOK_URL');
    const token = await fnsync(['--debug', 'plan'], { SEGMENT_PUBLIC_API_TOKEN: `${CANARY}-token` });
    expect(token.code).toBe(1);
    expect(token.stderr).toContain('401');
    editFile(dir, 'fnsync.yaml', 'version: 1\n', 'version: 1\nbogus: ${env:STRIPE_SIGNING_SECRET}\n');
    const broken = await fnsync(['--debug', 'plan']);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain("unknown key 'bogus'");
    editFile(dir, 'fnsync.yaml', 'version: 1\nbogus: ${env:STRIPE_SIGNING_SECRET}\n', 'version: 1\n');
  }, T);

  it('the README path: the embedded local workspace, plan, apply and workspace --json', async () => {
    const env = { ...SECRETS };
    expect((await runCli(['plan', '--skip-tests', '--out', 'plan.json'], { cwd: localDir, env })).code).toBe(0);
    expect((await runCli(['--debug', 'apply', '--skip-tests', '--auto-approve'], { cwd: localDir, env })).code).toBe(0);
    expect((await runCli(['workspace', '--json'], { cwd: localDir, env })).code).toBe(0);
    expect((await runCli(['plan', '--detailed-exitcode'], { cwd: localDir, env })).code).toBe(0);
  }, T);

  it('nothing collected holds the canary, in any encoding; the workspace itself did store it', async () => {
    const files = [...recordFiles(recording, dir), ...recordFiles(recording, localDir)];
    expect(files).toEqual(expect.arrayContaining(['fnsync.yaml', 'plan.json', 'refresh.json', 'stale.json', 'needs.json']));
    const res = await fetch(`${ws.env.SEGMENT_API_URL}/__emulator/state`, { headers: { Authorization: `Bearer ${ws.env.SEGMENT_PUBLIC_API_TOKEN}` } });
    recording.entries.push({ source: 'GET /__emulator/state', text: await res.text() });
    recording.entries.push({ source: 'emulator request log', text: JSON.stringify(ws.emulator!.requestLog) });
    expect(recording.entries.length).toBeGreaterThan(40);
    expect(recording.entries.some((e) => e.source.startsWith('fnsync plan --json') && e.text.includes('"formatVersion": 1'))).toBe(true);
    expect(recording.entries.some((e) => e.source.startsWith('fnsync --debug apply') && e.source.endsWith('stderr') && /\n\s+at /.test(e.text))).toBe(true);
    expect(findLeaks(recording.entries, ALL)).toEqual([]);

    // Controls: the values really went to the workspace (so there was something to leak), the
    // excluded file is the secret store, and the detector finds a leak in an encoded form.
    const stored = JSON.stringify(ws.state());
    expect(stored).toContain(SECRETS.STRIPE_SIGNING_SECRET.replace(/["\\]/g, (c) => `\\${c}`));
    expect(stored).toContain(SECRETS.SLACK_WEBHOOK_URL);
    expect(SECRET_STORE_FILES).toEqual(['.fnsync/workspace.json']);
    expect(findLeaks([{ source: 'store', text: JSON.stringify(localWorkspace(localDir).state()) }], ALL).length).toBeGreaterThan(0);
    const planted = `Authorization: Basic ${Buffer.from(`user:${SECRETS.SLACK_WEBHOOK_URL}`).toString('base64')}`;
    expect(findLeaks([{ source: 'planted', text: planted }], [CANARY])).not.toEqual([]);
    expect(findLeaks([{ source: 'planted', text: JSON.stringify({ v: SECRETS.STRIPE_SIGNING_SECRET }) }], [SECRETS.STRIPE_SIGNING_SECRET])).not.toEqual([]);
  }, T);
});
