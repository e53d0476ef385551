// Functions through the official SDK over HTTP: CRUD, pagination (both query forms), errors, suffix, deploy, versions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/server.js';
import { TOKEN, httpError, raw, sdkClients, setting } from './sdk-clients.js';

let em: RunningEmulator;
let api: ReturnType<typeof sdkClients>;

beforeAll(async () => {
  em = await startEmulator({ token: TOKEN, workspace: { name: 'Acme Prod' } });
  api = sdkClients(em.url);
});
afterAll(() => em.close());

describe('functions CRUD through the SDK', () => {
  it('creates, reads, updates and deletes a source function with realistic ids', async () => {
    const created = await api.functions.createFunction({
      code: 'async function onRequest() {}', displayName: 'Stripe Events', resourceType: 'SOURCE',
      settings: [setting('signingSecret', true)], description: 'stripe',
    });
    const fn = created.body.data!.function!;
    expect(created.response.statusCode).toBe(200);
    expect(fn.id).toMatch(/^sfnc_[0-9a-f]{24}$/);
    // The catalog id is assigned apart from the id (doc §11.2), so deriving one from the other fails.
    expect(fn.catalogId).toMatch(/^[0-9a-f]{24}$/);
    expect(fn.catalogId).not.toBe(fn.id!.slice(5));
    expect(fn.displayName).toBe('Stripe Events');
    expect(fn.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(fn.settings).toEqual([setting('signingSecret', true)]);

    const got = await api.functions.getFunction(fn.id!);
    expect(got.body.data!.function!.code).toBe('async function onRequest() {}');

    const updated = await api.functions.updateFunction(fn.id!, { description: 'changed' });
    expect(updated.body.data!.function!.description).toBe('changed');
    expect(updated.body.data!.function!.code).toBe('async function onRequest() {}');

    const del = await api.functions.deleteFunction(fn.id!);
    expect(del.body.data).toEqual({ status: 'SUCCESS' });
    const gone = await httpError(api.functions.getFunction(fn.id!));
    expect(gone.statusCode).toBe(404);
    expect(gone.body.errors[0]).toMatchObject({ type: 'not-found' });
  });

  it('uses the right prefix per type, including INSERT_SOURCE which the SDK enum lacks', async () => {
    const prefixes: Record<string, string> = { DESTINATION: 'dfn_', INSERT_DESTINATION: 'ifnd_', INSERT_SOURCE: 'ifns_' };
    for (const [type, prefix] of Object.entries(prefixes)) {
      const res = await api.functions.createFunction({ code: 'x', displayName: `Prefix ${type}`, resourceType: type as any });
      expect(res.body.data!.function!.id!.startsWith(prefix)).toBe(true);
    }
  });

  it('appends the workspace suffix to destination and insert names on create and update, never doubled', async () => {
    const res = await api.functions.createFunction({ code: 'x', displayName: 'Slack Alerts', resourceType: 'DESTINATION' });
    const fn = res.body.data!.function!;
    expect(fn.displayName).toBe('Slack Alerts (Acme Prod)');
    const renamed = await api.functions.updateFunction(fn.id!, { displayName: 'Slack Alerts 2' });
    expect(renamed.body.data!.function!.displayName).toBe('Slack Alerts 2 (Acme Prod)');
    const again = await api.functions.updateFunction(fn.id!, { displayName: 'Slack Alerts 2 (Acme Prod)' });
    expect(again.body.data!.function!.displayName).toBe('Slack Alerts 2 (Acme Prod)');
  });

  it('rejects a duplicate display name per resource type with 422', async () => {
    await api.functions.createFunction({ code: 'x', displayName: 'Dup', resourceType: 'INSERT_DESTINATION' });
    const err = await httpError(api.functions.createFunction({ code: 'y', displayName: 'Dup', resourceType: 'INSERT_DESTINATION' }));
    expect(err.statusCode).toBe(422);
    expect(err.body.errors[0]).toMatchObject({ type: 'input-validation', field: 'displayName', message: 'displayName already exists' });
    // Same name, other type: allowed.
    const ok = await api.functions.createFunction({ code: 'y', displayName: 'Dup', resourceType: 'SOURCE' });
    expect(ok.body.data!.function!.displayName).toBe('Dup');
  });

  it('answers 422 with the field for invalid create input', async () => {
    const noCode = await httpError(api.functions.createFunction({ displayName: 'x', resourceType: 'SOURCE' } as any));
    expect(noCode.statusCode).toBe(422);
    expect(noCode.body.errors[0]).toMatchObject({ type: 'input-validation', field: 'code' });
    const blank = (await api.functions.createFunction({ code: 'x', displayName: 'Not blank', resourceType: 'SOURCE' })).body.data!.function!;
    const blanked = await httpError(api.functions.updateFunction(blank.id!, { displayName: '', code: 'y' }));
    expect([blanked.statusCode, blanked.body.errors[0]]).toEqual([422, { type: 'input-validation', field: 'displayName', message: '"displayName" must be a non-empty string' }]);
    expect((await api.functions.getFunction(blank.id!)).body.data!.function!).toMatchObject({ displayName: 'Not blank', code: 'x' });
    const badType = await httpError(
      api.functions.createFunction({ code: 'x', displayName: 'y', resourceType: 'SOURCE', settings: [{ ...setting('a'), type: 'NUMBER' as any }] }),
    );
    expect(badType.body.errors[0]).toMatchObject({ field: 'settings[0].type' });
  });

  it('answers setting definitions in the reverse of the order sent, on create, read and update (doc §14.2)', async () => {
    const sent = [setting('b'), setting('c'), setting('a', true)];
    const fn = (await api.functions.createFunction({ code: 'x', displayName: 'Reordered', resourceType: 'SOURCE', settings: sent })).body.data!.function!;
    expect(fn.settings).toEqual([...sent].reverse());
    expect((await api.functions.getFunction(fn.id!)).body.data!.function!.settings!.map((s) => s.name)).toEqual(['a', 'c', 'b']);
    const updated = (await api.functions.updateFunction(fn.id!, { settings: [setting('y'), setting('x')] })).body.data!.function!;
    expect(updated.settings!.map((s) => s.name)).toEqual(['x', 'y']);
  });

  it('answers 401 without or with a wrong bearer token', async () => {
    const wrong = await httpError(sdkClients(em.url, 'not-the-token').workspaces.getWorkspace());
    expect(wrong.statusCode).toBe(401);
    const none = await fetch(`${em.url}/functions/x`);
    expect(none.status).toBe(401);
    expect((await none.json()).errors[0].type).toBe('unauthorized');
  });

  it('returns the workspace on GET /', async () => {
    const ws = await api.workspaces.getWorkspace();
    expect(ws.body.data!.workspace).toMatchObject({ slug: 'local', name: 'Acme Prod' });
    expect(ws.body.data!.workspace!.id).toMatch(/^[0-9A-Za-z]{22}$/);
  });
});

describe('listFunctions pagination', () => {
  let ids: string[];
  let fresh: RunningEmulator;
  beforeAll(async () => {
    fresh = await startEmulator({ token: TOKEN });
    const c = sdkClients(fresh.url);
    ids = [];
    for (let i = 0; i < 7; i++) {
      const r = await c.functions.createFunction({ code: `// ${i}`, displayName: `Fn ${i}`, resourceType: 'SOURCE' });
      ids.push(r.body.data!.function!.id!);
    }
    await c.functions.createFunction({ code: 'x', displayName: 'Other type', resourceType: 'DESTINATION' });
  });
  afterAll(() => fresh.close());

  it('pages through with the SDK bracket form until next is absent', async () => {
    const c = sdkClients(fresh.url);
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const res = await c.functions.listFunctions({ count: 3, ...(cursor ? { cursor } : {}) }, 'SOURCE');
      const data = res.body.data!;
      seen.push(...data.functions!.map((f) => f.id!));
      expect(data.functions![0]).not.toHaveProperty('code');
      expect(data.pagination.totalEntries).toBe(7);
      cursor = data.pagination.next ?? undefined;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual(ids);
    expect(fresh.requestLog.at(-1)!.query).toMatchObject({ 'pagination[count]': '3', 'pagination[cursor]': 'Ng==' });
  });

  it('accepts the documented dot form', async () => {
    const res = await raw(fresh.url, '/functions?pagination.count=3&pagination.cursor=Mw%3D%3D&resourceType=SOURCE', {}, TOKEN);
    const body = await res.json();
    expect(res.status).toBe(200);
    expect(body.data.functions.map((f: any) => f.id)).toEqual(ids.slice(3, 6));
    expect(body.data.pagination).toEqual({ current: 'Mw==', previous: 'MA==', next: 'Ng==', totalEntries: 7 });
  });

  it('requires pagination and resourceType, and bounds count to 1-200 (doc §8)', async () => {
    const noPage = await raw(fresh.url, '/functions?resourceType=SOURCE');
    expect(noPage.status).toBe(422);
    expect((await noPage.json()).errors[0]).toMatchObject({ type: 'input-validation', field: 'pagination' });
    const noType = await raw(fresh.url, '/functions?pagination%5Bcount%5D=5');
    expect((await noType.json()).errors[0]).toMatchObject({ field: 'resourceType' });
    const tooMany = await raw(fresh.url, '/functions?pagination%5Bcount%5D=201&resourceType=SOURCE');
    expect(tooMany.status).toBe(422);
    expect((await tooMany.json()).errors[0]).toMatchObject({ field: 'pagination.count', message: '"pagination.count" must be an integer between 1 and 200' });
    expect((await raw(fresh.url, '/functions?pagination.count=200&resourceType=SOURCE')).status).toBe(200);
    const zero = await raw(fresh.url, '/functions?pagination.count=0&resourceType=SOURCE');
    expect((await zero.json()).errors[0].field).toBe('pagination.count');
    const badCursor = await raw(fresh.url, '/functions?pagination.count=2&pagination.cursor=zzz&resourceType=SOURCE');
    expect((await badCursor.json()).errors[0].field).toBe('pagination.cursor');
  });

  it('can make pagination optional (default page of 200) and allow pages up to maxPageSize', async () => {
    const lenient = await startEmulator({ requirePagination: false, maxPageSize: 1000, seed: { functions: [{ resourceType: 'SOURCE', displayName: 'a', code: 'x' }] } });
    try {
      const res = await raw(lenient.url, '/functions?resourceType=SOURCE');
      expect(res.status).toBe(200);
      expect((await res.json()).data.functions).toHaveLength(1);
      expect((await raw(lenient.url, '/functions?pagination.count=1000&resourceType=SOURCE')).status).toBe(200);
      expect((await raw(lenient.url, '/functions?pagination.count=1001&resourceType=SOURCE')).status).toBe(422);
    } finally {
      await lenient.close();
    }
  });
});
