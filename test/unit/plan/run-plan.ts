// Running buildPlan in tests with the inputs most tests do not care about filled in, and reading the
// result: one step or change by id/address, and whether one step waits for another.
import { buildPlan } from '../../../src/plan/build-plan.js';
import type { Change, FunctionChange, InstanceChange, Plan, PlanOptions, Provenance, Step, TestStatus } from '../../../src/plan/types.js';
import type { PlanEnv } from '../../../src/plan/settings-diff.js';
import type { Config } from '../../../src/config/types.js';
import type { WorkspaceSnapshot } from '../../../src/api/types.js';
import type { WorkspaceBuilder } from './builders.js';

/** Where the code comes from in these tests (the workspace's markers carry another commit). */
export const PROVENANCE: Provenance = { config: 'fnsync.yaml', repository: 'acme/segment-functions', commit: 'feedbeef' };

export interface RunOptions {
  env?: PlanEnv;
  testStatus?: Record<string, TestStatus>;
  options?: PlanOptions;
  provenance?: Provenance;
}

/** The plan that makes `ws` match `cfg`. */
export function plan(cfg: Config, ws: WorkspaceBuilder | WorkspaceSnapshot, run: RunOptions = {}): Plan {
  const snapshot = 'snapshot' in ws ? ws.snapshot() : ws;
  return buildPlan(cfg, { snapshot, env: run.env ?? {}, provenance: run.provenance ?? PROVENANCE, testStatus: run.testStatus ?? {}, options: run.options });
}

/** The step with this id; throws (listing the ids there are) when there is none. */
export function step<Op extends Step['op']>(p: Plan, id: string, op?: Op): Extract<Step, { op: Op }> {
  const s = p.steps.find((x) => x.id === id);
  if (!s) throw new Error(`no step ${id}; steps: ${p.steps.map((x) => x.id).join(', ')}`);
  if (op && s.op !== op) throw new Error(`step ${id} is ${s.op}, not ${op}`);
  return s as Extract<Step, { op: Op }>;
}

/** The changes at this address (a replaced instance may have a delete and a create under one address). */
export function changesAt(p: Plan, address: string): Change[] {
  return p.changes.filter((c) => c.address === address);
}

/** The only function change at this address. */
export function fnChange(p: Plan, address: string): FunctionChange {
  const c = changesAt(p, address);
  if (c.length !== 1 || c[0]!.kind !== 'function') throw new Error(`expected one function change at ${address}, got ${JSON.stringify(c.map((x) => x.action))}`);
  return c[0] as FunctionChange;
}

/** The only instance change at this address. */
export function instChange(p: Plan, address: string): InstanceChange {
  const c = changesAt(p, address);
  if (c.length !== 1 || c[0]!.kind !== 'instance') throw new Error(`expected one instance change at ${address}, got ${JSON.stringify(c.map((x) => x.action))}`);
  return c[0] as InstanceChange;
}

/** `[id, op, dependsOn]` per step, dependencies sorted: the plan's execution graph at a glance. */
export function graph(p: Plan): [string, string, string[]][] {
  return p.steps.map((s) => [s.id, s.op, [...s.dependsOn].sort()]);
}

/** True when `later` waits, directly or through other steps, for `earlier`. */
export function waitsFor(p: Plan, later: string, earlier: string): boolean {
  const byId = new Map(p.steps.map((s) => [s.id, s]));
  const seen = new Set<string>();
  const visit = (id: string): boolean => {
    if (seen.has(id)) return false;
    seen.add(id);
    return (byId.get(id)?.dependsOn ?? []).some((d) => d === earlier || visit(d));
  };
  return visit(later);
}

/** Every step's dependencies name steps of the same plan (apply would otherwise wait forever). */
export function danglingDependencies(p: Plan): string[] {
  const ids = new Set(p.steps.map((s) => s.id));
  return p.steps.flatMap((s) => s.dependsOn.filter((d) => !ids.has(d)).map((d) => `${s.id} -> ${d}`));
}
