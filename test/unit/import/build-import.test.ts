// The import as data: which functions are taken, what each entry holds (instances named the way plan
// matches them, settings, secrets as env references), how names are chosen and collisions resolved.
import { describe, expect, it } from 'vitest';
import { toMasked } from '../../../src/api/normalise.js';
import { withMarker } from '../../../src/plan/marker.js';
import { destination, fn, insert, runImport, setting, snapshot, source } from './builders.js';

describe('buildImport: what is imported', () => {
  it('takes every unmarked function no entry adopts, and leaves managed and adopted ones alone with a reason', () => {
    const free = fn({ type: 'destination', displayName: 'Slack Alerts' });
    const managed = fn({ type: 'destination', displayName: 'Managed', code: withMarker('async function onTrack() {}', { name: 'managed', protected: false, protectedInstances: [] }) });
    const orphan = fn({ type: 'destination', displayName: 'Orphan', code: withMarker('async function onTrack() {}', { name: 'gone', protected: false, protectedInstances: [] }) });
    const adopted = fn({ type: 'insert-source', displayName: 'Bot Filter' });
    const plan = runImport(snapshot({ functions: [free, managed, orphan, adopted] }), {
      existing: { names: ['managed', 'bot'], adopted: new Map([[adopted.id, 'bot']]), envNames: [] },
      config: { path: 'fnsync.yaml', text: 'version: 1\nfunctions:\n  managed: {}\n' },
    });
    expect(plan.functions.map((f) => f.remote.id)).toEqual([free.id]);
    expect(plan.skipped.map((s) => [s.remote.id, s.kind])).toEqual([
      [managed.id, 'managed'],
      [orphan.id, 'orphaned'],
      [adopted.id, 'adopted'],
    ]);
    expect(plan.skipped[1]!.reason).toContain("fnsync's marker for 'gone'");
    expect(plan.skipped[2]!.reason).toContain('functions.bot');
  });

  it('with --function takes only the named ones, by id or display name (any case)', () => {
    const a = fn({ type: 'destination', displayName: 'Slack Alerts' });
    const b = fn({ type: 'source', displayName: 'Stripe Events' });
    const c = fn({ type: 'insert-source', displayName: 'Bot Filter' });
    const snap = snapshot({ functions: [a, b, c] });
    expect(runImport(snap, { selectors: ['slack alerts'] }).functions.map((f) => f.name)).toEqual(['slack-alerts']);
    expect(runImport(snap, { selectors: [c.id, 'Stripe Events'] }).functions.map((f) => f.name)).toEqual(['stripe-events', 'bot-filter']);
  });

  it('with --function refuses an unknown name, listing the unmanaged functions and the closest one', () => {
    const snap = snapshot({ functions: [fn({ type: 'destination', displayName: 'Slack Alerts', id: 'dfn_a1' }), fn({ type: 'source', displayName: 'Stripe Events', id: 'sfnc_b2' })] });
    expect(() => runImport(snap, { selectors: ['Slak Alerts'] })).toThrow(
      "--function Slak Alerts: no function of that name or id in the workspace (did you mean 'Slack Alerts'?); the unmanaged functions are:\n  Stripe Events (source, sfnc_b2)\n  Slack Alerts (destination, dfn_a1)",
    );
  });

  it('with --function refuses a managed function and an ambiguous display name', () => {
    const managed = fn({ type: 'destination', displayName: 'Managed', code: withMarker('x', { name: 'managed', protected: false, protectedInstances: [] }) });
    const twins = [fn({ type: 'destination', displayName: 'Twin', id: 'dfn_t1' }), fn({ type: 'insert-destination', displayName: 'Twin', id: 'ifnd_t2' })];
    const snap = snapshot({ functions: [managed, ...twins] });
    const existing = { names: ['managed'], adopted: new Map(), envNames: [] };
    expect(() => runImport(snap, { selectors: ['Managed'], existing })).toThrow(/is managed by fnsync as functions\.managed/);
    expect(() => runImport(snap, { selectors: ['Twin'] })).toThrow('2 functions have that name (destination dfn_t1, insert-destination ifnd_t2); pass the id instead');
  });
});

