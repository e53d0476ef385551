import { describe, expect, it } from 'vitest';
import { config, fnDef, workspace } from './builders.js';
import { fnChange, graph, instChange, plan, step, waitsFor } from './run-plan.js';

const slack = fnDef('slack', 'destination', {
  displayName: 'Slack Alerts',
  instances: [{ name: 'slack-web', source: 'web-prod' }, { name: 'slack-app', source: 'web-prod' }],
});
const hooks = fnDef('hooks', 'source', { displayName: 'Hooks', instances: [{ name: 'hooks-prod' }] });
const other = fnDef('other', 'insert-source');
const I = (f: string, i: string) => `function.${f}.instances["${i}"]`;

function withSlack(marker: { protected?: boolean; protectedInstances?: string[] } = {}) {
  const ws = workspace();
  const web = ws.source('web-prod');
  const fn = ws.managed(slack, { marker: { name: 'slack', ...marker } });
  const a = ws.destination('slack-web', web, { fn });
  const b = ws.destination('slack-app', web, { fn });
  return { ws, fn, a, b };
}

describe('delete', () => {
  it('a managed function removed from fnsync.yaml: its instances are deleted first, then it', () => {
    const { ws, fn, a, b } = withSlack();
    const p = plan(config(), ws);
    expect(p.errors).toEqual([]);
    expect(graph(p)).toEqual([
      [`delete:${I('slack', 'slack-web')}`, 'delete-destination', []],
      [`delete:${I('slack', 'slack-app')}`, 'delete-destination', []],
      ['delete:function.slack', 'delete-function', [`delete:${I('slack', 'slack-app')}`, `delete:${I('slack', 'slack-web')}`]],
    ]);
    expect(step(p, `delete:${I('slack', 'slack-web')}`, 'delete-destination').destinationId).toBe(a.id);
    expect(step(p, `delete:${I('slack', 'slack-app')}`, 'delete-destination').destinationId).toBe(b.id);
    expect(step(p, 'delete:function.slack', 'delete-function').functionId).toBe(fn.id);
    expect(p.changes.map((c) => `${c.action} ${c.address}: ${c.reason}`)).toEqual([
      `delete ${I('slack', 'slack-web')}: its function is not in fnsync.yaml`,
      `delete ${I('slack', 'slack-app')}: its function is not in fnsync.yaml`,
      'delete function.slack: not in fnsync.yaml',
    ]);
    expect(fnChange(p, 'function.slack')).toMatchObject({ name: 'slack', type: 'destination', displayName: 'Slack Alerts', remoteId: fn.id });
    expect(p.summary).toEqual({ add: 0, change: 0, destroy: 3 });
    expect(Object.keys(p.fingerprints).sort()).toEqual([`destination:${a.id}`, `destination:${b.id}`, `function:${fn.id}`].sort());
  });

  it('an instance removed from fnsync.yaml is deleted; its function is left alone', () => {
    const { ws, b } = withSlack();
    const p = plan(config({ ...slack, instances: slack.instances.slice(0, 1) }), ws);
    expect(graph(p)).toEqual([[`delete:${I('slack', 'slack-app')}`, 'delete-destination', []]]);
    expect(instChange(p, I('slack', 'slack-app'))).toMatchObject({ action: 'delete', remoteId: b.id, reason: 'not in fnsync.yaml', instanceKind: 'destination', functionType: 'destination' });
    expect(p.summary).toEqual({ add: 0, change: 0, destroy: 1 });
  });

  it('functions fnsync does not manage are never deleted', () => {
    const ws = workspace();
    ws.fn({ type: 'destination', displayName: 'Made in the app', marker: null });
    expect(plan(config(other), ws).steps.map((s) => s.op)).toEqual(['create-function']);
  });
});

