import { describe, expect, it } from 'vitest';
import { config, fnDef, setting, workspace } from './builders.js';
import { changesAt, danglingDependencies, fnChange, graph, instChange, plan, step } from './run-plan.js';

const hooks = fnDef('hooks', 'source', { displayName: 'Hooks' });

describe('deploy', () => {
  it('a source function never deployed is deployed, and nothing else is sent; that rollout needs the test record', () => {
    const ws = workspace();
    const fn = ws.managed(hooks, { deployedAt: null, isLatestVersion: false });
    const p = plan(config(hooks), ws, { testStatus: { hooks: 'failing' } });
    expect(graph(p)).toEqual([['deploy:function.hooks', 'deploy-function', []]]);
    expect(step(p, 'deploy:function.hooks', 'deploy-function').function).toEqual({ id: fn.id });
    expect(fnChange(p, 'function.hooks')).toMatchObject({ action: 'deploy', deploy: 'never-deployed', fields: [], settings: [] });
    expect(fnChange(p, 'function.hooks').code).toBeUndefined();
    // Saved code that never ran goes live: a rollout like any other, gated by fnsync test's record.
    expect(fnChange(p, 'function.hooks').test).toBe('failing');
    expect(p.steps[0]!.rollsOutCodeOf).toBe('hooks');
    expect(p.summary).toEqual({ add: 0, change: 1, destroy: 0 });
  });

  it('a source function whose saved code is newer than what runs is deployed (§14.11)', () => {
    const ws = workspace();
    ws.managed(hooks, { isLatestVersion: false });
    const p = plan(config(hooks), ws);
    expect(graph(p)).toEqual([['deploy:function.hooks', 'deploy-function', []]]);
    expect(fnChange(p, 'function.hooks').deploy).toBe('outdated');
  });

  it('new code for a source function is deployed after the update', () => {
    const ws = workspace();
    ws.managed(hooks, { isLatestVersion: false });
    const p = plan(config({ ...hooks, code: `${hooks.code}// v2\n` }), ws, { testStatus: { hooks: 'tested' } });
    expect(graph(p)).toEqual([
      ['update:function.hooks', 'update-function', []],
      ['deploy:function.hooks', 'deploy-function', ['update:function.hooks']],
    ]);
    expect(fnChange(p, 'function.hooks')).toMatchObject({ action: 'update', deploy: 'code-changed', test: 'tested' });
  });

  it('other function types are not deployed, whatever their deployment state', () => {
    const slack = fnDef('slack', 'destination');
    const ws = workspace();
    ws.managed(slack, { deployedAt: null, isLatestVersion: false });
    expect(plan(config(slack), ws).steps).toEqual([]);
  });
});