describe('buildImport: names', () => {
  it('derives kebab-case names and resolves collisions with fnsync.yaml, folders on disk and each other, saying why', () => {
    const functions = [
      fn({ type: 'destination', displayName: 'Slack Alerts' }),
      fn({ type: 'insert-destination', displayName: 'Slack Alerts' }),
      fn({ type: 'source', displayName: 'Stripe Events' }),
      fn({ type: 'insert-source', displayName: 'Bot Filter' }),
    ];
    const plan = runImport(snapshot({ functions }), {
      existing: { names: ['stripe-events'], adopted: new Map(), envNames: [] },
      config: { path: 'fnsync.yaml', text: 'version: 1\nfunctions:\n  stripe-events: {type: source}\n' },
      pathExists: (p) => p === 'functions/bot-filter',
    });
    const byName = Object.fromEntries(plan.functions.map((f) => [f.remote.id, f]));
    expect(byName[functions[0]!.id]).toMatchObject({ name: 'slack-alerts' });
    expect(byName[functions[0]!.id]!.collision).toBeUndefined();
    expect(byName[functions[1]!.id]).toMatchObject({ name: 'slack-alerts-2', collision: { wanted: 'slack-alerts', takenBy: 'the destination function Slack Alerts imported above is slack-alerts' } });
    expect(byName[functions[2]!.id]).toMatchObject({ name: 'stripe-events-2', collision: { takenBy: 'functions.stripe-events is already in fnsync.yaml' } });
    expect(byName[functions[3]!.id]).toMatchObject({ name: 'bot-filter-2', collision: { takenBy: 'functions/bot-filter/ exists (import never overwrites files)' } });
    for (const f of plan.functions) {
      expect(f.code.path).toBe(`functions/${f.name}/handler.js`);
      expect(f.fixture.path).toBe(`functions/${f.name}/tests/${f.name}.yaml`);
      expect(f.entry.code).toBe(f.code.path);
    }
  });
});

