// Sources, destinations and insert-function instances: where function instances live (§11).
import { AdapterContext, label, resourceRef } from './adapter-context.js';
import { toDestination, toInsertInstance, toSource } from './mappers.js';
import { instanceMetadataIds, stripInsertPrefix } from './normalise.js';
import type {
  DestinationInput,
  DestinationUpdate,
  FunctionInstances,
  InsertInstanceInput,
  InsertInstanceUpdate,
  RemoteDestination,
  RemoteFunctionSummary,
  RemoteInsertInstance,
  RemoteSource,
  ResourceHint,
  SourceInput,
  SourceUpdate,
} from './types.js';

/** Source, destination and insert-instance operations of the adapter. */
export class ConnectionOps {
  constructor(private readonly ctx: AdapterContext) {}

  async listSources(): Promise<RemoteSource[]> {
    const items = await this.ctx.paginate(
      label('listing sources', 'listSources'),
      (pagination) => this.ctx.clients.sources.listSources(pagination),
      (body) => ({ items: body.data?.sources, next: body.data?.pagination?.next }),
    );
    return items.map(toSource);
  }

  getSource(id: string, hint?: ResourceHint): Promise<RemoteSource> {
    return this.ctx.run(
      'read',
      label(`reading ${resourceRef('source', id, hint?.name)}`, 'getSource', id),
      () => this.ctx.clients.sources.getSource(id),
      (body) => toSource(present(body.data?.source, 'source')),
    );
  }

  createSource(input: SourceInput): Promise<RemoteSource> {
    const body = { slug: input.slug, metadataId: input.metadataId, enabled: input.enabled, settings: input.settings ?? {} };
    return this.ctx.run(
      'create',
      label(`creating source ${input.slug}`, 'createSource', input.slug),
      () => this.ctx.clients.sources.createSource(body),
      (res) => toSource(present(res.data?.source, 'source')),
      { findExisting: async () => (await this.listSources()).find((s) => s.slug === input.slug) },
    );
  }

  updateSource(id: string, update: SourceUpdate, hint?: ResourceHint): Promise<RemoteSource> {
    return this.ctx.run(
      'update',
      label(`updating ${resourceRef('source', id, hint?.name)}`, 'updateSource', id),
      () => this.ctx.clients.sources.updateSource(id, update),
      (res) => toSource(present(res.data?.source, 'source')),
    );
  }

  async deleteSource(id: string, hint?: ResourceHint): Promise<void> {
    await this.ctx.run(
      'delete',
      label(`deleting ${resourceRef('source', id, hint?.name)}`, 'deleteSource', id),
      () => this.ctx.clients.sources.deleteSource(id),
      () => undefined,
    );
  }

  async listDestinations(): Promise<RemoteDestination[]> {
    const items = await this.ctx.paginate(
      label('listing destinations', 'listDestinations'),
      (pagination) => this.ctx.clients.destinations.listDestinations(pagination),
      (body) => ({ items: body.data?.destinations, next: body.data?.pagination?.next }),
    );
    return items.map(toDestination);
  }

  getDestination(id: string, hint?: ResourceHint): Promise<RemoteDestination> {
    return this.ctx.run(
      'read',
      label(`reading ${resourceRef('destination', id, hint?.name)}`, 'getDestination', id),
      () => this.ctx.clients.destinations.getDestination(id),
      (body) => toDestination(present(body.data?.destination, 'destination')),
    );
  }

  createDestination(input: DestinationInput): Promise<RemoteDestination> {
    const body = {
      sourceId: input.sourceId,
      metadataId: input.metadataId,
      settings: input.settings,
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
    };
    const name = input.name ?? input.metadataId;
    return this.ctx.run(
      'create',
      label(`creating destination ${name} on source ${input.sourceId}`, 'createDestination', name),
      () => this.ctx.clients.destinations.createDestination(body),
      (res) => toDestination(present(res.data?.destination, 'destination')),
      {
        findExisting: async () =>
          (await this.listDestinations()).find(
            (d) => d.sourceId === input.sourceId && d.metadataId === input.metadataId && d.name === (input.name ?? d.name),
          ),
      },
    );
  }

