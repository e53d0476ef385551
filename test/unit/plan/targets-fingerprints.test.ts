import { describe, expect, it } from 'vitest';
import { ABSENT, currentFingerprint } from '../../../src/plan/fingerprint.js';
import { config, fnDef, workspace } from './builders.js';
import { graph, plan } from './run-plan.js';

const slack = fnDef('slack', 'destination', { displayName: 'Slack Alerts', instances: [{ name: 'slack-web', source: 'web-prod' }, { name: 'slack-new', source: 'web-prod' }] });
const enrich = fnDef('enrich', 'insert-destination', { displayName: 'Enrich', instances: [{ name: 'e1', destination: 'slack-web' }] });
const hooks = fnDef('hooks', 'source', { displayName: 'Hooks', instances: [{ name: 'hooks-prod' }] });
const fresh = fnDef('fresh', 'insert-source', { displayName: 'Fresh' });

/** slack (its `slack-new` instance not yet created), enrich and hooks applied; `old` managed but gone from the config. */
function setUp() {
  const ws = workspace();
  const web = ws.source('web-prod');
  const s = ws.managed(slack);
  const sw = ws.destination('slack-web', web, { fn: s });
  const e = ws.managed(enrich);
  const e1 = ws.insert('e1', e, sw);
  const h = ws.managed(hooks);
  const hp = ws.source('hooks-prod', { fn: h });
  const old = ws.managed(fnDef('old', 'destination', { displayName: 'Old' }));
  return { ws, web, s, sw, e, e1, h, hp, old };
}
const cfg = config({ ...slack, description: 'changed' }, { ...hooks, description: 'changed' }, enrich, fresh);

describe('--target', () => {
  it('plans only the named functions and their instances', () => {
    const { ws } = setUp();
    const p = plan(cfg, ws, { options: { targets: ['slack'] } });
    expect(p.targets).toEqual(['slack']);
    expect(p.errors).toEqual([]);
    expect(graph(p)).toEqual([
      ['update:function.slack', 'update-function', []],
      ['create:function.slack.instances["slack-new"]', 'create-destination', ['update:function.slack']],
    ]);
    expect(new Set(p.changes.map((c) => c.kind === 'function' ? c.name : c.functionName))).toEqual(new Set(['slack']));
    const all = plan(cfg, ws);
    expect(all.targets).toBeUndefined();
    expect(new Set(all.changes.map((c) => c.kind === 'function' ? c.name : c.functionName))).toEqual(new Set(['slack', 'hooks', 'fresh', 'old']));
  });

  it('a managed function gone from fnsync.yaml can be targeted by its marker name', () => {
    const { ws, old } = setUp();
    const p = plan(cfg, ws, { options: { targets: ['old'] } });
    expect(graph(p)).toEqual([['delete:function.old', 'delete-function', []]]);
    expect(p.fingerprints).toEqual({ [`function:${old.id}`]: expect.any(String) });
  });

  it('an unknown target is an error', () => {
    const { ws } = setUp();
    const p = plan(cfg, ws, { options: { targets: ['slack', 'nope'] } });
    expect(p.errors).toEqual([{ address: 'function.nope', message: '--target nope: no function of that name in fnsync.yaml or managed in the workspace' }]);
  });
});

describe('fingerprints', () => {
  it('cover every managed resource, the integrations instances connect to, and absent: keys for creates', () => {
    const { ws, web, s, sw, e, e1, h, hp, old } = setUp();
    const p = plan(cfg, ws);
    expect(Object.keys(p.fingerprints).sort()).toEqual([
      `function:${s.id}`, `destination:${sw.id}`, `source:${web.id}`, `absent:instance:${s.id}:slack-new`,
      `function:${e.id}`, `insert:${e1.id}`,
      `function:${h.id}`, `source:${hp.id}`,
      `function:${old.id}`,
      'absent:function:insert-source:Fresh',
    ].sort());
    expect(p.fingerprints[`absent:instance:${s.id}:slack-new`]).toBe(ABSENT);
    expect(p.fingerprints['absent:function:insert-source:Fresh']).toBe(ABSENT);
    expect(p.fingerprints[`function:${s.id}`]).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('currentFingerprint gives the same values on the same snapshot (what apply checks)', () => {
    const { ws } = setUp();
    const snapshot = ws.snapshot();
    const p = plan(cfg, snapshot);
    for (const [key, value] of Object.entries(p.fingerprints)) expect(currentFingerprint(ws.snapshot(), key), key).toBe(value);
    // ...and a plan of a copy of the snapshot gives the same ones.
    expect(plan(cfg, ws).fingerprints).toEqual(p.fingerprints);
  });

  it('a resource changed since the plan has another fingerprint; the others keep theirs', () => {
    const { ws, s, sw, e1, hp, web } = setUp();
    const p = plan(cfg, ws);
    const changed = (key: string) => currentFingerprint(ws.snapshot(), key) !== p.fingerprints[key];
    const keys = Object.keys(p.fingerprints);

    ws.functions.find((f) => f.id === s.id)!.code += '// edited in the app\n';
    expect(keys.filter(changed)).toEqual([`function:${s.id}`]);

    ws.destinations.find((d) => d.id === sw.id)!.enabled = false;
    ws.insertInstances.find((i) => i.id === e1.id)!.settings.extra = 'x';
    ws.sources.find((x) => x.id === hp.id)!.slug = 'hooks-renamed';
    ws.sources.find((x) => x.id === web.id)!.name = 'Web (prod)';
    expect(keys.filter(changed).sort()).toEqual([`function:${s.id}`, `destination:${sw.id}`, `insert:${e1.id}`, `source:${hp.id}`, `source:${web.id}`].sort());
  });

  it('an absent: key changes when something takes the place the plan meant to fill', () => {
    const { ws, s, web } = setUp();
    const p = plan(cfg, ws);
    ws.fn({ type: 'insert-source', displayName: 'Fresh', marker: null });
    ws.destination('slack-new', web, { fn: ws.functions.find((f) => f.id === s.id)! });
    expect(currentFingerprint(ws.snapshot(), 'absent:function:insert-source:Fresh')).not.toBe(p.fingerprints['absent:function:insert-source:Fresh']);
    expect(currentFingerprint(ws.snapshot(), `absent:instance:${s.id}:slack-new`)).not.toBe(ABSENT);
    // A function of the same name but another type does not take that place.
    expect(currentFingerprint(ws.snapshot(), 'absent:function:destination:Fresh')).toBe(ABSENT);
  });

  it('a deleted resource is absent', () => {
    const { ws, sw } = setUp();
    const p = plan(cfg, ws);
    ws.destinations.splice(ws.destinations.findIndex((d) => d.id === sw.id), 1);
    expect(p.fingerprints[`destination:${sw.id}`]).not.toBe(ABSENT);
    expect(currentFingerprint(ws.snapshot(), `destination:${sw.id}`)).toBe(ABSENT);
  });
});
