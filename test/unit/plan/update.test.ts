import { describe, expect, it } from 'vitest';
import { toConfigValue } from '../../../src/config/normalise-config.js';
import type { FunctionDefinition } from '../../../src/config/types.js';
import { comparableCode, parseMarker } from '../../../src/plan/marker.js';
import { config, fnDef, setting, workspace, type FunctionSpec, type InstanceSpec } from './builders.js';
import { PROVENANCE, fnChange, graph, instChange, plan, step } from './run-plan.js';

const SPEC = {
  displayName: 'Slack Alerts',
  description: 'Posts to Slack',
  settings: [setting('channel'), setting('legacy'), setting('loud', { type: 'boolean' })],
  instances: [{ name: 'slack-web', source: 'web-prod', settings: { channel: '#web', legacy: 'x', loud: true } }],
} satisfies FunctionSpec;
const slack = fnDef('slack', 'destination', SPEC);
const INST = 'function.slack.instances["slack-web"]';

/** The workspace fnsync left after applying `slack`; returns it and the ids tests refer to. */
function applied(remote: FunctionDefinition = slack) {
  const ws = workspace();
  const web = ws.source('web-prod');
  const fn = ws.managed(remote);
  const dst = ws.destination('slack-web', web, { fn, settings: { channel: '#web', legacy: 'x', loud: true } });
  return { ws, fn, dst };
}

/** `slack` with its only instance changed (and, optionally, the function too). */
const withInstance = (over: Partial<InstanceSpec>, fn: FunctionSpec = {}) =>
  fnDef('slack', 'destination', { ...SPEC, ...fn, instances: [{ ...SPEC.instances[0], ...over } as InstanceSpec] });
/** The step as the plan file stores it (keys with undefined values are not part of it). */
const stored = (s: object) => JSON.parse(JSON.stringify(s)) as Record<string, unknown>;

