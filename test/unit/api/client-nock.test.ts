// The SDK adapter against nock: pagination, rate limits, retries, timeouts, errors, secrecy.
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSegmentApi } from '../../../src/api/sdk-adapter.js';
import { ApiError } from '../../../src/errors.js';
import { FAKE_EPOCH, fakeClock } from './fake-clock.js';

const BASE = 'http://segment.test';
const TOKEN = 'sgp_TOKEN_never_printed_9f8e7d';
const WS = { data: { workspace: { id: 'ws1', slug: 'acme-prod', name: 'Acme Prod' } } };

function client(overrides: Parameters<typeof createSegmentApi>[0] extends infer O ? Partial<O> : never = {}) {
  const clock = fakeClock();
  const api = createSegmentApi({ baseUrl: `${BASE}/`, token: TOKEN, clock, timeoutMs: 2_000, retry: { random: () => 1 }, ...overrides });
  return { api, clock };
}

const fnItem = (i: number) => ({ id: `sfnc_${i}`, resourceType: 'SOURCE', displayName: `Fn ${i}`, catalogId: `cat${i}` });
const page = (items: unknown[], next?: string) => ({ data: { functions: items, pagination: { current: 'x', ...(next ? { next } : {}) } } });
const emptyList = page([]);

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => {
  nock.enableNetConnect();
  nock.restore();
});

