// The emulator's persisted state and seed shapes. Kept apart from the wire format so the state file
// stays stable while responses are derived (masked, suffixed, paginated) on every read.

/** Function resource types the emulator accepts (INSERT_SOURCE too, as the real API does). */
export type ResourceType = 'SOURCE' | 'DESTINATION' | 'INSERT_DESTINATION' | 'INSERT_SOURCE';

/** A function setting definition, exactly as the API's FunctionSettingV1. */
export interface FunctionSettingDef {
  name: string;
  label: string;
  description: string;
  type: 'ARRAY' | 'BOOLEAN' | 'STRING' | 'TEXT_MAP';
  required: boolean;
  sensitive: boolean;
}

/** One saved version of a function's code. */
export interface StoredVersion {
  id: string;
  code: string;
  author: string;
  createdAt: string;
  updatedAt: string;
}

/** A function class as stored; `code` is always the latest version's code. */
export interface StoredFunction {
  id: string;
  catalogId: string;
  resourceType: ResourceType;
  displayName: string;
  description: string;
  logoUrl: string;
  code: string;
  settings: FunctionSettingDef[];
  createdAt: string;
  createdBy: string;
  versions: StoredVersion[];
  /** The version running in instances; null until the first deploy. */
  deployedVersionId: string | null;
  deployedAt: string | null;
}

/** Settings of an instance; values are stored in full, masked only in responses. */
export type SettingsObject = Record<string, unknown>;

/** A source (catalog or function-backed). */
export interface StoredSource {
  id: string;
  slug: string;
  name: string;
  enabled: boolean;
  metadataId: string;
  settings: SettingsObject;
  writeKeys: string[];
  createdAt: string;
}

/** A destination (catalog or function-backed) connected to one source. */
export interface StoredDestination {
  id: string;
  name: string;
  enabled: boolean;
  metadataId: string;
  sourceId: string;
  settings: SettingsObject;
  createdAt: string;
}

/** An insert function attached to one destination (or source for INSERT_SOURCE). */
export interface StoredInsertInstance {
  id: string;
  /** The insert function's id without its `ifnd_`/`ifns_` prefix. */
  classId: string;
  integrationId: string;
  name: string;
  enabled: boolean;
  settings: SettingsObject;
  createdAt: string;
  updatedAt: string;
}

/** The workspace a token belongs to; its name is the display-name suffix. */
export interface WorkspaceInfo {
  id: string;
  slug: string;
  name: string;
}

/** Ceilings Segment sets per workspace and raises on request. */
export interface WorkspaceLimits {
  /** Functions of all types together; default 25. */
  maxFunctions?: number;
}

/** Everything the emulator persists to its state file. */
export interface EmulatorState {
  version: 1;
  workspace: WorkspaceInfo;
  /** Absent in state files written before limits existed: the defaults apply. */
  limits?: WorkspaceLimits;
  functions: StoredFunction[];
  sources: StoredSource[];
  destinations: StoredDestination[];
  insertInstances: StoredInsertInstance[];
}

/** A seed: what a fresh workspace contains. References may use ids, slugs or names (resolved at load). */
export interface EmulatorSeed {
  workspace?: Partial<WorkspaceInfo>;
  /** E.g. `{ maxFunctions: 200 }` for a workspace whose limit Segment raised. */
  limits?: WorkspaceLimits;
  functions?: Array<{
    id?: string;
    /** Default: a fresh id unrelated to `id`, as the API assigns. */
    catalogId?: string;
    resourceType: ResourceType;
    displayName: string;
    code: string;
    description?: string;
    logoUrl?: string;
    settings?: FunctionSettingDef[];
    /** Default true: the seeded code is the deployed version. */
    deployed?: boolean;
  }>;
  sources?: Array<{
    id?: string;
    slug: string;
    name?: string;
    enabled?: boolean;
    /** A catalog source id or slug (e.g. `javascript`), or a seeded function's id/display name. */
    metadataId: string;
    settings?: SettingsObject;
  }>;
  destinations?: Array<{
    id?: string;
    name: string;
    enabled?: boolean;
    /** A seeded source's id or slug. */
    sourceId: string;
    /** A catalog destination id or slug (e.g. `amplitude`), or a seeded function's id/display name. */
    metadataId: string;
    settings?: SettingsObject;
  }>;
  insertInstances?: Array<{
    id?: string;
    /** A seeded insert function's id (with or without prefix) or display name. */
    functionId: string;
    /** A seeded destination's id or name, or a source's id or slug. */
    integrationId: string;
    name: string;
    enabled?: boolean;
    settings?: SettingsObject;
  }>;
}