describe('update in place: the function', () => {
  it('a code change sends the new code with the marker, and shows old and new without it', () => {
    const { ws, fn } = applied();
    const code = slack.code.replace("console.log('slack')", "console.log('slack v2')");
    const p = plan(config({ ...slack, code }), ws, { testStatus: { slack: 'failing' } });
    const up = step(p, 'update:function.slack', 'update-function');
    expect(stored(up)).toEqual({
      id: 'update:function.slack', address: 'function.slack', op: 'update-function', functionId: fn.id,
      description: 'update destination function Slack Alerts', dependsOn: [], rollsOutCodeOf: 'slack', input: { code: up.input.code },
    });
    expect(comparableCode(up.input.code!)).toBe(comparableCode(code));
    expect(parseMarker(up.input.code!)).toEqual({ name: 'slack', protected: false, protectedInstances: [], ...PROVENANCE });
    const change = fnChange(p, 'function.slack');
    expect(change).toMatchObject({ action: 'update', remoteId: fn.id, test: 'failing', fields: [], settings: [] });
    expect(change.code).toEqual({ old: comparableCode(slack.code), new: comparableCode(code) });
    expect(change.code!.old).not.toContain('fnsync-managed');
    expect(change.markerChange).toBeUndefined();
    expect(change.deploy).toBeUndefined(); // a destination function runs what is saved
    expect(p.summary).toEqual({ add: 0, change: 1, destroy: 0 });
  });

  it('code that differs only in line endings is no change (§14.6)', () => {
    const { ws } = applied();
    expect(plan(config({ ...slack, code: slack.code.replace(/\n/g, '\r\n') }), ws).changes).toEqual([]);
  });

  it('a description change sends only the description', () => {
    const { ws } = applied();
    const p = plan(config({ ...slack, description: 'Posts to #alerts' }), ws);
    expect(graph(p)).toEqual([['update:function.slack', 'update-function', []]]);
    const up = step(p, 'update:function.slack', 'update-function');
    expect(up.input).toEqual({ description: 'Posts to #alerts' });
    expect(up.rollsOutCodeOf).toBeUndefined();
    const change = fnChange(p, 'function.slack');
    expect(change.fields).toEqual([{ field: 'description', old: 'Posts to Slack', new: 'Posts to #alerts' }]);
    expect(change.code).toBeUndefined();
    // displayName, code and the three setting definitions are unchanged (logoUrl is not managed).
    expect(change.unchanged).toBe(5);
  });

  it('a description not set in fnsync.yaml is managed as empty (the normaliser fills in ""), unlike logoUrl', () => {
    // Current behaviour, questionable against §14.5 ("unset in config is not managed"): the
    // FunctionDefinition cannot tell an unset description from description: "".
    const { ws } = applied({ ...slack, description: 'Set in the app' });
    const p = plan(config(fnDef('slack', 'destination', { ...SPEC, description: undefined })), ws);
    expect(step(p, 'update:function.slack', 'update-function').input).toEqual({ description: '' });
    const logo = applied();
    logo.fn.logoUrl = 'https://example.com/logo.png';
    expect(plan(config(slack), logo.ws).steps).toEqual([]);
  });

  it('setting definitions added, removed and changed are compared by name and sent as the whole list', () => {
    const { ws } = applied();
    const settings = [setting('emoji'), setting('loud', { type: 'boolean' }), setting('channel', { label: 'Channel', required: true })];
    const p = plan(config(withInstance({ settings: { channel: '#web', loud: true } }, { settings })), ws);
    const up = step(p, 'update:function.slack', 'update-function');
    expect(up.input).toEqual({ settings });
    expect(fnChange(p, 'function.slack').settings).toEqual([
      { name: 'channel', action: 'change', old: setting('channel'), new: settings[2], fields: ['label', 'required'] },
      { name: 'emoji', action: 'add', new: settings[0] },
      { name: 'legacy', action: 'remove', old: setting('legacy') },
    ]);
    // The value of the removed setting is not in the definitions any more, so it is neither compared nor sent.
    expect(p.steps.map((s) => s.id)).toEqual(['update:function.slack']);
  });

  it('removing the last setting definition sends an empty list, which clears them (§14.12)', () => {
    const { ws } = applied();
    const p = plan(config(withInstance({ settings: {} }, { settings: [] })), ws);
    expect(step(p, 'update:function.slack', 'update-function').input).toEqual({ settings: [] });
  });
});