describe('pagination', () => {
  it('lists every type (incl. INSERT_SOURCE) to the last page with bracket queries and page size 200', async () => {
    const seen: string[] = [];
    const scope = nock(BASE)
      .get('/')
      .reply(200, WS)
      .get('/functions')
      .query(true)
      .times(6)
      .reply(function (uri) {
        seen.push(uri);
        const q = new URL(uri, BASE).searchParams;
        expect(this.req.headers.authorization).toBe(`Bearer ${TOKEN}`);
        expect(String(this.req.headers['user-agent'])).toMatch(/^fnsync\/\S+ \(/);
        if (q.get('resourceType') !== 'SOURCE') return [200, emptyList];
        const cursor = q.get('pagination[cursor]');
        if (!cursor) return [200, page([fnItem(1), fnItem(2)], 'Mg==')];
        if (cursor === 'Mg==') return [200, page([fnItem(3)], 'Mw==')];
        return [200, page([fnItem(4)])];
      });
    const { api } = client();
    const fns = await api.listFunctions();
    expect(fns.map((f) => f.id)).toEqual(['sfnc_1', 'sfnc_2', 'sfnc_3', 'sfnc_4']);
    expect(seen.filter((u) => u.includes('resourceType=SOURCE'))).toEqual([
      '/functions?pagination%5Bcount%5D=200&resourceType=SOURCE',
      '/functions?pagination%5Bcursor%5D=Mg%3D%3D&pagination%5Bcount%5D=200&resourceType=SOURCE',
      '/functions?pagination%5Bcursor%5D=Mw%3D%3D&pagination%5Bcount%5D=200&resourceType=SOURCE',
    ]);
    expect(seen.some((u) => u.includes('resourceType=INSERT_SOURCE'))).toBe(true);
    expect(scope.isDone()).toBe(true);
  });
});

describe('details with bounded concurrency', () => {
  it('fetches code and settings per function, at most 4 at a time', async () => {
    const items = Array.from({ length: 10 }, (_, i) => fnItem(i));
    let inFlight = 0;
    let maxInFlight = 0;
    nock(BASE)
      .get('/')
      .reply(200, WS)
      .get('/functions')
      .query(true)
      .times(4)
      .reply((uri) => [200, uri.includes('resourceType=SOURCE') ? page(items) : emptyList])
      .get(/^\/functions\/sfnc_\d+$/)
      .times(10)
      .reply((uri, _body, cb) => {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        setTimeout(() => {
          inFlight--;
          const id = uri.split('/').pop()!;
          cb(null, [200, { data: { function: { ...fnItem(Number(id.slice(5))), code: `// ${id}`, settings: [], deployedAt: null } } }]);
        }, 20);
      });
    const { api } = client();
    const fns = await api.listFunctionsWithDetails();
    expect(fns).toHaveLength(10);
    expect(fns.find((f) => f.id === 'sfnc_7')!.code).toBe('// sfnc_7');
    expect(maxInFlight).toBe(4);
  });
});

describe('rate limits', () => {
  it('waits msBeforeNext from a 429 body, then succeeds', async () => {
    nock(BASE)
      .get('/')
      .reply(429, { errors: [{ type: 'RequestError', message: 'Too many requests', data: { remainingPoints: 0, msBeforeNext: 1234, consumedPoints: 21 } }] })
      .get('/')
      .reply(200, WS);
    const { api, clock } = client();
    expect((await api.getWorkspace()).slug).toBe('acme-prod');
    expect(clock.waits).toEqual([1234]);
  });

  it('falls back to exponential backoff when a 429 has no msBeforeNext', async () => {
    nock(BASE).get('/').times(2).reply(429, { errors: [{ type: 'RequestError', message: 'Too many requests' }] }).get('/').reply(200, WS);
    const { api, clock } = client();
    await api.getWorkspace();
    expect(clock.waits).toEqual([250, 500]);
  });

  it('when X-RateLimit-Remaining is low, holds the next request until X-RateLimit-Reset', async () => {
    const reset = new Date(FAKE_EPOCH + 5_000).toUTCString();
    nock(BASE)
      .get('/')
      .reply(200, WS, { 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': reset })
      .get('/sources')
      .query(true)
      .reply(200, { data: { sources: [], pagination: { current: 'MA==' } } });
    const { api, clock } = client();
    await api.getWorkspace();
    expect(clock.waits).toEqual([]);
    await api.listSources();
    expect(clock.waits).toEqual([5_000]);
  });

  it('spreads the last points of the budget evenly until X-RateLimit-Reset instead of bursting', async () => {
    const reset = new Date(FAKE_EPOCH + 10_000).toUTCString();
    const { api, clock } = client();
    const sentAt: number[] = [];
    let remaining = 5;
    nock(BASE)
      .get('/')
      .reply(200, WS, { 'X-RateLimit-Remaining': '5', 'X-RateLimit-Reset': reset })
      .get('/sources')
      .query(true)
      .times(5)
      .reply(() => {
        sentAt.push(clock.now() - FAKE_EPOCH);
        remaining -= 1;
        return [200, { data: { sources: [], pagination: { current: 'MA==' } } }, { 'X-RateLimit-Remaining': String(remaining), 'X-RateLimit-Reset': reset }];
      });
    await api.getWorkspace();
    for (let i = 0; i < 5; i++) await api.listSources();
    // Paced: every gap is positive and the usable points fit before the reset; with one point left
    // (the reserve) the next request waits for the new window.
    expect(sentAt[0]).toBe(0);
    for (let i = 1; i < 4; i++) expect(sentAt[i]! - sentAt[i - 1]!).toBeGreaterThan(1_000);
    expect(sentAt[3]!).toBeLessThan(10_000);
    expect(sentAt[4]!).toBeGreaterThanOrEqual(10_000);
  });

  it('counts requests in flight against the budget, so concurrent calls do not overspend it', async () => {
    const reset = new Date(FAKE_EPOCH + 5_000).toUTCString();
    const { api, clock } = client();
    nock(BASE)
      .get('/')
      .reply(200, WS, { 'X-RateLimit-Remaining': '3', 'X-RateLimit-Reset': reset })
      .get(/^\/sources\/s\d$/)
      .times(3)
      .reply((uri) => [200, { data: { source: { id: uri.slice(-2), slug: uri.slice(-2), enabled: true, metadata: { id: 'm' } } } }]);
    await api.getWorkspace();
    expect((await Promise.all(['s1', 's2', 's3'].map((id) => api.getSource(id)))).map((s) => s.slug)).toEqual(['s1', 's2', 's3']);
    // Three calls, no response seen in between: the first goes at once, the second is paced
    // (2.5 s: the time to the reset over the two usable points), the third waits for the new window.
    expect(clock.waits).toEqual([2_500, 2_500]);
    expect(clock.slept()).toBe(5_000);
  });

  it('gives up after the rate-limit retry budget with a 429 ApiError', async () => {
    nock(BASE).get('/').times(3).reply(429, { errors: [{ type: 'RequestError', message: 'Too many requests', data: { msBeforeNext: 10 } }] });
    const { api } = client({ retry: { rateLimitRetries: 2 } });
    const err = await api.getWorkspace().catch((e) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err.status).toBe(429);
    expect(err.message).toBe('reading the workspace: 429 Too many requests');
  });
});

describe('retries', () => {
  it('retries a burst of 5xx with capped exponential backoff, then succeeds', async () => {
    nock(BASE).get('/').reply(500, {}).get('/').reply(503, {}).get('/').reply(502, {}).get('/').reply(200, WS);
    const { api, clock } = client({ retry: { random: () => 1, maxDelayMs: 600 } });
    expect((await api.getWorkspace()).name).toBe('Acme Prod');
    expect(clock.waits).toEqual([250, 500, 600]);
  });

  it('bounds retries and then throws an ApiError with the status', async () => {
    const scope = nock(BASE).get('/').times(3).reply(503, { errors: [{ type: 'unavailable', message: 'Service Unavailable' }] });
    const { api } = client({ retry: { retries: 2 } });
    const err = await api.getWorkspace().catch((e) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err.status).toBe(503);
    expect(scope.isDone()).toBe(true);
  });

  it('a hung response times out and is retried', async () => {
    // The late reply names another workspace: getting ws1 proves the answer came from the retry, whatever the
    // load, because the 100 ms timeout always fires before a reply delayed by 1 s.
    const late = { data: { workspace: { ...WS.data.workspace, id: 'ws-late' } } };
    nock(BASE).get('/').delay(1_000).reply(200, late).get('/').reply(200, WS);
    const { api } = client({ timeoutMs: 100 });
    expect((await api.getWorkspace()).id).toBe('ws1');
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('does not retry a 4xx other than 429', async () => {
    const scope = nock(BASE).get('/functions/sfnc_x').reply(404, { errors: [{ type: 'not-found', message: 'Resource not found' }] });
    nock(BASE).get('/').reply(200, WS);
    const { api } = client();
    const err = await api.getFunction('sfnc_x').catch((e) => e);
    expect(err).toMatchObject({ status: 404, type: 'not-found', operation: 'getFunction', resource: 'sfnc_x' });
    expect(err.message).toBe('reading function sfnc_x: 404 Resource not found');
    expect(scope.isDone()).toBe(true);
  });
});

describe('creates are never blindly retried', () => {
  it('after a lost create response, finds the created function instead of posting again', async () => {
    const created = { id: 'dfn_new', resourceType: 'DESTINATION', displayName: 'Slack Alerts (Acme Prod)', catalogId: 'c1', code: 'x', settings: [] };
    let posts = 0;
    nock(BASE)
      .get('/')
      .reply(200, WS)
      .post('/functions')
      .delay(1_000)
      .reply(() => {
        posts++;
        return [200, { data: { function: created } }];
      })
      .get('/functions')
      .query({ 'pagination[count]': '200', resourceType: 'DESTINATION' })
      .reply(200, page([created]))
      .get('/functions/dfn_new')
      .reply(200, { data: { function: created } });
    const { api } = client({ timeoutMs: 100 });
    const fn = await api.createFunction({ type: 'destination', displayName: 'Slack Alerts', code: 'x', settings: [] });
    expect(fn).toMatchObject({ id: 'dfn_new', displayName: 'Slack Alerts', rawDisplayName: 'Slack Alerts (Acme Prod)' });
    expect(posts).toBeLessThanOrEqual(1);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('retries the create when the check finds nothing', async () => {
    const created = { id: 'dfn_new', resourceType: 'DESTINATION', displayName: 'Slack Alerts (Acme Prod)', code: 'x', settings: [] };
    nock(BASE)
      .get('/')
      .reply(200, WS)
      .post('/functions')
      .reply(500, {})
      .get('/functions')
      .query(true)
      .reply(200, emptyList)
      .post('/functions')
      .reply(200, { data: { function: created } });
    const { api } = client();
    expect((await api.createFunction({ type: 'destination', displayName: 'Slack Alerts', code: 'x', settings: [] })).id).toBe('dfn_new');
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('a delete that 404s after a lost response counts as done', async () => {
    nock(BASE)
      .delete('/functions/dfn_1')
      .reply(502, {})
      .delete('/functions/dfn_1')
      .reply(404, { errors: [{ type: 'not-found', message: 'Resource not found' }] });
    const { api } = client();
    await expect(api.deleteFunction('dfn_1')).resolves.toBeUndefined();
  });

  it('a delete that 404s on the first try is an error', async () => {
    nock(BASE).delete('/functions/dfn_1').reply(404, { errors: [{ type: 'not-found', message: 'Resource not found' }] });
    const { api } = client();
    await expect(api.deleteFunction('dfn_1', { name: 'Old' })).rejects.toThrow('deleting function Old (dfn_1): 404 Resource not found');
  });
});

describe('request bodies', () => {
  it('sends settings: [] so removing the last setting clears it, and INSERT_SOURCE passes the SDK enum', async () => {
    const bodies: unknown[] = [];
    const fn = { id: 'ifns_1', resourceType: 'INSERT_SOURCE', displayName: 'Enrich (Acme Prod)', code: 'x', settings: [] };
    nock(BASE)
      .get('/')
      .reply(200, WS)
      .post('/functions', (b) => (bodies.push(b), true))
      .reply(200, { data: { function: fn } })
      .patch('/functions/ifns_1', (b) => (bodies.push(b), true))
      .reply(200, { data: { function: fn } });
    const { api } = client();
    const created = await api.createFunction({ type: 'insert-source', displayName: 'Enrich', code: 'x', settings: [] });
    expect(created).toMatchObject({ type: 'insert-source', displayName: 'Enrich' });
    await api.updateFunction('ifns_1', { settings: [] });
    expect(bodies).toEqual([
      { code: 'x', displayName: 'Enrich', resourceType: 'INSERT_SOURCE', settings: [] },
      { settings: [] },
    ]);
  });
});

describe('errors and secrecy', () => {
  it('names the operation and resource: updating function Slack Alerts (dfn_1): 422 ...', async () => {
    nock(BASE)
      .get('/')
      .reply(200, WS)
      .patch('/functions/dfn_1')
      .reply(422, { errors: [{ type: 'input-validation', message: 'displayName already exists', field: 'displayName' }] });
    const { api } = client();
    const err = await api.updateFunction('dfn_1', { displayName: 'X' }, { name: 'Slack Alerts' }).catch((e) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err.message).toBe('updating function Slack Alerts (dfn_1): 422 displayName already exists');
    expect(err).toMatchObject({ status: 422, type: 'input-validation', operation: 'updateFunction', resource: 'dfn_1' });
  });

  it('never includes the token, even when the server echoes it or the SDK error carries headers', async () => {
    nock(BASE)
      .get('/')
      .reply(401, { errors: [{ type: 'unauthorized', message: `token ${TOKEN} is invalid` }] });
    const { api } = client();
    const err = await api.getWorkspace().catch((e) => e);
    expect(err).toBeInstanceOf(ApiError);
    const everything = [err.message, err.stack, JSON.stringify(err), String(err.cause ?? ''), Object.values(err).join(' ')].join('\n');
    expect(everything).not.toContain(TOKEN);
    expect(err.message).toContain('401');
  });

  it('maps an unexpected success body to an ApiError without retrying', async () => {
    const scope = nock(BASE).get('/sources/s1').reply(200, { data: {} });
    const { api } = client();
    await expect(api.getSource('s1')).rejects.toThrow('reading source s1: unexpected response: the API returned no source');
    expect(scope.isDone()).toBe(true);
  });

  it('refuses a 200 that is not the API (an HTML page) instead of reading it as an empty workspace', async () => {
    nock(BASE).get('/').reply(200, '<html>proxy login</html>', { 'Content-Type': 'text/html' });
    const { api } = client();
    await expect(api.getWorkspace()).rejects.toThrow('reading the workspace: unexpected response: the API returned no workspace (is the API URL right?)');
  });

  it('refuses a list answer without the list instead of reading it as empty', async () => {
    const scope = nock(BASE).get('/sources').query(true).reply(200, { data: { pagination: { current: 'MA==' } } });
    const { api } = client();
    const err = await api.listSources().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).message).toBe('listing sources: unexpected response: the API returned no list (is the API URL right?)');
    expect(scope.isDone()).toBe(true);
  });

  it('refuses a listed item without an id (it would be planned as a new resource)', async () => {
    nock(BASE).get('/destinations').query(true).reply(200, { data: { destinations: [{ id: 'd1', sourceId: 's', enabled: true }, { name: 'x' }], pagination: { current: 'MA==' } } });
    const { api } = client();
    await expect(api.listDestinations()).rejects.toThrow('listing destinations: unexpected response: item 1 of the list has no id');
  });

  it('describes an error answer without the envelope by its status text', async () => {
    nock(BASE).get('/sources/s1').reply(404, '<html>Not Found</html>', { 'Content-Type': 'text/html' });
    const { api } = client();
    const err = await api.getSource('s1').catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 404, message: 'reading source s1: 404 Not Found' });
  });
});
