// Sources, destinations and insert instances through the SDK: CRUD, masking, merge-on-PATCH, insert rules.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_WORKSPACE_SEED } from '../../../src/emulator/default-seed.js';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/server.js';
import { TOKEN, httpError, raw, sdkClients, setting } from './sdk-clients.js';

let em: RunningEmulator;
let api: ReturnType<typeof sdkClients>;
beforeAll(async () => {
  em = await startEmulator({ token: TOKEN, seed: LOCAL_WORKSPACE_SEED });
  api = sdkClients(em.url);
});
afterAll(() => em.close());

const seeded = (slug: string) => em.state().sources.find((s) => s.slug === slug)!;
const seededDest = (name: string) => em.state().destinations.find((d) => d.name === name)!;

describe('sources', () => {
  it('lists the seeded sources and creates one with 201, merging settings per key on PATCH', async () => {
    const list = (await api.sources.listSources({ count: 200 })).body.data!;
    expect(list.sources.map((s) => s.slug)).toEqual(['web-prod', 'ios-prod', 'http-api-prod']);
    expect(list.sources[0]!.id).toMatch(/^[0-9A-Za-z]{22}$/);

    const fn = (await api.functions.createFunction({
      code: 'x', displayName: 'Src fn', resourceType: 'SOURCE', settings: [setting('token', true), setting('mode')],
    })).body.data!.function!;
    const created = await api.sources.createSource({
      slug: 'src-fn-prod', enabled: true, metadataId: fn.catalogId!, settings: { token: 'supersecret-abcd', mode: 'a', extra: 'x' },
    });
    expect(created.response.statusCode).toBe(201);
    const source = created.body.data!.source;
    expect(source.metadata.id).toBe(fn.catalogId);
    expect(source.settings).toEqual({ token: '••••••••••abcd', mode: 'a', extra: 'x' });
    expect(em.state().sources.find((s) => s.id === source.id)!.settings.token).toBe('supersecret-abcd');

    const patched = (await api.sources.updateSource(source.id, { name: 'Renamed', settings: { mode: 'b', extra: null } as any })).body.data!.source;
    expect(patched.name).toBe('Renamed');
    expect(patched.settings).toEqual({ token: '••••••••••abcd', mode: 'b' });

    const got = (await api.sources.getSource(source.id)).body.data!;
    expect(got.trackingPlanId).toBeNull();
    await api.sources.deleteSource(source.id);
    const gone = await httpError(api.sources.getSource(source.id));
    expect(gone.body).toEqual({ errors: [{ type: 'not-found', message: `Source with id '${source.id}' not found.`, data: null }] });
  });

  it('rejects a duplicate slug and an unknown metadataId with 422', async () => {
    const dup = await httpError(api.sources.createSource({ slug: 'web-prod', enabled: true, metadataId: 'IqDTy1TpoU' }));
    expect(dup.body.errors[0]).toMatchObject({ type: 'input-validation', field: 'slug' });
    const unknown = await httpError(api.sources.createSource({ slug: 'x-prod', enabled: true, metadataId: 'nope' }));
    expect(unknown.body.errors[0]).toMatchObject({ field: 'metadataId' });
    // createSource v1 has no `name` and requires `enabled` (doc §6.1); the SDK cannot send either mistake.
    const named = await raw(em.url, '/sources', { method: 'POST', body: JSON.stringify({ slug: 'named', enabled: true, metadataId: 'IqDTy1TpoU', name: 'N' }) });
    expect([named.status, (await named.json()).errors[0].field]).toEqual([422, 'name']);
    const noEnabled = await raw(em.url, '/sources', { method: 'POST', body: JSON.stringify({ slug: 'no-enabled', metadataId: 'IqDTy1TpoU' }) });
    expect([noEnabled.status, (await noEnabled.json()).errors[0].field]).toEqual([422, 'enabled']);
    expect(em.state().sources.map((s) => s.slug)).not.toContain('named');
    // Only the catalogId names a function's catalog entry: its id, with or without prefix, does not (doc §11.2).
    const fn = (await api.functions.createFunction({ code: 'x', displayName: 'Derived ids', resourceType: 'SOURCE' })).body.data!.function!;
    for (const derived of [fn.id!, fn.id!.slice('sfnc_'.length)]) {
      const err = await httpError(api.sources.createSource({ slug: 'derived-prod', enabled: true, metadataId: derived }));
      expect([err.statusCode, err.body.errors[0].field]).toEqual([422, 'metadataId']);
    }
  });
});

