// Orders deletes against what depends on them, and refuses the ones that would take unmanaged
// resources along: a source is deleted only after the destinations and insert instances on it, and
// not at all while one of those is something fnsync does not manage (the plan names them and says
// what to do). Creates that reuse a freed name or integration wait for the delete that frees it.
import type { PlanState } from './plan-state.js';
import type { Step } from './types.js';

/** Adds cross-function dependencies between steps and moves refused deletes to `blocked`. */
export function linkAndBlockDeletes(state: PlanState): void {
  const { snapshot } = state;
  const deleteOf = (id: string) => state.deletedIds.get(id);
  const blockedSteps = new Map<string, string>();
  for (const step of state.steps) {
    if (step.op === 'delete-source' || step.op === 'delete-destination') {
      const id = step.op === 'delete-source' ? step.sourceId : step.destinationId;
      const dependants = [
        ...(step.op === 'delete-source' ? snapshot.destinations.filter((d) => d.sourceId === id).map((d) => ({ id: d.id, what: `destination ${d.name || d.metadataName} (${d.id})` })) : []),
        ...snapshot.insertInstances.filter((i) => i.integrationId === id).map((i) => ({ id: i.id, what: `insert function instance ${i.name} (${i.id})` })),
      ];
      const unmanaged = dependants.filter((d) => !deleteOf(d.id));
      for (const d of dependants) {
        const del = deleteOf(d.id);
        if (del && !step.dependsOn.includes(del)) step.dependsOn.push(del);
      }
      if (unmanaged.length > 0) {
        const kind = step.op === 'delete-source' ? 'source' : 'destination';
        blockedSteps.set(step.id, `${step.address} is not deleted: the ${kind} has ${unmanaged.map((u) => u.what).join(', ')}, which fnsync does not manage`);
      }
    }
    addFreeingDependencies(state, step);
  }
  // A step that needs a refused one cannot run either (a function whose source stays stays too).
  let grew = true;
  while (grew) {
    grew = false;
    for (const step of state.steps) {
      if (blockedSteps.has(step.id)) continue;
      const cause = step.dependsOn.find((d) => blockedSteps.has(d));
      if (cause) {
        blockedSteps.set(step.id, `${step.address} is not ${step.op.startsWith('delete') ? 'deleted' : 'changed'}: it needs ${cause.replace(/^[a-z]+:/, '')}, which is not deleted`);
        grew = true;
      }
    }
  }
  if (blockedSteps.size === 0) return;
  for (const [stepId, message] of blockedSteps) {
    const step = state.steps.find((s) => s.id === stepId)!;
    state.blocked.push({
      address: step.address,
      message,
      hint: 'delete or move those resources in the Segment app, or keep this instance in fnsync.yaml; fnsync never deletes what it does not manage',
    });
  }
  const blockedAddresses = new Set([...blockedSteps.keys()].map((id) => state.steps.find((s) => s.id === id)!.address));
  remove(state.steps, (s) => blockedSteps.has(s.id));
  // A change goes with its steps: whatever its action (a blocked replace's instances are creates).
  const planned = new Set(state.steps.map((s) => s.address));
  remove(state.changes, (c) => blockedAddresses.has(c.address) && !planned.has(c.address));
}

function addFreeingDependencies(state: PlanState, step: Step): void {
  const wait = (pred: (s: Step) => boolean) => {
    for (const other of state.steps) if (other !== step && pred(other) && !step.dependsOn.includes(other.id)) step.dependsOn.push(other.id);
  };
  if (step.op === 'create-function') {
    const clash = state.snapshot.functions.filter((f) => f.type === step.type && f.displayName === step.input.displayName).map((f) => f.id);
    wait((s) => s.op === 'delete-function' && clash.includes(s.functionId));
  } else if (step.op === 'create-source') {
    const clash = state.snapshot.sources.filter((s) => s.slug === step.slug).map((s) => s.id);
    wait((s) => s.op === 'delete-source' && clash.includes(s.sourceId));
  } else if (step.op === 'create-insert' && 'id' in step.integration) {
    const integration = step.integration.id;
    const clash = state.snapshot.insertInstances.filter((i) => i.integrationId === integration).map((i) => i.id);
    wait((s) => s.op === 'delete-insert' && clash.includes(s.instanceId));
  }
}

function remove<T>(list: T[], pred: (x: T) => boolean): void {
  for (let i = list.length - 1; i >= 0; i--) if (pred(list[i]!)) list.splice(i, 1);
}
