// `fnsync import` as a user runs it: the built CLI spawned against an emulator seeded with hand-made
// functions and instances (a secret among their settings), then validate, test, plan, apply and plan
// again on what it wrote; and import into a project that already has fnsync.yaml and files.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/server.js';
import type { EmulatorSeed } from '../../src/emulator/types.js';
import { makeTempDir, runCli } from '../helpers/cli.js';

const TOKEN = 'sgp_import_test_TOKEN_71c2';
const SLACK_SECRET = 'https://hooks.slack.com/services/T0/B0/imported-secret-c0de';
const STRIPE_SECRET = 'whsec_imported_secret_9f3e';
const LONG = 120_000;

const SOURCE_CODE = "async function onRequest(request, settings) {\n  const body = request.json();\n  Segment.track({ event: body.type, userId: body.user });\n}\n";
const SLACK_CODE = 'async function onTrack(event, settings) {\n  await fetch(settings.webhookUrl, { method: "POST", body: JSON.stringify({ text: event.event }) });\n}\n\nasync function onIdentify(event, settings) {}\n';
const INSERT_CODE = 'async function onTrack(event) {\n  return event;\n}\n';

function seed(): EmulatorSeed {
  const def = (name: string, type: 'STRING' | 'BOOLEAN' | 'ARRAY' | 'TEXT_MAP', extra: { label?: string; required?: boolean; sensitive?: boolean } = {}) => ({
    name, label: extra.label ?? name, description: '', type, required: extra.required ?? false, sensitive: extra.sensitive ?? false,
  });
  return {
    workspace: { slug: 'acme-prod', name: 'Acme Prod' },
    functions: [
      { resourceType: 'SOURCE', displayName: 'Stripe Events', code: SOURCE_CODE, settings: [def('signingSecret', 'STRING', { label: 'Signing secret', required: true, sensitive: true })] },
      {
        resourceType: 'DESTINATION', displayName: 'Slack Alerts', description: 'Posts big orders to Slack', code: SLACK_CODE,
        settings: [def('webhookUrl', 'STRING', { label: 'Webhook URL', sensitive: true }), def('channel', 'STRING'), def('verbose', 'BOOLEAN'), def('events', 'ARRAY'), def('headers', 'TEXT_MAP')],
      },
      { id: 'ifnd_0123456789abcdef01234567', resourceType: 'INSERT_DESTINATION', displayName: 'Slack Alerts', code: INSERT_CODE },
      { resourceType: 'INSERT_SOURCE', displayName: 'Bot Filter', code: INSERT_CODE },
    ],
    sources: [
      { slug: 'web-prod', metadataId: 'javascript' },
      { slug: 'stripe-prod', metadataId: 'Stripe Events', settings: { signingSecret: STRIPE_SECRET } },
    ],
    destinations: [
      {
        name: 'slack-web', sourceId: 'web-prod', metadataId: 'Slack Alerts', enabled: true,
        settings: { webhookUrl: SLACK_SECRET, channel: '#sales', verbose: true, events: ['Order Completed'], headers: { 'X-Team': 'growth' } },
      },
      { name: 'amplitude-prod', sourceId: 'web-prod', metadataId: 'amplitude', settings: { apiKey: 'amp-key' } },
    ],
    insertInstances: [
      { functionId: 'ifnd_0123456789abcdef01234567', integrationId: 'amplitude-prod', name: 'slack-insert', enabled: true },
      { functionId: 'Bot Filter', integrationId: 'web-prod', name: 'bot-web', enabled: true },
    ],
  };
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function workspace(): Promise<{ emulator: RunningEmulator; env: Record<string, string> }> {
  const emulator = await startEmulator({ token: TOKEN, seed: seed() });
  cleanups.push(() => emulator.close());
  return { emulator, env: { SEGMENT_API_URL: emulator.url, SEGMENT_PUBLIC_API_TOKEN: TOKEN } };
}

function project(files: Record<string, string> = {}): string {
  const dir = makeTempDir(files);
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const lastLine = (text: string) => text.trimEnd().split('\n').at(-1);

describe('fnsync import', () => {
  it('adopts a whole workspace: validate and test pass, plan adopts only, apply adds the markers, then no changes', { timeout: LONG }, async () => {
    const { emulator, env } = await workspace();
    const dir = project();
    const run = (args: string[]) => runCli(args, { cwd: dir, env });

    const imported = await run(['import']);
    expect(imported.stderr.split('\n')[0]).toBe(`Workspace: acme-prod (${new URL(emulator.url).host})`);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain('Imported 4 functions from workspace acme-prod into fnsync.yaml:');
    expect(imported.stdout).toMatch(/\+ slack-alerts-2 +insert-destination function Slack Alerts \(ifnd_0123456789abcdef01234567\), 1 instance\n +named slack-alerts-2, not slack-alerts: the destination function Slack Alerts imported above is slack-alerts/);
    expect(imported.stdout).toMatch(/SLACK_ALERTS_WEBHOOK_URL +function\.slack-alerts\.instances\["slack-web"\]\.settings\.webhookUrl \(a secret\)/);
    expect(imported.stdout).toMatch(/STRIPE_EVENTS_SIGNING_SECRET +function\.stripe-events\.instances\["stripe-prod"\]/);
    expect(readFileSync(join(dir, 'functions/slack-alerts/handler.js'), 'utf8')).toBe(SLACK_CODE);
    expect(readFileSync(join(dir, 'functions/stripe-events/handler.js'), 'utf8')).toBe(SOURCE_CODE);
    const config = readFileSync(join(dir, 'fnsync.yaml'), 'utf8');
    expect(config.split('\n')[0]).toBe('# yaml-language-server: $schema=./node_modules/fnsync/schemas/fnsync.schema.json');
    expect(config).toContain('webhookUrl: ${env:SLACK_ALERTS_WEBHOOK_URL}');
    expect(config).toMatch(/- name: slack-insert\n {8}destination: amplitude-prod\n/);
    for (const text of [imported.stdout, imported.stderr, config]) {
      expect(text).not.toContain(SLACK_SECRET.slice(-20));
      expect(text).not.toContain(STRIPE_SECRET.slice(-12));
    }

    const validated = await run(['validate']);
    expect(validated.stdout).toContain('fnsync.yaml is valid: 4 functions, 4 instances');
    expect(validated.code).toBe(0);

    const tested = await run(['test']);
    expect(tested.code).toBe(0);
    // One skipped case per handler: onRequest; onIdentify and onTrack; onTrack; onTrack.
    expect(lastLine(tested.stdout)).toBe('0 passed, 0 failed, 5 skipped');
    expect(tested.stdout).toContain('- onIdentify handles an identify event (to write) (skipped: to write: an identify event');

    const planned = await run(['plan', '--json', '--skip-tests']);
    expect(planned.code).toBe(0);
    const plan = JSON.parse(planned.stdout) as { changes: { action: string; address: string; code?: unknown; settings: unknown[] }[]; steps: { rollsOutCodeOf?: string }[] };
    expect(plan.changes.map((c) => [c.action, c.address]).sort()).toEqual([
      ['adopt', 'function.bot-filter'],
      ['adopt', 'function.slack-alerts'],
      ['adopt', 'function.slack-alerts-2'],
      ['adopt', 'function.stripe-events'],
    ]);
    expect(plan.changes.filter((c) => c.code !== undefined || c.settings.length > 0)).toEqual([]);
    expect(plan.steps.filter((s) => s.rollsOutCodeOf)).toEqual([]);

    const applied = await run(['apply', '--auto-approve', '--skip-tests']);
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain('Apply complete! Resources: 0 added, 4 changed, 0 destroyed.');
    const state = emulator.state();
    for (const f of state.functions) expect(f.code.split('\n').filter((l) => l !== '').at(-1)).toMatch(/^\/\/ fnsync-managed: \{"name":"/);
    // The secrets were left alone: apply never sent a masked value back.
    expect(state.destinations.find((d) => d.name === 'slack-web')!.settings.webhookUrl).toBe(SLACK_SECRET);
    expect(state.sources.find((s) => s.slug === 'stripe-prod')!.settings.signingSecret).toBe(STRIPE_SECRET);

    const again = await run(['plan']);
    expect(again.code).toBe(0);
    expect(lastLine(again.stdout)).toBe('No changes. The workspace matches the configuration.');

    const reimport = await run(['import']);
    expect(reimport.code).toBe(0);
    expect(reimport.stdout).toContain('Nothing to import: workspace acme-prod has no function that fnsync does not manage yet.');
    expect(readFileSync(join(dir, 'fnsync.yaml'), 'utf8')).toBe(config);
  });

  it('adds to an existing fnsync.yaml keeping it byte for byte, never overwrites a file, and imports only --function', { timeout: LONG }, async () => {
    const { env } = await workspace();
    const original = [
      '# My project: hand-written functions first',
      'version: 1   # always 1',
      'functions:',
      '  # posts orders to our own service',
      '  my-hook:',
      '    type: destination',
      '    displayName: My Hook',
      '    code: hooks/my-hook.js     # not under functions/',
      '    settings: [{ name: url }]',
      '# end of functions',
      '',
    ].join('\n');
    const mine = '// my own file, not the workspace function\nasync function onTrack() {}\n';
    const dir = project({ 'fnsync.yaml': original, 'hooks/my-hook.js': 'async function onTrack() {}\n', 'functions/slack-alerts/handler.js': mine });

    const dry = await runCli(['import', '--function', 'Bot Filter', '--dry-run'], { cwd: dir, env });
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('Would import 1 function');
    expect(lastLine(dry.stdout)).toBe('Dry run: nothing was written.');
    expect(existsSync(join(dir, 'functions/bot-filter'))).toBe(false);

    const r = await runCli(['import', '--function', 'Bot Filter', '--function', 'Stripe Events', '--function', 'Slack Alerts'], { cwd: dir, env });
    // 'Slack Alerts' names two functions (a destination and an insert function): refused, nothing written.
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('--function Slack Alerts: 2 functions have that name');
    expect(readFileSync(join(dir, 'fnsync.yaml'), 'utf8')).toBe(original);

    const listed = await runCli(['workspace', '--json'], { cwd: dir, env });
    const slackId = (JSON.parse(listed.stdout) as { functions: { id: string; type: string; displayName: string }[] }).functions.find((f) => f.type === 'destination')!.id;
    const chosen = await runCli(['import', '--function', 'bot filter', '--function', slackId], { cwd: dir, env });
    expect(chosen.code).toBe(0);
    expect(chosen.stdout).toContain('Imported 2 functions');
    expect(chosen.stdout).toContain('named slack-alerts-2, not slack-alerts: functions/slack-alerts/ exists (import never overwrites files)');
    expect(readFileSync(join(dir, 'functions/slack-alerts/handler.js'), 'utf8')).toBe(mine);
    expect(readFileSync(join(dir, 'functions/slack-alerts-2/handler.js'), 'utf8')).toBe(SLACK_CODE);
    const config = readFileSync(join(dir, 'fnsync.yaml'), 'utf8');
    const [head, tail] = original.split('# end of functions');
    expect(config.startsWith(head!)).toBe(true);
    expect(config.endsWith(`# end of functions${tail}`)).toBe(true);
    expect(config).not.toContain('Stripe Events');
    expect(config.match(/^ {2}[a-z][\w-]*:$/gm)).toEqual(['  my-hook:', '  slack-alerts-2:', '  bot-filter:']);

    const validated = await runCli(['validate'], { cwd: dir, env });
    expect(validated.code).toBe(0);
    expect(validated.stdout).toContain('fnsync.yaml is valid: 3 functions, 2 instances');
  });

  it('without a token reads the embedded local workspace, and writes nothing when there is nothing to import', { timeout: LONG }, async () => {
    const dir = project();
    const r = await runCli(['import'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr.split('\n')[0]).toBe('Workspace: local (.fnsync/workspace.json)');
    expect(r.stdout).toContain('Nothing to import: workspace local has no function that fnsync does not manage yet.');
    expect(existsSync(join(dir, 'fnsync.yaml'))).toBe(false);
    expect(existsSync(join(dir, 'functions'))).toBe(false);
  });

  it('refuses an unknown --function, listing what can be imported, and writes nothing', { timeout: LONG }, async () => {
    const { env } = await workspace();
    const dir = project();
    const r = await runCli(['import', '--function', 'Stripe Event'], { cwd: dir, env });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("error: --function Stripe Event: no function of that name or id in the workspace (did you mean 'Stripe Events'?); the unmanaged functions are:");
    expect(r.stderr).toMatch(/^ {2}Bot Filter \(insert-source, ifns_\w+\)$/m);
    expect(existsSync(join(dir, 'fnsync.yaml'))).toBe(false);
    expect(existsSync(join(dir, 'functions'))).toBe(false);
  });

  it('refuses to add to an invalid fnsync.yaml, leaving it as it is', { timeout: LONG }, async () => {
    const { env } = await workspace();
    const broken = 'version: 1\nfunctions:\n  x:\n    type: destination\n';
    const dir = project({ 'fnsync.yaml': broken });
    const r = await runCli(['import'], { cwd: dir, env });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/fnsync\.yaml is not valid: \d+ problems?; fix it first/);
    expect(readFileSync(join(dir, 'fnsync.yaml'), 'utf8')).toBe(broken);
    expect(existsSync(join(dir, 'functions'))).toBe(false);
  });
});
