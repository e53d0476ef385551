// Outbound HTTP through the mock layer (matched, unmatched, recorded, network errors, repeat) and time:
// the frozen clock and the `cache` global's TTL.
import { afterAll, describe, expect, it } from 'vitest';
import { closeRuntime, eventInput, runTrack, runtime, unit } from './runtime-harness.js';
import type { HttpMock } from '../../../src/runtime/types.js';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

afterAll(closeRuntime);

const withMocks = (mocks: HttpMock[]) => ({ http: { mocks, allowNetwork: false } });

describe('outbound HTTP', () => {
  it('a matching mock answers; the request is recorded with method, url, headers, body and the mock index', async () => {
    const mocks: HttpMock[] = [
      { method: 'GET', url: 'https://api.example.com/other' },
      { method: 'POST', urlPattern: '^https://api\\.example\\.com/items', status: 201, body: { id: 7 }, headers: { 'x-reply': 'yes' } },
    ];
    const r = await runTrack(
      `const res = await fetch('https://api.example.com/items?x=1', { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: 'Bearer t' }, body: JSON.stringify({ a: 1 }) });
       return { status: res.status, ok: res.ok, body: await res.json(), header: res.headers.get('x-reply'), url: res.url };`,
      withMocks(mocks),
    );
    expect(r.returned).toEqual({ status: 201, ok: true, body: { id: 7 }, header: 'yes', url: 'https://api.example.com/items?x=1' });
    expect(r.requests).toEqual([
      {
        method: 'POST',
        url: 'https://api.example.com/items?x=1',
        headers: { 'content-type': 'application/json', authorization: 'Bearer t' },
        body: '{"a":1}',
        mockIndex: 1,
        status: 201,
        error: undefined,
      },
    ]);
  });

  it('an unmatched request rejects with a node-fetch FetchError and is recorded without a mock index', async () => {
    const r = await runTrack(`try { await fetch('https://nowhere.example/'); } catch (e) { return { name: e.name, type: e.type, code: e.code, message: e.message }; }`);
    const message = 'request to https://nowhere.example/ failed, reason: no mock matched and the network is off (fnsync run: --allow-network)';
    expect(r.returned).toEqual({ name: 'FetchError', type: 'system', code: 'ENOMOCK', message });
    expect(r.requests).toMatchObject([{ method: 'GET', url: 'https://nowhere.example/', error: message }]);
    expect(r.requests[0]!.mockIndex).toBeUndefined();
  });

  it('an uncaught FetchError is Bad Request', async () => {
    const r = await runTrack(`await fetch('https://nowhere.example/');`);
    expect(r).toMatchObject({ outcome: 'Bad Request', error: { type: 'FetchError' } });
  });

  it('a networkError mock rejects with that code', async () => {
    const r = await runTrack(`try { await fetch('https://down.example/'); } catch (e) { return [e.code, e.message]; }`, withMocks([{ url: 'https://down.example/', networkError: 'ECONNREFUSED' }]));
    expect(r.returned).toEqual(['ECONNREFUSED', 'request to https://down.example/ failed, reason: ECONNREFUSED']);
    expect(r.requests[0]!.mockIndex).toBe(0);
  });

  it('repeat limits how many requests a mock answers (0 = unlimited); later mocks take over', async () => {
    const mocks: HttpMock[] = [
      { url: 'https://a.example/', status: 500, repeat: 2 },
      { url: 'https://a.example/', status: 200, repeat: 0 },
    ];
    const r = await runTrack(`const s = []; for (let i = 0; i < 4; i++) s.push((await fetch('https://a.example/')).status); return s;`, withMocks(mocks));
    expect(r.returned).toEqual([500, 500, 200, 200]);
    expect(r.requests.map((q) => q.mockIndex)).toEqual([0, 0, 1, 1]);
  });

  it('mock uses are per invocation', async () => {
    const code = `async function onTrack() { return (await fetch('https://a.example/')).status; }`;
    const input = eventInput({ type: 'track' }, withMocks([{ url: 'https://a.example/', status: 204 }]));
    const results = await runtime().runSession(unit('destination', code), [input, input]);
    expect(results.map((r) => r.returned)).toEqual([204, 204]);
  });

  it('delayMs delays the reply (and counts towards the timeout)', async () => {
    const code = `async function onTrack() { const t = Date.now(); await fetch('https://slow.example/'); return Date.now() - t; }`;
    const [ok] = await runtime().runSession(unit('destination', code), [eventInput({ type: 'track' }, withMocks([{ url: 'https://slow.example/', delayMs: 50 }]))]);
    expect(ok!.returned as number).toBeGreaterThanOrEqual(45);
    // Far apart, so a loaded machine cannot turn the timeout into a reply (or into a slow load of the code).
    const [late] = await runtime().runSession(unit('destination', code, { timeoutMs: 1000 }), [eventInput({ type: 'track' }, withMocks([{ url: 'https://slow.example/', delayMs: 20_000 }]))]);
    expect(late).toMatchObject({ outcome: 'Timeout', error: { message: 'the function did not finish within 1000 ms' } });
  });

  it('with allowNetwork, unmatched requests reach the network (a local server here) and are recorded', async () => {
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (d) => (body += d));
      req.on('end', () => res.writeHead(202, { 'content-type': 'text/plain' }).end(`${req.method} ${req.url} ${body}`));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    try {
      const r = await runTrack(`const res = await fetch(${JSON.stringify(url)}, { method: 'PUT', body: 'hi' }); return [res.status, await res.text()];`, {
        http: { mocks: [], allowNetwork: true },
      });
      expect(r.returned).toEqual([202, 'PUT /hook hi']);
      expect(r.requests).toMatchObject([{ method: 'PUT', url, body: 'hi', status: 202 }]);
      expect(r.requests[0]!.mockIndex).toBeUndefined();
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('https.request is refused in tests and recorded', async () => {
    const r = await runTrack(`return await new Promise((resolve) => {
      const req = https.request('https://blocked.example/path', { method: 'POST' }, () => resolve('answered'));
      req.on('error', (e) => resolve(e.code + ': ' + e.message));
      req.end('x');
    });`);
    expect(r.returned).toBe('ENOMOCK: no mock matched and the network is off (fnsync run: --allow-network)');
    expect(r.requests).toMatchObject([{ method: 'POST', url: 'https://blocked.example/path' }]);
  });
  it('an https error nobody listens for is logged against the invocation instead of crashing the worker', async () => {
    const r = await runTrack(`https.get('https://blocked.example/'); await new Promise((r) => setTimeout(r, 50)); return 'alive';`);
    expect(r).toMatchObject({ outcome: 'Success', returned: 'alive' });
    expect(r.logs).toEqual([{ level: 'error', message: 'uncaught exception: no mock matched and the network is off (fnsync run: --allow-network)' }]);
  });
});

describe('time', () => {
  it('now freezes Date, Date.now(), Date() and host libraries such as moment for the invocation', async () => {
    const r = await runTrack(
      `const a = Date.now(); await new Promise((r) => setTimeout(r, 20));
       return { same: Date.now() === a, iso: new Date().toISOString(), str: typeof Date(), explicit: new Date(0).toISOString(), m: moment().toISOString(), isDate: new Date() instanceof Date };`,
      { now: '2024-02-29T12:00:00.000Z' },
    );
    expect(r.returned).toEqual({ same: true, iso: '2024-02-29T12:00:00.000Z', str: 'string', explicit: '1970-01-01T00:00:00.000Z', m: '2024-02-29T12:00:00.000Z', isDate: true });
  });

  it('without now, time is real, also right after a frozen invocation in the same session', async () => {
    const before = Date.now();
    const code = `async function onTrack() { return [Date.now(), moment().valueOf()]; }`;
    const results = await runtime().runSession(unit('destination', code), [
      eventInput({ type: 'track' }, { now: '2001-01-01T00:00:00Z' }),
      eventInput({ type: 'track' }),
    ]);
    expect(results[0]!.returned).toEqual([978307200000, 978307200000]);
    for (const t of results[1]!.returned as number[]) expect(t).toBeGreaterThanOrEqual(before);
  });

  it('cache.load caches per instance, honours TTL against the frozen clock, and cache.delete evicts', async () => {
    const code = `let loads = 0;
      async function onTrack(e) {
        if (e.evict) cache.delete('k');
        return cache.load('k', 60000, async () => ++loads);
      }`;
    const at = (now: string, evict = false) => eventInput({ type: 'track', evict }, { now });
    const results = await runtime().runSession(unit('destination', code), [
      at('2024-01-01T00:00:00Z'),
      at('2024-01-01T00:00:59Z'),
      at('2024-01-01T00:01:01Z'),
      at('2024-01-01T00:01:02Z', true),
    ]);
    expect(results.map((r) => r.returned)).toEqual([1, 1, 2, 3]);
  });

  it('a rejected cache load is not cached', async () => {
    const r = await runTrack(`let n = 0; const f = async () => { n++; if (n === 1) throw new Error('x'); return n; };
      try { await cache.load('k', -1, f); } catch {} return await cache.load('k', -1, f);`);
    expect(r.returned).toBe(2);
  });
});
