// An emulator seeded with FAULT_SEED (temp state file), the fault project in a temp directory, and the
// checks every apply fault test ends with: the workspace holds exactly what fnsync.yaml configures,
// each resource once, the unmanaged resources are as seeded, and a fresh plan has nothing to do.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { executePlan, type ApplyResult, type ExecuteOptions } from '../../src/apply/execute-plan.js';
import { createSegmentApi, type SegmentApiOptions } from '../../src/api/sdk-adapter.js';
import type { SegmentApi } from '../../src/api/types.js';
import { loadConfig } from '../../src/config/load-config.js';
import { startEmulator, type EmulatorState, type RequestLogEntry } from '../../src/emulator/server.js';
import { buildPlan, parseMarker, type Plan, type StepBase } from '../../src/plan/index.js';
import { makeTempDir } from './cli.js';
import { EXPECTED_FUNCTIONS, EXPECTED_INSTANCES, FAULT_ENV, type ExpectedInstance, FAULT_PROJECT, FAULT_SEED, FAULT_TOKEN, FAULT_WORKSPACE } from './fault-project.js';

type Emulator = Awaited<ReturnType<typeof startEmulator>>;

/** One test's workspace and project. Always `close()` it. */
export interface FaultWorld {
  emulator: Emulator;
  /** The project directory (fnsync.yaml + handlers). */
  dir: string;
  /** The state right after seeding: what every unmanaged resource must still look like. */
  seeded: EmulatorState;
  /** A client with short retry delays, so retries cost milliseconds. */
  api(overrides?: Partial<SegmentApiOptions>): SegmentApi;
  /** The environment the spawned CLI needs to reach this emulator. */
  cliEnv(): Record<string, string>;
  close(): Promise<void>;
}

