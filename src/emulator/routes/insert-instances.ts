// Insert-function instances (alpha): `/insert-function-instances*` (doc §5).
import { functionOfClassId } from '../catalog.js';
import { invalid, notFound } from '../http-errors.js';
import { checkSettingValues } from '../instance-settings.js';
import { createInsertRecord, renderInsert, resolveInsertFunction } from '../instance-model.js';
import { insertClassId, nowIso } from '../ids.js';
import { mergeSettings } from '../masking.js';
import { paginate, parsePagination } from '../pagination.js';
import type { Router } from '../router.js';
import type { EmulatorState, StoredInsertInstance } from '../types.js';
import { bodyObject, optionalBoolean, optionalSettings, optionalString, rejectImmutable } from '../validate.js';

function instanceOr404(state: EmulatorState, id: string): StoredInsertInstance {
  const i = state.insertInstances.find((x) => x.id === id);
  if (!i) throw notFound(`Insert function instance with id '${id}' not found.`);
  return i;
}

/** Registers the insert-instance routes. */
export function registerInsertInstanceRoutes(router: Router): void {
  router.add('GET', '/insert-function-instances', ({ state, query, pagination }) => {
    const page = parsePagination(query, pagination);
    const functionId = query.get('functionId');
    if (!functionId) throw invalid('functionId', '"functionId" is required');
    const fn = resolveInsertFunction(state, functionId);
    const classId = insertClassId(fn);
    const all = state.insertInstances.filter((i) => i.classId === classId);
    const { items, pagination: out } = paginate(all, page);
    return { data: { instances: items.map((i) => renderInsert(state, i)), pagination: out } };
  });

  router.add('POST', '/insert-function-instances', ({ state, body }) => {
    const instance = createInsertRecord(state, bodyObject(body));
    return { data: { insertFunctionInstance: renderInsert(state, instance) }, mutated: true };
  });

  router.add('GET', '/insert-function-instances/:id', ({ state, params }) => ({
    data: { insertFunctionInstance: renderInsert(state, instanceOr404(state, params.id!)) },
  }));

  router.add('PATCH', '/insert-function-instances/:id', ({ state, params, body }) => {
    const instance = instanceOr404(state, params.id!);
    const input = bodyObject(body);
    rejectImmutable(input, ['functionId', 'integrationId'], 'delete the insert function instance and create it again');
    const settings = optionalSettings(input);
    if (settings === undefined) throw invalid('settings', '"settings" is required');
    checkSettingValues(functionOfClassId(state, instance.classId)?.settings ?? [], settings);
    const name = optionalString(input, 'name');
    const enabled = optionalBoolean(input, 'enabled');
    if (name !== undefined) instance.name = name;
    if (enabled !== undefined) instance.enabled = enabled;
    instance.settings = mergeSettings(instance.settings, settings);
    instance.updatedAt = nowIso();
    return { data: { insertFunctionInstance: renderInsert(state, instance) }, mutated: true };
  });

  router.add('DELETE', '/insert-function-instances/:id', ({ state, params }) => {
    const instance = instanceOr404(state, params.id!);
    state.insertInstances = state.insertInstances.filter((x) => x !== instance);
    return { data: { status: 'SUCCESS' }, mutated: true };
  });
}
