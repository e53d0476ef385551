// The public surface of src/plan: the pure plan builder, the plan types and the helpers apply and the
// CLI share with it (markers, fingerprints, value templates).
export type * from './types.js';
export { PLAN_FORMAT_VERSION } from './types.js';
export { buildPlan, summarise } from './build-plan.js';
export type { PlanInput } from './plan-state.js';
export { ABSENT, configDigest, currentFingerprint, digestOf, stableJson } from './fingerprint.js';
export { comparableCode, formatMarker, parseMarker, stripMarker, withMarker, type MarkerData } from './marker.js';
export { envNamesOf, isConfigLiteralRef, resolveValue, type PlanEnv } from './settings-diff.js';
export { instanceAddress } from './instance-plan.js';
export { variablesNeeded } from './variables.js';
export { functionAddress } from './function-plan.js';
