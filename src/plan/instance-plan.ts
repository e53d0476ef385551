// The instances of one function: config entries paired with workspace instances by name (or by
// `renamedFrom:`), then each pair planned as create, update in place, replace (a destination cannot
// move to another source, nor an insert instance to another integration) or delete. Every instance of
// a managed function is managed: one in the workspace but not in fnsync.yaml is deleted.
import type { RemoteFunction } from '../api/types.js';
import type { FunctionDefinition, FunctionInstance } from '../config/types.js';
import type { FunctionType } from '../vocabulary.js';
import { fingerprintKey } from './fingerprint.js';
import type { PlanState, Connection } from './plan-state.js';
import { instanceKindOf, remoteInstancesOf, type RemoteInstance } from './remote-instances.js';
import { diffSettings } from './settings-diff.js';
import type { FieldChange, InstanceChange, Ref, Step, StepBase } from './types.js';

/** The function an instance belongs to, as far as its instances need to know. */
export interface OwnerContext {
  name: string;
  type: FunctionType;
  config: FunctionDefinition | undefined;
  remote: RemoteFunction | undefined;
  /** How instance steps refer to the function: its id, or its create step. */
  ref: Ref;
  /** The function's create/update step, which instances wait for (new settings must exist first). */
  functionStep: string | undefined;
  /** Every remote instance is deleted and every config one created (function created, replaced or deleted). */
  recreate: boolean;
  deleted: boolean;
  reason: string | undefined;
  /** Instance names protected in fnsync.yaml or in the workspace marker. */
  protectedNames: Set<string>;
}

/** `function.slack-alerts.instances["slack-alerts-web"]` */
export function instanceAddress(fnName: string, instanceName: string): string {
  return `function.${fnName}.instances[${JSON.stringify(instanceName)}]`;
}

/** Plans every instance of one function. */
export function planInstances(state: PlanState, owner: OwnerContext): void {
  const remote = owner.remote ? remoteInstancesOf(state.snapshot, owner.remote) : [];
  for (const r of remote) state.fingerprint(`${r.kind === 'insert-instance' ? 'insert' : r.kind}:${r.id}`);
  const configured = owner.deleted ? [] : owner.config?.instances ?? [];
  const used = new Set<string>();
  const pairs: { config?: FunctionInstance; remote?: RemoteInstance }[] = [];
  for (const inst of configured) {
    const match = owner.recreate ? undefined : findRemote(remote, inst, configured, used);
    if (match) used.add(match.id);
    pairs.push({ config: inst, remote: match });
  }
  for (const r of remote) if (!used.has(r.id)) pairs.push({ remote: r });
  // Deletes first, so a replaced instance's slug or integration is free before its new one is created.
  for (const p of pairs) if (p.remote && !p.config) planDelete(state, owner, p.remote, owner.reason ?? 'not in fnsync.yaml');
  for (const p of pairs) if (p.config) planConfigured(state, owner, p.config, p.remote);
}

function findRemote(remote: RemoteInstance[], inst: FunctionInstance, all: FunctionInstance[], used: Set<string>): RemoteInstance | undefined {
  const free = remote.filter((r) => !used.has(r.id));
  const exact = free.find((r) => r.name === inst.name);
  if (exact) return exact;
  if (inst.renamedFrom && !all.some((i) => i.name === inst.renamedFrom)) return free.find((r) => r.name === inst.renamedFrom);
  return undefined;
}

function planDelete(state: PlanState, owner: OwnerContext, r: RemoteInstance, reason: string, replaceOf?: string): string | undefined {
  const address = instanceAddress(owner.name, r.name);
  if (owner.protectedNames.has(r.name)) {
    state.errors.push({
      address,
      message: `${address} is protected and this plan would ${replaceOf ? 'replace' : 'delete'} it (${reason})`,
      hint: 'set protected: false on it and apply that first, then make this change',
    });
    return undefined;
  }
  const id = `delete:${address}`;
  state.deletedIds.set(r.id, id);
  state.addStep(deleteStep({ id, address, description: `delete ${words(r.kind)} ${r.name}`, dependsOn: [] }, r));
  if (!replaceOf) {
    state.changes.push({
      kind: 'instance', address, functionName: owner.name, functionType: owner.type, name: r.name, instanceKind: r.kind,
      action: 'delete', remoteId: r.id, reason, fields: [], settings: [], unchanged: 0,
    });
  }
  return id;
}

function deleteStep(base: StepBase, r: RemoteInstance): Step {
  if (r.kind === 'source') return { ...base, op: 'delete-source', sourceId: r.id };
  if (r.kind === 'destination') return { ...base, op: 'delete-destination', destinationId: r.id };
  return { ...base, op: 'delete-insert', instanceId: r.id };
}

function words(kind: RemoteInstance['kind']): string {
  return kind === 'insert-instance' ? 'insert instance' : kind;
}

