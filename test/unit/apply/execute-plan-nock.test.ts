// executePlan against the real SegmentApi over nock: what a failed step does to the rest of the plan,
// how later steps use what earlier ones created, how many steps run at once, and a 429 mid-apply.
import nock from 'nock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSegmentApi } from '../../../src/api/sdk-adapter.js';
import { executePlan, type ApplyEvent } from '../../../src/apply/execute-plan.js';
import { fakeClock } from '../api/fake-clock.js';
import {
  BASE, TOKEN, WORKSPACE, createDestinationStep, createFunctionStep, createInsertStep, createSourceStep, destinationBody,
  functionBody, insertBody, planOf, sourceBody, text, withEnv,
} from './plan-builders.js';

const api = (clock = fakeClock()) => createSegmentApi({ baseUrl: BASE, token: TOKEN, clock, timeoutMs: 2_000, retry: { random: () => 1 } });

let unmatched: string[] = [];
const onNoMatch = (req: { method?: string; path?: string }) => unmatched.push(`${req.method} ${req.path}`);
beforeAll(() => {
  nock.disableNetConnect();
  nock.emitter.on('no match', onNoMatch);
});
beforeEach(() => {
  unmatched = [];
});
afterEach(() => nock.cleanAll());
afterAll(() => {
  nock.emitter.removeListener('no match', onNoMatch);
  nock.enableNetConnect();
  nock.restore();
});

const summary = (r: { step: { id: string }; status: string; message?: string }) => `${r.step.id} ${r.status}${r.message ? `: ${r.message}` : ''}`;

describe('executePlan: a failed step', () => {
  it('skips its dependants (transitively, saying why), sends nothing for them, and applies what is independent', async () => {
    const scope = nock(BASE)
      .get('/')
      .reply(200, WORKSPACE)
      .post('/functions')
      .reply(422, { errors: [{ type: 'input-validation', message: 'displayName already exists', field: 'displayName' }] })
      .post('/sources')
      .reply(201, sourceBody('src9', 'intake-prod', 'cat1'));
    const plan = planOf([
      createFunctionStep('fn', 'destination', 'Hook'),
      createDestinationStep('dest', { step: 'fn' }, { id: 'src1' }, 'hook-web', ['fn']),
      createInsertStep('ins', { id: 'ifnd_abc' }, { step: 'dest' }, 'scrub-hook', ['dest']),
      createSourceStep('other', { id: 'sfnc_1', catalogId: 'cat1' }, 'intake-prod'),
    ]);
    const events: string[] = [];
    const onEvent = (e: ApplyEvent) => events.push(e.kind === 'start' ? `start ${e.step.id}` : `end ${e.result.step.id} ${e.result.status}`);

    const result = await executePlan(plan, { api: api(), env: {}, onEvent });

    expect(result.ok).toBe(false);
    expect(result.results.map(summary)).toEqual([
      'fn failed: creating destination function Hook: 422 displayName already exists',
      'dest skipped: needs "create destination function Hook", which failed',
      'ins skipped: needs "create destination hook-web", which was skipped',
      'other applied',
    ]);
    expect(scope.isDone()).toBe(true);
    expect(unmatched).toEqual([]);
    // Skipped steps never start; every step ends exactly once.
    expect(events.filter((e) => e.startsWith('start')).sort()).toEqual(['start fn', 'start other']);
    expect(events.filter((e) => e.startsWith('end')).sort()).toEqual(['end dest skipped', 'end fn failed', 'end ins skipped', 'end other applied']);
  });
});