describe('buildImport: entries', () => {
  it('writes the function with adopt:, its code as deployed, and settings without defaults', () => {
    const f = fn({
      type: 'destination', displayName: 'Slack Alerts', description: 'Posts to Slack', code: 'async function onTrack() {}\r\n',
      settings: [setting('channel'), setting('webhookUrl', { label: 'Webhook URL', required: true, sensitive: true })],
    });
    const [imported] = runImport(snapshot({ functions: [f] })).functions;
    expect(imported!.entry).toEqual({
      type: 'destination', displayName: 'Slack Alerts', description: 'Posts to Slack', code: 'functions/slack-alerts/handler.js', adopt: f.id,
      settings: [{ name: 'channel' }, { name: 'webhookUrl', label: 'Webhook URL', required: true, sensitive: true }],
    });
    expect(imported!.code.text).toBe('async function onTrack() {}\r\n');
  });

  it('names instances the way plan matches them and connects them by slug or destination name', () => {
    const src = fn({ type: 'source', displayName: 'Stripe Events' });
    const dst = fn({ type: 'destination', displayName: 'Slack Alerts' });
    const insDst = fn({ type: 'insert-destination', displayName: 'PII Mask' });
    const insSrc = fn({ type: 'insert-source', displayName: 'Bot Filter' });
    const web = source('web-prod');
    const stripe = source('stripe-prod', { of: src });
    const slack = destination('slack-web', web.id, { of: dst, enabled: false });
    const amp = destination('amplitude-prod', web.id);
    const twinA = destination('twin', web.id);
    const twinB = destination('twin', web.id);
    const plan = runImport(
      snapshot({
        functions: [src, dst, insDst, insSrc],
        sources: [web, stripe],
        destinations: [slack, amp, twinA, twinB],
        insertInstances: [insert('mask-amp', insDst, amp.id), insert('mask-twin', insDst, twinB.id), insert('bots', insSrc, web.id)],
      }),
    );
    const instances = Object.fromEntries(plan.functions.map((f) => [f.name, f.entry.instances]));
    expect(instances).toEqual({
      'stripe-events': [{ name: 'stripe-prod' }],
      'slack-alerts': [{ name: 'slack-web', source: 'web-prod', enabled: false }],
      'pii-mask': [{ name: 'mask-amp', destination: 'amplitude-prod' }, { name: 'mask-twin', destination: twinB.id }],
      'bot-filter': [{ name: 'bots', source: 'web-prod' }],
    });
  });

  it('imports only declared settings, in their types, with secrets as env references listed by variable', () => {
    const dst = fn({
      type: 'destination', displayName: 'Slack Alerts',
      settings: [setting('webhookUrl', { sensitive: true }), setting('channel'), setting('verbose', { type: 'boolean' }), setting('events', { type: 'array' }), setting('headers', { type: 'text-map' })],
    });
    const web = source('web-prod');
    const settings = { webhookUrl: toMasked('••••••••••t123'), channel: '#sales', verbose: false, events: ['Order Completed'], headers: { 'X-Team': 'growth' }, apiAdded: 'server default' };
    const plan = runImport(snapshot({ functions: [dst], sources: [web], destinations: [destination('slack-web', web.id, { of: dst, settings })] }), {
      existing: { names: [], adopted: new Map(), envNames: ['SLACK_ALERTS_WEBHOOK_URL'] },
    });
    const [imported] = plan.functions;
    expect(imported!.entry.instances![0]!.settings).toEqual({
      webhookUrl: '${env:SLACK_ALERTS_WEBHOOK_URL_2}', channel: '#sales', verbose: false, events: ['Order Completed'], headers: { 'X-Team': 'growth' },
    });
    expect(imported!.env).toEqual([{ name: 'SLACK_ALERTS_WEBHOOK_URL_2', address: 'function.slack-alerts.instances["slack-web"].settings.webhookUrl', reason: 'sensitive' }]);
    expect(plan.config.text).not.toContain('t123');
  });

  it('names each instance in the variable when several instances of a function need one', () => {
    const src = fn({ type: 'source', displayName: 'Stripe Events', settings: [setting('signingSecret', { sensitive: true })] });
    const masked = { signingSecret: toMasked('••••••••••abcd') };
    const plan = runImport(snapshot({ functions: [src], sources: [source('stripe-prod', { of: src, settings: masked }), source('stripe-test', { of: src, settings: masked })] }));
    expect(plan.functions[0]!.env.map((e) => e.name)).toEqual(['STRIPE_EVENTS_STRIPE_PROD_SIGNING_SECRET', 'STRIPE_EVENTS_STRIPE_TEST_SIGNING_SECRET']);
  });

  it('leaves out a function whose instances plan could not tell apart, saying why', () => {
    const ins = fn({ type: 'insert-destination', displayName: 'PII Mask' });
    const web = source('web-prod');
    const a = destination('a', web.id);
    const b = destination('b', web.id);
    const plan = runImport(snapshot({ functions: [ins], sources: [web], destinations: [a, b], insertInstances: [insert('mask', ins, a.id), insert('mask', ins, b.id)] }));
    expect(plan.functions).toEqual([]);
    expect(plan.skipped).toEqual([{ remote: { id: ins.id, type: 'insert-destination', displayName: 'PII Mask' }, kind: 'problem', reason: expect.stringMatching(/two of its instances are named 'mask'.*rename one in Segment/) }]);
  });

  it('notes that adopting a source function also deploys it', () => {
    const plan = runImport(snapshot({ functions: [fn({ type: 'source', displayName: 'Hook', deployedAt: null, isLatestVersion: false })] }));
    expect(plan.functions[0]!.notes).toEqual(['a source function: its saved code is not deployed yet, so the next plan also deploys it']);
  });
});
