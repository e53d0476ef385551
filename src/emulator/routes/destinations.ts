// Destinations CRUD: `/destinations*` (doc §6.2).
import { functionOfMetadataId } from '../catalog.js';
import { notFound } from '../http-errors.js';
import { checkSettingValues } from '../instance-settings.js';
import { createDestinationRecord, renderDestination } from '../instance-model.js';
import { mergeSettings } from '../masking.js';
import { paginate, parsePagination } from '../pagination.js';
import type { Router } from '../router.js';
import type { EmulatorState, StoredDestination } from '../types.js';
import { bodyObject, optionalBoolean, optionalSettings, optionalString, rejectImmutable } from '../validate.js';

function destinationOr404(state: EmulatorState, id: string): StoredDestination {
  const d = state.destinations.find((x) => x.id === id);
  if (!d) throw notFound(`Destination with id '${id}' not found.`);
  return d;
}

/** Registers the destination routes. */
export function registerDestinationRoutes(router: Router): void {
  router.add('GET', '/destinations', ({ state, query, pagination }) => {
    const { items, pagination: out } = paginate(state.destinations, parsePagination(query, pagination));
    return { data: { destinations: items.map((d) => renderDestination(state, d)), pagination: out } };
  });

  router.add('POST', '/destinations', ({ state, body }) => {
    const d = createDestinationRecord(state, bodyObject(body));
    return { data: { destination: renderDestination(state, d) }, mutated: true };
  });

  router.add('GET', '/destinations/:id', ({ state, params }) => ({
    data: { destination: renderDestination(state, destinationOr404(state, params.id!)) },
  }));

  router.add('PATCH', '/destinations/:id', ({ state, params, body }) => {
    const d = destinationOr404(state, params.id!);
    const input = bodyObject(body);
    rejectImmutable(input, ['sourceId', 'metadataId'], 'delete the destination and create it again');
    const name = optionalString(input, 'name');
    const enabled = optionalBoolean(input, 'enabled');
    const settings = optionalSettings(input);
    const fn = functionOfMetadataId(state, d.metadataId);
    if (fn && settings) checkSettingValues(fn.settings, settings);
    if (name !== undefined) d.name = name;
    if (enabled !== undefined) d.enabled = enabled;
    if (settings !== undefined) d.settings = mergeSettings(d.settings, settings);
    return { data: { destination: renderDestination(state, d) }, mutated: true };
  });

  // The destination's insert instance goes with it: an instance cannot outlive the integration it wraps.
  router.add('DELETE', '/destinations/:id', ({ state, params }) => {
    const d = destinationOr404(state, params.id!);
    state.destinations = state.destinations.filter((x) => x !== d);
    state.insertInstances = state.insertInstances.filter((i) => i.integrationId !== d.id);
    return { data: { status: 'SUCCESS' }, mutated: true };
  });
}