describe('delete blocked by unmanaged dependants', () => {
  function hooksWithWebhook() {
    const ws = workspace();
    const fn = ws.managed(hooks);
    const src = ws.source('hooks-prod', { fn });
    const hook = ws.destination('webhooks', src);
    return { ws, fn, src, hook };
  }

  it('a source function whose source has a destination fnsync does not manage is not deleted, nor is its source', () => {
    const { ws, hook } = hooksWithWebhook();
    const p = plan(config(), ws);
    expect(p.errors).toEqual([]);
    expect(p.steps).toEqual([]);
    expect(p.changes).toEqual([]);
    expect(p.summary).toEqual({ add: 0, change: 0, destroy: 0 });
    expect(p.blocked).toEqual([
      { address: I('hooks', 'hooks-prod'), message: `${I('hooks', 'hooks-prod')} is not deleted: the source has destination webhooks (${hook.id}), which fnsync does not manage`, hint: expect.any(String) },
      { address: 'function.hooks', message: `function.hooks is not deleted: it needs function.hooks.instances["hooks-prod"], which is not deleted`, hint: expect.any(String) },
    ]);
  });

  it('only the source removed from fnsync.yaml: that delete is blocked, the rest of the plan goes ahead', () => {
    const { ws } = hooksWithWebhook();
    const p = plan(config({ ...hooks, instances: [] }, other), ws);
    expect(p.blocked.map((b) => b.address)).toEqual([I('hooks', 'hooks-prod')]);
    expect(p.steps.map((s) => s.id)).toEqual(['create:function.other']);
  });

  it('an insert instance fnsync does not manage blocks the delete of the source it is on', () => {
    const ws = workspace();
    const src = ws.source('hooks-prod', { fn: ws.managed(hooks) });
    const foreign = ws.fn({ type: 'insert-source', displayName: 'Foreign', marker: null });
    const ins = ws.insert('foreign-1', foreign, src);
    const p = plan(config(), ws);
    expect(p.blocked[0]!.message).toContain(`insert function instance foreign-1 (${ins.id})`);
    expect(p.steps).toEqual([]);
  });

  it('a replace blocked by an unmanaged dependant leaves nothing of the replace in the changes or summary', () => {
    const ws = workspace();
    ws.source('web-prod');
    const src = ws.source('hooks-prod', { fn: ws.managed(hooks) });
    ws.destination('webhooks', src);
    const now = fnDef('hooks', 'insert-source', { displayName: 'Hooks', instances: [{ name: 'hooks-filter', source: 'web-prod' }] });
    const p = plan(config(now), ws);
    expect(p.steps).toEqual([]);
    expect(p.changes).toEqual([]);
    expect(p.summary).toEqual({ add: 0, change: 0, destroy: 0 });
    expect(p.blocked.map((b) => b.address)).toEqual([I('hooks', 'hooks-prod'), 'function.hooks', 'function.hooks', I('hooks', 'hooks-filter')]);
  });

  it('managed dependants deleted in the same plan do not block: the source waits for them', () => {
    const ws = workspace();
    const src = ws.source('hooks-prod', { fn: ws.managed(hooks) });
    ws.destination('slack-hooks', src, { fn: ws.managed(fnDef('slack', 'destination', { instances: [{ name: 'slack-hooks', source: 'hooks-prod' }] })) });
    const p = plan(config(), ws);
    expect(p.blocked).toEqual([]);
    expect(step(p, `delete:${I('hooks', 'hooks-prod')}`).dependsOn).toEqual([`delete:${I('slack', 'slack-hooks')}`]);
    expect(waitsFor(p, 'delete:function.hooks', `delete:${I('slack', 'slack-hooks')}`)).toBe(true);
    expect(p.summary).toEqual({ add: 0, change: 0, destroy: 4 });
  });
});

describe('protected resources are never deleted', () => {
  it('a function protected in its marker and removed from fnsync.yaml fails the plan', () => {
    const { ws } = withSlack({ protected: true });
    const p = plan(config(), ws);
    expect(p.errors).toEqual([{
      address: 'function.slack',
      message: 'function.slack (Slack Alerts) is protected and this plan would delete it (not in fnsync.yaml)',
      hint: expect.stringContaining('protected: false'),
    }]);
    expect(p.steps).toEqual([]);
  });

  it('an instance protected in the marker and removed from fnsync.yaml fails the plan', () => {
    const { ws } = withSlack({ protectedInstances: ['slack-app'] });
    const p = plan(config({ ...slack, instances: slack.instances.slice(0, 1) }), ws);
    expect(p.errors).toEqual([expect.objectContaining({ address: I('slack', 'slack-app'), message: `${I('slack', 'slack-app')} is protected and this plan would delete it (not in fnsync.yaml)` })]);
    // Only the marker update (it would drop the protection) is planned; the errors keep it from being applied.
    expect(graph(p)).toEqual([['update:function.slack', 'update-function', []]]);
  });

  it('a protected instance of a removed function keeps the function too', () => {
    const { ws } = withSlack({ protectedInstances: ['slack-web'] });
    const p = plan(config(), ws);
    expect(p.errors.map((e) => e.address)).toEqual([I('slack', 'slack-web')]);
    expect(p.steps.some((s) => s.op === 'delete-function')).toBe(false);
  });

  it('an instance protected in fnsync.yaml fails a replace of its function', () => {
    const { ws } = withSlack();
    const now = fnDef('slack', 'insert-source', { displayName: 'Slack Alerts', instances: [{ name: 'slack-web', source: 'web-prod', protected: true }] });
    const p = plan(config(now), ws);
    expect(p.errors).toEqual([expect.objectContaining({ address: I('slack', 'slack-web'), message: expect.stringContaining('is protected and this plan would delete it (the function is replaced)') })]);
    expect(p.steps.some((s) => s.op === 'delete-function' || s.op === 'create-function')).toBe(false);
  });
});

describe('an instance connected to what the plan deletes', () => {
  it('names the delete that removes its source instead of saying the source is not there', () => {
    const ws = workspace();
    const hooksFn = ws.managed(hooks, { marker: { name: 'hooks' } });
    const src = ws.source('hooks-prod', { fn: hooksFn });
    const onHooks = fnDef('slack', 'destination', { displayName: 'Slack Alerts', instances: [{ name: 'slack-hooks', source: 'hooks-prod' }] });
    ws.destination('slack-hooks', src, { fn: ws.managed(onHooks, { marker: { name: 'slack' } }) });
    const p = plan(config({ ...hooks, instances: [] }, onHooks), ws);
    expect(p.errors).toEqual([
      {
        address: I('slack', 'slack-hooks'),
        message: `source 'hooks-prod' is deleted by this plan (${I('hooks', 'hooks-prod')} is no longer in fnsync.yaml), but this instance stays connected to it`,
        hint: `keep ${I('hooks', 'hooks-prod')} in fnsync.yaml, or connect this instance to another source`,
      },
    ]);
  });
});
