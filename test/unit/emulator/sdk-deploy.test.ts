// Deployment state and versions through the SDK (doc §4, §11.3): save vs deploy, restore, sfn_ deploy ids.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/server.js';
import { TOKEN, httpError, sdkClients } from './sdk-clients.js';

let em: RunningEmulator;
let api: ReturnType<typeof sdkClients>;
beforeAll(async () => {
  em = await startEmulator({ token: TOKEN });
  api = sdkClients(em.url);
});
afterAll(() => em.close());

async function create(resourceType: string, displayName: string, code = 'v1') {
  const r = await api.functions.createFunction({ code, displayName, resourceType: resourceType as any });
  return r.body.data!.function!;
}

describe('deployment state', () => {
  it('a SOURCE function is saved, not deployed, until createFunctionDeployment', async () => {
    const fn = await create('SOURCE', 'Src deploy');
    expect(fn.isLatestVersion).toBe(false);
    expect(fn.deployedAt).toBeNull();
    const dep = await api.functions.createFunctionDeployment(fn.id!);
    expect(dep.body.data).toEqual({ functionDeployment: { status: 'SUCCESS' } });
    const after = (await api.functions.getFunction(fn.id!)).body.data!.function!;
    expect(after.isLatestVersion).toBe(true);
    expect(after.deployedAt).toMatch(/Z$/);

    const changed = (await api.functions.updateFunction(fn.id!, { code: 'v2' })).body.data!.function!;
    expect(changed.isLatestVersion).toBe(false);
    expect(changed.deployedAt).toBe(after.deployedAt);
  });

  it('DESTINATION and INSERT functions go live on every code update, and cannot be deployed (422)', async () => {
    for (const type of ['DESTINATION', 'INSERT_DESTINATION', 'INSERT_SOURCE']) {
      const fn = await create(type, `Live ${type}`);
      expect(fn.isLatestVersion).toBe(true);
      const changed = (await api.functions.updateFunction(fn.id!, { code: 'v2' })).body.data!.function!;
      expect(changed.isLatestVersion).toBe(true);
      const deploy = await httpError(api.functions.createFunctionDeployment(fn.id!));
      expect(deploy.statusCode).toBe(422);
      expect(deploy.body.errors[0]).toMatchObject({ type: 'input-validation', field: 'functionId' });
      expect(deploy.body.errors[0].message).toContain(`${type} functions go live when saved`);
    }
  });

  it('accepts sfn_<sourceId> as the deploy id of a source-function instance', async () => {
    const fn = await create('SOURCE', 'Src via instance');
    const src = await api.sources.createSource({ slug: 'src-via-instance', enabled: true, metadataId: fn.catalogId! });
    const sourceId = src.body.data!.source.id;
    await api.functions.createFunctionDeployment(`sfn_${sourceId}`);
    expect((await api.functions.getFunction(fn.id!)).body.data!.function!.isLatestVersion).toBe(true);
    const missing = await httpError(api.functions.createFunctionDeployment('sfn_nope'));
    expect(missing.statusCode).toBe(404);
  });
});

describe('versions', () => {
  it('records one version per code change, newest first, and restores as a new undeployed latest', async () => {
    const fn = await create('SOURCE', 'Versioned', 'one');
    await api.functions.createFunctionDeployment(fn.id!);
    await api.functions.updateFunction(fn.id!, { code: 'two' });
    await api.functions.updateFunction(fn.id!, { description: 'no code change' });
    const list = (await api.functions.listFunctionVersions(fn.id!, { count: 10 })).body.data!;
    expect(list.versions.map((v) => v.code)).toEqual(['two', 'one']);
    expect(list.versions.map((v) => v.isDeployed)).toEqual([false, true]);
    for (const v of list.versions) expect(v.id).toMatch(/^[0-9A-Za-z]{27}$/);

    const first = list.versions[1]!;
    const one = (await api.functions.getFunctionVersion(fn.id!, first.id)).body.data!.version;
    expect(one).toMatchObject({ id: first.id, code: 'one', isDeployed: true });

    const restored = (await api.functions.restoreFunctionVersion(fn.id!, { versionId: first.id })).body.data!.version;
    expect(restored.id).not.toBe(first.id);
    expect(restored.code).toBe('one');
    expect(restored.isDeployed).toBe(false);
    const now = (await api.functions.getFunction(fn.id!)).body.data!.function!;
    expect(now.code).toBe('one');
    expect(now.isLatestVersion).toBe(false);
    const paged = (await api.functions.listFunctionVersions(fn.id!, { count: 2 })).body.data!;
    expect(paged.versions).toHaveLength(2);
    expect(paged.pagination.next).toBe('Mg==');

    const bad = await httpError(api.functions.getFunctionVersion(fn.id!, 'nope'));
    expect(bad.statusCode).toBe(404);
  });
});

describe('deleting a function', () => {
  it('fails with 422 while instances exist, succeeds once they are gone', async () => {
    const fn = await create('DESTINATION', 'Has instances');
    const src = await api.sources.createSource({ slug: 'for-dest-fn', enabled: true, metadataId: 'IqDTy1TpoU' });
    const dest = await api.destinations.createDestination({ sourceId: src.body.data!.source.id, metadataId: fn.catalogId!, settings: {} });
    const err = await httpError(api.functions.deleteFunction(fn.id!));
    expect(err.statusCode).toBe(422);
    expect(err.body.errors[0].message).toBe(`Function ${fn.id} has 1 instance; delete it first.`);
    await api.destinations.deleteDestination(dest.body.data!.destination.id);
    await api.functions.deleteFunction(fn.id!);
    expect((await httpError(api.functions.getFunction(fn.id!))).statusCode).toBe(404);
  });
});
