import { describe, expect, it } from 'vitest';
import { parseMarker } from '../../../src/plan/marker.js';
import { config, fnDef, masked, secretSetting, setting, workspace } from './builders.js';
import { PROVENANCE, fnChange, graph, plan, step } from './run-plan.js';

// Setting definitions deliberately not in name order: the API returns them sorted (§14.2).
const hooks = fnDef('hooks', 'source', {
  displayName: 'Hooks',
  settings: [setting('zone'), secretSetting('signingKey'), setting('allowed', { type: 'array' })],
  instances: [{ name: 'hooks-prod', settings: { zone: 'eu', signingKey: '${env:HOOKS_KEY}', allowed: ['a', 'b'] } }],
});
const slack = fnDef('slack', 'destination', {
  displayName: 'Slack Alerts',
  description: 'Posts to Slack',
  settings: [setting('headers', { type: 'text-map' }), setting('loud', { type: 'boolean' }), setting('channel')],
  instances: [
    { name: 'slack-web', source: 'web-prod', settings: { channel: '#web-${env:STAGE}', headers: { b: '2', a: '1' }, loud: false } },
    { name: 'slack-hooks', source: 'hooks-prod', enabled: false },
  ],
});
const enrich = fnDef('enrich', 'insert-destination', { displayName: 'Enrich', instances: [{ name: 'enrich-webhooks', destination: 'webhooks-prod' }] });
const filter = fnDef('filter', 'insert-source', { displayName: 'Filter', instances: [{ name: 'filter-web', source: 'web-prod' }] });
const cfg = config(hooks, slack, enrich, filter);
const env = { HOOKS_KEY: 'whsec_0123456789abcd', STAGE: 'prod' };

/** A workspace where fnsync applied `cfg` (from another commit), plus catalog integrations it uses. */
function matching() {
  const ws = workspace('Acme Prod');
  const web = ws.source('web-prod');
  const webhooks = ws.destination('webhooks-prod', web);
  const h = ws.managed(hooks);
  const hp = ws.source('hooks-prod', { fn: h, settings: { zone: 'eu', signingKey: masked('abcd'), allowed: ['a', 'b'] } });
  const s = ws.managed(slack);
  ws.destination('slack-web', web, { fn: s, settings: { channel: '#web-prod', headers: { a: '1', b: '2' }, loud: false } });
  ws.destination('slack-hooks', hp, { fn: s, enabled: false });
  ws.insert('enrich-webhooks', ws.managed(enrich), webhooks);
  ws.insert('filter-web', ws.managed(filter), web);
  return { ws, web, webhooks, h, s };
}

describe('plan against a workspace that already matches', () => {
  const { ws, web, webhooks, h, s } = matching();
  const p = plan(cfg, ws, { env });

  it('changes nothing: suffix-stripped names, reordered settings, server keys and masked secrets are no diff', () => {
    expect(ws.functions.find((f) => f.id === s.id)!.rawDisplayName).toBe('Slack Alerts (Acme Prod)');
    expect(h.settings.map((x) => x.name)).toEqual(['allowed', 'signingKey', 'zone']);
    expect(p.errors).toEqual([]);
    expect(p.changes).toEqual([]);
    expect(p.steps).toEqual([]);
    expect(p.summary).toEqual({ add: 0, change: 0, destroy: 0 });
    expect(p.blocked).toEqual([]);
    expect(p.warnings).toEqual([]);
  });

  it('notes the secret as compared by its last four characters', () => {
    expect(p.secrets).toEqual([{ address: 'function.hooks.instances["hooks-prod"]', setting: 'signingKey', handling: 'last4-match', env: ['HOOKS_KEY'] }]);
  });

  it('lists the catalog source and destination it only connects to as unmanaged', () => {
    expect(p.unmanaged).toEqual([
      { kind: 'source', id: web.id, name: 'web-prod', detail: 'Javascript' },
      { kind: 'destination', id: webhooks.id, name: 'webhooks-prod', detail: 'Webhooks' },
    ]);
  });

  it('fingerprints every resource it compared, the connected catalog ones included', () => {
    const snap = ws.snapshot();
    const expected = [
      ...snap.functions.map((f) => `function:${f.id}`),
      ...snap.sources.map((x) => `source:${x.id}`),
      ...snap.destinations.map((x) => `destination:${x.id}`),
      ...snap.insertInstances.map((x) => `insert:${x.id}`),
    ];
    expect(Object.keys(p.fingerprints).sort()).toEqual(expected.sort());
  });

  it('finds a real difference in the same workspace (the no-op is not vacuous)', () => {
    const q = plan(cfg, ws, { env: { ...env, STAGE: 'staging' } });
    expect(graph(q)).toEqual([['update:function.slack.instances["slack-web"]', 'update-destination', []]]);
  });
});

