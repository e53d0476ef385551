// A small built-in catalog (the ordinary integrations the default seed uses) plus one entry per function,
// so `metadataId` on sources/destinations resolves the way the real catalog does.
import { insertClassId } from './ids.js';
import type { EmulatorState, FunctionSettingDef, StoredFunction } from './types.js';

/** An option of a catalog integration (IntegrationOptionBeta) plus whether its values are secret. */
export interface CatalogOption {
  name: string;
  type: string;
  required: boolean;
  description?: string;
  defaultValue?: unknown;
  label?: string;
  sensitive?: boolean;
}

/** A catalog entry as the emulator needs it; rendered into Source/DestinationMetadataV1. */
export interface CatalogEntry {
  id: string;
  kind: 'source' | 'destination';
  name: string;
  slug: string;
  description: string;
  logo: string;
  categories: string[];
  options: CatalogOption[];
  /** Set when the entry is a function's catalog entry. */
  functionId?: string;
}

/** The ordinary integrations known to the emulator (ids are opaque, shaped like real metadata ids). */
export const BUILTIN_CATALOG: CatalogEntry[] = [
  {
    id: 'IqDTy1TpoU', kind: 'source', name: 'Javascript', slug: 'javascript', description: 'Analytics.js for websites.',
    logo: 'https://cdn.filepicker.io/api/file/aRgo4XJQZausZxD4gZQq', categories: ['Website'], options: [],
  },
  {
    id: '9TUUa8k8Xa', kind: 'source', name: 'iOS', slug: 'ios', description: 'The Segment iOS library.',
    logo: 'https://cdn.filepicker.io/api/file/H6VrFRH2SjOpM6OygBJB', categories: ['Mobile'], options: [],
  },
  {
    id: 'xRxMNGtjzE', kind: 'source', name: 'HTTP API', slug: 'http-api', description: 'Send data over HTTP.',
    logo: 'https://cdn.filepicker.io/api/file/W5ZbTvDaQnuTNnxkQOPb', categories: ['Server'], options: [],
  },
  {
    id: '54521fd525e721e32a72ee91', kind: 'destination', name: 'Amplitude', slug: 'amplitude',
    description: 'Product analytics.', logo: 'https://cdn.filepicker.io/api/file/Nmj7LgOQR62rdAmlbnLO',
    categories: ['Analytics'],
    options: [
      { name: 'apiKey', type: 'string', required: true, label: 'API Key', description: 'Your Amplitude API key.' },
      { name: 'secretKey', type: 'string', required: false, label: 'Secret Key', sensitive: true },
      { name: 'trackAllPages', type: 'boolean', required: false, label: 'Track All Pages', defaultValue: false },
      { name: 'useLogRevenueV2', type: 'boolean', required: false, label: 'Use Log Revenue V2', defaultValue: true },
    ],
  },
  {
    id: '54521fd925e721e32a72eee1', kind: 'destination', name: 'Webhooks', slug: 'webhooks',
    description: 'Send events to any URL.', logo: 'https://cdn.filepicker.io/api/file/Nv1npMDQSQawhL4a2zja',
    categories: ['Raw Data'],
    options: [
      { name: 'hooks', type: 'array', required: false, label: 'Webhooks', defaultValue: [] },
      { name: 'sharedSecret', type: 'string', required: false, label: 'Shared Secret', sensitive: true },
    ],
  },
];

/** Default logo of a function without one (the URL users pin in TF issues #199/#220). */
export const DEFAULT_FUNCTION_LOGO = 'https://cdn.filepicker.io/api/file/RmPmpcBTQZKaFeGQrdG5';

function optionsFromSettings(settings: FunctionSettingDef[]): CatalogOption[] {
  return settings.map((s) => ({
    name: s.name, type: s.type.toLowerCase(), required: s.required, description: s.description, label: s.label,
    sensitive: s.sensitive,
  }));
}

/** The catalog entry a function appears under (SOURCE → sources, others → destinations). */
export function functionCatalogEntry(fn: StoredFunction): CatalogEntry {
  return {
    id: fn.catalogId,
    kind: fn.resourceType === 'SOURCE' ? 'source' : 'destination',
    name: fn.displayName,
    slug: fn.displayName.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, ''),
    description: fn.description,
    logo: fn.logoUrl,
    categories: [],
    options: optionsFromSettings(fn.settings),
    functionId: fn.id,
  };
}

/** Every catalog entry of one kind: built-ins then the workspace's functions (insert functions are not instances of a catalog). */
export function catalogEntries(state: EmulatorState, kind: 'source' | 'destination'): CatalogEntry[] {
  const fns = state.functions
    .filter((f) => (kind === 'source' ? f.resourceType === 'SOURCE' : f.resourceType === 'DESTINATION'))
    .map(functionCatalogEntry);
  return [...BUILTIN_CATALOG.filter((e) => e.kind === kind), ...fns];
}

/** Finds a catalog entry by id (and, for seeds, by slug). */
export function findCatalogEntry(state: EmulatorState, kind: 'source' | 'destination', id: string, bySlug = false): CatalogEntry | undefined {
  return catalogEntries(state, kind).find((e) => e.id === id || (bySlug && e.slug === id));
}

/** The function behind a source's or destination's `metadataId` (its catalogId), if it is function-backed. */
export function functionOfMetadataId(state: EmulatorState, metadataId: string): StoredFunction | undefined {
  return state.functions.find((f) => f.catalogId === metadataId);
}

/** The insert function behind an insert instance's `classId` (the prefix-less function id). */
export function functionOfClassId(state: EmulatorState, classId: string): StoredFunction | undefined {
  return state.functions.find((f) => insertClassId(f) === classId);
}

const secretNames = (fn: StoredFunction) => new Set(fn.settings.filter((s) => s.sensitive).map((s) => s.name));

/** The names of secret settings of whatever a source's or destination's `metadataId` points at. */
export function sensitiveKeys(state: EmulatorState, metadataId: string): Set<string> {
  const fn = functionOfMetadataId(state, metadataId);
  if (fn) return secretNames(fn);
  const entry = BUILTIN_CATALOG.find((e) => e.id === metadataId);
  return new Set((entry?.options ?? []).filter((o) => o.sensitive).map((o) => o.name));
}

/** The names of secret settings of an insert instance's function. */
export function insertSensitiveKeys(state: EmulatorState, classId: string): Set<string> {
  const fn = functionOfClassId(state, classId);
  return fn ? secretNames(fn) : new Set();
}

/** Renders Source/DestinationMetadataV1 for an entry. */
export function renderMetadata(entry: CatalogEntry): Record<string, unknown> {
  const options = entry.options.map(({ sensitive: _s, ...o }) => o);
  const common = {
    id: entry.id, name: entry.name, slug: entry.slug, description: entry.description,
    logos: { default: entry.logo }, options, categories: entry.categories,
  };
  if (entry.kind === 'source') return { ...common, isCloudEventSource: Boolean(entry.functionId) };
  return {
    ...common, status: 'PUBLIC', previousNames: [entry.name], website: '', components: [],
    supportedFeatures: {}, supportedMethods: { track: true, identify: true, page: true, group: true, alias: true },
    supportedPlatforms: { server: true, browser: true, mobile: true }, actions: [], presets: [],
  };
}
