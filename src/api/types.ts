// fnsync's own view of a Segment workspace. plan/apply compare fnsync.yaml against these types and call
// SegmentApi; the SDK's classes never leave src/api/. Every value here is already normalised so that
// two equal workspaces compare equal (see docs/api-client.md for each false-diff trap handled).
import type { FunctionType, SettingDefinition } from '../vocabulary.js';

/** The workspace a token (or the local emulator) belongs to; `name` is the display-name suffix source. */
export interface Workspace {
  id: string;
  slug: string;
  name: string;
}

/** A secret the API returned masked (`••••••••••abcd`): its value is unknown, not different. */
export interface MaskedValue {
  masked: true;
  /** The visible tail (usually 4 characters); useful only to tell secrets apart in output. */
  last4: string;
}

/** An instance setting value as read back: JSON, with masked secrets made explicit. */
export type RemoteSettingValue =
  | string
  | number
  | boolean
  | null
  | MaskedValue
  | RemoteSettingValue[]
  | { [key: string]: RemoteSettingValue };

/** A function's setting definition, in config spelling (`type: 'text-map'`, not `TEXT_MAP`): the shared shape. */
export type RemoteSettingDefinition = SettingDefinition;

/** A function as listed (no code or settings: the list endpoint does not return them). */
export interface RemoteFunctionSummary {
  id: string;
  type: FunctionType;
  /** Display name with the server-added ` (Workspace Name)` suffix removed; compare this with config. */
  displayName: string;
  /** Display name exactly as the API returned it. */
  rawDisplayName: string;
  description: string;
  logoUrl: string;
  /** The id instances reference as their metadata id (distinct from `id`). */
  catalogId: string;
  createdAt: string | undefined;
}

/** A function with its code, settings and deployment state (one `GET /functions/{id}`). */
export interface RemoteFunction extends RemoteFunctionSummary {
  /** Code byte for byte as stored; compare with `codeEquals` (CRLF-insensitive). */
  code: string;
  /** Sorted by name, so order never shows up as a diff. */
  settings: RemoteSettingDefinition[];
  deployedAt: string | null;
  /** False when saved code is newer than what runs (source functions until deployed). */
  isLatestVersion: boolean;
}

/** Whether a function's running code matches its saved code, for plan and `fnsync workspace`. */
export type DeployState = 'never-deployed' | 'outdated' | 'latest';

/** What fnsync sends to create a function; `displayName` without any workspace suffix. */
export interface FunctionInput {
  type: FunctionType;
  displayName: string;
  description?: string;
  logoUrl?: string;
  code: string;
  settings: RemoteSettingDefinition[];
}

/** A partial function update; omitted fields stay unchanged. `settings: []` is sent and clears them. */
export interface FunctionUpdate {
  displayName?: string;
  description?: string;
  logoUrl?: string;
  code?: string;
  settings?: RemoteSettingDefinition[];
}

/** One saved version of a function's code. */
export interface RemoteFunctionVersion {
  id: string;
  author: string | undefined;
  code: string;
  isDeployed: boolean;
  createdAt: string | undefined;
  updatedAt: string | undefined;
  deployedAt: string | undefined;
}

/** A source; a source-function instance is a source whose `metadataId` is the function's catalog id. */
export interface RemoteSource {
  id: string;
  slug: string;
  name: string;
  enabled: boolean;
  metadataId: string;
  /** Catalog name of what the source is (e.g. `Javascript`), for display. */
  metadataName: string;
  settings: Record<string, RemoteSettingValue>;
}

/** Creating a source (v1 takes no name; set it with an update). */
export interface SourceInput {
  slug: string;
  metadataId: string;
  enabled: boolean;
  settings?: Record<string, unknown>;
}

/** Updating a source; settings merge per key on the server and a `null` value removes a key. */
export interface SourceUpdate {
  name?: string;
  enabled?: boolean;
  slug?: string;
  settings?: Record<string, unknown>;
}

/** A destination; a destination-function instance has `metadataId` = the function's catalog id. */
export interface RemoteDestination {
  id: string;
  name: string;
  enabled: boolean;
  sourceId: string;
  metadataId: string;
  metadataName: string;
  settings: Record<string, RemoteSettingValue>;
}

/** Creating a destination on a source. */
export interface DestinationInput {
  sourceId: string;
  metadataId: string;
  name?: string;
  enabled?: boolean;
  settings: Record<string, unknown>;
}

/** Updating a destination (source and metadata are immutable: replace to change them). */
export interface DestinationUpdate {
  name?: string | null;
  enabled?: boolean;
  settings?: Record<string, unknown>;
}