describe('destinations', () => {
  it('adds catalog defaults (server-added keys), masks catalog secrets, merges on PATCH', async () => {
    const web = seeded('web-prod');
    const created = (await api.destinations.createDestination({
      sourceId: web.id, metadataId: '54521fd525e721e32a72ee91', name: 'amp-2', settings: { apiKey: 'k', secretKey: 'amplitude-secret-9876' },
    })).body.data!.destination;
    expect(created.id).toMatch(/^[0-9a-f]{24}$/);
    expect(created.settings).toEqual({ apiKey: 'k', secretKey: '••••••••••9876', trackAllPages: false, useLogRevenueV2: true });
    const patched = (await api.destinations.updateDestination(created.id, { settings: { trackAllPages: true, apiKey: null } as any })).body.data!.destination;
    expect(patched.settings).toEqual({ secretKey: '••••••••••9876', trackAllPages: true, useLogRevenueV2: true });
    const list = (await api.destinations.listDestinations({ count: 2 })).body.data!;
    expect(list.destinations).toHaveLength(2);
    expect(list.pagination.next).toBe('Mg==');
    await api.destinations.deleteDestination(created.id);
    expect((await httpError(api.destinations.getDestination(created.id))).statusCode).toBe(404);
  });

  it('rejects immutable fields on PATCH with 422 and changes nothing (doc §5, §6.2, §13)', async () => {
    const dest = seededDest('webhooks-prod');
    const patch = (path: string, body: object) => raw(em.url, path, { method: 'PATCH', body: JSON.stringify(body) });
    const cases: Array<[string, object, string]> = [
      [`/destinations/${dest.id}`, { sourceId: seeded('ios-prod').id, enabled: false }, 'sourceId'],
      [`/destinations/${dest.id}`, { metadataId: '54521fd525e721e32a72ee91' }, 'metadataId'],
      [`/sources/${seeded('web-prod').id}`, { metadataId: '9TUUa8k8Xa' }, 'metadataId'],
    ];
    for (const [path, body, field] of cases) {
      const res = await patch(path, body);
      expect([res.status, (await res.json()).errors[0]]).toEqual([422, expect.objectContaining({ type: 'input-validation', field })]);
    }
    expect(seededDest('webhooks-prod')).toEqual(dest);
    expect(seeded('web-prod').metadataId).toBe('IqDTy1TpoU');
  });

  it('answers 404 for a destination on an unknown source', async () => {
    const err = await httpError(api.destinations.createDestination({ sourceId: 'nope', metadataId: '54521fd525e721e32a72ee91', settings: {} }));
    expect(err.statusCode).toBe(404);
  });
});

describe('server-added keys of function instances (doc §14.3)', () => {
  it('fills declared, non-sensitive settings left out with their type\'s empty value, on create only', async () => {
    const settings = [
      setting('channel'), setting('apiKey', true),
      { ...setting('verbose'), type: 'BOOLEAN' as const }, { ...setting('tags'), type: 'ARRAY' as const }, { ...setting('headers'), type: 'TEXT_MAP' as const },
    ];
    const dfn = (await api.functions.createFunction({ code: 'x', displayName: 'Defaults dest', resourceType: 'DESTINATION', settings })).body.data!.function!;
    const dest = (await api.destinations.createDestination({ sourceId: seeded('web-prod').id, metadataId: dfn.catalogId!, settings: { channel: '#a' } })).body.data!.destination;
    expect(dest.settings).toEqual({ channel: '#a', verbose: false, tags: [], headers: {} });
    const patched = (await api.destinations.updateDestination(dest.id, { settings: { tags: null } as any })).body.data!.destination;
    expect(patched.settings).toEqual({ channel: '#a', verbose: false, headers: {} });

    const sfn = (await api.functions.createFunction({ code: 'x', displayName: 'Defaults src', resourceType: 'SOURCE', settings: [setting('mode')] })).body.data!.function!;
    const src = (await api.sources.createSource({ slug: 'defaults-src', enabled: true, metadataId: sfn.catalogId! })).body.data!.source;
    expect(src.settings).toEqual({ mode: '' });

    const ifn = (await api.functions.createFunction({ code: 'x', displayName: 'Defaults insert', resourceType: 'INSERT_DESTINATION', settings: [setting('mode')] })).body.data!.function!;
    const inst = (await api.functions.createInsertFunctionInstance({
      functionId: ifn.id!.slice('ifnd_'.length), integrationId: dest.id, name: 'defaults', settings: {},
    })).body.data!.insertFunctionInstance;
    expect(inst.settings).toEqual({ mode: '' });
  });
});

