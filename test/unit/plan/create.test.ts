import { describe, expect, it } from 'vitest';
import { toConfigValue } from '../../../src/config/normalise-config.js';
import { comparableCode, parseMarker } from '../../../src/plan/marker.js';
import { config, fnDef, secretSetting, setting, workspace } from './builders.js';
import { PROVENANCE, danglingDependencies, fnChange, graph, instChange, plan, step } from './run-plan.js';

// One function of each type, each instance connected to one this same plan creates. Listed insert
// functions first, so the test also shows that plan orders by what depends on what, not by the file.
const hooks = fnDef('hooks', 'source', {
  displayName: 'Hooks',
  description: 'Receives webhooks',
  settings: [setting('region'), secretSetting('signingKey')],
  instances: [{ name: 'hooks-prod', settings: { region: 'eu', signingKey: '${env:HOOKS_KEY}' } }],
});
const slack = fnDef('slack', 'destination', {
  displayName: 'Slack Alerts',
  settings: [setting('channel'), setting('loud', { type: 'boolean' })],
  instances: [{ name: 'slack-hooks', source: 'hooks-prod', enabled: false, settings: { channel: '#alerts', loud: true } }],
});
const enrich = fnDef('enrich', 'insert-destination', { displayName: 'Enrich', instances: [{ name: 'enrich-slack', destination: 'slack-hooks' }] });
const filter = fnDef('filter', 'insert-source', { displayName: 'Filter', instances: [{ name: 'filter-hooks', source: 'hooks-prod' }] });
const cfg = config(filter, enrich, slack, hooks);

const F = (n: string) => `create:function.${n}`;
const I = (f: string, i: string) => `create:function.${f}.instances["${i}"]`;

