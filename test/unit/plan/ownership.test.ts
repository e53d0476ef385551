import { describe, expect, it } from 'vitest';
import { parseMarker } from '../../../src/plan/marker.js';
import { config, fnDef, workspace } from './builders.js';
import { PROVENANCE, fnChange, graph, plan, step } from './run-plan.js';

const slack = fnDef('slack', 'destination', { displayName: 'Slack Alerts', instances: [{ name: 'slack-web', source: 'web-prod' }] });

/** A workspace with `slack`'s function made in the Segment app (no marker) and its instance. */
function madeInApp(over: { code?: string } = {}) {
  const ws = workspace();
  const web = ws.source('web-prod');
  const fn = ws.fn({ type: 'destination', displayName: 'Slack Alerts', code: over.code ?? slack.code, marker: null });
  const inst = ws.destination('slack-web', web, { fn });
  return { ws, fn, inst, web };
}

describe('ownership: unmarked functions', () => {
  it('an unmarked function with the same type and display name is a conflict that points to adopt and import', () => {
    const { ws, fn } = madeInApp();
    const p = plan(config(slack), ws);
    expect(p.errors).toEqual([{
      address: 'function.slack',
      message: `the workspace already has a destination function named 'Slack Alerts' (${fn.id}) that fnsync does not manage`,
      hint: `to manage it with fnsync, add "adopt: ${fn.id}" to functions.slack (fnsync import writes entries like this for you); otherwise give the new function another displayName`,
    }]);
    expect(p.steps.some((s) => 'functionId' in s && s.functionId === fn.id)).toBe(false);
    expect(p.unmanaged[0]).toEqual({ kind: 'function', id: fn.id, name: 'Slack Alerts', detail: 'destination function' });
  });

  it('the same display name with another type is no conflict', () => {
    const { ws } = madeInApp();
    const p = plan(config(fnDef('slack', 'insert-destination', { displayName: 'Slack Alerts' })), ws);
    expect(p.errors).toEqual([]);
    expect(p.steps.map((s) => s.op)).toEqual(['create-function']);
  });

  it('a function whose marker was edited beyond reading is unmanaged, hence a conflict, not silently taken over', () => {
    const ws = workspace();
    const fn = ws.managed({ ...slack, instances: [] });
    fn.code = fn.code.replace('"name":"slack"', 'name: slack');
    const p = plan(config({ ...slack, instances: [] }), ws);
    expect(p.errors.map((e) => e.message)).toEqual([expect.stringContaining(`(${fn.id}) that fnsync does not manage`)]);
  });
});

describe('ownership: adopt', () => {
  it('adopt: <id> takes the function over by adding the marker: no code rolled out, instances matched', () => {
    const { ws, fn } = madeInApp();
    const p = plan(config({ ...slack, adopt: fn.id }), ws, { testStatus: { slack: 'tested' } });
    expect(p.errors).toEqual([]);
    expect(graph(p)).toEqual([['update:function.slack', 'update-function', []]]);
    const up = step(p, 'update:function.slack', 'update-function');
    expect(up.functionId).toBe(fn.id);
    expect(Object.keys(up.input)).toEqual(['code']);
    expect(parseMarker(up.input.code!)).toEqual({ name: 'slack', protected: false, protectedInstances: [], ...PROVENANCE });
    expect(up.rollsOutCodeOf).toBeUndefined();
    expect(fnChange(p, 'function.slack')).toMatchObject({ action: 'adopt', adopted: true, remoteId: fn.id, markerChange: 'fnsync adds its marker to the code: from now on it manages this function' });
    expect(fnChange(p, 'function.slack').code).toBeUndefined();
    expect(fnChange(p, 'function.slack').test).toBeUndefined();
    expect(p.unmanaged).toEqual([expect.objectContaining({ kind: 'source', name: 'web-prod' })]);
    expect(p.summary).toEqual({ add: 0, change: 1, destroy: 0 });
  });

  it('adopting a function whose code differs rolls the local code out', () => {
    const { ws, fn } = madeInApp({ code: '// edited in the app\n' });
    const p = plan(config({ ...slack, adopt: fn.id }), ws, { testStatus: { slack: 'untested' } });
    expect(step(p, 'update:function.slack').rollsOutCodeOf).toBe('slack');
    expect(fnChange(p, 'function.slack')).toMatchObject({ action: 'adopt', code: { old: '// edited in the app', new: expect.any(String) }, test: 'untested' });
  });

  it('adopt: of an id that is not in this workspace is inert: a warning, and the function is created', () => {
    const { ws } = madeInApp();
    const p = plan(config(fnDef('mine', 'destination', { displayName: 'Mine', adopt: 'dfn_nope' })), ws);
    expect(p.errors).toEqual([]);
    expect(p.warnings).toEqual(['function.mine: adopt: dfn_nope is not a function in this workspace, so it is created (remove adopt: once it no longer applies)']);
    expect(fnChange(p, 'function.mine').action).toBe('create');
  });

  it('adopt: of another type, or of a function fnsync manages under another name, is an error', () => {
    const { ws, fn } = madeInApp();
    const managed = ws.managed(fnDef('alerts', 'destination', { displayName: 'Alerts' }));
    const cases: [string, string, string][] = [
      [fn.id, 'insert-destination', `adopt: ${fn.id} is a destination function, but fnsync.yaml says type: insert-destination`],
      [managed.id, 'destination', `adopt: ${managed.id} is already managed by fnsync as 'alerts'`],
    ];
    for (const [id, type, message] of cases) {
      const p = plan(config(fnDef('mine', type as 'destination', { displayName: 'Mine', adopt: id }), fnDef('alerts', 'destination', { displayName: 'Alerts' })), ws);
      expect(p.errors).toEqual([expect.objectContaining({ address: 'function.mine', message })]);
    }
  });

  it('two entries adopting the same function is an error, not a silent create of the second', () => {
    const { ws, fn } = madeInApp();
    const p = plan(config({ ...slack, adopt: fn.id }, fnDef('slack2', 'destination', { displayName: 'Slack 2', adopt: fn.id })), ws);
    expect(p.errors).toEqual([expect.objectContaining({ address: 'function.slack2', message: `adopt: ${fn.id} is adopted by another function in fnsync.yaml too` })]);
    expect(fnChange(p, 'function.slack').action).toBe('adopt');
  });
});