  updateDestination(id: string, update: DestinationUpdate, hint?: ResourceHint): Promise<RemoteDestination> {
    return this.ctx.run(
      'update',
      label(`updating ${resourceRef('destination', id, hint?.name ?? update.name ?? undefined)}`, 'updateDestination', id),
      () => this.ctx.clients.destinations.updateDestination(id, update),
      (res) => toDestination(present(res.data?.destination, 'destination')),
    );
  }

  async deleteDestination(id: string, hint?: ResourceHint): Promise<void> {
    await this.ctx.run(
      'delete',
      label(`deleting ${resourceRef('destination', id, hint?.name)}`, 'deleteDestination', id),
      () => this.ctx.clients.destinations.deleteDestination(id),
      () => undefined,
    );
  }

  async listInsertInstances(functionId: string): Promise<RemoteInsertInstance[]> {
    const classId = stripInsertPrefix(functionId);
    const items = await this.ctx.paginate(
      label(`listing insert instances of function ${functionId}`, 'listInsertFunctionInstances', functionId),
      (pagination) => this.ctx.clients.functions.listInsertFunctionInstances(pagination, classId),
      (body) => ({ items: body.data?.instances, next: body.data?.pagination?.next }),
    );
    return items.map(toInsertInstance);
  }

  getInsertInstance(id: string, hint?: ResourceHint): Promise<RemoteInsertInstance> {
    return this.ctx.run(
      'read',
      label(`reading ${resourceRef('insert instance', id, hint?.name)}`, 'getInsertFunctionInstance', id),
      () => this.ctx.clients.functions.getInsertFunctionInstance(id),
      (body) => toInsertInstance(present(body.data?.insertFunctionInstance, 'insert instance')),
    );
  }

  createInsertInstance(input: InsertInstanceInput): Promise<RemoteInsertInstance> {
    const functionId = stripInsertPrefix(input.functionId);
    const body = {
      functionId,
      integrationId: input.integrationId,
      name: input.name,
      settings: input.settings,
      ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
    };
    return this.ctx.run(
      'create',
      label(`creating insert instance ${input.name} on ${input.integrationId}`, 'createInsertFunctionInstance', input.name),
      () => this.ctx.clients.functions.createInsertFunctionInstance(body),
      (res) => toInsertInstance(present(res.data?.insertFunctionInstance, 'insert instance')),
      {
        findExisting: async () =>
          (await this.listInsertInstances(functionId)).find((i) => i.integrationId === input.integrationId),
      },
    );
  }

  updateInsertInstance(id: string, update: InsertInstanceUpdate, hint?: ResourceHint): Promise<RemoteInsertInstance> {
    return this.ctx.run(
      'update',
      label(`updating ${resourceRef('insert instance', id, hint?.name ?? update.name)}`, 'updateInsertFunctionInstance', id),
      () => this.ctx.clients.functions.updateInsertFunctionInstance(id, update),
      (res) => toInsertInstance(present(res.data?.insertFunctionInstance, 'insert instance')),
    );
  }

  async deleteInsertInstance(id: string, hint?: ResourceHint): Promise<void> {
    await this.ctx.run(
      'delete',
      label(`deleting ${resourceRef('insert instance', id, hint?.name)}`, 'deleteInsertFunctionInstance', id),
      () => this.ctx.clients.functions.deleteInsertFunctionInstance(id),
      () => undefined,
    );
  }

  /** Instances of a function: sources/destinations by metadata id, insert instances by class id. */
  async listFunctionInstances(fn: RemoteFunctionSummary): Promise<FunctionInstances> {
    if (fn.type === 'insert-destination' || fn.type === 'insert-source') {
      return { sources: [], destinations: [], insertInstances: await this.listInsertInstances(fn.id) };
    }
    const ids = instanceMetadataIds(fn);
    if (fn.type === 'source') {
      const sources = (await this.listSources()).filter((s) => ids.has(s.metadataId));
      return { sources, destinations: [], insertInstances: [] };
    }
    const destinations = (await this.listDestinations()).filter((d) => ids.has(d.metadataId));
    return { sources: [], destinations, insertInstances: [] };
  }
}

// Pure, so it lives with the other comparison helpers; re-exported for existing importers.
export { instanceMetadataIds } from './normalise.js';

function present<T>(value: T | null | undefined, what: string): T {
  if (value === undefined || value === null) throw new Error(`the API returned no ${what}`);
  return value;
}