describe('executePlan: error messages', () => {
  it('name each resource as the workspace knows it (display name, instance name), not by its address', async () => {
    nock(BASE)
      .get('/')
      .reply(200, WORKSPACE)
      .patch('/functions/dfn_1')
      .reply(422, { errors: [{ type: 'input-validation', message: 'displayName already exists', field: 'displayName' }] })
      .delete('/destinations/d1')
      .reply(403, { errors: [{ type: 'forbidden', message: 'Forbidden' }] });
    const plan = planOf([
      { id: 'u', address: 'function.notify', description: 'update destination function Notify', dependsOn: [], op: 'update-function', functionId: 'dfn_1', input: { description: 'new' } },
      { id: 'd', address: 'function.notify.instances["notify-web"]', description: 'delete destination notify-web', dependsOn: [], op: 'delete-destination', destinationId: 'd1' },
    ]);
    plan.changes = [
      { kind: 'function', address: 'function.notify', name: 'notify', type: 'destination', displayName: 'Notify', action: 'update', remoteId: 'dfn_1', fields: [], settings: [], unchanged: 0 },
      {
        kind: 'instance', address: 'function.notify.instances["notify-web"]', functionName: 'notify', functionType: 'destination', name: 'notify-web',
        instanceKind: 'destination', action: 'delete', remoteId: 'd1', fields: [], settings: [], unchanged: 0,
      },
    ];

    const result = await executePlan(plan, { api: api(), env: {} });

    expect(result.results.map(summary)).toEqual([
      'u failed: updating function Notify (dfn_1): 422 displayName already exists',
      'd failed: deleting destination notify-web (d1): 403 Forbidden',
    ]);
  });
});

describe('executePlan: references between steps', () => {
  it('sends the ids and catalog ids earlier steps created, reads a missing catalog id, and resolves variables at apply time', async () => {
    const bodies: Record<string, unknown[]> = {};
    const keep = (key: string) => (_uri: string, body: unknown) => void (bodies[key] ??= []).push(body);
    nock(BASE)
      .get('/')
      .reply(200, WORKSPACE)
      .post('/functions', (b) => b.resourceType === 'SOURCE')
      .reply(200, functionBody('sfnc_new', 'source', 'Intake', 'catS'))
      .post('/functions', (b) => b.resourceType === 'DESTINATION')
      .reply(200, functionBody('dfn_new', 'destination', 'Notify (Acme Prod)', 'catD'))
      .get('/functions/sfnc_old')
      .reply(200, functionBody('sfnc_old', 'source', 'Old', 'catOld'))
      .post('/sources')
      .times(2)
      .reply(201, (uri, body: { slug: string; metadataId: string }) => (keep('sources')(uri, body), sourceBody(`id-${body.slug}`, body.slug, body.metadataId)))
      .post('/destinations')
      .reply(200, (uri, body: { name: string; sourceId: string; metadataId: string }) => (keep('destinations')(uri, body), destinationBody('dst1', body.name, body.sourceId, body.metadataId)))
      .post('/insert-function-instances')
      .reply(200, (uri, body: { name: string; functionId: string; integrationId: string }) => (keep('inserts')(uri, body), insertBody('ins1', body.name, body.functionId, body.integrationId)));
    const plan = planOf([
      createFunctionStep('sfn', 'source', 'Intake'),
      createSourceStep('src', { step: 'sfn' }, 'intake-prod', ['sfn'], { secret: withEnv('whsec_', 'INTAKE_SECRET') }),
      createSourceStep('old', { id: 'sfnc_old' }, 'old-prod'),
      createFunctionStep('dfn', 'destination', 'Notify'),
      createDestinationStep('dst', { step: 'dfn' }, { step: 'src' }, 'notify-intake', ['dfn', 'src'], { channel: text('#ops'), legacy: null }),
      createInsertStep('ins', { id: 'ifnd_0123' }, { step: 'dst' }, 'scrub-notify', ['dst']),
    ]);

    const result = await executePlan(plan, { api: api(), env: { INTAKE_SECRET: 'abc123' } });

    expect(result.results.map(summary)).toEqual(['sfn applied', 'src applied', 'old applied', 'dfn applied', 'dst applied', 'ins applied']);
    expect(bodies.sources).toEqual(
      expect.arrayContaining([
        { slug: 'intake-prod', metadataId: 'catS', enabled: true, settings: { secret: 'whsec_abc123' } },
        { slug: 'old-prod', metadataId: 'catOld', enabled: true, settings: {} },
      ]),
    );
    expect(bodies.destinations).toEqual([{ sourceId: 'id-intake-prod', metadataId: 'catD', name: 'notify-intake', enabled: true, settings: { channel: '#ops', legacy: null } }]);
    expect(bodies.inserts).toEqual([{ functionId: '0123', integrationId: 'dst1', name: 'scrub-notify', enabled: true, settings: {} }]);
    expect(unmatched).toEqual([]);
  });
});

