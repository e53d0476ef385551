// Fault and load knobs: latency, a real rate limit, injected statuses, hangs and resets, the admin routes.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/server.js';
import { TOKEN, httpError, raw, sdkClients } from './sdk-clients.js';

let em: RunningEmulator;
beforeEach(async () => {
  em = await startEmulator({ token: TOKEN });
});
afterEach(() => em.close());

describe('rate limit', () => {
  it('sends X-RateLimit-* headers on every response', async () => {
    const res = await raw(em.url, '/');
    expect(res.headers.get('x-ratelimit-consumed')).toBe('1');
    expect(Number(res.headers.get('x-ratelimit-remaining'))).toBeGreaterThan(1000);
    const reset = res.headers.get('x-ratelimit-reset')!;
    expect(reset).toMatch(/^\w{3}, \d\d \w{3} \d{4} \d\d:\d\d:\d\d GMT$/);
    expect(Date.parse(reset)).toBeGreaterThan(Date.now() - 1000);
  });

  it('answers 429 with the documented body once the budget is spent, then recovers after the window', async () => {
    em.faults.setRateLimit({ points: 2, windowMs: 1000 });
    const a = await raw(em.url, '/');
    const b = await raw(em.url, '/');
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(b.headers.get('x-ratelimit-remaining')).toBe('0');
    const c = await raw(em.url, '/');
    expect(c.status).toBe(429);
    const body = await c.json();
    expect(body.errors[0]).toMatchObject({ type: 'RequestError', message: 'Too many requests', data: { remainingPoints: 0, consumedPoints: 3 } });
    expect(body.errors[0].data.msBeforeNext).toBeGreaterThan(0);
    expect(body.errors[0].data.msBeforeNext).toBeLessThanOrEqual(1000);
    expect(c.headers.get('x-ratelimit-remaining')).toBe('0');
    await new Promise((r) => setTimeout(r, body.errors[0].data.msBeforeNext + 20));
    expect((await raw(em.url, '/')).status).toBe(200);
    expect(em.requestLog.filter((e) => e.status === 429)).toHaveLength(1);
  });
});

describe('latency', () => {
  it('delays every response by the configured time', async () => {
    em.faults.setLatency(150);
    const t0 = Date.now();
    await sdkClients(em.url).workspaces.getWorkspace();
    expect(Date.now() - t0).toBeGreaterThanOrEqual(145);
    expect(em.requestLog.at(-1)!.durationMs).toBeGreaterThanOrEqual(145);
  });
});

describe('injected faults', () => {
  it('returns an injected 503 the given number of times on a matching route only', async () => {
    em.faults.inject({ method: 'GET', path: '/sources', kind: 'status', status: 503, times: 2 });
    const api = sdkClients(em.url);
    expect((await httpError(api.sources.listSources({ count: 1 }))).statusCode).toBe(503);
    await api.workspaces.getWorkspace(); // other route unaffected
    expect((await httpError(api.sources.listSources({ count: 1 }))).statusCode).toBe(503);
    await expect(api.sources.listSources({ count: 1 })).resolves.toBeTruthy();
  });

  it('matches a RegExp source path', async () => {
    em.faults.inject({ path: '^/functions/[^/]+$', kind: 'status', status: 500 });
    const res = await raw(em.url, '/functions/abc');
    expect(res.status).toBe(500);
    expect((await raw(em.url, '/functions/abc')).status).toBe(404);
  });

  it('hangs without answering (a client timeout fires)', async () => {
    em.faults.inject({ path: '/', kind: 'hang' });
    await expect(raw(em.url, '/', { signal: AbortSignal.timeout(300) })).rejects.toThrow(/abort|timeout/i);
    expect(em.requestLog.at(-1)).toMatchObject({ status: 0, fault: 'hang' });
  });

  it('resets the connection before handling: nothing is created', async () => {
    em.faults.inject({ method: 'POST', path: '/functions', kind: 'reset' });
    const api = sdkClients(em.url);
    await expect(api.functions.createFunction({ code: 'x', displayName: 'Lost', resourceType: 'SOURCE' })).rejects.toMatchObject({
      code: expect.stringMatching(/ECONNRESET|EPIPE/),
    });
    expect(em.state().functions).toHaveLength(0);
  });

  it('reset-after performs the create, then drops the response', async () => {
    em.faults.inject({ method: 'POST', path: '/functions', kind: 'reset-after' });
    const api = sdkClients(em.url);
    await expect(api.functions.createFunction({ code: 'x', displayName: 'Ghost', resourceType: 'SOURCE' })).rejects.toMatchObject({
      code: expect.stringMatching(/ECONNRESET|EPIPE/),
    });
    expect(em.state().functions.map((f) => f.displayName)).toEqual(['Ghost']);
    const list = (await api.functions.listFunctions({ count: 10 }, 'SOURCE')).body.data!;
    expect(list.functions.map((f) => f.displayName)).toEqual(['Ghost']);
  });

  it('clear() removes latency, rate limit and pending injections', async () => {
    // A latency no request could reach by itself, even on a loaded machine: any request taking that long was delayed.
    em.faults.setLatency(10_000);
    em.faults.setRateLimit({ points: 1, windowMs: 60_000 });
    em.faults.inject({ path: '/', kind: 'status', status: 500, times: 5 });
    em.faults.clear();
    for (let i = 0; i < 3; i++) expect((await raw(em.url, '/')).status).toBe(200);
    expect(em.requestLog.map((e) => e.durationMs < 10_000)).toEqual([true, true, true]);
  });
});

describe('admin routes', () => {
  it('sets and clears faults over HTTP and exposes the request log and masked state, behind the token', async () => {
    expect((await fetch(`${em.url}/__emulator/requests`)).status).toBe(401);
    const set = await raw(em.url, '/__emulator/faults', {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ rateLimit: { points: 1, windowMs: 60_000 }, inject: [{ path: '/sources', kind: 'status', status: 500 }] }),
    });
    expect(set.status).toBe(200);
    expect((await set.json()).data.inject).toHaveLength(1);
    expect((await raw(em.url, '/sources?pagination.count=1')).status).toBe(500);
    expect((await raw(em.url, '/')).status).toBe(429);
    expect((await raw(em.url, '/__emulator/faults', { method: 'DELETE' })).status).toBe(200);
    expect((await raw(em.url, '/')).status).toBe(200);

    const log = (await (await raw(em.url, '/__emulator/requests')).json()).data.requests;
    expect(log.map((e: any) => `${e.method} ${e.path} ${e.status}`)).toEqual(['GET /sources 500', 'GET / 429', 'GET / 200']);
    expect(log[0].query).toEqual({ 'pagination.count': '1' });

    const bad = await raw(em.url, '/__emulator/faults', { method: 'POST', body: JSON.stringify({ inject: [{ path: '/', kind: 'explode' }] }) });
    expect(bad.status).toBe(400);
  });

  it('masks instance secrets in the admin state view', async () => {
    const api = sdkClients(em.url);
    const src = (await api.sources.createSource({ slug: 'web', enabled: true, metadataId: 'IqDTy1TpoU' })).body.data!.source;
    await api.destinations.createDestination({ sourceId: src.id, metadataId: '54521fd525e721e32a72ee91', settings: { secretKey: 'very-secret-value-wxyz' } });
    const text = await (await raw(em.url, '/__emulator/state')).text();
    expect(text).not.toContain('very-secret-value');
    expect(text).toContain('••••••••••wxyz');
    expect(em.state().destinations[0]!.settings.secretKey).toBe('very-secret-value-wxyz');
  });
});
