// The whole life of a project, spawned CLI against a workspace over HTTP: an empty workspace, a first
// plan and apply, a plan that must show no changes despite the API's false-diff traps, one change of
// each kind with its exact plan text, removing a function, and nothing left to do. Run twice: against
// a separately started emulator (SEGMENT_API_URL + token) and against the embedded local workspace
// (no token, the README quick start path). Every apply is checked in the workspace itself.
// (Importing a hand-made function with instances and then planning no changes is covered with
// `fnsync import`, in its own test file.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isMaskedValue } from '../../src/api/normalise.js';
import { runCli } from '../helpers/cli.js';
import { editFile, exampleProject, normalisePlanText, removeFunction } from '../helpers/e2e-project.js';
import { localWorkspace, startTestEmulator, storedFunction, type TestWorkspace } from '../helpers/e2e-workspace.js';

const SECRETS = { STRIPE_SIGNING_SECRET: 'whsec_lifecycle_0a1b2c3d4e', SLACK_WEBHOOK_URL: 'https://hooks.slack.com/services/T1/B1/lifecycle9z8y' };
const T = 60_000;

const targets: [string, (dir: string) => Promise<TestWorkspace>][] = [
  ['a separately started emulator (SEGMENT_API_URL + token)', () => startTestEmulator()],
  ['the embedded local workspace (no token)', async (dir) => localWorkspace(dir)],
];

