// One function's change and steps: create, update in place (fields, code, settings, marker), adopt,
// replace (a type change: delete-then-create, with every instance recreated), delete, and the deploy a
// source function needs after its code changes or while what runs is behind what is saved.
import { deployStateOf } from '../api/normalise.js';
import type { RemoteFunction } from '../api/types.js';
import type { FunctionDefinition } from '../config/types.js';
import { fingerprintKey } from './fingerprint.js';
import { diffFunction } from './function-diff.js';
import { planInstances, type OwnerContext } from './instance-plan.js';
import { comparableCode, markerFor, withMarker, type MarkerData } from './marker.js';
import type { FunctionMatch } from './match-functions.js';
import type { PlanState } from './plan-state.js';
import type { DeployReason, FunctionChange, Ref } from './types.js';

/** `function.slack-alerts` */
export const functionAddress = (name: string) => `function.${name}`;

/** Plans one matched (or unmatched) function and then its instances. */
export function planFunction(state: PlanState, match: FunctionMatch): void {
  if (match.mode === 'delete') return planFunctionDelete(state, match.remote, match.marker);
  const fn = match.config;
  if (match.mode === 'create') return planFunctionCreate(state, fn, undefined);
  state.fingerprint(fingerprintKey.function(match.remote.id));
  if (match.remote.type !== fn.type) return planReplace(state, fn, match.remote, match.marker);
  planFunctionUpdate(state, fn, match.remote, match.marker, match.mode);
}

/** The instances protected in fnsync.yaml: what the marker records and what no plan may delete. */
function protectedInstancesOf(fn: FunctionDefinition | undefined): string[] {
  return fn?.instances.filter((i) => i.protected).map((i) => i.name) ?? [];
}

function desiredMarker(state: PlanState, fn: FunctionDefinition): MarkerData {
  return markerFor(fn.name, fn.protected, protectedInstancesOf(fn), state.input.provenance);
}

function testStatus(state: PlanState, name: string) {
  return state.input.testStatus[name] ?? 'untested';
}

function protectedNames(fn: FunctionDefinition | undefined, marker: MarkerData | undefined): Set<string> {
  return new Set([...protectedInstancesOf(fn), ...(marker?.protectedInstances ?? [])]);
}

function planFunctionCreate(state: PlanState, fn: FunctionDefinition, after: string | undefined, replaced?: { remote: RemoteFunction; reason: string }): void {
  const address = functionAddress(fn.name);
  state.fingerprint(fingerprintKey.absentFunction(fn.type, fn.displayName));
  const id = `create:${address}`;
  state.addStep({
    id, address, op: 'create-function', type: fn.type, description: `create ${fn.type} function ${fn.displayName}`,
    dependsOn: after ? [after] : [], rollsOutCodeOf: fn.name,
    input: { displayName: fn.displayName, description: fn.description, ...(fn.logoUrl !== undefined ? { logoUrl: fn.logoUrl } : {}), code: withMarker(fn.code, desiredMarker(state, fn)), settings: fn.settings },
  });
  const deploy = fn.type === 'source' ? addDeploy(state, address, fn.displayName, { step: id }, id, 'created') : undefined;
  const change: FunctionChange = {
    kind: 'function', address, name: fn.name, type: fn.type, displayName: fn.displayName,
    action: replaced ? 'replace' : 'create', remoteId: replaced?.remote.id, reason: replaced?.reason, oldType: replaced?.remote.type,
    fields: [
      { field: 'displayName', old: null, new: fn.displayName },
      { field: 'description', old: null, new: fn.description },
      ...(fn.logoUrl !== undefined ? [{ field: 'logoUrl', old: null, new: fn.logoUrl }] : []),
    ],
    code: { old: replaced ? comparableCode(replaced.remote.code) : '', new: comparableCode(fn.code) },
    settings: fn.settings.map((s) => ({ name: s.name, action: 'add' as const, new: s })),
    deploy, test: testStatus(state, fn.name), unchanged: 0,
  };
  state.changes.push(change);
  planInstances(state, owner(fn, undefined, { step: id }, id, true, undefined, replaced ? 'the function is replaced' : undefined));
}

function owner(
  fn: FunctionDefinition | undefined, remote: RemoteFunction | undefined, ref: Ref, functionStep: string | undefined,
  recreate: boolean, marker: MarkerData | undefined, reason: string | undefined, deleted = false,
): OwnerContext {
  const name = fn?.name ?? marker?.name ?? remote!.id;
  // Deleting: the instances are the remote function's, of its type (a replace's config has the new one).
  const type = (deleted ? remote ?? fn : fn ?? remote)!.type;
  return { name, type, config: fn, remote, ref, functionStep, recreate, deleted, reason, protectedNames: protectedNames(fn, marker) };
}

function addDeploy(state: PlanState, address: string, displayName: string, ref: Ref, after: string | undefined, reason: DeployReason, rollsOutCodeOf?: string): DeployReason {
  state.addStep({
    id: `deploy:${address}`, address, op: 'deploy-function', function: ref, description: `deploy source function ${displayName}`,
    dependsOn: after ? [after] : [], ...(rollsOutCodeOf ? { rollsOutCodeOf } : {}),
  });
  return reason;
}

function isProtected(fn: FunctionDefinition | undefined, marker: MarkerData | undefined): boolean {
  return Boolean(fn?.protected || marker?.protected);
}