/** An insert function attached to one source or destination. */
export interface RemoteInsertInstance {
  id: string;
  name: string;
  /** The insert function's id WITHOUT its `ifnd_`/`ifns_` prefix (the API's `classId`). */
  functionId: string;
  /** The source or destination id it is attached to. */
  integrationId: string;
  enabled: boolean;
  settings: Record<string, RemoteSettingValue>;
  encryptedSettings: Record<string, RemoteSettingValue>;
  createdAt: string | undefined;
  updatedAt: string | undefined;
}

/** Creating an insert instance; `functionId` may carry its prefix, the client strips it. */
export interface InsertInstanceInput {
  functionId: string;
  integrationId: string;
  name: string;
  enabled?: boolean;
  settings: Record<string, unknown>;
}

/** Updating an insert instance (function and integration are immutable). */
export interface InsertInstanceUpdate {
  name?: string;
  enabled?: boolean;
  settings: Record<string, unknown>;
}

/** Everything connected to one function, found the way §11 of the API notes describes. */
export interface FunctionInstances {
  sources: RemoteSource[];
  destinations: RemoteDestination[];
  insertInstances: RemoteInsertInstance[];
}

/** Optional names for error messages ("updating function Slack Alerts (dfn_1)"). */
export interface ResourceHint {
  name?: string;
}

/** Everything plan compares against, read once: lists joined locally. */
export interface WorkspaceSnapshot {
  workspace: Workspace;
  /** Every function of every type, with code and settings. */
  functions: RemoteFunction[];
  sources: RemoteSource[];
  destinations: RemoteDestination[];
  /** The instances of every insert function. */
  insertInstances: RemoteInsertInstance[];
}

/** Progress of a snapshot read: per-function reads done out of the total, for a live progress line. */
export interface SnapshotProgress {
  done: number;
  total: number;
}

/** Options of a snapshot read. */
export interface SnapshotOptions {
  onProgress?: (progress: SnapshotProgress) => void;
}

/** The read-only view plan gets: it cannot write, whatever it calls. */
export interface WorkspaceReader {
  getWorkspace(): Promise<Workspace>;
  readSnapshot(options?: SnapshotOptions): Promise<WorkspaceSnapshot>;
}

/**
 * The workspace operations plan and apply need. Lists are always complete (paginated to the end);
 * every failure is an ApiError naming the operation and the resource.
 */
export interface SegmentApi {
  getWorkspace(): Promise<Workspace>;

  listFunctions(): Promise<RemoteFunctionSummary[]>;
  getFunction(id: string, hint?: ResourceHint): Promise<RemoteFunction>;
  /** Every function with code and settings, fetched with bounded concurrency. */
  listFunctionsWithDetails(): Promise<RemoteFunction[]>;
  createFunction(input: FunctionInput): Promise<RemoteFunction>;
  updateFunction(id: string, update: FunctionUpdate, hint?: ResourceHint): Promise<RemoteFunction>;
  deleteFunction(id: string, hint?: ResourceHint): Promise<void>;
  deployFunction(id: string, hint?: ResourceHint): Promise<void>;

  listFunctionVersions(functionId: string): Promise<RemoteFunctionVersion[]>;
  getFunctionVersion(functionId: string, versionId: string): Promise<RemoteFunctionVersion>;
  restoreFunctionVersion(functionId: string, versionId: string): Promise<RemoteFunctionVersion>;

  listSources(): Promise<RemoteSource[]>;
  getSource(id: string): Promise<RemoteSource>;
  createSource(input: SourceInput): Promise<RemoteSource>;
  updateSource(id: string, update: SourceUpdate, hint?: ResourceHint): Promise<RemoteSource>;
  deleteSource(id: string, hint?: ResourceHint): Promise<void>;

  listDestinations(): Promise<RemoteDestination[]>;
  getDestination(id: string): Promise<RemoteDestination>;
  createDestination(input: DestinationInput): Promise<RemoteDestination>;
  updateDestination(id: string, update: DestinationUpdate, hint?: ResourceHint): Promise<RemoteDestination>;
  deleteDestination(id: string, hint?: ResourceHint): Promise<void>;

  /** Instances of one insert function; `functionId` may carry its prefix. */
  listInsertInstances(functionId: string): Promise<RemoteInsertInstance[]>;
  getInsertInstance(id: string): Promise<RemoteInsertInstance>;
  createInsertInstance(input: InsertInstanceInput): Promise<RemoteInsertInstance>;
  updateInsertInstance(id: string, update: InsertInstanceUpdate, hint?: ResourceHint): Promise<RemoteInsertInstance>;
  deleteInsertInstance(id: string, hint?: ResourceHint): Promise<void>;

  /** The sources, destinations or insert instances connected to one function (one full list; plans use readSnapshot). */
  listFunctionInstances(fn: RemoteFunctionSummary): Promise<FunctionInstances>;
  /** The whole workspace in one read, each list fetched once. */
  readSnapshot(options?: SnapshotOptions): Promise<WorkspaceSnapshot>;
}
