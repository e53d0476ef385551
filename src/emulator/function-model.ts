// Function classes: creation, update, versions, deployment state and the wire shape. Shared by the
// routes and the seed loader so seeded functions behave exactly like created ones.
import { DEFAULT_FUNCTION_LOGO } from './catalog.js';
import { invalid, notFound } from './http-errors.js';
import { insertClassId, newCatalogId, newFunctionId, newVersionId, nowIso } from './ids.js';
import { assertRoomForFunction } from './limits.js';
import type { EmulatorState, FunctionSettingDef, ResourceType, StoredFunction, StoredVersion } from './types.js';
import { functionSettings, optionalString, rejectImmutable, requireString } from './validate.js';

/** Types whose display name gets the ` (<workspace name>)` suffix (doc §14.1). */
export const SUFFIXED_TYPES: ReadonlySet<ResourceType> = new Set(['DESTINATION', 'INSERT_DESTINATION', 'INSERT_SOURCE']);

/** Types whose code updates go live at once by default; SOURCE functions always wait for an explicit deploy (doc §11.3). */
const DEPLOY_ON_SAVE: ReadonlySet<ResourceType> = new Set(['DESTINATION', 'INSERT_DESTINATION', 'INSERT_SOURCE']);

/** Server behaviour switches for the open questions (doc §15). */
export interface FunctionBehaviour {
  /** DESTINATION/INSERT code saves deploy at once (default true); false makes them wait for a deploy like SOURCE. */
  deployOnSave: boolean;
}

/** The server's defaults for the behaviour switches. */
export const DEFAULT_BEHAVIOUR: FunctionBehaviour = { deployOnSave: true };

/** Ids a seed may pin (a state mirroring a real workspace); the API assigns both itself. */
export interface FixedFunctionIds {
  id?: string;
  catalogId?: string;
}

const goesLive = (type: ResourceType, b: FunctionBehaviour) => b.deployOnSave && DEPLOY_ON_SAVE.has(type);

const RESOURCE_TYPES: ResourceType[] = ['SOURCE', 'DESTINATION', 'INSERT_DESTINATION', 'INSERT_SOURCE'];

/** The user id every emulator change is attributed to. */
export const EMULATOR_USER = 'emuLocalUser0000000000';

/** Checks a resourceType value. */
export function parseResourceType(value: unknown, field = 'resourceType'): ResourceType {
  if (value === undefined || value === null || value === '') throw invalid(field, `"${field}" is required`);
  if (!RESOURCE_TYPES.includes(value as ResourceType)) {
    throw invalid(field, `"${field}" must be one of ${RESOURCE_TYPES.join(', ')}`);
  }
  return value as ResourceType;
}

/** Appends the workspace suffix for suffixed types, unless the name already ends with it (not doubled). */
export function suffixedName(state: EmulatorState, type: ResourceType, displayName: string): string {
  if (!SUFFIXED_TYPES.has(type)) return displayName;
  const suffix = ` (${state.workspace.name})`;
  return displayName.endsWith(suffix) ? displayName : displayName + suffix;
}

function assertUniqueName(state: EmulatorState, type: ResourceType, name: string, exceptId?: string): void {
  const clash = state.functions.some((f) => f.resourceType === type && f.displayName === name && f.id !== exceptId);
  if (clash) throw invalid('displayName', 'displayName already exists');
}

/** Finds a function by its id; 404 otherwise. */
export function getFunctionOr404(state: EmulatorState, id: string): StoredFunction {
  const fn = state.functions.find((f) => f.id === id);
  if (!fn) throw notFound(`Function with id '${id}' not found.`);
  return fn;
}

function addVersion(fn: StoredFunction, code: string): StoredVersion {
  const now = nowIso();
  const version: StoredVersion = { id: newVersionId(), code, author: EMULATOR_USER, createdAt: now, updatedAt: now };
  fn.versions.push(version);
  fn.code = code;
  return version;
}

/** Marks the latest version as the deployed one. */
export function deployLatest(fn: StoredFunction): void {
  const latest = fn.versions[fn.versions.length - 1];
  if (!latest) return;
  fn.deployedVersionId = latest.id;
  fn.deployedAt = nowIso();
}

/** Validates a CreateFunctionV1Input and adds the function (with its first version). */
export function createFunctionRecord(
  state: EmulatorState,
  body: Record<string, unknown>,
  behaviour: FunctionBehaviour = DEFAULT_BEHAVIOUR,
  fixed: FixedFunctionIds = {},
): StoredFunction {
  const code = requireString(body, 'code');
  const displayName = requireString(body, 'displayName');
  const resourceType = parseResourceType(body.resourceType);
  const settings: FunctionSettingDef[] = body.settings === undefined || body.settings === null ? [] : functionSettings(body.settings);
  const name = suffixedName(state, resourceType, displayName);
  assertUniqueName(state, resourceType, name);
  assertRoomForFunction(state);
  if (fixed.catalogId !== undefined && state.functions.some((f) => f.catalogId === fixed.catalogId)) {
    throw invalid('catalogId', `catalogId '${fixed.catalogId}' already exists`);
  }
  const fn: StoredFunction = {
    id: fixed.id ?? newFunctionId(resourceType),
    catalogId: fixed.catalogId ?? newCatalogId(),
    resourceType,
    displayName: name,
    description: optionalString(body, 'description') ?? '',
    logoUrl: optionalString(body, 'logoUrl') || DEFAULT_FUNCTION_LOGO,
    code,
    settings,
    createdAt: nowIso(),
    createdBy: EMULATOR_USER,
    versions: [],
    deployedVersionId: null,
    deployedAt: null,
  };
  addVersion(fn, code);
  if (goesLive(resourceType, behaviour)) deployLatest(fn);
  state.functions.push(fn);
  return fn;
}

