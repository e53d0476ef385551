// Sources CRUD: `/sources*` (doc §6.1). createSource answers 201, the only create that does.
import { functionOfMetadataId } from '../catalog.js';
import { invalid, notFound } from '../http-errors.js';
import { checkSettingValues } from '../instance-settings.js';
import { createSourceRecord, renderSource } from '../instance-model.js';
import { mergeSettings } from '../masking.js';
import { paginate, parsePagination } from '../pagination.js';
import type { Router } from '../router.js';
import type { EmulatorState, StoredSource } from '../types.js';
import { bodyObject, optionalBoolean, optionalSettings, optionalString, rejectImmutable } from '../validate.js';

function sourceOr404(state: EmulatorState, id: string): StoredSource {
  const s = state.sources.find((x) => x.id === id);
  if (!s) throw notFound(`Source with id '${id}' not found.`);
  return s;
}

/** Registers the source routes. */
export function registerSourceRoutes(router: Router): void {
  router.add('GET', '/sources', ({ state, query, pagination }) => {
    const { items, pagination: out } = paginate(state.sources, parsePagination(query, pagination));
    return { data: { sources: items.map((s) => renderSource(state, s)), pagination: out } };
  });

  router.add('POST', '/sources', ({ state, body }) => {
    const source = createSourceRecord(state, bodyObject(body));
    return { status: 201, data: { source: renderSource(state, source) }, mutated: true };
  });

  router.add('GET', '/sources/:id', ({ state, params }) => ({
    data: { source: renderSource(state, sourceOr404(state, params.id!)), trackingPlanId: null },
  }));

  router.add('PATCH', '/sources/:id', ({ state, params, body }) => {
    const source = sourceOr404(state, params.id!);
    const input = bodyObject(body);
    rejectImmutable(input, ['metadataId'], 'delete the source and create it again');
    const slug = optionalString(input, 'slug');
    if (slug !== undefined && slug !== source.slug) {
      if (!/^[a-z0-9][a-z0-9_-]*$/.test(slug)) throw invalid('slug', '"slug" may contain only lower-case letters, digits, "-" and "_"');
      if (state.sources.some((s) => s.slug === slug)) throw invalid('slug', `slug '${slug}' already exists`);
    }
    const name = optionalString(input, 'name');
    const enabled = optionalBoolean(input, 'enabled');
    const settings = optionalSettings(input);
    const fn = functionOfMetadataId(state, source.metadataId);
    if (fn && settings) checkSettingValues(fn.settings, settings);
    if (slug !== undefined) source.slug = slug;
    if (name !== undefined) source.name = name;
    if (enabled !== undefined) source.enabled = enabled;
    if (settings !== undefined) source.settings = mergeSettings(source.settings, settings);
    return { data: { source: renderSource(state, source) }, mutated: true };
  });

  // Deleting a source also removes its destinations and their insert instances, as deleting it in the app does.
  router.add('DELETE', '/sources/:id', ({ state, params }) => {
    const source = sourceOr404(state, params.id!);
    const gone = new Set([source.id, ...state.destinations.filter((d) => d.sourceId === source.id).map((d) => d.id)]);
    state.sources = state.sources.filter((s) => s !== source);
    state.destinations = state.destinations.filter((d) => !gone.has(d.id));
    state.insertInstances = state.insertInstances.filter((i) => !gone.has(i.integrationId));
    return { data: { status: 'SUCCESS' }, mutated: true };
  });
}
