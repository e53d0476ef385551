// Pure helpers that turn what the API returns into values that compare equal to fnsync.yaml when the
// workspace matches it. Each one handles a false-diff trap from the API notes (§14); docs/api-client.md
// lists them. No SDK types here, so plan/apply tests can use them directly.
import type { FunctionType, SettingType } from '../vocabulary.js';
import type {
  DeployState,
  RemoteFunctionSummary,
  MaskedValue,
  RemoteFunction,
  RemoteSettingDefinition,
  RemoteSettingValue,
} from './types.js';

/** The API's resourceType for each config function type. */
export const RESOURCE_TYPES: Record<FunctionType, string> = {
  source: 'SOURCE',
  destination: 'DESTINATION',
  'insert-destination': 'INSERT_DESTINATION',
  'insert-source': 'INSERT_SOURCE',
};

/** Config function type for an API resourceType; undefined for values this fnsync does not know. */
export function functionTypeOf(resourceType: unknown): FunctionType | undefined {
  const entry = Object.entries(RESOURCE_TYPES).find(([, rt]) => rt === resourceType);
  return entry ? (entry[0] as FunctionType) : undefined;
}

/** Function types whose display name the server suffixes with ` (Workspace Name)` (§14.1). */
export const SUFFIXED_TYPES: ReadonlySet<FunctionType> = new Set(['destination', 'insert-destination', 'insert-source']);

/** Removes the server-added ` (Workspace Name)` suffix so the name compares with config. */
export function stripWorkspaceSuffix(displayName: string, type: FunctionType, workspaceName: string): string {
  if (!SUFFIXED_TYPES.has(type) || !workspaceName) return displayName;
  const suffix = ` (${workspaceName})`;
  return displayName.endsWith(suffix) ? displayName.slice(0, -suffix.length) : displayName;
}

const API_SETTING_TYPES: Record<SettingType, string> = {
  string: 'STRING',
  boolean: 'BOOLEAN',
  array: 'ARRAY',
  'text-map': 'TEXT_MAP',
};

/** Config spelling of an API setting type (`TEXT_MAP` → `text-map`); unknown types lower-cased. */
export function settingTypeFromApi(type: string): SettingType {
  const entry = Object.entries(API_SETTING_TYPES).find(([, api]) => api === type);
  return (entry ? entry[0] : type.toLowerCase().replace(/_/g, '-')) as SettingType;
}

/** API spelling of a config setting type, for create/update bodies. */
export function settingTypeToApi(type: SettingType): string {
  return API_SETTING_TYPES[type] ?? type.toUpperCase().replace(/-/g, '_');
}

/** Settings sorted by name: the API may reorder them, and order carries no meaning (§14.2). */
export function sortSettings(settings: RemoteSettingDefinition[]): RemoteSettingDefinition[] {
  return [...settings].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** The API masks secrets as bullets plus the last characters; any `•` marks a masked value (§14.4). */
export function isMaskedString(value: string): boolean {
  return value.includes('•');
}

/** A masked secret as an explicit value, so plan can treat it as unknown rather than changed. */
export function toMasked(value: string): MaskedValue {
  return { masked: true, last4: value.replace(/•/g, '') };
}

/** Type guard for values produced by `toMasked`. */
export function isMaskedValue(value: unknown): value is MaskedValue {
  return typeof value === 'object' && value !== null && (value as MaskedValue).masked === true && 'last4' in value;
}

/** Converts an instance settings object from the API, marking masked secrets at any depth. */
export function normaliseSettingValues(settings: unknown): Record<string, RemoteSettingValue> {
  if (typeof settings !== 'object' || settings === null || Array.isArray(settings)) return {};
  const out: Record<string, RemoteSettingValue> = {};
  for (const [key, value] of Object.entries(settings)) out[key] = normaliseValue(value);
  return out;
}

function normaliseValue(value: unknown): RemoteSettingValue {
  if (typeof value === 'string') return isMaskedString(value) ? toMasked(value) : value;
  if (Array.isArray(value)) return value.map(normaliseValue);
  if (typeof value === 'object' && value !== null) return normaliseSettingValues(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return value;
  return null;
}

/**
 * Keeps only the setting keys fnsync manages: the API adds generated and default keys to instance
 * settings (§14.3), which would otherwise show as a diff on every plan.
 */
export function pickManagedSettings<T>(remote: Record<string, T>, managedKeys: Iterable<string>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const key of managedKeys) {
    if (Object.prototype.hasOwnProperty.call(remote, key)) out[key] = remote[key] as T;
  }
  return out;
}

const INSERT_PREFIX = /^(ifnd_|ifns_)/;

/** The insert function id as instance calls and `classId` use it: without `ifnd_`/`ifns_` (§14.7). */
export function stripInsertPrefix(functionId: string): string {
  return functionId.replace(INSERT_PREFIX, '');
}

/** The id without any function prefix (`sfnc_`, `dfn_`, `ifnd_`, `ifns_`, `sfn_`). */
export function stripFunctionPrefix(functionId: string): string {
  return functionId.replace(/^(sfnc_|sfn_|dfn_|ifnd_|ifns_)/, '');
}

/**
 * Code as compared: CRLF/CR line endings become LF (§14.6). The API is not known to rewrite code,
 * so we never change what is stored or sent; only comparisons go through this.
 */
export function normaliseCode(code: string): string {
  return code.replace(/\r\n?/g, '\n');
}

/** True when two code texts differ only in line endings. */
export function codeEquals(a: string, b: string): boolean {
  return normaliseCode(a) === normaliseCode(b);
}

/** Whether what runs is what is saved; source functions stay `outdated` until deployed (§14.11). */
export function deployStateOf(fn: Pick<RemoteFunction, 'deployedAt' | 'isLatestVersion'>): DeployState {
  if (!fn.deployedAt) return 'never-deployed';
  return fn.isLatestVersion ? 'latest' : 'outdated';
}

/** The metadata ids an instance of `fn` may carry: catalogId, id, or id without prefix (§11.2). */
export function instanceMetadataIds(fn: Pick<RemoteFunctionSummary, 'id' | 'catalogId'>): Set<string> {
  return new Set([fn.catalogId, fn.id, stripFunctionPrefix(fn.id)].filter((v) => v !== ''));
}