describe('the marker in a plan', () => {
  it('a marker from another commit, repository and config path is no change', () => {
    const ws = workspace();
    ws.managed(slack, { marker: { name: 'slack', commit: 'old', repository: 'someone/else', config: 'old/fnsync.yaml' } });
    const p = plan(config(fnDef('slack', 'destination', { displayName: 'Slack Alerts', description: 'Posts to Slack', settings: slack.settings })), ws);
    expect(p.changes).toEqual([]);
    expect(p.steps).toEqual([]);
  });

  it('protecting a function re-sends its code with a new marker, and nothing else', () => {
    const ws = workspace();
    const remote = ws.managed({ ...slack, instances: [] });
    const p = plan(config({ ...slack, instances: [], protected: true }), ws, { env, testStatus: { slack: 'tested' } });
    expect(p.errors).toEqual([]);
    const up = step(p, 'update:function.slack', 'update-function');
    expect(up.functionId).toBe(remote.id);
    expect(Object.keys(up.input)).toEqual(['code']);
    expect(parseMarker(up.input.code!)).toEqual({ name: 'slack', protected: true, protectedInstances: [], ...PROVENANCE });
    expect(up.rollsOutCodeOf).toBeUndefined();
    expect(fnChange(p, 'function.slack')).toMatchObject({ action: 'update', markerChange: 'the marker records the new protection', fields: [], settings: [] });
    expect(fnChange(p, 'function.slack').code).toBeUndefined();
    expect(fnChange(p, 'function.slack').test).toBeUndefined();
    expect(p.summary).toEqual({ add: 0, change: 1, destroy: 0 });
  });

  it('protecting an instance, or unprotecting the function, also changes the marker', () => {
    const ws = workspace();
    const web = ws.source('web-prod');
    const one = { ...slack, instances: slack.instances.slice(0, 1) };
    const s = ws.managed(one, { marker: { name: 'slack', protected: true } });
    ws.destination('slack-web', web, { fn: s, settings: { channel: '#web-prod', headers: { a: '1', b: '2' }, loud: false } });
    const p = plan(config({ ...one, instances: [{ ...one.instances[0]!, protected: true }] }), ws, { env });
    expect(p.errors).toEqual([]);
    expect(graph(p)).toEqual([['update:function.slack', 'update-function', []]]);
    const code = step(p, 'update:function.slack', 'update-function').input.code!;
    expect(parseMarker(code)).toMatchObject({ protected: false, protectedInstances: ['slack-web'] });
  });

  it('re-marking a source function deploys it, so what runs stays what is saved (§14.11)', () => {
    const ws = workspace();
    ws.managed(hooks);
    const p = plan(config({ ...hooks, protected: true, instances: [] }), ws);
    expect(graph(p)).toEqual([
      ['update:function.hooks', 'update-function', []],
      ['deploy:function.hooks', 'deploy-function', ['update:function.hooks']],
    ]);
    expect(fnChange(p, 'function.hooks').deploy).toBe('code-changed');
  });
});