/** Starts a seeded emulator and writes the fault project. */
export async function startFaultWorld(): Promise<FaultWorld> {
  const dir = makeTempDir(FAULT_PROJECT);
  const emulator = await startEmulator({ token: FAULT_TOKEN, seed: FAULT_SEED, stateFile: join(dir, '.state/emulator.json') });
  return {
    emulator,
    dir,
    seeded: emulator.state(),
    api: (overrides = {}) =>
      createSegmentApi({ baseUrl: emulator.url, token: FAULT_TOKEN, timeoutMs: 5_000, retry: { minDelayMs: 5, maxDelayMs: 40 }, ...overrides }),
    cliEnv: () => ({ SEGMENT_API_URL: emulator.url, SEGMENT_PUBLIC_API_TOKEN: FAULT_TOKEN, ...FAULT_ENV }),
    close: async () => {
      await emulator.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Plans as `fnsync plan --skip-tests` would, in-process: every function counts as tested. */
export async function planNow(world: FaultWorld, api: SegmentApi = world.api()): Promise<Plan> {
  const config = await loadConfig(join(world.dir, 'fnsync.yaml'), { cwd: world.dir });
  const snapshot = await api.readSnapshot();
  const testStatus = Object.fromEntries(config.functions.map((f) => [f.name, 'tested' as const]));
  const plan = buildPlan(config, { snapshot, env: FAULT_ENV, provenance: { config: 'fnsync.yaml' }, testStatus });
  expect(plan.errors).toEqual([]);
  return plan;
}

/** Plans and applies with one client, as `fnsync apply` does. */
export async function applyNow(world: FaultWorld, api: SegmentApi = world.api(), options: Partial<ExecuteOptions> = {}): Promise<{ plan: Plan; result: ApplyResult }> {
  const plan = await planNow(world, api);
  const result = await executePlan(plan, { api, env: FAULT_ENV, ...options });
  return { plan, result };
}

/** Step id -> status, for assertions that name the steps. */
export function statusByStep(result: ApplyResult): Record<string, string> {
  return Object.fromEntries(result.results.map((r) => [r.step.id, r.status]));
}

/** Every step that (transitively) depends on one of `failed`. */
export function dependantsOf(plan: Plan, failed: string[]): Set<string> {
  const out = new Set<string>();
  let grew = true;
  while (grew) {
    grew = false;
    for (const s of plan.steps as StepBase[]) {
      if (!out.has(s.id) && s.dependsOn.some((d) => failed.includes(d) || out.has(d))) {
        out.add(s.id);
        grew = true;
      }
    }
  }
  return out;
}

/** Log entries of one method and path (a RegExp, or an exact path). */
export function requests(world: FaultWorld, method: string, path: string | RegExp): RequestLogEntry[] {
  const hit = (p: string) => (typeof path === 'string' ? p === path : path.test(p));
  return world.emulator.requestLog.filter((e) => e.method === method && hit(e.path));
}

/** Requests that change something (not reads). */
export function writes(world: FaultWorld): RequestLogEntry[] {
  return world.emulator.requestLog.filter((e) => e.method !== 'GET');
}

/** The display name the API stores: a workspace suffix on every type but source functions. */
function storedName(resourceType: string, displayName: string): string {
  return resourceType === 'SOURCE' ? displayName : `${displayName} (${FAULT_WORKSPACE.name})`;
}

const seededIds = (s: EmulatorState) => ({
  functions: new Set(s.functions.map((x) => x.id)),
  sources: new Set(s.sources.map((x) => x.id)),
  destinations: new Set(s.destinations.map((x) => x.id)),
  insertInstances: new Set(s.insertInstances.map((x) => x.id)),
});

/**
 * Asserts the workspace is exactly as configured, nothing twice, unmanaged untouched, nothing to plan.
 * `instances`: what the current fnsync.yaml configures (EDITED_INSTANCES after editedConfig()).
 */
export async function expectConverged(world: FaultWorld, instances: ExpectedInstance[] = EXPECTED_INSTANCES): Promise<void> {
  const state = world.emulator.state();
  const seeded = seededIds(world.seeded);

  // Unmanaged resources: every seeded record is still there, unchanged.
  expect(state.functions.filter((f) => seeded.functions.has(f.id))).toEqual(world.seeded.functions);
  expect(state.sources.filter((s) => seeded.sources.has(s.id))).toEqual(world.seeded.sources);
  expect(state.destinations.filter((d) => seeded.destinations.has(d.id))).toEqual(world.seeded.destinations);
  expect(state.insertInstances.filter((i) => seeded.insertInstances.has(i.id))).toEqual(world.seeded.insertInstances);

  // Managed functions: each configured one exactly once, with fnsync's marker naming it.
  const created = state.functions.filter((f) => !seeded.functions.has(f.id));
  expect(created.map((f) => parseMarker(f.code)?.name).sort()).toEqual(Object.keys(EXPECTED_FUNCTIONS).sort());
  const catalogOf = new Map<string, string>();
  for (const [name, want] of Object.entries(EXPECTED_FUNCTIONS)) {
    const fn = created.find((f) => parseMarker(f.code)?.name === name)!;
    expect({ name, resourceType: fn.resourceType, displayName: fn.displayName }).toEqual({ name, ...want, displayName: storedName(want.resourceType, want.displayName) });
    expect(fn.deployedAt, `${name} is deployed`).not.toBeNull();
    expect(fn.deployedVersionId, `${name} runs its latest code`).toBe(fn.versions.at(-1)?.id);
    // Sources and destinations point at the catalog id; insert instances at the id without its prefix (§11).
    catalogOf.set(name, fn.resourceType.startsWith('INSERT') ? fn.id.replace(/^ifn[ds]_/, '') : fn.catalogId);
  }

  // Managed instances: each configured one exactly once, connected and set as configured.
  const sources = state.sources.filter((s) => !seeded.sources.has(s.id));
  const destinations = state.destinations.filter((d) => !seeded.destinations.has(d.id));
  const inserts = state.insertInstances.filter((i) => !seeded.insertInstances.has(i.id));
  const want = (kind: string) => instances.filter((i) => i.kind === kind);
  expect(sources.map((s) => s.slug).sort()).toEqual(want('source').map((i) => i.name).sort());
  expect(destinations.map((d) => d.name).sort()).toEqual(want('destination').map((i) => i.name).sort());
  expect(inserts.map((i) => i.name).sort()).toEqual(want('insert').map((i) => i.name).sort());
  const sourceSlug = new Map(state.sources.map((s) => [s.id, s.slug]));
  const integrationName = new Map([...state.destinations.map((d) => [d.id, d.name] as const), ...state.sources.map((s) => [s.id, s.slug] as const)]);
  const actual = [
    ...sources.map((s) => ({ kind: 'source', name: s.slug, catalog: s.metadataId, on: undefined, enabled: s.enabled, settings: s.settings })),
    ...destinations.map((d) => ({ kind: 'destination', name: d.name, catalog: d.metadataId, on: sourceSlug.get(d.sourceId), enabled: d.enabled, settings: d.settings })),
    ...inserts.map((i) => ({ kind: 'insert', name: i.name, catalog: i.classId, on: integrationName.get(i.integrationId), enabled: i.enabled, settings: i.settings })),
  ];
  const expected = instances.map((i) => ({ kind: i.kind, name: i.name, catalog: catalogOf.get(i.fn), on: i.on, enabled: i.enabled, settings: i.settings }));
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
  expect(actual.sort(byName)).toEqual(expected.sort(byName));

  // And a fresh plan agrees: nothing left to do.
  const plan = await planNow(world);
  expect(plan.changes.map((c) => `${c.address}: ${c.action}`)).toEqual([]);
  expect(plan.steps).toEqual([]);
}