describe.each(targets)('plan and apply against %s', (_label, open) => {
  let dir: string;
  let ws: TestWorkspace;
  const fnsync = (...args: string[]) => runCli(args, { cwd: dir, env: { ...ws.env, ...SECRETS } });

  beforeAll(async () => {
    dir = exampleProject();
    ws = await open(dir);
  });
  afterAll(async () => ws?.close());

  it('an empty workspace: plan lists 8 creates and exits 2 with --detailed-exitcode, changing nothing', async () => {
    const r = await fnsync('plan', '--skip-tests', '--detailed-exitcode');
    expect({ code: r.code, stderr: r.stderr }).toMatchObject({ code: 2 });
    expect(r.stderr.split('\n')[0]).toBe(ws.targetLine);
    expect(r.stdout.match(/^ {2}# function\.\S+ \(.*\) will be created/gm)).toHaveLength(8);
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('Plan: 8 to add, 0 to change, 0 to destroy.');
    expect(ws.state().functions).toEqual([]);
  }, T);

  it('apply creates the functions and instances, as the workspace itself shows', async () => {
    const r = await fnsync('apply', '--skip-tests', '--auto-approve');
    expect({ code: r.code, stderr: r.stderr }).toMatchObject({ code: 0 });
    expect(r.stdout).toContain('Apply complete! Resources: 8 added, 0 changed, 0 destroyed.');
    const s = ws.state();
    const slack = storedFunction(s, 'Slack Alerts');
    // The trap the next plan must see through: the API suffixed the display name.
    expect(slack.displayName).toBe(`Slack Alerts (${ws.name})`);
    expect(slack.code).toMatch(/\n\/\/ fnsync-managed: \{"name":"slack-alerts"[^\n]*\n$/);
    expect(slack.settings.map((d) => d.name)).toEqual(['webhookUrl', 'channel', 'minimumRevenue']);
    const stripe = storedFunction(s, 'Stripe Events');
    expect(stripe.deployedVersionId).toBe(stripe.versions[0]!.id);
    const web = s.sources.find((x) => x.slug === 'web-prod')!;
    const source = s.sources.find((x) => x.slug === 'stripe-prod')!;
    expect(source).toMatchObject({ metadataId: stripe.catalogId, enabled: true, settings: { signingSecret: SECRETS.STRIPE_SIGNING_SECRET, verifySignatures: true } });
    const dest = s.destinations.find((d) => d.name === 'slack-alerts-web')!;
    expect(dest).toMatchObject({ metadataId: slack.catalogId, sourceId: web.id, enabled: true, settings: { webhookUrl: SECRETS.SLACK_WEBHOOK_URL, channel: '#sales', minimumRevenue: '100' } });
    const amplitude = s.destinations.find((d) => d.name === 'amplitude-prod')!;
    const pii = storedFunction(s, 'PII Mask');
    expect(s.insertInstances.find((i) => i.name === 'pii-mask-amplitude')).toMatchObject({ classId: pii.id.replace(/^ifnd_/, ''), integrationId: amplitude.id, enabled: true, settings: { redactFields: ['phone', 'address', 'ssn'] } });
    expect(s.insertInstances.find((i) => i.name === 'bot-filter-web')).toMatchObject({ classId: storedFunction(s, 'Bot Filter').id.replace(/^ifns_/, ''), integrationId: web.id });
    const listing = JSON.parse((await fnsync('workspace', '--json')).stdout) as { functions: { displayName: string; deployState: string }[] };
    expect(listing.functions.map((f) => [f.displayName, f.deployState]).sort()).toEqual([
      ['Bot Filter', 'latest'], ['PII Mask', 'latest'], ['Slack Alerts', 'latest'], ['Stripe Events', 'latest'],
    ]);
  }, T);

  it('the next plan has no changes despite suffixed names, reordered settings, masked secrets and server-added keys', async () => {
    // What the real API does on its own, done here through the SDK: reorder setting definitions and add keys.
    await ws.withApi(async (api) => {
      const fn = (await api.listFunctions()).find((f) => f.displayName === 'Slack Alerts')!;
      const full = await api.getFunction(fn.id);
      await api.updateFunction(fn.id, { settings: [...full.settings].reverse() });
      const dest = (await api.listDestinations()).find((d) => d.name === 'slack-alerts-web')!;
      expect(isMaskedValue(dest.settings.webhookUrl)).toBe(true);
      await api.updateDestination(dest.id, { settings: { serverAddedKey: 'generated-by-segment' } });
    });
    const s = ws.state();
    expect(storedFunction(s, 'Slack Alerts').settings.map((d) => d.name)).not.toEqual(['webhookUrl', 'channel', 'minimumRevenue']);
    expect(s.destinations.find((d) => d.name === 'slack-alerts-web')!.settings.serverAddedKey).toBe('generated-by-segment');
    const r = await fnsync('plan', '--detailed-exitcode');
    expect({ code: r.code, stderr: r.stderr }).toMatchObject({ code: 0 });
    expect(r.stdout).not.toContain('will be');
    expect(r.stdout).toContain('function.slack-alerts.instances["slack-alerts-web"].settings.webhookUrl: unchanged (its last 4 characters match the workspace)');
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('No changes. The workspace matches the configuration.');
  }, T);

  it('a change of code, a setting definition, an instance setting and enabled: exactly this plan text', async () => {
    editFile(dir, 'functions/slack-alerts/handler.js', ':moneybag:', ':tada:');
    editFile(dir, 'fnsync.yaml', 'description: "Slack channel, e.g. #sales"', 'description: Slack channel to post to');
    editFile(dir, 'fnsync.yaml', 'channel: "#sales"', 'channel: "#revenue"');
    editFile(dir, 'fnsync.yaml', '        destination: amplitude-prod\n', '        destination: amplitude-prod\n        enabled: false\n');
    const r = await fnsync('plan', '--skip-tests', '--detailed-exitcode');
    expect({ code: r.code, stderr: r.stderr }).toMatchObject({ code: 2 });
    expect(normalisePlanText(r.stdout).trimEnd()).toBe(CHANGE_PLAN_TEXT);
  }, T);

  it('apply makes exactly those changes and leaves secrets, unmanaged keys and other functions alone', async () => {
    const before = ws.state();
    const r = await fnsync('apply', '--skip-tests', '--auto-approve');
    expect({ code: r.code, stderr: r.stderr }).toMatchObject({ code: 0 });
    expect(r.stdout).toContain('Apply complete! Resources: 0 added, 3 changed, 0 destroyed.');
    const s = ws.state();
    const slack = storedFunction(s, 'Slack Alerts');
    expect(slack.code).toContain('`:tada: ${event.event}');
    expect(slack.code).not.toContain(':moneybag:');
    expect(slack.code).toMatch(/\n\/\/ fnsync-managed: \{"name":"slack-alerts"[^\n]*\n$/);
    expect(slack.settings.find((d) => d.name === 'channel')!.description).toBe('Slack channel to post to');
    expect(slack.displayName).toBe(`Slack Alerts (${ws.name})`);
    const dest = s.destinations.find((d) => d.name === 'slack-alerts-web')!;
    // The secret is still the real value: fnsync never echoed the masked one back.
    expect(dest.settings).toEqual({ webhookUrl: SECRETS.SLACK_WEBHOOK_URL, channel: '#revenue', minimumRevenue: '100', serverAddedKey: 'generated-by-segment' });
    expect(s.insertInstances.find((i) => i.name === 'pii-mask-amplitude')!.enabled).toBe(false);
    for (const name of ['Stripe Events', 'PII Mask', 'Bot Filter']) {
      expect(storedFunction(s, name).versions.length).toBe(storedFunction(before, name).versions.length);
    }
    expect(s.sources.find((x) => x.slug === 'stripe-prod')).toEqual(before.sources.find((x) => x.slug === 'stripe-prod'));
    const again = await fnsync('plan', '--skip-tests', '--detailed-exitcode');
    expect({ code: again.code, stdout: again.stdout }).toMatchObject({ code: 0, stdout: expect.stringContaining('No changes.') });
  }, T);

  it('removing a function from fnsync.yaml deletes its instance first, then the function', async () => {
    removeFunction(dir, 'slack-alerts');
    const plan = await fnsync('plan', '--detailed-exitcode');
    expect({ code: plan.code, stderr: plan.stderr }).toMatchObject({ code: 2 });
    const headers = plan.stdout.split('\n').filter((l) => l.startsWith('  # '));
    expect(headers.map((h) => normalisePlanText(h))).toEqual([
      '  # function.slack-alerts.instances["slack-alerts-web"] (destination) will be destroyed: its function is not in fnsync.yaml [<id>]',
      '  # function.slack-alerts (destination) will be destroyed: not in fnsync.yaml [<id>]',
    ]);
    expect(plan.stdout).toContain('Plan: 0 to add, 0 to change, 2 to destroy.');
    const r = await fnsync('apply', '--auto-approve');
    expect({ code: r.code, stderr: r.stderr }).toMatchObject({ code: 0 });
    expect(r.stdout).toContain('Apply complete! Resources: 0 added, 0 changed, 2 destroyed.');
    const done = r.stderr.split('\n').filter((l) => l.endsWith(': done'));
    expect(done).toEqual([
      'function.slack-alerts.instances["slack-alerts-web"]: delete destination slack-alerts-web: done',
      'function.slack-alerts: delete destination function Slack Alerts: done',
    ]);
    const s = ws.state();
    expect(s.functions.map((f) => f.displayName.replace(` (${ws.name})`, '')).sort()).toEqual(['Bot Filter', 'PII Mask', 'Stripe Events']);
    expect(s.destinations.map((d) => d.name).sort()).toEqual(['amplitude-ios-prod', 'amplitude-prod', 'webhooks-prod']);
  }, T);

  it('then there is nothing left to do: plan exits 0 and apply changes nothing', async () => {
    const before = ws.state();
    const plan = await fnsync('plan', '--detailed-exitcode');
    expect({ code: plan.code, stderr: plan.stderr }).toMatchObject({ code: 0 });
    expect(plan.stdout.trimEnd().split('\n').at(-1)).toBe('No changes. The workspace matches the configuration.');
    const r = await fnsync('apply', '--auto-approve');
    expect({ code: r.code, stderr: r.stderr }).toMatchObject({ code: 0 });
    // With nothing to do, apply's last word is the plan's (as the README's second Quick start run shows).
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('No changes. The workspace matches the configuration.');
    expect(ws.state()).toEqual(before);
  }, T);
});

// The plan for the change step, reasoned from the edits rather than copied from a run:
// - only the changed resources, in plan order (source functions first, each function before its
//   instances), so stripe-events and bot-filter do not appear;
// - the code diff has one hunk, line 8 with 3 lines of context each side (lines 5-11);
// - hidden counts: slack-alerts 4 (displayName, description, settings webhookUrl and minimumRevenue;
//   logoUrl is not in fnsync.yaml so not managed); slack-alerts-web 4 (connection, name, enabled,
//   minimumRevenue; the secret is listed, not counted; serverAddedKey is not declared, so not
//   compared); pii-mask-amplitude 3 (connection, name, redactFields);
// - the secret is compared by its last 4 characters, with its variable set, so unchanged.
const CHANGE_PLAN_TEXT = [
  'fnsync will perform the following actions. Resource actions are indicated with the following symbols:',
  '  ~   update in-place',
  '',
  '  # function.slack-alerts (destination) will be updated in-place [<id>]',
  '  ~ function.slack-alerts',
  '      ~ code (UNTESTED: run fnsync test):',
  '        @@ -5,7 +5,7 @@',
  "           if (event.event === 'Order Completed' && revenue < (Number(settings.minimumRevenue) || 0)) {",
  '             return; // below the threshold: nothing to say',
  '           }',
  '        -  await postToSlack(settings, `:moneybag: ${event.event} by ${event.userId || event.anonymousId}: ${revenue}`);',
  '        +  await postToSlack(settings, `:tada: ${event.event} by ${event.userId || event.anonymousId}: ${revenue}`);',
  '         }',
  '',
  '         async function onIdentify(event, settings) {',
  '      ~ setting channel: description "Slack channel, e.g. #sales" -> "Slack channel to post to"',
  '      (4 unchanged fields hidden)',
  '',
  '  # function.slack-alerts.instances["slack-alerts-web"] (destination on source web-prod) will be updated in-place [<id>]',
  '  ~ function.slack-alerts.instances["slack-alerts-web"]',
  '      ~ settings.channel = "#sales" -> "#revenue"',
  '        settings.webhookUrl = (sensitive value) from ${env:SLACK_WEBHOOK_URL}: unchanged (its last 4 characters match the workspace)',
  '      (4 unchanged fields hidden)',
  '',
  '  # function.pii-mask.instances["pii-mask-amplitude"] (insert function instance on destination amplitude-prod) will be updated in-place [<id>]',
  '  ~ function.pii-mask.instances["pii-mask-amplitude"]',
  '      ~ enabled = true -> false',
  '      (3 unchanged fields hidden)',
  '',
  'Secrets:',
  '  function.stripe-events.instances["stripe-prod"].settings.signingSecret: unchanged (its last 4 characters match the workspace)',
  '  function.slack-alerts.instances["slack-alerts-web"].settings.webhookUrl: unchanged (its last 4 characters match the workspace)',
  '',
  'Unmanaged (not in fnsync.yaml, left alone): 3 sources, 3 destinations',
  '  source http-api-prod (HTTP API) [<id>]',
  '  source ios-prod (iOS) [<id>]',
  '  source web-prod (Javascript) [<id>]',
  '  destination amplitude-ios-prod (Amplitude) [<id>]',
  '  destination amplitude-prod (Amplitude) [<id>]',
  '  destination webhooks-prod (Webhooks) [<id>]',
  '',
  'Warning: --skip-tests: code is rolled out without checking the fnsync test record.',
  '',
  'Plan: 0 to add, 3 to change, 0 to destroy.',
].join('\n');