describe('insert function instances', () => {
  let ifnd: { id: string; classId: string; catalogId: string };
  beforeAll(async () => {
    const fn = (await api.functions.createFunction({
      code: 'x', displayName: 'PII Mask', resourceType: 'INSERT_DESTINATION', settings: [setting('salt', true), setting('fields')],
    })).body.data!.function!;
    ifnd = { id: fn.id!, classId: fn.id!.slice('ifnd_'.length), catalogId: fn.catalogId! };
  });

  it('creates with the prefix-less id, masks secrets in settings and encryptedSettings, merges on PATCH', async () => {
    const amp = seededDest('amplitude-prod');
    const res = await api.functions.createInsertFunctionInstance({
      functionId: ifnd.classId, integrationId: amp.id, name: 'pii-mask-amplitude', enabled: true,
      settings: { salt: 'pepper-salt-1234', fields: 'email' },
    });
    const inst = res.body.data!.insertFunctionInstance;
    expect(inst.id).toMatch(/^[0-9a-f]{24}$/);
    expect(inst.classId).toBe(ifnd.classId);
    expect(inst.settings).toEqual({ salt: '••••••••••1234', fields: 'email' });
    expect(inst.encryptedSettings).toEqual({ salt: '••••••••••1234' });

    const patched = (await api.functions.updateInsertFunctionInstance(inst.id, { settings: { fields: null, extra: 1 } as any })).body.data!.insertFunctionInstance;
    expect(patched.settings).toEqual({ salt: '••••••••••1234', extra: 1 });

    const list = (await api.functions.listInsertFunctionInstances({ count: 10 }, ifnd.classId)).body.data!;
    expect(list.instances.map((i) => i.id)).toEqual([inst.id]);

    for (const field of ['functionId', 'integrationId']) {
      const res = await raw(em.url, `/insert-function-instances/${inst.id}`, { method: 'PATCH', body: JSON.stringify({ [field]: 'x', settings: {} }) });
      expect([res.status, (await res.json()).errors[0].field]).toEqual([422, field]);
    }

    const second = await httpError(api.functions.createInsertFunctionInstance({
      functionId: ifnd.classId, integrationId: amp.id, name: 'again', settings: {},
    }));
    expect(second.statusCode).toBe(422);
    expect(second.body.errors[0]).toMatchObject({ type: 'input-validation', field: 'integrationId' });

    await api.functions.deleteInsertFunctionInstance(inst.id);
    expect((await httpError(api.functions.getInsertFunctionInstance(inst.id))).statusCode).toBe(404);
  });

  it('answers a prefixed id with 404 and a destination function id with 400, like the real API', async () => {
    const prefixed = await httpError(api.functions.listInsertFunctionInstances({ count: 10 }, ifnd.id));
    expect(prefixed.statusCode).toBe(404);
    // Insert instances name the prefix-less id, never the catalogId.
    const byCatalogId = await httpError(api.functions.listInsertFunctionInstances({ count: 10 }, ifnd.catalogId));
    expect(byCatalogId.statusCode).toBe(404);
    const dfn = (await api.functions.createFunction({ code: 'x', displayName: 'Not insert', resourceType: 'DESTINATION' })).body.data!.function!;
    const wrong = await httpError(api.functions.createInsertFunctionInstance({
      functionId: dfn.id!, integrationId: seededDest('webhooks-prod').id, name: 'x', settings: {},
    }));
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toEqual({ errors: [{ type: 'bad-request', message: `Insert function ${dfn.id} not found.` }] });
    const missing = await raw(em.url, '/insert-function-instances?pagination%5Bcount%5D=5');
    expect((await missing.json()).errors[0].field).toBe('functionId');
  });

  it('attaches an INSERT_SOURCE function to a source', async () => {
    const fn = (await api.functions.createFunction({ code: 'x', displayName: 'Bot Filter', resourceType: 'INSERT_SOURCE' as any })).body.data!.function!;
    expect(fn.displayName).toBe('Bot Filter (Local Workspace)');
    const inst = (await api.functions.createInsertFunctionInstance({
      functionId: fn.id!.slice('ifns_'.length), integrationId: seeded('web-prod').id, name: 'bot-filter-web', settings: {},
    })).body.data!.insertFunctionInstance;
    expect(inst.integrationId).toBe(seeded('web-prod').id);
  });
});

describe('catalog', () => {
  it('serves built-in and function entries', async () => {
    const dests = (await api.catalog.getDestinationsCatalog({ count: 100 })).body.data!;
    expect(dests.destinationsCatalog.map((d) => d.slug)).toContain('amplitude');
    const one = (await api.catalog.getDestinationMetadata('54521fd525e721e32a72ee91')).body.data!;
    expect(one.destinationMetadata.name).toBe('Amplitude');
    expect((await httpError(api.catalog.getSourceMetadata('nope'))).statusCode).toBe(404);
  });
});