describe('ownership: renames', () => {
  it('renamedFrom: updates the function in place under the new name (the marker changes), keeping its instances', () => {
    const ws = workspace();
    const web = ws.source('web-prod');
    const fn = ws.managed(slack);
    ws.destination('slack-web', web, { fn });
    const p = plan(config({ ...slack, name: 'slack-alerts', renamedFrom: 'slack' }), ws);
    expect(p.errors).toEqual([]);
    expect(graph(p)).toEqual([['update:function.slack-alerts', 'update-function', []]]);
    expect(parseMarker(step(p, 'update:function.slack-alerts', 'update-function').input.code!)?.name).toBe('slack-alerts');
    expect(fnChange(p, 'function.slack-alerts')).toMatchObject({
      action: 'update', renamedFrom: 'slack', remoteId: fn.id, markerChange: "the marker's name changes from slack to slack-alerts",
    });
    expect(p.summary).toEqual({ add: 0, change: 1, destroy: 0 });
  });

  it('a delete and a create with the same code warns that it is probably a rename', () => {
    const hooks = fnDef('hooks', 'source', { displayName: 'Hooks' });
    const ws = workspace();
    ws.managed(hooks);
    const p = plan(config({ ...hooks, name: 'webhooks' }), ws);
    expect(p.warnings).toEqual([
      'function.webhooks is created and function.hooks deleted with the same code: if this is a rename, add "renamedFrom: hooks" to functions.webhooks to update it in place. Recreating a source function gives its sources new webhook URLs and write keys.',
    ]);
    // Same type and display name: the create waits for the delete that frees the name.
    expect(step(p, 'create:function.webhooks').dependsOn).toEqual(['delete:function.hooks']);
    const edited = plan(config({ ...hooks, name: 'webhooks', code: `${hooks.code}// changed\n` }), ws);
    expect(edited.warnings).toEqual([]);
  });
});

describe('ownership: duplicates and what is left alone', () => {
  it('two workspace functions carrying the same marker name is an error naming both', () => {
    const ws = workspace();
    const a = ws.managed({ ...slack, instances: [] });
    const b = ws.fn({ type: 'destination', displayName: 'Slack Alerts copy', code: slack.code, marker: { name: 'slack' } });
    const p = plan(config({ ...slack, instances: [] }), ws);
    expect(p.errors).toEqual([{
      address: 'function.slack',
      message: `two workspace functions carry fnsync's marker for 'slack': Slack Alerts (${a.id}) and Slack Alerts copy (${b.id})`,
      hint: expect.stringContaining('fnsync-managed line'),
    }]);
    expect(p.steps.some((s) => s.op === 'delete-function')).toBe(false);
  });

  it('lists unmarked functions, their instances and catalog integrations as unmanaged, and plans nothing for them', () => {
    const ws = workspace();
    const web = ws.source('web-prod');
    const zapier = ws.fn({ type: 'destination', displayName: 'Zapier', marker: null });
    const ingest = ws.fn({ type: 'source', displayName: 'Ingest', marker: null });
    const ingestSrc = ws.source('ingest-prod', { fn: ingest });
    const z = ws.destination('zapier-web', web, { fn: zapier });
    const hook = ws.destination('webhooks', web);
    const filter = ws.fn({ type: 'insert-source', displayName: 'Filter', marker: null });
    const f = ws.insert('filter-web', filter, web);
    const p = plan(config(), ws);
    expect(p.steps).toEqual([]);
    expect(p.unmanaged).toEqual([
      { kind: 'function', id: filter.id, name: 'Filter', detail: 'insert-source function' },
      { kind: 'function', id: ingest.id, name: 'Ingest', detail: 'source function' },
      { kind: 'function', id: zapier.id, name: 'Zapier', detail: 'destination function' },
      { kind: 'source', id: ingestSrc.id, name: 'ingest-prod', detail: 'source function Ingest' },
      { kind: 'source', id: web.id, name: 'web-prod', detail: 'Javascript' },
      { kind: 'destination', id: hook.id, name: 'webhooks', detail: 'Webhooks' },
      { kind: 'destination', id: z.id, name: 'zapier-web', detail: 'destination function Zapier' },
      { kind: 'insert-instance', id: f.id, name: 'filter-web', detail: `on ${web.id}` },
    ]);
  });
});
