// The client against the emulator's fault knobs, through the real SDK over HTTP: rate limits, 5xx
// bursts, hung responses, resets, and creates whose response was lost (never duplicated).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSegmentApi } from '../../src/api/sdk-adapter.js';
import type { SegmentApi } from '../../src/api/types.js';
import { ApiError } from '../../src/errors.js';
import { startEmulator } from '../../src/emulator/server.js';
import { CONTRACT_WORKSPACE } from './scenarios.js';

const TOKEN = 'resilience-token';
type Emulator = Awaited<ReturnType<typeof startEmulator>>;

let emulator: Emulator;
let api: SegmentApi;

const fastApi = (overrides: Partial<Parameters<typeof createSegmentApi>[0]> = {}) =>
  createSegmentApi({ baseUrl: emulator.url, token: TOKEN, timeoutMs: 2_000, retry: { minDelayMs: 10, maxDelayMs: 50 }, ...overrides });

beforeEach(async () => {
  emulator = await startEmulator({
    token: TOKEN,
    seed: {
      workspace: CONTRACT_WORKSPACE,
      sources: [{ slug: 'web-prod', metadataId: 'javascript', enabled: true }],
      destinations: [{ name: 'amplitude-prod', sourceId: 'web-prod', metadataId: 'amplitude', enabled: true, settings: {} }],
    },
  });
  api = fastApi();
});
afterEach(async () => {
  await emulator.close();
});

const statuses = (method: string, path: string) =>
  emulator.requestLog.filter((e) => e.method === method && e.path === path).map((e) => e.status);

describe('resilience against the emulator', () => {
  it('recovers from real 429s (msBeforeNext) under concurrency', async () => {
    emulator.faults.setRateLimit({ points: 3, windowMs: 1_000 });
    const results = await Promise.all(Array.from({ length: 8 }, () => api.listSources()));
    expect(results.every((r) => r.length === 1)).toBe(true);
    const log = statuses('GET', '/sources');
    expect(log.filter((s) => s === 429).length).toBeGreaterThan(0);
    expect(log.filter((s) => s === 200)).toHaveLength(8);
  });

  it('retries a burst of 500/503 and succeeds', async () => {
    emulator.faults.inject({ method: 'GET', path: '/sources', kind: 'status', status: 503, times: 2 });
    emulator.faults.inject({ method: 'GET', path: '/sources', kind: 'status', status: 500, times: 1 });
    expect((await api.listSources()).map((s) => s.slug)).toEqual(['web-prod']);
    expect(statuses('GET', '/sources')).toEqual([503, 503, 500, 200]);
  });

  it('gives up after the retry budget with an ApiError naming the operation', async () => {
    emulator.faults.inject({ method: 'GET', path: '/destinations', kind: 'status', status: 503, times: 10 });
    const err = await fastApi({ retry: { retries: 2, minDelayMs: 10, maxDelayMs: 20 } }).listDestinations().catch((e) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err.status).toBe(503);
    expect(err.message).toMatch(/^listing destinations: 503 /);
    expect(statuses('GET', '/destinations')).toHaveLength(3);
  });

  it('times out a hung response and retries it', async () => {
    emulator.faults.inject({ method: 'GET', path: '^/$', kind: 'hang', times: 1 });
    expect((await fastApi({ timeoutMs: 300 }).getWorkspace()).slug).toBe('acme-prod');
    const log = emulator.requestLog.filter((e) => e.path === '/').map((e) => e.fault ?? e.status);
    expect(log[0]).toBe('hang');
    expect(log.at(-1)).toBe(200);
  });

  it('retries a reset connection', async () => {
    emulator.faults.inject({ method: 'GET', path: '/destinations', kind: 'reset', times: 2 });
    expect((await api.listDestinations()).map((d) => d.name)).toEqual(['amplitude-prod']);
  });

  it('does not duplicate a function whose create response was lost', async () => {
    emulator.faults.inject({ method: 'POST', path: '^/functions$', kind: 'reset-after', times: 1 });
    const fn = await api.createFunction({ type: 'destination', displayName: 'Slack Alerts', code: '//', settings: [] });
    expect(fn.displayName).toBe('Slack Alerts');
    expect(emulator.state().functions.filter((f) => f.displayName.startsWith('Slack Alerts'))).toHaveLength(1);
    expect(statuses('POST', '/functions')).toHaveLength(1);
  });

  it('does not duplicate a source or an insert instance whose create response was lost', async () => {
    const [web] = await api.listSources();
    emulator.faults.inject({ method: 'POST', path: '^/sources$', kind: 'reset-after', times: 1 });
    const src = await api.createSource({ slug: 'ios-prod', metadataId: web!.metadataId, enabled: true });
    expect(src.slug).toBe('ios-prod');
    expect(emulator.state().sources.filter((s) => s.slug === 'ios-prod')).toHaveLength(1);

    const fn = await api.createFunction({ type: 'insert-destination', displayName: 'Enrich', code: '//', settings: [] });
    const [dest] = await api.listDestinations();
    emulator.faults.inject({ method: 'POST', path: '^/insert-function-instances$', kind: 'reset-after', times: 1 });
    const inst = await api.createInsertInstance({ functionId: fn.id, integrationId: dest!.id, name: 'enrich', settings: {} });
    expect(inst.integrationId).toBe(dest!.id);
    expect(emulator.state().insertInstances).toHaveLength(1);
  });

  it('does not duplicate a destination whose create response was lost', async () => {
    const [web] = await api.listSources();
    const fn = await api.createFunction({ type: 'destination', displayName: 'Hook', code: '//', settings: [] });
    emulator.faults.inject({ method: 'POST', path: '^/destinations$', kind: 'reset-after', times: 1 });
    const dest = await api.createDestination({ sourceId: web!.id, metadataId: fn.catalogId, name: 'hook-web', enabled: true, settings: {} });
    expect(dest.name).toBe('hook-web');
    expect(emulator.state().destinations.filter((d) => d.name === 'hook-web')).toHaveLength(1);
    expect(statuses('POST', '/destinations')).toEqual([0]);
  });

  it('a delete whose response was lost is done when the retry finds it gone', async () => {
    const fn = await api.createFunction({ type: 'source', displayName: 'Gone Soon', code: '//', settings: [] });
    emulator.faults.inject({ method: 'DELETE', path: '/functions/', kind: 'reset-after', times: 1 });
    await expect(api.deleteFunction(fn.id)).resolves.toBeUndefined();
    expect(emulator.state().functions).toHaveLength(0);
    expect(statuses('DELETE', `/functions/${fn.id}`)).toEqual([0, 404]);
  });
});
