// Functions, their versions and deployment, over the SDK's FunctionsApi.
import pLimit from 'p-limit';
import { FUNCTION_TYPES, type FunctionType } from '../config/types.js';
import { AdapterContext, functionRef, label } from './adapter-context.js';
import { toApiSettings, toFunctionSummary, toRemoteFunction, toVersion, type SdkFunctionLike } from './mappers.js';
import { RESOURCE_TYPES, functionTypeOf } from './normalise.js';
import type {
  FunctionInput,
  FunctionUpdate,
  RemoteFunction,
  RemoteFunctionSummary,
  RemoteFunctionVersion,
  ResourceHint,
} from './types.js';

// The v47 enum lacks INSERT_SOURCE, but the SDK passes it through (API notes §11.1).
type SdkResourceType = 'DESTINATION' | 'INSERT_DESTINATION' | 'SOURCE';

const TYPE_WORDS: Record<FunctionType, string> = {
  source: 'source functions',
  destination: 'destination functions',
  'insert-destination': 'destination insert functions',
  'insert-source': 'source insert functions',
};

/** Function operations of the adapter. */
export class FunctionOps {
  constructor(private readonly ctx: AdapterContext) {}

  /** One list call per type (the endpoint requires `resourceType`), each paginated to the end. */
  async listFunctions(): Promise<RemoteFunctionSummary[]> {
    const { name } = await this.ctx.getWorkspace();
    const perType = await Promise.all(FUNCTION_TYPES.map((type) => this.listOfType(type, name)));
    return perType.flat();
  }

  private async listOfType(type: FunctionType, workspaceName: string): Promise<RemoteFunctionSummary[]> {
    const items = await this.ctx.paginate(
      label(`listing ${TYPE_WORDS[type]}`, 'listFunctions'),
      (pagination) => this.ctx.clients.functions.listFunctions(pagination, RESOURCE_TYPES[type] as SdkResourceType),
      (body) => ({ items: body.data?.functions, next: body.data?.pagination?.next }),
    );
    return items.map((fn) => toFunctionSummary(fn, type, workspaceName));
  }

  async getFunction(id: string, hint?: ResourceHint): Promise<RemoteFunction> {
    const { name } = await this.ctx.getWorkspace();
    return this.ctx.run(
      'read',
      label(`reading ${functionRef(id, hint?.name)}`, 'getFunction', id),
      () => this.ctx.clients.functions.getFunction(id),
      (body) => this.toFunction(body.data?.function ?? undefined, name, id),
    );
  }

  /** Code and settings need one GET per function (§14.8): bounded concurrency spares the rate limit. */
  async listFunctionsWithDetails(): Promise<RemoteFunction[]> {
    const summaries = await this.listFunctions();
    const limit = pLimit(this.ctx.concurrency);
    return Promise.all(summaries.map((s) => limit(() => this.getFunction(s.id, { name: s.displayName }))));
  }

  async createFunction(input: FunctionInput): Promise<RemoteFunction> {
    const { name } = await this.ctx.getWorkspace();
    const body = {
      code: input.code,
      displayName: input.displayName,
      resourceType: RESOURCE_TYPES[input.type] as never,
      settings: toApiSettings(input.settings) as never,
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...(input.logoUrl !== undefined ? { logoUrl: input.logoUrl } : {}),
    };
    return this.ctx.run(
      'create',
      label(`creating ${input.type} function ${input.displayName}`, 'createFunction', input.displayName),
      () => this.ctx.clients.functions.createFunction(body),
      (res) => this.toFunction(res.data?.function, name, '', input.type),
      {
        // A lost response may hide a successful create: match by display name and type first.
        findExisting: async () => {
          const found = (await this.listOfType(input.type, name)).find((f) => f.displayName === input.displayName);
          return found ? this.getFunction(found.id) : undefined;
        },
      },
    );
  }

  async updateFunction(id: string, update: FunctionUpdate, hint?: ResourceHint): Promise<RemoteFunction> {
    const { name } = await this.ctx.getWorkspace();
    const body = {
      ...(update.code !== undefined ? { code: update.code } : {}),
      ...(update.displayName !== undefined ? { displayName: update.displayName } : {}),
      ...(update.description !== undefined ? { description: update.description } : {}),
      ...(update.logoUrl !== undefined ? { logoUrl: update.logoUrl } : {}),
      ...(update.settings !== undefined ? { settings: toApiSettings(update.settings) as never } : {}),
    };
    return this.ctx.run(
      'update',
      label(`updating ${functionRef(id, hint?.name ?? update.displayName)}`, 'updateFunction', id),
      () => this.ctx.clients.functions.updateFunction(id, body),
      (res) => this.toFunction(res.data?.function, name, id),
    );
  }

  async deleteFunction(id: string, hint?: ResourceHint): Promise<void> {
    await this.ctx.run(
      'delete',
      label(`deleting ${functionRef(id, hint?.name)}`, 'deleteFunction', id),
      () => this.ctx.clients.functions.deleteFunction(id),
      () => undefined,
      { goneValue: undefined },
    );
  }

  async deployFunction(id: string, hint?: ResourceHint): Promise<void> {
    await this.ctx.run(
      'deploy',
      label(`deploying ${functionRef(id, hint?.name)}`, 'createFunctionDeployment', id),
      () => this.ctx.clients.functions.createFunctionDeployment(id),
      () => undefined,
    );
  }

  listFunctionVersions(functionId: string): Promise<RemoteFunctionVersion[]> {
    return this.ctx
      .paginate(
        label(`listing versions of ${functionRef(functionId)}`, 'listFunctionVersions', functionId),
        (pagination) => this.ctx.clients.functions.listFunctionVersions(functionId, pagination),
        (body) => ({ items: body.data?.versions, next: body.data?.pagination?.next }),
      )
      .then((versions) => versions.map(toVersion));
  }

  getFunctionVersion(functionId: string, versionId: string): Promise<RemoteFunctionVersion> {
    return this.ctx.run(
      'read',
      label(`reading version ${versionId} of ${functionRef(functionId)}`, 'getFunctionVersion', functionId),
      () => this.ctx.clients.functions.getFunctionVersion(functionId, versionId),
      (body) => toVersion(required(body.data?.version, 'version')),
    );
  }

  /** Restoring creates a new latest version, so a lost response is not retried (no safe match). */
  restoreFunctionVersion(functionId: string, versionId: string): Promise<RemoteFunctionVersion> {
    return this.ctx.run(
      'create',
      label(`restoring version ${versionId} of ${functionRef(functionId)}`, 'restoreFunctionVersion', functionId),
      () => this.ctx.clients.functions.restoreFunctionVersion(functionId, { versionId }),
      (body) => toVersion(required(body.data?.version, 'version')),
    );
  }

  private toFunction(fn: SdkFunctionLike | undefined, workspaceName: string, id: string, type?: FunctionType): RemoteFunction {
    const value = required(fn, `function ${id}`);
    const resolved = functionTypeOf(value.resourceType) ?? type ?? typeFromId(value.id ?? id);
    return toRemoteFunction(value, resolved, workspaceName);
  }
}

/** The type from an id prefix, for the rare response without a known resourceType. */
function typeFromId(id: string): FunctionType {
  if (id.startsWith('dfn_')) return 'destination';
  if (id.startsWith('ifnd_')) return 'insert-destination';
  if (id.startsWith('ifns_')) return 'insert-source';
  return 'source';
}

function required<T>(value: T | null | undefined, what: string): T {
  if (value === undefined || value === null) throw new Error(`the API returned no ${what}`);
  return value;
}