describe('replace: a type change', () => {
  const old = fnDef('slack', 'destination', { displayName: 'Slack Alerts', instances: [{ name: 'slack-web', source: 'web-prod' }] });
  const now = fnDef('slack', 'insert-destination', { displayName: 'Slack Alerts', instances: [{ name: 'slack-enrich', destination: 'webhooks' }] });

  function setUp(marker?: { protected: boolean }) {
    const ws = workspace();
    const web = ws.source('web-prod');
    const hook = ws.destination('webhooks', web);
    const fn = ws.managed(old, marker ? { marker: { name: 'slack', ...marker } } : {});
    const inst = ws.destination('slack-web', web, { fn });
    return { ws, fn, inst, hook };
  }

  it('deletes the instances, then the function, then creates the function and its instances', () => {
    const { ws, fn, inst, hook } = setUp();
    const p = plan(config(now), ws, { testStatus: { slack: 'tested' } });
    expect(p.errors).toEqual([]);
    expect(graph(p)).toEqual([
      ['delete:function.slack.instances["slack-web"]', 'delete-destination', []],
      ['delete:function.slack', 'delete-function', ['delete:function.slack.instances["slack-web"]']],
      ['create:function.slack', 'create-function', ['delete:function.slack']],
      ['create:function.slack.instances["slack-enrich"]', 'create-insert', ['create:function.slack']],
    ]);
    expect(step(p, 'delete:function.slack', 'delete-function').functionId).toBe(fn.id);
    expect(step(p, 'delete:function.slack.instances["slack-web"]', 'delete-destination').destinationId).toBe(inst.id);
    expect(step(p, 'create:function.slack', 'create-function').type).toBe('insert-destination');
    expect(step(p, 'create:function.slack.instances["slack-enrich"]', 'create-insert').integration).toEqual({ id: hook.id });
    expect(fnChange(p, 'function.slack')).toMatchObject({
      action: 'replace', type: 'insert-destination', oldType: 'destination', remoteId: fn.id, test: 'tested',
      reason: expect.stringMatching(/^type changed from destination to insert-destination, which cannot be updated in place; delete-then-create/),
    });
    // The old instance belongs to the old (destination) function; the new one to the insert function.
    expect(instChange(p, 'function.slack.instances["slack-web"]')).toMatchObject({
      action: 'delete', instanceKind: 'destination', functionType: 'destination', remoteId: inst.id, reason: 'the function is replaced',
    });
    expect(instChange(p, 'function.slack.instances["slack-enrich"]')).toMatchObject({
      action: 'create', instanceKind: 'insert-instance', functionType: 'insert-destination', reason: 'the function is replaced',
    });
    expect(p.summary).toEqual({ add: 2, change: 0, destroy: 2 });
    expect(p.fingerprints).toEqual({
      [`function:${fn.id}`]: expect.stringMatching(/^sha256:/),
      [`destination:${inst.id}`]: expect.stringMatching(/^sha256:/),
      [`destination:${hook.id}`]: expect.stringMatching(/^sha256:/),
      'absent:function:insert-destination:Slack Alerts': 'absent',
    });
  });

  it('refuses to replace a protected function (protected in the workspace marker or in fnsync.yaml)', () => {
    for (const [marker, cfgProtected] of [[{ protected: true }, false], [undefined, true]] as const) {
      const { ws } = setUp(marker);
      const p = plan(config({ ...now, protected: cfgProtected }), ws);
      expect(p.errors).toEqual([{ address: 'function.slack', message: expect.stringMatching(/^function\.slack is protected and this plan would replace it \(type changed/), hint: expect.any(String) }]);
      expect(p.steps).toEqual([]);
      expect(p.changes).toEqual([]);
    }
  });
});

describe('replace: an instance whose connection changed', () => {
  const slack = fnDef('slack', 'destination', { settings: [setting('channel')], instances: [{ name: 'slack-web', source: 'mobile-prod', settings: { channel: '#a' } }] });
  const AT = 'function.slack.instances["slack-web"]';

  function setUp() {
    const ws = workspace();
    const web = ws.source('web-prod');
    const mobile = ws.source('mobile-prod');
    const inst = ws.destination('slack-web', web, { fn: ws.managed(slack), settings: { channel: '#a' } });
    return { ws, inst, mobile };
  }

  it('a destination moved to another source is deleted, then created on the new source with all its values', () => {
    const { ws, inst, mobile } = setUp();
    const p = plan(config(slack), ws);
    expect(graph(p)).toEqual([
      [`delete:${AT}`, 'delete-destination', []],
      [`create:${AT}`, 'create-destination', [`delete:${AT}`]],
    ]);
    expect(step(p, `create:${AT}`, 'create-destination')).toMatchObject({ source: { id: mobile.id }, settings: { channel: expect.anything() } });
    expect(changesAt(p, AT)).toEqual([
      expect.objectContaining({ action: 'replace', remoteId: inst.id, connection: 'on source mobile-prod', reason: 'its source changed (now on source mobile-prod), which cannot be updated in place' }),
    ]);
    expect(p.summary).toEqual({ add: 1, change: 0, destroy: 1 });
  });

  it('moved onto a source this plan creates, it waits for that source too', () => {
    const { ws } = setUp();
    const hooks2 = fnDef('hooks', 'source', { instances: [{ name: 'hooks-new' }] });
    const moved = fnDef('slack', 'destination', { settings: [setting('channel')], instances: [{ name: 'slack-web', source: 'hooks-new', settings: { channel: '#a' } }] });
    const p = plan(config(moved, hooks2), ws);
    expect(step(p, `create:${AT}`).dependsOn.sort()).toEqual([`delete:${AT}`, 'create:function.hooks.instances["hooks-new"]'].sort());
    expect(danglingDependencies(p)).toEqual([]);
  });

  it('an insert instance moved to another destination is replaced the same way', () => {
    const enrich = fnDef('enrich', 'insert-destination', { instances: [{ name: 'e1', destination: 'b' }] });
    const ws = workspace();
    const web = ws.source('web-prod');
    const a = ws.destination('a', web);
    const b = ws.destination('b', web);
    ws.insert('e1', ws.managed(enrich), a);
    const p = plan(config(enrich), ws);
    expect(graph(p)).toEqual([
      ['delete:function.enrich.instances["e1"]', 'delete-insert', []],
      ['create:function.enrich.instances["e1"]', 'create-insert', ['delete:function.enrich.instances["e1"]']],
    ]);
    expect(step(p, 'create:function.enrich.instances["e1"]', 'create-insert').integration).toEqual({ id: b.id });
  });

  it('a protected instance is not replaced: the plan fails', () => {
    const { ws } = setUp();
    const p = plan(config({ ...slack, instances: [{ ...slack.instances[0]!, protected: true }] }), ws);
    expect(p.errors).toEqual([expect.objectContaining({ address: AT, message: expect.stringContaining(`${AT} is protected and this plan would replace it`) })]);
    expect(p.steps.filter((s) => s.address === AT)).toEqual([]);
  });
});
