// Sources, destinations and insert-function instances: creation rules and wire shapes. Shared by the
// routes and the seed loader. Sensitive values are stored in full and masked only when rendered.
import { findCatalogEntry, insertSensitiveKeys, renderMetadata, sensitiveKeys, type CatalogEntry } from './catalog.js';
import { badRequest, invalid, notFound } from './http-errors.js';
import { base62, hex24, insertClassId, nowIso } from './ids.js';
import { checkSettingValues, withDeclaredDefaults } from './instance-settings.js';
import { maskSettings } from './masking.js';
import type { EmulatorState, SettingsObject, StoredDestination, StoredFunction, StoredInsertInstance, StoredSource } from './types.js';
import { optionalBoolean, optionalSettings, optionalString, requireString } from './validate.js';

/**
 * A new instance's settings: a function's declared types checked, then the defaults the caller did not set
 * added, the "server-added keys" of real integrations (doc §14.3): catalog option defaults, or a function's declared settings.
 */
function initialSettings(state: EmulatorState, entry: CatalogEntry, settings: SettingsObject): SettingsObject {
  const fn = entry.functionId ? state.functions.find((f) => f.id === entry.functionId) : undefined;
  if (fn) {
    checkSettingValues(fn.settings, settings);
    return withDeclaredDefaults(fn.settings, settings);
  }
  const out: SettingsObject = { ...settings };
  for (const o of entry.options) if (o.defaultValue !== undefined && !(o.name in out)) out[o.name] = o.defaultValue;
  return out;
}

function catalogOr422(state: EmulatorState, kind: 'source' | 'destination', metadataId: string): CatalogEntry {
  const entry = findCatalogEntry(state, kind, metadataId);
  if (!entry) throw invalid('metadataId', `No ${kind} catalog entry with id '${metadataId}'.`);
  return entry;
}

/**
 * Validates a CreateSourceV1Input and adds the source. v1 has no `name` (set it with updateSource) and
 * requires `enabled` (doc §6.1), so both mistakes answer 422 instead of passing here and failing live.
 */
export function createSourceRecord(state: EmulatorState, body: Record<string, unknown>, fixedId?: string): StoredSource {
  if ('name' in body) throw invalid('name', '"name" is not allowed; set the name with updateSource');
  const enabled = optionalBoolean(body, 'enabled');
  if (enabled === undefined) throw invalid('enabled', '"enabled" is required');
  const slug = requireString(body, 'slug');
  if (!/^[a-z0-9][a-z0-9_-]*$/.test(slug)) throw invalid('slug', '"slug" may contain only lower-case letters, digits, "-" and "_"');
  if (state.sources.some((s) => s.slug === slug)) throw invalid('slug', `slug '${slug}' already exists`);
  const entry = catalogOr422(state, 'source', requireString(body, 'metadataId'));
  const source: StoredSource = {
    id: fixedId ?? base62(22),
    slug,
    name: slug,
    enabled,
    metadataId: entry.id,
    settings: initialSettings(state, entry, optionalSettings(body) ?? {}),
    writeKeys: [base62(32)],
    createdAt: nowIso(),
  };
  state.sources.push(source);
  return source;
}

/** Validates a CreateDestinationV1Input and adds the destination. */
export function createDestinationRecord(state: EmulatorState, body: Record<string, unknown>, fixedId?: string): StoredDestination {
  const sourceId = requireString(body, 'sourceId');
  if (!state.sources.some((s) => s.id === sourceId)) throw notFound(`Source with id '${sourceId}' not found.`);
  const entry = catalogOr422(state, 'destination', requireString(body, 'metadataId'));
  const settings = optionalSettings(body);
  if (settings === undefined) throw invalid('settings', '"settings" is required');
  const destination: StoredDestination = {
    id: fixedId ?? hex24(),
    name: optionalString(body, 'name') ?? entry.name,
    enabled: optionalBoolean(body, 'enabled') ?? false,
    metadataId: entry.id,
    sourceId,
    settings: initialSettings(state, entry, settings),
    createdAt: nowIso(),
  };
  state.destinations.push(destination);
  return destination;
}

