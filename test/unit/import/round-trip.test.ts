// The promise of import, checked with the real plan builder: the config import writes plans as
// adoptions only (a marker added, no code, setting or instance change, no code rollout needing a
// test record), and once the markers are on, the same config plans no changes at all.
import { describe, expect, it } from 'vitest';
import { toMasked } from '../../../src/api/normalise.js';
import type { WorkspaceSnapshot } from '../../../src/api/types.js';
import { buildPlan } from '../../../src/plan/build-plan.js';
import { withMarker } from '../../../src/plan/marker.js';
import type { Plan } from '../../../src/plan/types.js';
import { configOf, destination, fn, insert, runImport, setting, snapshot, source } from './builders.js';

function workspace(): WorkspaceSnapshot {
  const src = fn({ type: 'source', displayName: 'Stripe Events', settings: [setting('signingSecret', { sensitive: true, required: true }), setting('verify', { type: 'boolean' })] });
  const dst = fn({
    type: 'destination', displayName: 'Slack Alerts', description: 'Posts big orders',
    settings: [setting('webhookUrl', { label: 'Webhook URL', sensitive: true }), setting('channel', { description: 'e.g. #sales' }), setting('events', { type: 'array' }), setting('headers', { type: 'text-map' })],
  });
  const ins = fn({ type: 'insert-destination', displayName: 'Slack Alerts', code: 'async function onTrack(e) { return e }\nasync function onBatch(e) { return e }\n' });
  const bot = fn({ type: 'insert-source', displayName: 'Bot Filter', settings: [setting('patterns', { type: 'array' })] });
  const web = source('web-prod');
  const stripe = source('stripe-prod', { of: src, settings: { signingSecret: toMasked('••••••••••9f3e'), verify: true, unrelated: 'added by Segment' } });
  const slack = destination('slack-web', web.id, { of: dst, settings: { webhookUrl: toMasked('••••••••••c0de'), channel: '#sales', events: ['Order Completed'], headers: { 'X-Team': 'growth' } } });
  const slackOff = destination('slack-web-off', stripe.id, { of: dst, enabled: false, settings: { channel: '' } });
  const amp = destination('amplitude-prod', web.id);
  return snapshot({
    functions: [src, dst, ins, bot],
    sources: [web, stripe],
    destinations: [slack, slackOff, amp],
    insertInstances: [insert('slack-insert', ins, amp.id, { enabled: false }), insert('bots', bot, web.id, { settings: { patterns: ['bot', 'crawler'] } })],
  });
}

/** Imports from `imported`, then plans that config against `against` (the same workspace, or it after apply). */
function planFor(imported: WorkspaceSnapshot, against = imported, env: Record<string, string> = {}): Plan {
  const plan = runImport(imported);
  return buildPlan(configOf(plan), { snapshot: against, env, provenance: { config: 'fnsync.yaml' }, testStatus: {}, options: {} });
}

describe('import then plan', () => {
  it('plans only adoptions: a marker per function, nothing else, and nothing that needs a test record', () => {
    const snap = workspace();
    const plan = planFor(snap);
    expect(plan.errors).toEqual([]);
    expect(plan.changes.map((c) => [c.kind, c.action, c.address])).toEqual([
      ['function', 'adopt', 'function.stripe-events'],
      ['function', 'adopt', 'function.slack-alerts'],
      ['function', 'adopt', 'function.slack-alerts-2'],
      ['function', 'adopt', 'function.bot-filter'],
    ]);
    for (const c of plan.changes) {
      expect(c.kind === 'function' && [c.code, c.settings, c.fields]).toEqual([undefined, [], []]);
    }
    expect(plan.steps.filter((s) => s.rollsOutCodeOf !== undefined)).toEqual([]);
    // The marker goes onto the code as it is, and the source function is deployed with it.
    expect(plan.steps.map((s) => s.op)).toEqual(['update-function', 'deploy-function', 'update-function', 'update-function', 'update-function']);
    expect(plan.unmanaged.map((u) => u.name)).toEqual(['web-prod', 'amplitude-prod']);
  });

  it('compares the imported secrets by their last four characters once their variables are set', () => {
    const matching = planFor(workspace(), undefined, { STRIPE_EVENTS_SIGNING_SECRET: 'whsec_…9f3e', SLACK_ALERTS_WEBHOOK_URL: 'https://hooks/…c0de' });
    expect(matching.secrets.map((s) => s.handling)).toEqual(['last4-match', 'last4-match']);
    expect(matching.changes.every((c) => c.action === 'adopt')).toBe(true);
  });

  it('plans no changes once apply has added the markers', () => {
    const snap = workspace();
    const names = Object.fromEntries(runImport(snap).functions.map((f) => [f.remote.id, f.name]));
    const applied: WorkspaceSnapshot = {
      ...snap,
      functions: snap.functions.map((f) => ({ ...f, code: withMarker(f.code, { name: names[f.id]!, protected: false, protectedInstances: [] }) })),
    };
    const plan = planFor(snap, applied);
    expect(plan.errors).toEqual([]);
    expect(plan.changes).toEqual([]);
    expect(plan.steps).toEqual([]);
  });
});
