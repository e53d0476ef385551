import { describe, expect, it } from 'vitest';
import { toConfigValue } from '../../../src/config/normalise-config.js';
import { renderPlanMarkdown } from '../../../src/render/plan-markdown.js';
import { renderPlanText } from '../../../src/render/plan-text.js';
import type { Plan } from '../../../src/plan/types.js';
import { config, fnDef, masked, secretSetting, setting, workspace, type InstanceSpec } from './builders.js';
import { graph, instChange, plan, step, type RunOptions } from './run-plan.js';

const INST = 'function.crm.instances["crm-web"]';
const KEY = 'sk_live_0000000000wxyz';
const crm = (inst: Partial<InstanceSpec> = {}) =>
  fnDef('crm', 'destination', {
    settings: [secretSetting('apiKey'), setting('region')],
    instances: [{ name: 'crm-web', source: 'web-prod', settings: { apiKey: '${env:CRM_KEY}', region: 'eu' }, ...inst }],
  });

/** Plans `crm` against a workspace where the key ends in `last4` and the region is `eu`. */
function planWith(last4: string, run: RunOptions, inst: Partial<InstanceSpec> = {}): Plan {
  const ws = workspace();
  const web = ws.source('web-prod');
  ws.destination('crm-web', web, { fn: ws.managed(crm()), settings: { apiKey: masked(last4), region: 'eu' } });
  return plan(config(crm(inst)), ws, run);
}

/** No secret value (nor its last four characters) anywhere in the plan document. */
function expectNoSecretIn(p: Plan, ...values: string[]): void {
  const text = JSON.stringify(p);
  for (const v of values) expect(text).not.toContain(v);
}

describe('secrets', () => {
  it('a secret whose variable is not set is not compared and not sent', () => {
    const p = planWith('abcd', { env: {} });
    expect(p.steps).toEqual([]);
    expect(p.changes).toEqual([]);
    expect(p.secrets).toEqual([{ address: INST, setting: 'apiKey', handling: 'not-compared', env: ['CRM_KEY'] }]);
  });

  it('with its variable unset, a secret stays out of an update that sends other values', () => {
    const p = planWith('abcd', { env: {} }, { settings: { apiKey: '${env:CRM_KEY}', region: 'us' } });
    expect(step(p, `update:${INST}`, 'update-destination').settings).toEqual({ region: toConfigValue('us', 'string') });
    expect(instChange(p, INST).settings).toEqual([
      { name: 'apiKey', action: 'unchanged', hidden: true, sensitive: true, env: ['CRM_KEY'], secret: 'not-compared' },
      { name: 'region', action: 'change', hidden: false, sensitive: false, env: [], old: 'eu', new: 'us' },
    ]);
  });

  it('matching last four characters: nothing to send', () => {
    const p = planWith('wxyz', { env: { CRM_KEY: KEY } });
    expect(p.steps).toEqual([]);
    expect(p.secrets).toEqual([{ address: INST, setting: 'apiKey', handling: 'last4-match', env: ['CRM_KEY'] }]);
    expectNoSecretIn(p, KEY);
  });

  it('different last four characters: the secret is sent, as its template, and only described', () => {
    const p = planWith('abcd', { env: { CRM_KEY: KEY } });
    expect(graph(p)).toEqual([[`update:${INST}`, 'update-destination', []]]);
    expect(step(p, `update:${INST}`, 'update-destination').settings).toEqual({ apiKey: toConfigValue('${env:CRM_KEY}', 'string') });
    expect(instChange(p, INST).settings).toEqual([{ name: 'apiKey', action: 'change', hidden: true, sensitive: true, env: ['CRM_KEY'], secret: 'last4-differ' }]);
    expect(p.secrets).toEqual([{ address: INST, setting: 'apiKey', handling: 'last4-differ', env: ['CRM_KEY'] }]);
    expectNoSecretIn(p, KEY, 'wxyz');
  });

  it('--refresh-secrets re-sends a matching secret whose variable is set, and only that', () => {
    const p = planWith('wxyz', { env: { CRM_KEY: KEY }, options: { refreshSecrets: true } });
    expect(step(p, `update:${INST}`, 'update-destination').settings).toEqual({ apiKey: toConfigValue('${env:CRM_KEY}', 'string') });
    expect(p.secrets).toEqual([{ address: INST, setting: 'apiKey', handling: 'refreshed', env: ['CRM_KEY'] }]);
    expectNoSecretIn(p, KEY);
    const unset = planWith('wxyz', { env: {}, options: { refreshSecrets: true } });
    expect(unset.steps).toEqual([]);
    expect(unset.secrets[0]!.handling).toBe('not-compared');
  });

  it('a plain setting built from an env variable is compared but never shown', () => {
    const region = 'eu-central-zone-7';
    const p = planWith('wxyz', { env: { CRM_KEY: KEY, REGION: region } }, { settings: { apiKey: '${env:CRM_KEY}', region: '${env:REGION}' } });
    expect(instChange(p, INST).settings).toEqual([
      { name: 'apiKey', action: 'unchanged', hidden: true, sensitive: true, env: ['CRM_KEY'], secret: 'last4-match' },
      { name: 'region', action: 'change', hidden: true, sensitive: false, env: ['REGION'] },
    ]);
    expectNoSecretIn(p, KEY, region);
    const same = planWith('wxyz', { env: { CRM_KEY: KEY, REGION: 'eu' } }, { settings: { apiKey: '${env:CRM_KEY}', region: '${env:REGION}' } });
    expect(same.steps).toEqual([]);
  });

  it('a secret removed from fnsync.yaml is removed (null) without showing its masked value', () => {
    const p = planWith('abcd', { env: {} }, { settings: { region: 'eu' } });
    expect(step(p, `update:${INST}`, 'update-destination').settings).toEqual({ apiKey: null });
    expect(instChange(p, INST).settings).toEqual([{ name: 'apiKey', action: 'remove', hidden: true, sensitive: true, env: [] }]);
  });
});