/** Resolves an insert function from a prefix-less id, answering wrong forms like the real API (doc §5). */
export function resolveInsertFunction(state: EmulatorState, functionId: string): StoredFunction {
  if (/^(ifnd_|ifns_)/.test(functionId)) {
    throw notFound(`Insert function '${functionId}' not found. Remove the ifnd_/ifns_ prefix from the id.`);
  }
  if (/^(dfn_|sfnc_)/.test(functionId)) throw badRequest(`Insert function ${functionId} not found.`);
  const fn = state.functions.find((f) => insertClassId(f) === functionId);
  if (fn && (fn.resourceType === 'INSERT_DESTINATION' || fn.resourceType === 'INSERT_SOURCE')) return fn;
  if (fn) throw badRequest(`Insert function ${fn.id} not found.`);
  throw notFound(`Insert function '${functionId}' not found.`);
}

/** Validates a CreateInsertFunctionInstanceAlphaInput and adds the instance (one per integration). */
export function createInsertRecord(state: EmulatorState, body: Record<string, unknown>, fixedId?: string): StoredInsertInstance {
  const fn = resolveInsertFunction(state, requireString(body, 'functionId'));
  const integrationId = requireString(body, 'integrationId');
  const name = requireString(body, 'name');
  const settings = optionalSettings(body);
  if (settings === undefined) throw invalid('settings', '"settings" is required');
  checkSettingValues(fn.settings, settings);
  const onSource = fn.resourceType === 'INSERT_SOURCE';
  const exists = onSource
    ? state.sources.some((s) => s.id === integrationId)
    : state.destinations.some((d) => d.id === integrationId);
  if (!exists) throw notFound(`${onSource ? 'Source' : 'Destination'} with id '${integrationId}' not found.`);
  if (state.insertInstances.some((i) => i.integrationId === integrationId)) {
    throw invalid('integrationId', `${onSource ? 'Source' : 'Destination'} '${integrationId}' already has an insert function instance.`);
  }
  const now = nowIso();
  const instance: StoredInsertInstance = {
    id: fixedId ?? hex24(),
    classId: insertClassId(fn),
    integrationId,
    name,
    enabled: optionalBoolean(body, 'enabled') ?? false,
    settings: withDeclaredDefaults(fn.settings, settings),
    createdAt: now,
    updatedAt: now,
  };
  state.insertInstances.push(instance);
  return instance;
}

function metadataFor(state: EmulatorState, kind: 'source' | 'destination', id: string): Record<string, unknown> {
  const entry = findCatalogEntry(state, kind, id);
  return entry ? renderMetadata(entry) : { id, name: 'Unknown', slug: 'unknown', description: '', logos: { default: '' }, options: [], categories: [] };
}

/** SourceV1 on the wire. */
export function renderSource(state: EmulatorState, s: StoredSource): Record<string, unknown> {
  return {
    id: s.id, slug: s.slug, name: s.name, workspaceId: state.workspace.id, enabled: s.enabled,
    writeKeys: [...s.writeKeys], metadata: metadataFor(state, 'source', s.metadataId),
    settings: maskSettings(s.settings, sensitiveKeys(state, s.metadataId)), labels: [],
  };
}

/** DestinationV1 on the wire. */
export function renderDestination(state: EmulatorState, d: StoredDestination): Record<string, unknown> {
  return {
    id: d.id, name: d.name, enabled: d.enabled, sourceId: d.sourceId,
    metadata: metadataFor(state, 'destination', d.metadataId),
    settings: maskSettings(d.settings, sensitiveKeys(state, d.metadataId)),
  };
}

/** InsertFunctionInstanceAlpha: masked `settings`, and the sensitive subset (masked too) in `encryptedSettings`. */
export function renderInsert(state: EmulatorState, i: StoredInsertInstance): Record<string, unknown> {
  const sensitive = insertSensitiveKeys(state, i.classId);
  const masked = maskSettings(i.settings, sensitive);
  const encrypted = Object.fromEntries(Object.entries(masked).filter(([k]) => sensitive.has(k)));
  return {
    id: i.id, name: i.name, integrationId: i.integrationId, classId: i.classId, enabled: i.enabled,
    createdAt: i.createdAt, updatedAt: i.updatedAt, settings: masked, encryptedSettings: encrypted,
  };
}