describe('plan against an empty workspace', () => {
  const p = plan(cfg, workspace(), { testStatus: { hooks: 'tested', slack: 'failing' }, env: { HOOKS_KEY: 'whsec_supersecret' } });

  it('creates every function and instance, each after what it needs', () => {
    expect(p.errors).toEqual([]);
    expect(graph(p)).toEqual([
      [F('hooks'), 'create-function', []],
      ['deploy:function.hooks', 'deploy-function', [F('hooks')]],
      [I('hooks', 'hooks-prod'), 'create-source', [F('hooks')]],
      [F('slack'), 'create-function', []],
      [I('slack', 'slack-hooks'), 'create-destination', [I('hooks', 'hooks-prod'), F('slack')]],
      [F('enrich'), 'create-function', []],
      [I('enrich', 'enrich-slack'), 'create-insert', [F('enrich'), I('slack', 'slack-hooks')]],
      [F('filter'), 'create-function', []],
      [I('filter', 'filter-hooks'), 'create-insert', [F('filter'), I('hooks', 'hooks-prod')]],
    ]);
    expect(danglingDependencies(p)).toEqual([]);
    expect(p.summary).toEqual({ add: 8, change: 0, destroy: 0 });
    expect(p.changes.map((c) => `${c.action} ${c.address}`)).toEqual([
      'create function.hooks',
      'create function.hooks.instances["hooks-prod"]',
      'create function.slack',
      'create function.slack.instances["slack-hooks"]',
      'create function.enrich',
      'create function.enrich.instances["enrich-slack"]',
      'create function.filter',
      'create function.filter.instances["filter-hooks"]',
    ]);
  });

  it('creates a function with its fields, settings in config order and code carrying the marker', () => {
    const s = step(p, F('hooks'), 'create-function');
    expect(s.type).toBe('source');
    expect(s.rollsOutCodeOf).toBe('hooks');
    expect(s.input).toEqual({ displayName: 'Hooks', description: 'Receives webhooks', code: expect.any(String), settings: hooks.settings });
    expect(s.input.code.startsWith(hooks.code)).toBe(true);
    expect(parseMarker(s.input.code)).toEqual({ name: 'hooks', protected: false, protectedInstances: [], ...PROVENANCE });
    expect(step(p, F('enrich'), 'create-function').type).toBe('insert-destination');
    expect(step(p, F('filter'), 'create-function').type).toBe('insert-source');
  });

  it('deploys the new source function (only the source function), referring to its create step', () => {
    expect(step(p, 'deploy:function.hooks', 'deploy-function').function).toEqual({ step: F('hooks') });
    expect(p.steps.filter((s) => s.op === 'deploy-function')).toHaveLength(1);
    expect(fnChange(p, 'function.hooks').deploy).toBe('created');
    expect(fnChange(p, 'function.slack').deploy).toBeUndefined();
  });

  it('describes a created function for review, with the test status of its code', () => {
    expect(fnChange(p, 'function.hooks')).toMatchObject({
      action: 'create', type: 'source', displayName: 'Hooks', test: 'tested',
      fields: [{ field: 'displayName', old: null, new: 'Hooks' }, { field: 'description', old: null, new: 'Receives webhooks' }],
      code: { old: '', new: comparableCode(hooks.code) },
      settings: [{ name: 'region', action: 'add' }, { name: 'signingKey', action: 'add' }],
    });
    expect(fnChange(p, 'function.slack').test).toBe('failing');
    expect(fnChange(p, 'function.enrich').test).toBe('untested');
  });

  it('creates each kind of instance on the function and the connection created before it', () => {
    const src = step(p, I('hooks', 'hooks-prod'), 'create-source');
    expect(src).toMatchObject({ function: { step: F('hooks') }, slug: 'hooks-prod', enabled: true });
    // Values travel as templates: the secret as its ${env:} reference, never its value.
    expect(src.settings).toEqual({ region: toConfigValue('eu', 'string'), signingKey: toConfigValue('${env:HOOKS_KEY}', 'string') });
    const dst = step(p, I('slack', 'slack-hooks'), 'create-destination');
    expect(dst).toMatchObject({ function: { step: F('slack') }, source: { step: I('hooks', 'hooks-prod') }, name: 'slack-hooks', enabled: false });
    expect(dst.settings).toEqual({ channel: toConfigValue('#alerts', 'string'), loud: { kind: 'boolean', value: true } });
    expect(step(p, I('enrich', 'enrich-slack'), 'create-insert')).toMatchObject({ function: { step: F('enrich') }, integration: { step: I('slack', 'slack-hooks') }, settings: {} });
    expect(step(p, I('filter', 'filter-hooks'), 'create-insert')).toMatchObject({ function: { step: F('filter') }, integration: { step: I('hooks', 'hooks-prod') } });
  });

  it('describes created instances: where they go, plain values shown, secrets only named', () => {
    expect(instChange(p, 'function.slack.instances["slack-hooks"]')).toMatchObject({
      action: 'create', instanceKind: 'destination', connection: 'on source hooks-prod',
      fields: [{ field: 'enabled', old: null, new: false }],
      settings: [
        { name: 'channel', action: 'add', hidden: false, new: '#alerts' },
        { name: 'loud', action: 'add', hidden: false, new: true },
      ],
    });
    const secret = instChange(p, 'function.hooks.instances["hooks-prod"]').settings.find((s) => s.name === 'signingKey');
    expect(secret).toEqual({ name: 'signingKey', action: 'add', hidden: true, sensitive: true, env: ['HOOKS_KEY'], secret: 'new' });
    expect(p.secrets).toEqual([{ address: 'function.hooks.instances["hooks-prod"]', setting: 'signingKey', handling: 'new', env: ['HOOKS_KEY'] }]);
    expect(JSON.stringify(p)).not.toContain('whsec_supersecret');
  });

  it('records that none of the functions existed, and nothing unmanaged', () => {
    expect(p.fingerprints).toEqual({
      'absent:function:source:Hooks': 'absent',
      'absent:function:destination:Slack Alerts': 'absent',
      'absent:function:insert-destination:Enrich': 'absent',
      'absent:function:insert-source:Filter': 'absent',
    });
    expect(p.unmanaged).toEqual([]);
    expect(p.blocked).toEqual([]);
    expect(p.warnings).toEqual([]);
    expect(p.workspace).toEqual({ id: 'ws_1', slug: 'acme-prod', name: 'Acme Prod' });
  });

  it('errors for an instance on a source that neither exists nor is created', () => {
    const lost = fnDef('lost', 'destination', { instances: [{ name: 'lost-1', source: 'nowhere' }] });
    const q = plan(config(lost), workspace());
    expect(q.errors).toEqual([{ address: 'function.lost.instances["lost-1"]', message: "source 'nowhere' is not in the workspace", hint: expect.stringContaining('fnsync workspace') }]);
    expect(q.steps.map((s) => s.id)).toEqual([F('lost')]);
  });
});