describe('update in place: an instance', () => {
  it('a changed value sends only that key, after the function update that declares new settings', () => {
    const { ws, dst } = applied();
    const p = plan(config(withInstance({ settings: { channel: '#ops', legacy: 'x', loud: true } })), ws);
    expect(graph(p)).toEqual([[`update:${INST}`, 'update-destination', []]]);
    expect(stored(step(p, `update:${INST}`))).toEqual({
      id: `update:${INST}`, address: INST, op: 'update-destination', destinationId: dst.id, description: 'update destination slack-web',
      dependsOn: [], settings: { channel: toConfigValue('#ops', 'string') },
    });
    expect(instChange(p, INST)).toMatchObject({
      action: 'update', remoteId: dst.id, connection: 'on source web-prod', fields: [],
      settings: [{ name: 'channel', action: 'change', hidden: false, sensitive: false, env: [], old: '#web', new: '#ops' }],
    });
    const both = plan(config(withInstance({ settings: { channel: '#ops', legacy: 'x', loud: true } }, { settings: [...SPEC.settings, setting('emoji')] })), ws);
    expect(step(both, `update:${INST}`).dependsOn).toEqual(['update:function.slack']);
  });

  it('a value removed from fnsync.yaml is sent as null (the server merges settings per key)', () => {
    const { ws } = applied();
    const p = plan(config(withInstance({ settings: { channel: '#web', loud: true } })), ws);
    expect(step(p, `update:${INST}`, 'update-destination').settings).toEqual({ legacy: null });
    expect(instChange(p, INST).settings).toEqual([{ name: 'legacy', action: 'remove', hidden: false, sensitive: false, env: [], old: 'x' }]);
  });

  it('disabling sends only enabled', () => {
    const { ws } = applied();
    const p = plan(config(withInstance({ enabled: false })), ws);
    const s = stored(step(p, `update:${INST}`));
    expect(s).toMatchObject({ op: 'update-destination', enabled: false });
    expect(s).not.toHaveProperty('settings');
    expect(s).not.toHaveProperty('name');
    expect(instChange(p, INST).fields).toEqual([{ field: 'enabled', old: true, new: false }]);
    expect(p.summary).toEqual({ add: 0, change: 1, destroy: 0 });
  });

  it('an instance renamedFrom its old name is renamed in place; a source by its slug', () => {
    const { ws, dst } = applied();
    const p = plan(config(withInstance({ name: 'slack-www', renamedFrom: 'slack-web' })), ws);
    const at = 'function.slack.instances["slack-www"]';
    expect(stored(step(p, `update:${at}`))).toMatchObject({ op: 'update-destination', destinationId: dst.id, name: 'slack-www' });
    expect(instChange(p, at)).toMatchObject({ action: 'update', renamedFrom: 'slack-web', fields: [{ field: 'name', old: 'slack-web', new: 'slack-www' }] });

    const hooks = fnDef('hooks', 'source', { instances: [{ name: 'hooks-eu', renamedFrom: 'hooks-prod', enabled: false }] });
    const ws2 = workspace();
    const src = ws2.source('hooks-prod', { fn: ws2.managed({ ...hooks, instances: [] }) });
    const q = plan(config(hooks), ws2);
    expect(graph(q)).toEqual([['update:function.hooks.instances["hooks-eu"]', 'update-source', []]]);
    expect(stored(q.steps[0]!)).toMatchObject({ sourceId: src.id, slug: 'hooks-eu', enabled: false });
  });

  it('a source renamed in place can be referenced by its new slug, and a destination by its new name', () => {
    const hooks = fnDef('hooks', 'source', { instances: [{ name: 'hooks-eu', renamedFrom: 'hooks-prod' }] });
    const relay = fnDef('relay', 'destination', { instances: [{ name: 'relay-eu', renamedFrom: 'relay-prod', source: 'hooks-eu' }] });
    const enrich = fnDef('enrich', 'insert-destination', { instances: [{ name: 'e1', destination: 'relay-eu' }] });
    const ws = workspace();
    const src = ws.source('hooks-prod', { fn: ws.managed({ ...hooks, instances: [] }) });
    const dst = ws.destination('relay-prod', src, { fn: ws.managed({ ...relay, instances: [] }) });
    ws.insert('e1', ws.managed(enrich), dst);
    const p = plan(config(hooks, relay, enrich), ws);
    expect(p.errors).toEqual([]);
    // Renamed, not moved: nothing is replaced.
    expect(graph(p)).toEqual([
      ['update:function.hooks.instances["hooks-eu"]', 'update-source', []],
      ['update:function.relay.instances["relay-eu"]', 'update-destination', []],
    ]);
    expect(instChange(p, 'function.relay.instances["relay-eu"]').connection).toBe('on source hooks-eu');
  });

  it('an insert instance update always carries settings (the API requires them), empty when unchanged', () => {
    const enrich = fnDef('enrich', 'insert-destination', { instances: [{ name: 'e1', destination: 'webhooks' }] });
    const ws = workspace();
    const hook = ws.destination('webhooks', ws.source('web-prod'));
    const ins = ws.insert('e1', ws.managed(enrich), hook);
    const p = plan(config({ ...enrich, instances: [{ ...enrich.instances[0]!, enabled: false }] }), ws);
    expect(stored(step(p, 'update:function.enrich.instances["e1"]'))).toMatchObject({ op: 'update-insert', instanceId: ins.id, enabled: false, settings: {} });
  });
});