describe('variables a plan must send', () => {
  it('warns, naming the variable and the resource, when a create needs a variable that is not set here', () => {
    const withWeb = () => {
      const ws = workspace();
      ws.source('web-prod');
      return ws;
    };
    const p = plan(config(crm()), withWeb(), { env: {} });
    expect(step(p, `create:${INST}`, 'create-destination').settings.apiKey).toEqual(toConfigValue('${env:CRM_KEY}', 'string'));
    expect(p.warnings).toEqual([`CRM_KEY is not set here, and apply must send it (${INST}): set it before fnsync apply`]);
    expect(plan(config(crm()), withWeb(), { env: { CRM_KEY: KEY } }).warnings).toEqual([]);
  });
});

describe('values that look like a credential in a setting not marked sensitive', () => {
  const LITERAL = 'sk_live_abcdef123456';
  const acme = (settings: Record<string, string>) =>
    fnDef('acme', 'destination', {
      settings: [setting('apiKey'), setting('endpoint'), setting('region')],
      instances: [{ name: 'acme-web', source: 'web-prod', settings }],
    });
  const ACME = 'function.acme.instances["acme-web"]';

  it('are hidden in the change and sent by reference to fnsync.yaml, never copied into the plan', () => {
    const ws = workspace();
    ws.source('web-prod');
    const p = plan(config(acme({ apiKey: LITERAL, endpoint: 'https://x.example.com/?api_key=abcd1234', region: 'eu' })), ws, { env: {} });
    const created = step(p, `create:${ACME}`, 'create-destination');
    expect(created.settings).toEqual({
      apiKey: { kind: 'from-config', function: 'acme', instance: 'acme-web', setting: 'apiKey' },
      endpoint: { kind: 'from-config', function: 'acme', instance: 'acme-web', setting: 'endpoint' },
      region: toConfigValue('eu', 'string'),
    });
    expect(instChange(p, ACME).settings).toEqual([
      { name: 'apiKey', action: 'add', hidden: true, sensitive: false, credential: true, env: [] },
      { name: 'endpoint', action: 'add', hidden: true, sensitive: false, credential: true, env: [] },
      { name: 'region', action: 'add', hidden: false, sensitive: false, env: [], new: 'eu' },
    ]);
    expectNoSecretIn(p, LITERAL, 'abcd1234');
    // The text and the GitHub markdown say why the value is not shown.
    const text = renderPlanText(p, { color: false }).join('\n');
    const markdown = renderPlanMarkdown(p, { purpose: 'plan', wholeAt: 'the job log', limit: 60_000 }).text;
    for (const out of [text, markdown]) {
      expect(out).toContain('+ settings.apiKey = (looks like a credential: value not shown)');
      expect(out).not.toContain(LITERAL);
      expect(out).not.toContain('abcd1234');
    }
  });

  it('an old value shaped like a credential is hidden too', () => {
    const ws = workspace();
    const web = ws.source('web-prod');
    ws.destination('acme-web', web, { fn: ws.managed(acme({ endpoint: 'https://x.example.com/?token=oldsecret99' })), settings: { endpoint: 'https://x.example.com/?token=oldsecret99' } });
    const p = plan(config(acme({ endpoint: 'https://x.example.com/plain' })), ws, { env: {} });
    expect(instChange(p, ACME).settings).toEqual([{ name: 'endpoint', action: 'change', hidden: true, sensitive: false, credential: true, env: [] }]);
    expectNoSecretIn(p, 'oldsecret99');
  });
});
