// Instance setting values checked against the function's declared types, on create and on PATCH, for
// every kind of function instance, and in seeds (which go through the same rules).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_WORKSPACE_SEED } from '../../../src/emulator/default-seed.js';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/server.js';
import { TOKEN, raw, sdkClients, setting } from './sdk-clients.js';

let em: RunningEmulator;
let api: ReturnType<typeof sdkClients>;
beforeAll(async () => {
  em = await startEmulator({ token: TOKEN, seed: LOCAL_WORKSPACE_SEED });
  api = sdkClients(em.url);
});
afterAll(() => em.close());

const typed = [
  setting('name'), { ...setting('on'), type: 'BOOLEAN' as const }, { ...setting('tags'), type: 'ARRAY' as const },
  { ...setting('headers'), type: 'TEXT_MAP' as const }, { ...setting('secret', true), required: true },
];
const GOOD = { name: 'n', on: true, tags: ['a', 'b'], headers: { 'x-a': '1' } };
const BAD: Array<[string, unknown, string]> = [
  ['name', 42, 'must be a string (the function declares it STRING)'],
  ['on', 'true', 'must be a boolean (the function declares it BOOLEAN)'],
  ['tags', ['a', 1], 'must be an array of strings (the function declares it ARRAY)'],
  ['tags', 'a,b', 'must be an array of strings (the function declares it ARRAY)'],
  ['headers', { 'x-a': 1 }, 'must be an object of strings (the function declares it TEXT_MAP)'],
  ['headers', ['x'], 'must be an object of strings (the function declares it TEXT_MAP)'],
];

async function send(method: string, path: string, body: unknown): Promise<{ status: number; error?: { type: string; field?: string; message: string } }> {
  const res = await raw(em.url, path, { method, body: JSON.stringify(body) });
  const json = await res.json();
  return { status: res.status, error: json.errors?.[0] };
}

async function fn(resourceType: string, displayName: string) {
  return (await api.functions.createFunction({ code: 'x', displayName, resourceType: resourceType as never, settings: typed })).body.data!.function!;
}

describe('instance setting values against declared types', () => {
  it('destinations: wrong types are 422 naming settings.<name> on create and PATCH; right ones, undeclared keys and a missing required setting pass', async () => {
    const dfn = await fn('DESTINATION', 'Typed dest');
    const sourceId = em.state().sources[0]!.id;
    for (const [key, value, message] of BAD) {
      const r = await send('POST', '/destinations', { sourceId, metadataId: dfn.catalogId, settings: { ...GOOD, [key]: value } });
      expect(r).toEqual({ status: 422, error: { type: 'input-validation', field: `settings.${key}`, message: `"settings.${key}" ${message}` } });
    }
    expect(em.state().destinations.filter((d) => d.metadataId === dfn.catalogId)).toEqual([]);
    const created = await send('POST', '/destinations', { sourceId, metadataId: dfn.catalogId, settings: { ...GOOD, undeclared: 7 } });
    expect(created.status).toBe(200);
    const dest = em.state().destinations.find((d) => d.metadataId === dfn.catalogId)!;
    const patched = await send('PATCH', `/destinations/${dest.id}`, { enabled: true, settings: { on: 'yes' } });
    expect([patched.status, patched.error?.field]).toEqual([422, 'settings.on']);
    expect(em.state().destinations.find((d) => d.id === dest.id)).toMatchObject({ enabled: false, settings: { on: true } });
    expect((await send('PATCH', `/destinations/${dest.id}`, { settings: { on: false, tags: null } })).status).toBe(200);
  });

  it('sources and insert instances are checked the same way', async () => {
    const sfn = await fn('SOURCE', 'Typed src');
    const bad = await send('POST', '/sources', { slug: 'typed-src', enabled: true, metadataId: sfn.catalogId, settings: { tags: [1] } });
    expect([bad.status, bad.error?.field]).toEqual([422, 'settings.tags']);
    expect((await send('POST', '/sources', { slug: 'typed-src', enabled: true, metadataId: sfn.catalogId, settings: GOOD })).status).toBe(201);
    const src = em.state().sources.find((s) => s.slug === 'typed-src')!;
    expect((await send('PATCH', `/sources/${src.id}`, { settings: { headers: 'x' } })).error?.field).toBe('settings.headers');

    const ifn = await fn('INSERT_DESTINATION', 'Typed insert');
    const integrationId = em.state().destinations[0]!.id;
    const functionId = ifn.id!.slice('ifnd_'.length);
    const badInsert = await send('POST', '/insert-function-instances', { functionId, integrationId, name: 'typed', settings: { name: false } });
    expect([badInsert.status, badInsert.error?.field]).toEqual([422, 'settings.name']);
    expect((await send('POST', '/insert-function-instances', { functionId, integrationId, name: 'typed', settings: GOOD })).status).toBe(200);
    const inst = em.state().insertInstances.find((i) => i.classId === functionId)!;
    expect((await send('PATCH', `/insert-function-instances/${inst.id}`, { settings: { on: 1 } })).error?.field).toBe('settings.on');
  });

  it('a seed with a wrongly typed value stops the start at that setting', async () => {
    await expect(startEmulator({
      seed: {
        functions: [{ resourceType: 'DESTINATION', displayName: 'Seeded typed', code: 'x', settings: typed }],
        sources: [{ slug: 'web', metadataId: 'javascript' }],
        destinations: [{ name: 'd', sourceId: 'web', metadataId: 'Seeded typed', settings: { on: 'no' } }],
      },
    })).rejects.toMatchObject({ problems: [{ path: 'destinations[0].settings.on', message: '"settings.on" must be a boolean (the function declares it BOOLEAN)' }] });
  });
});