describe('executePlan: concurrency', () => {
  /**
   * Holds every create-source answer until as many as `limit` are in flight (or all have arrived),
   * then lets them go one at a time: a correct executor reaches exactly `limit`, never more.
   */
  function gatedSources(total: number, limit: number) {
    const held: (() => void)[] = [];
    const log: string[] = [];
    let inFlight = 0;
    let arrived = 0;
    let max = 0;
    let pumping = false;
    const pump = () => {
      if (pumping || held.length === 0 || (inFlight < limit && arrived < total)) return;
      pumping = true;
      // A short pause first, so an executor that overshoots the limit shows it before anything returns.
      setTimeout(() => {
        pumping = false;
        held.shift()!();
        pump();
      }, 20);
    };
    nock(BASE)
      .post('/sources')
      .times(total)
      .reply((_uri, body: { slug: string }, cb) => {
        arrived++;
        inFlight++;
        max = Math.max(max, inFlight);
        log.push(`arrived ${body.slug}`);
        held.push(() => {
          inFlight--;
          log.push(`answered ${body.slug}`);
          cb(null, [201, sourceBody(`id-${body.slug}`, body.slug, 'cat1')]);
        });
        pump();
      });
    return { log, max: () => max };
  }

  it.each([
    { concurrency: undefined, limit: 4 },
    { concurrency: 2, limit: 2 },
  ])('runs independent steps at once, at most $limit (concurrency: $concurrency); a dependant starts only after its dependency', async ({ concurrency, limit }) => {
    const slugs = ['s0', 's1', 's2', 's3', 's4', 's5'];
    const gate = gatedSources(slugs.length, limit);
    nock(BASE)
      .post('/destinations')
      .reply(200, (_uri, body: { name: string; sourceId: string }) => (gate.log.push(`destination on ${body.sourceId}`), destinationBody('d1', body.name, body.sourceId, 'catD')));
    const plan = planOf([
      ...slugs.map((s) => createSourceStep(s, { id: 'sfnc_1', catalogId: 'cat1' }, s)),
      createDestinationStep('dst', { id: 'dfn_1', catalogId: 'catD' }, { step: 's5' }, 'after-s5', ['s5']),
    ]);

    const result = await executePlan(plan, { api: api(), env: {}, ...(concurrency ? { concurrency } : {}) });

    expect(result.ok).toBe(true);
    expect(gate.max()).toBe(limit);
    expect(gate.log.indexOf('destination on id-s5')).toBeGreaterThan(gate.log.indexOf('answered s5'));
    expect(unmatched).toEqual([]);
  });
});

describe('executePlan: a 429 mid-apply', () => {
  it('waits msBeforeNext and sends the throttled create again, without a lost-create check (a 429 did nothing)', async () => {
    const clock = fakeClock();
    let posts = 0;
    nock(BASE)
      .get('/')
      .reply(200, WORKSPACE)
      .post('/functions')
      .reply(429, { errors: [{ type: 'RequestError', message: 'Too many requests', data: { remainingPoints: 0, msBeforeNext: 1_234, consumedPoints: 61 } }] })
      .post('/functions')
      .reply(200, () => (posts++, functionBody('dfn_1', 'destination', 'Hook (Acme Prod)', 'cat1')));
    const plan = planOf([createFunctionStep('fn', 'destination', 'Hook')]);

    const result = await executePlan(plan, { api: api(clock), env: {} });

    expect(result.results.map(summary)).toEqual(['fn applied']);
    expect(posts).toBe(1);
    expect(clock.waits).toEqual([1_234]);
    // No GET /functions in between: nothing looked for a create that a 429 says never happened.
    expect(unmatched).toEqual([]);
  });
});