function planReplace(state: PlanState, fn: FunctionDefinition, remote: RemoteFunction, marker: MarkerData | undefined): void {
  const address = functionAddress(fn.name);
  const reason =
    `type changed from ${remote.type} to ${fn.type}, which cannot be updated in place; ` +
    'delete-then-create: its instances are deleted, then the function, then it and its instances are created anew ' +
    '(the old instances hold the slugs and integrations the new ones need)';
  if (isProtected(fn, marker)) {
    state.errors.push({ address, message: `${address} is protected and this plan would replace it (${reason})`, hint: 'set protected: false on it and apply that first, then change its type' });
    return;
  }
  // Delete-then-create: the old instances hold the slugs and integrations the new ones need, and a
  // destination can carry only one insert function, so the old must be gone before the new is made.
  const deleted = planInstancesAndDelete(state, remote, marker, fn, 'the function is replaced');
  if (deleted === undefined) return;
  planFunctionCreate(state, fn, deleted, { remote, reason });
}

/** Deletes a remote function's instances, then the function; returns the delete step (undefined if refused). */
function planInstancesAndDelete(state: PlanState, remote: RemoteFunction, marker: MarkerData | undefined, fn: FunctionDefinition | undefined, reason: string): string | undefined {
  const errorsBefore = state.errors.length;
  const name = marker?.name ?? fn?.name ?? remote.id;
  const address = functionAddress(name);
  const stepsBefore = state.steps.length;
  planInstances(state, owner(fn, remote, { id: remote.id, catalogId: remote.catalogId }, undefined, true, marker, reason, true));
  if (state.errors.length > errorsBefore) return undefined;
  const instanceDeletes = state.steps.slice(stepsBefore).map((s) => s.id);
  const id = `delete:${address}`;
  state.addStep({ id, address, op: 'delete-function', functionId: remote.id, description: `delete ${remote.type} function ${remote.displayName}`, dependsOn: instanceDeletes });
  return id;
}

function planFunctionDelete(state: PlanState, remote: RemoteFunction, marker: MarkerData): void {
  const address = functionAddress(marker.name);
  state.fingerprint(fingerprintKey.function(remote.id));
  if (marker.protected) {
    state.errors.push({
      address,
      message: `${address} (${remote.displayName}) is protected and this plan would delete it (not in fnsync.yaml)`,
      hint: `put it back in fnsync.yaml with protected: false and apply that first; then remove it`,
    });
    return;
  }
  if (planInstancesAndDelete(state, remote, marker, undefined, 'its function is not in fnsync.yaml') === undefined) return;
  state.changes.push({
    kind: 'function', address, name: marker.name, type: remote.type, displayName: remote.displayName, action: 'delete',
    remoteId: remote.id, reason: 'not in fnsync.yaml', fields: [], settings: [], unchanged: 0,
  });
}

function planFunctionUpdate(state: PlanState, fn: FunctionDefinition, remote: RemoteFunction, marker: MarkerData | undefined, mode: 'managed' | 'renamed' | 'adopted'): void {
  const address = functionAddress(fn.name);
  const diff = diffFunction(fn, remote, marker, desiredMarker(state, fn));
  const hasUpdate = Object.keys(diff.update).length > 0;
  const id = `update:${address}`;
  if (hasUpdate) {
    state.addStep({
      id, address, op: 'update-function', functionId: remote.id, input: diff.update, description: `update ${fn.type} function ${fn.displayName}`,
      dependsOn: [], ...(diff.code ? { rollsOutCodeOf: fn.name } : {}),
    });
  }
  let deploy: DeployReason | undefined;
  let rollsOut: string | undefined = diff.code ? fn.name : undefined;
  if (fn.type === 'source') {
    const state0 = deployStateOf(remote);
    // Deploying puts the saved code live: when what ran before was not that code (never deployed, or
    // behind), it is a rollout and needs the test record, even if no line of it changes in this plan.
    if (state0 !== 'latest') rollsOut = fn.name;
    // Only the marker changed on code that never ran: the deploy's reason is still that it never ran.
    const reason: DeployReason = diff.code || state0 === 'latest' ? 'code-changed' : state0;
    if (diff.update.code !== undefined) deploy = addDeploy(state, address, fn.displayName, { id: remote.id }, id, reason, rollsOut);
    else if (state0 !== 'latest') deploy = addDeploy(state, address, fn.displayName, { id: remote.id }, undefined, state0, rollsOut);
  }
  const markerChange = mode === 'adopted' && !marker ? 'fnsync adds its marker to the code: from now on it manages this function'
    : mode === 'renamed' ? `the marker's name changes from ${marker?.name} to ${fn.name}`
    : diff.markerChanged ? 'the marker records the new protection' : undefined;
  const changed = hasUpdate || deploy !== undefined;
  if (changed) {
    state.changes.push({
      kind: 'function', address, name: fn.name, type: fn.type, displayName: fn.displayName,
      action: mode === 'adopted' && !marker ? 'adopt' : hasUpdate ? 'update' : 'deploy',
      remoteId: remote.id, renamedFrom: mode === 'renamed' ? marker?.name : undefined, adopted: mode === 'adopted' || undefined,
      fields: diff.fields, code: diff.code, settings: diff.settings, markerChange, deploy,
      test: rollsOut ? testStatus(state, fn.name) : undefined, unchanged: diff.unchanged,
    });
  }
  planInstances(state, owner(fn, remote, { id: remote.id, catalogId: remote.catalogId }, hasUpdate ? id : undefined, false, marker, undefined));
}