/** Applies an UpdateFunctionV1Input: omitted fields stay; `settings` replaces the list (`[]` clears it). */
export function updateFunctionRecord(
  state: EmulatorState,
  fn: StoredFunction,
  body: Record<string, unknown>,
  behaviour: FunctionBehaviour = DEFAULT_BEHAVIOUR,
): void {
  rejectImmutable(body, ['resourceType'], 'delete the function and create it again');
  const code = optionalString(body, 'code');
  const displayName = optionalString(body, 'displayName');
  // Create requires a non-empty name; an update may not blank it either (ignoring "" would fake success).
  if (displayName === '') throw invalid('displayName', '"displayName" must be a non-empty string');
  const settings = body.settings === undefined || body.settings === null ? undefined : functionSettings(body.settings);
  const name = displayName === undefined ? undefined : suffixedName(state, fn.resourceType, displayName);
  if (name !== undefined) assertUniqueName(state, fn.resourceType, name, fn.id);
  const description = optionalString(body, 'description');
  const logoUrl = optionalString(body, 'logoUrl');
  if (name !== undefined) fn.displayName = name;
  if (description !== undefined) fn.description = description;
  if (logoUrl !== undefined) fn.logoUrl = logoUrl || DEFAULT_FUNCTION_LOGO;
  if (settings !== undefined) fn.settings = settings;
  if (code !== undefined && code !== fn.code) {
    addVersion(fn, code);
    if (goesLive(fn.resourceType, behaviour)) deployLatest(fn);
  }
}

/** Restores an old version's code as a new latest version; it is saved, not deployed (DOCS environment.md). */
export function restoreVersion(fn: StoredFunction, versionId: string): StoredVersion {
  const old = fn.versions.find((v) => v.id === versionId);
  if (!old) throw notFound(`Version with id '${versionId}' not found.`);
  return addVersion(fn, old.code);
}

/** How many instances use a function: sources/destinations by `metadataId` = catalogId, insert instances by classId. */
export function instanceCount(state: EmulatorState, fn: StoredFunction): number {
  const classId = insertClassId(fn);
  return (
    state.sources.filter((s) => s.metadataId === fn.catalogId).length +
    state.destinations.filter((d) => d.metadataId === fn.catalogId).length +
    state.insertInstances.filter((i) => i.classId === classId).length
  );
}

/** The deployed version's status fields. */
export function isLatestVersion(fn: StoredFunction): boolean {
  const latest = fn.versions[fn.versions.length - 1];
  return !!latest && fn.deployedVersionId === latest.id;
}

/**
 * Setting definitions as answered: the reverse of the stored (sent) order. The API may reorder them
 * (doc §14.2); reversing is deterministic and differs from the sent order whenever there are two or more.
 */
export function reorderedSettings(settings: FunctionSettingDef[]): FunctionSettingDef[] {
  return settings.map((s) => ({ ...s })).reverse();
}

/** FunctionV1 on the wire (plus workspaceId/buildpack, which the real API sends and the SDK drops). */
export function renderFunction(state: EmulatorState, fn: StoredFunction): Record<string, unknown> {
  return {
    id: fn.id,
    workspaceId: state.workspace.id,
    resourceType: fn.resourceType,
    displayName: fn.displayName,
    description: fn.description,
    logoUrl: fn.logoUrl,
    code: fn.code,
    createdAt: fn.createdAt,
    createdBy: fn.createdBy,
    previewWebhookUrl: '',
    settings: reorderedSettings(fn.settings),
    buildpack: 'boreal',
    catalogId: fn.catalogId,
    batchMaxCount: 0,
    deployedAt: fn.deployedAt,
    isLatestVersion: isLatestVersion(fn),
  };
}

/** ListFunctionItemV1: no code or settings. */
export function renderFunctionItem(fn: StoredFunction): Record<string, unknown> {
  return {
    id: fn.id, resourceType: fn.resourceType, createdAt: fn.createdAt, createdBy: fn.createdBy,
    displayName: fn.displayName, description: fn.description, logoUrl: fn.logoUrl, catalogId: fn.catalogId,
  };
}

/** Version on the wire. */
export function renderVersion(fn: StoredFunction, v: StoredVersion): Record<string, unknown> {
  const deployed = fn.deployedVersionId === v.id;
  return {
    id: v.id, author: v.author, code: v.code, isDeployed: deployed, createdAt: v.createdAt, updatedAt: v.updatedAt,
    ...(deployed && fn.deployedAt ? { deployedAt: fn.deployedAt } : {}),
  };
}
