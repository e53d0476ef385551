// The public surface of src/api: what plan, apply and the CLI may use. No SDK type is exported.
export type * from './types.js';
export { createSegmentApi, DEFAULT_TIMEOUT_MS, type SegmentApiOptions } from './sdk-adapter.js';
export { readOnlyView } from './snapshot.js';
export { resolveTarget, LOCAL_STATE_FILE, REGION_URLS, type Region, type TargetOptions, type WorkspaceTarget } from './target.js';
export {
  instanceMetadataIds,
  codeEquals,
  deployStateOf,
  isMaskedValue,
  normaliseCode,
  pickManagedSettings,
  settingTypeFromApi,
  settingTypeToApi,
  sortSettings,
  stripInsertPrefix,
  stripWorkspaceSuffix,
} from './normalise.js';
export type { Clock } from './rate-limit.js';