function planConfigured(state: PlanState, owner: OwnerContext, inst: FunctionInstance, r: RemoteInstance | undefined): void {
  const address = instanceAddress(owner.name, inst.name);
  const kind = instanceKindOf(owner.type);
  const connection = state.resolveConnection(inst.target, address);
  if (inst.target.kind !== 'source-function' && !connection) return;
  const moved = r && connection && connectionChanged(r, connection);
  if (r && moved) {
    const reason = `${kind === 'destination' ? 'its source' : 'its integration'} changed (${connection.words.replace(/^on /, 'now on ')}), which cannot be updated in place`;
    const del = planDelete(state, owner, r, reason, address);
    if (!del) return;
    planCreate(state, owner, inst, connection, address, [del], { action: 'replace', reason, remoteId: r.id });
    return;
  }
  if (!r) {
    if (owner.remote && !owner.recreate) state.fingerprint(fingerprintKey.absentInstance(owner.remote.id, inst.name));
    planCreate(state, owner, inst, connection, address, [], { action: 'create', reason: owner.recreate ? owner.reason : undefined });
    return;
  }
  planUpdate(state, owner, inst, r, address, connection);
}

function connectionChanged(r: RemoteInstance, c: Connection): boolean {
  if (c.id === undefined) return true;
  if (r.kind === 'destination') return r.resource.sourceId !== c.id;
  if (r.kind === 'insert-instance') return r.resource.integrationId !== c.id;
  return false;
}

function planCreate(
  state: PlanState,
  owner: OwnerContext,
  inst: FunctionInstance,
  connection: Connection | undefined,
  address: string,
  after: string[],
  change: { action: 'create' | 'replace'; reason?: string; remoteId?: string },
): void {
  const fn = owner.config!;
  const diff = diffSettings(fn.settings, inst.settings, undefined, state.input.env, false, { function: owner.name, instance: inst.name });
  const id = `create:${address}`;
  const dependsOn = [...after, ...(owner.functionStep ? [owner.functionStep] : []), ...(connection?.dependsOn ?? [])];
  const kind = instanceKindOf(owner.type);
  const base = { id, address, dependsOn, description: `create ${words(kind)} ${inst.name}` };
  if (kind === 'source') {
    state.plannedSources.set(inst.name, id);
    state.addStep({ ...base, op: 'create-source', function: owner.ref, slug: inst.name, enabled: inst.enabled, settings: diff.payload });
  } else if (kind === 'destination') {
    state.plannedDestinations.set(inst.name, id);
    state.addStep({ ...base, op: 'create-destination', function: owner.ref, source: connection!.ref, name: inst.name, enabled: inst.enabled, settings: diff.payload });
  } else {
    state.addStep({ ...base, op: 'create-insert', function: owner.ref, integration: connection!.ref, name: inst.name, enabled: inst.enabled, settings: diff.payload });
  }
  state.noteSecrets(address, diff.changes);
  const fields: FieldChange[] = [{ field: 'enabled', old: null, new: inst.enabled }];
  state.changes.push({
    kind: 'instance', address, functionName: owner.name, functionType: owner.type, name: inst.name, instanceKind: kind,
    action: change.action, reason: change.reason, remoteId: change.remoteId, connection: connection?.words,
    fields, settings: diff.changes, unchanged: 0,
  });
}

function planUpdate(state: PlanState, owner: OwnerContext, inst: FunctionInstance, r: RemoteInstance, address: string, connection: Connection | undefined): void {
  const fn = owner.config!;
  const diff = diffSettings(fn.settings, inst.settings, r.resource.settings, state.input.env, state.input.options?.refreshSecrets ?? false, { function: owner.name, instance: inst.name });
  const fields: FieldChange[] = [];
  let unchanged = connection ? 1 : 0;
  if (r.name !== inst.name) fields.push({ field: r.kind === 'source' ? 'slug' : 'name', old: r.name, new: inst.name });
  else unchanged++;
  if (r.enabled !== inst.enabled) fields.push({ field: 'enabled', old: r.enabled, new: inst.enabled });
  else unchanged++;
  const sending = Object.keys(diff.payload).length > 0;
  const change: InstanceChange = {
    kind: 'instance', address, functionName: owner.name, functionType: owner.type, name: inst.name, instanceKind: r.kind,
    action: 'update', remoteId: r.id, connection: connection?.words, renamedFrom: r.name !== inst.name ? r.name : undefined,
    fields, settings: diff.changes, unchanged: unchanged + diff.unchanged,
  };
  state.noteSecrets(address, diff.changes);
  if (fields.length === 0 && !sending) return;
  state.changes.push(change);
  const id = `update:${address}`;
  const dependsOn = owner.functionStep ? [owner.functionStep] : [];
  const base = { id, address, dependsOn, description: `update ${words(r.kind)} ${inst.name}` };
  const renamed = r.name !== inst.name ? inst.name : undefined;
  // Instances planned later may refer to the new slug or name (sources before destinations before inserts).
  if (renamed && r.kind === 'source') state.renamedSources.set(renamed, r.id);
  if (renamed && r.kind === 'destination') state.renamedDestinations.set(renamed, r.id);
  const enabled = r.enabled !== inst.enabled ? inst.enabled : undefined;
  const settings = sending ? diff.payload : undefined;
  if (r.kind === 'source') state.addStep({ ...base, op: 'update-source', sourceId: r.id, slug: renamed, enabled, settings });
  else if (r.kind === 'destination') state.addStep({ ...base, op: 'update-destination', destinationId: r.id, name: renamed, enabled, settings });
  else state.addStep({ ...base, op: 'update-insert', instanceId: r.id, name: renamed, enabled, settings: diff.payload });
}
