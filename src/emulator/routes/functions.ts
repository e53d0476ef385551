// Functions CRUD, deploy and versions: `/functions*` (doc §4).
import {
  createFunctionRecord, deployLatest, getFunctionOr404, instanceCount, parseResourceType, renderFunction,
  renderFunctionItem, renderVersion, restoreVersion, updateFunctionRecord,
} from '../function-model.js';
import { invalid, notFound } from '../http-errors.js';
import { paginate, parsePagination } from '../pagination.js';
import type { Router } from '../router.js';
import type { EmulatorState, StoredFunction } from '../types.js';
import { bodyObject, requireString } from '../validate.js';

/** Resolves a deploy target: the function id itself, or `sfn_<sourceId>` naming a source-function instance. */
function deployTarget(state: EmulatorState, id: string): StoredFunction {
  const direct = state.functions.find((f) => f.id === id);
  if (direct) return direct;
  if (id.startsWith('sfn_')) {
    const source = state.sources.find((s) => s.id === id.slice(4));
    const fn = source && state.functions.find((f) => f.catalogId === source.metadataId);
    if (fn) return fn;
  }
  throw notFound(`Function with id '${id}' not found.`);
}

/** Registers the function routes. */
export function registerFunctionRoutes(router: Router): void {
  router.add('GET', '/functions', ({ state, query, pagination }) => {
    const page = parsePagination(query, pagination);
    const type = parseResourceType(query.get('resourceType'));
    const all = state.functions.filter((f) => f.resourceType === type);
    const { items, pagination: out } = paginate(all, page);
    return { data: { functions: items.map(renderFunctionItem), pagination: out } };
  });

  router.add('POST', '/functions', ({ state, body, behaviour }) => {
    const fn = createFunctionRecord(state, bodyObject(body), behaviour);
    return { data: { function: renderFunction(state, fn) }, mutated: true };
  });

  router.add('GET', '/functions/:id', ({ state, params }) => ({
    data: { function: renderFunction(state, getFunctionOr404(state, params.id!)) },
  }));

  router.add('PATCH', '/functions/:id', ({ state, params, body, behaviour }) => {
    const fn = getFunctionOr404(state, params.id!);
    updateFunctionRecord(state, fn, bodyObject(body), behaviour);
    return { data: { function: renderFunction(state, fn) }, mutated: true };
  });

  router.add('DELETE', '/functions/:id', ({ state, params }) => {
    const fn = getFunctionOr404(state, params.id!);
    const n = instanceCount(state, fn);
    if (n > 0) {
      throw invalid('functionId', `Function ${fn.id} has ${n} instance${n === 1 ? '' : 's'}; delete ${n === 1 ? 'it' : 'them'} first.`);
    }
    state.functions = state.functions.filter((f) => f !== fn);
    return { data: { status: 'SUCCESS' }, mutated: true };
  });

  // "Only applicable to Source Function instances" (doc §4.2, §11.3): other types go live when saved, so a
  // deploy of one is a client mistake. With deployOnSave off every type waits for a deploy, so all are accepted.
  router.add('POST', '/functions/:id/deploy', ({ state, params, behaviour }) => {
    const fn = deployTarget(state, params.id!);
    if (fn.resourceType !== 'SOURCE' && behaviour.deployOnSave) {
      throw invalid('functionId', `Function ${fn.id} is not a source function; only source functions are deployed (${fn.resourceType} functions go live when saved).`);
    }
    deployLatest(fn);
    return { data: { functionDeployment: { status: 'SUCCESS' } }, mutated: true };
  });

  router.add('GET', '/functions/:id/versions', ({ state, params, query, pagination }) => {
    const fn = getFunctionOr404(state, params.id!);
    const page = parsePagination(query, pagination);
    const newestFirst = [...fn.versions].reverse();
    const { items, pagination: out } = paginate(newestFirst, page);
    return { data: { versions: items.map((v) => renderVersion(fn, v)), pagination: out } };
  });

  router.add('GET', '/functions/:id/versions/:versionId', ({ state, params }) => {
    const fn = getFunctionOr404(state, params.id!);
    const v = fn.versions.find((x) => x.id === params.versionId);
    if (!v) throw notFound(`Version with id '${params.versionId}' not found.`);
    return { data: { version: renderVersion(fn, v) } };
  });

  router.add('POST', '/functions/:id/versions', ({ state, params, body }) => {
    const fn = getFunctionOr404(state, params.id!);
    const v = restoreVersion(fn, requireString(bodyObject(body), 'versionId'));
    return { data: { version: renderVersion(fn, v) }, mutated: true };
  });
}
