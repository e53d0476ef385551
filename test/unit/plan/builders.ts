// Small builders for the plan builder's tests: a normalised config as normaliseConfig produces it
// (defaults filled, values as templates), and a workspace snapshot as the API client returns it
// (display names suffix-stripped, setting definitions sorted by name, secrets masked, keys the server
// adds to instance settings, catalog ids that are not derived from function ids).
import type { Config, FunctionDefinition, FunctionInstance, FunctionType, InstanceTarget, SettingValue } from '../../../src/config/types.js';
import { toConfigValue } from '../../../src/config/normalise-config.js';
import { SUFFIXED_TYPES, sortSettings, stripInsertPrefix } from '../../../src/api/normalise.js';
import type { MaskedValue, RemoteDestination, RemoteFunction, RemoteInsertInstance, RemoteSettingValue, RemoteSource, WorkspaceSnapshot } from '../../../src/api/types.js';
import { withMarker, type MarkerData } from '../../../src/plan/marker.js';
import type { SettingDefinition } from '../../../src/vocabulary.js';

// ---------- config ----------

/** A setting definition with the normaliser's defaults (label = name, string, optional, plain). */
export function setting(name: string, over: Partial<SettingDefinition> = {}): SettingDefinition {
  return { name, label: name, type: 'string', description: '', required: false, sensitive: false, ...over };
}

/** A sensitive string setting. */
export const secretSetting = (name: string) => setting(name, { sensitive: true });

/** An instance as written: `source:`/`destination:` become the target the function type implies. */
export interface InstanceSpec {
  name: string;
  enabled?: boolean;
  source?: string;
  destination?: string;
  settings?: Record<string, SettingValue>;
  renamedFrom?: string;
  protected?: boolean;
}

/** A function as written, every field optional but the type. */
export interface FunctionSpec {
  displayName?: string;
  description?: string;
  logoUrl?: string;
  code?: string;
  settings?: SettingDefinition[];
  instances?: InstanceSpec[];
  adopt?: string;
  renamedFrom?: string;
  protected?: boolean;
}

/** Handler text that differs per function, so two functions never share code by accident. */
export function handlerFor(name: string, type: FunctionType): string {
  const handler = type === 'source' ? 'onRequest(request, settings)' : 'onTrack(event, settings)';
  return `// ${name}\nasync function ${handler} {\n  console.log('${name}')\n}\n`;
}

function targetFor(type: FunctionType, inst: InstanceSpec): InstanceTarget {
  const need = (v: string | undefined, key: string) => {
    if (v === undefined) throw new Error(`builder: instance ${inst.name} of a ${type} function needs ${key}:`);
    return v;
  };
  switch (type) {
    case 'source':
      return { kind: 'source-function' };
    case 'destination':
      return { kind: 'destination-function', source: need(inst.source, 'source') };
    case 'insert-destination':
      return { kind: 'insert-destination', destination: need(inst.destination, 'destination') };
    case 'insert-source':
      return { kind: 'insert-source', source: need(inst.source, 'source') };
  }
}

/** A normalised function definition, as normaliseConfig would return it for `spec`. */
export function fnDef(name: string, type: FunctionType, spec: FunctionSpec = {}): FunctionDefinition {
  const settings = spec.settings ?? [];
  const typeOf = (key: string) => settings.find((s) => s.name === key)?.type ?? 'string';
  const position = { file: 'fnsync.yaml', line: 1, col: 1 };
  const instances = (spec.instances ?? []).map((inst): FunctionInstance => ({
    name: inst.name,
    enabled: inst.enabled ?? true,
    target: targetFor(type, inst),
    settings: Object.fromEntries(Object.entries(inst.settings ?? {}).map(([k, v]) => [k, toConfigValue(v, typeOf(k))])),
    renamedFrom: inst.renamedFrom,
    protected: inst.protected ?? false,
    position,
  }));
  return {
    name,
    type,
    displayName: spec.displayName ?? name,
    description: spec.description ?? '',
    logoUrl: spec.logoUrl,
    codePath: `/repo/functions/${name}/handler.js`,
    code: spec.code ?? handlerFor(name, type),
    timeoutMs: 5000,
    testsPattern: `/repo/functions/${name}/tests/*.yaml`,
    settings,
    instances,
    adopt: spec.adopt,
    renamedFrom: spec.renamedFrom,
    protected: spec.protected ?? false,
    position,
  };
}

/** A normalised config holding these functions. */
export function config(...functions: FunctionDefinition[]): Config {
  return { version: 1, file: '/repo/fnsync.yaml', rootDir: '/repo', workspace: undefined, region: undefined, functions, envReferences: [] };
}

// ---------- workspace ----------

/** A secret as the client returns it: masked, only the last four characters known. */
export const masked = (last4: string): MaskedValue => ({ masked: true, last4 });

/** Keys the server adds to every instance's settings (§14.3); no config declares them. */
export const SERVER_KEYS: Record<string, RemoteSettingValue> = { generatedTrackingPlan: 'tp_default', retries: 3 };

const PREFIX: Record<FunctionType, string> = { source: 'sfnc_', destination: 'dfn_', 'insert-destination': 'ifnd_', 'insert-source': 'ifns_' };

/** A workspace function; `marker: null` deploys it without fnsync's marker (someone made it in the app). */
export interface RemoteFunctionSpec {
  type: FunctionType;
  displayName: string;
  /** The handler without marker; `marker` decides what is appended. */
  code?: string;
  marker?: Partial<MarkerData> & { name: string } | null;
  description?: string;
  logoUrl?: string;
  settings?: SettingDefinition[];
  deployedAt?: string | null;
  isLatestVersion?: boolean;
}

/** A mutable workspace; `snapshot()` hands out a deep copy, so one builder can give before/after. */
export class WorkspaceBuilder {
  readonly functions: RemoteFunction[] = [];
  readonly sources: RemoteSource[] = [];
  readonly destinations: RemoteDestination[] = [];
  readonly insertInstances: RemoteInsertInstance[] = [];
  private n = 0;

  constructor(readonly name: string) {}

  private next(): string {
    return String(++this.n).padStart(4, '0');
  }

  fn(spec: RemoteFunctionSpec): RemoteFunction {
    const n = this.next();
    const code = spec.code ?? handlerFor(spec.displayName, spec.type);
    const marker = spec.marker === null || spec.marker === undefined ? undefined : { protected: false, protectedInstances: [], config: 'fnsync.yaml', ...spec.marker };
    const f: RemoteFunction = {
      id: `${PREFIX[spec.type]}${n}`,
      type: spec.type,
      displayName: spec.displayName,
      rawDisplayName: SUFFIXED_TYPES.has(spec.type) ? `${spec.displayName} (${this.name})` : spec.displayName,
      description: spec.description ?? '',
      logoUrl: spec.logoUrl ?? '',
      // Not derivable from the id: a plan that uses the id where the catalog id belongs finds nothing.
      catalogId: `cat${n}`,
      createdAt: '2024-01-02T03:04:05.678Z',
      code: marker ? withMarker(code, marker) : code,
      settings: sortSettings(spec.settings ?? []),
      deployedAt: spec.deployedAt === undefined ? '2024-01-02T03:04:06.000Z' : spec.deployedAt,
      isLatestVersion: spec.isLatestVersion ?? true,
    };
    this.functions.push(f);
    return f;
  }

  /** The workspace counterpart of a config function, deployed by fnsync and unchanged since. */
  managed(def: FunctionDefinition, over: Partial<RemoteFunctionSpec> = {}): RemoteFunction {
    return this.fn({
      type: def.type,
      displayName: def.displayName,
      description: def.description,
      code: def.code,
      // The API's order is not the config's (§14.2): hand them over reversed.
      settings: [...def.settings].reverse(),
      marker: { name: def.name, protected: def.protected, protectedInstances: def.instances.filter((i) => i.protected).map((i) => i.name), commit: 'c0ffee1' },
      ...over,
    });
  }

  /** A source: a source function's instance (`fn`) or a catalog source. */
  source(slug: string, opts: { fn?: RemoteFunction; enabled?: boolean; settings?: Record<string, RemoteSettingValue>; metadataName?: string } = {}): RemoteSource {
    const s: RemoteSource = {
      id: `src${this.next()}`,
      slug,
      name: slug,
      enabled: opts.enabled ?? true,
      metadataId: opts.fn ? opts.fn.catalogId : 'catalog-javascript',
      metadataName: opts.metadataName ?? (opts.fn ? opts.fn.displayName : 'Javascript'),
      settings: { ...SERVER_KEYS, ...opts.settings },
    };
    this.sources.push(s);
    return s;
  }

  /** A destination on a source: a destination function's instance (`fn`) or a catalog destination. */
  destination(name: string, source: RemoteSource, opts: { fn?: RemoteFunction; enabled?: boolean; settings?: Record<string, RemoteSettingValue>; metadataName?: string } = {}): RemoteDestination {
    const d: RemoteDestination = {
      id: `dst${this.next()}`,
      name,
      enabled: opts.enabled ?? true,
      sourceId: source.id,
      metadataId: opts.fn ? opts.fn.catalogId : 'catalog-webhooks',
      metadataName: opts.metadataName ?? (opts.fn ? opts.fn.displayName : 'Webhooks'),
      settings: { ...SERVER_KEYS, ...opts.settings },
    };
    this.destinations.push(d);
    return d;
  }

  /** An insert function's instance on a source or destination (linked by the prefix-less id, §11.1). */
  insert(name: string, fn: RemoteFunction, on: RemoteSource | RemoteDestination, opts: { enabled?: boolean; settings?: Record<string, RemoteSettingValue> } = {}): RemoteInsertInstance {
    const i: RemoteInsertInstance = {
      id: `ins${this.next()}`,
      name,
      functionId: stripInsertPrefix(fn.id),
      integrationId: on.id,
      enabled: opts.enabled ?? true,
      settings: { ...SERVER_KEYS, ...opts.settings },
      encryptedSettings: {},
      createdAt: undefined,
      updatedAt: undefined,
    };
    this.insertInstances.push(i);
    return i;
  }

  snapshot(): WorkspaceSnapshot {
    return structuredClone({
      workspace: { id: 'ws_1', slug: 'acme-prod', name: this.name },
      functions: this.functions,
      sources: this.sources,
      destinations: this.destinations,
      insertInstances: this.insertInstances,
    });
  }
}

/** An empty workspace named `name` (the suffix the server appends to display names). */
export const workspace = (name = 'Acme Prod') => new WorkspaceBuilder(name);
