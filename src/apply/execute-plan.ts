// Executes a Plan's steps against the SegmentApi: each step starts when every step it depends on has
// succeeded, independent steps run concurrently (the client's shared rate-limit gate paces them), a
// failed step's dependants are skipped and everything independent of it goes on. The result says, per
// step, what was and was not done, so a partial failure is never a mystery. Re-running plan + apply
// converges; creates whose response was lost are found by the client before it retries.
import pLimit from 'p-limit';
import type { RemoteFunction, SegmentApi } from '../api/types.js';
import { isConfigLiteralRef, resolveValue, type Plan, type PlanEnv, type Ref, type SettingsPayload, type Step } from '../plan/index.js';
import type { ConfigLiteralRef } from '../plan/types.js';
import type { ConfigValue } from '../config/types.js';

/** One step's outcome. */
export interface StepResult {
  step: Step;
  status: 'applied' | 'failed' | 'skipped';
  /** For failed steps: the error message (names the operation and resource); for skipped: why. */
  message?: string;
}

/** Progress of an apply, for live lines. */
export type ApplyEvent = { kind: 'start'; step: Step } | { kind: 'end'; result: StepResult };

/** What apply needs besides the plan. */
export interface ExecuteOptions {
  api: SegmentApi;
  env: PlanEnv;
  /** Steps in flight at once (default 4): the rate limit, not this, is the real bound. */
  concurrency?: number;
  onEvent?: (event: ApplyEvent) => void;
  /** The value in fnsync.yaml a `from-config` payload entry names (a credential-looking literal the plan did not copy). */
  configValue?: (ref: ConfigLiteralRef) => ConfigValue | undefined;
}

/** The outcome of one apply. */
export interface ApplyResult {
  results: StepResult[];
  ok: boolean;
}

/** What a finished step produced, for the steps that refer to it. */
interface Produced {
  id: string;
  catalogId?: string;
}

/** Runs every step of the plan; never throws for a step's failure (it is in the result). */
export async function executePlan(plan: Plan, options: ExecuteOptions): Promise<ApplyResult> {
  const limit = pLimit(options.concurrency ?? 4);
  const produced = new Map<string, Produced>();
  const done = new Map<string, Promise<StepResult>>();
  const byId = new Map(plan.steps.map((s) => [s.id, s]));
  const emit = options.onEvent ?? (() => {});
  const names = resourceNames(plan);

  const run = (step: Step): Promise<StepResult> => {
    let pending = done.get(step.id);
    if (pending) return pending;
    pending = (async () => {
      const deps = await Promise.all(step.dependsOn.filter((d) => byId.has(d)).map((d) => run(byId.get(d)!)));
      const blocker = deps.find((d) => d.status !== 'applied');
      if (blocker) {
        const result: StepResult = { step, status: 'skipped', message: `needs "${blocker.step.description}", which ${blocker.status === 'failed' ? 'failed' : 'was skipped'}` };
        emit({ kind: 'end', result });
        return result;
      }
      return limit(async () => {
        emit({ kind: 'start', step });
        let result: StepResult;
        try {
          const out = await runStep(step, options.api, produced, options.env, names.get(step.address) ?? step.address, options);
          if (out) produced.set(step.id, out);
          result = { step, status: 'applied' };
        } catch (err) {
          result = { step, status: 'failed', message: err instanceof Error ? err.message : String(err) };
        }
        emit({ kind: 'end', result });
        return result;
      });
    })();
    done.set(step.id, pending);
    return pending;
  };

  const results = await Promise.all(plan.steps.map(run));
  return { results, ok: results.every((r) => r.status === 'applied') };
}

function settingsOf(payload: SettingsPayload, env: PlanEnv, options: Pick<ExecuteOptions, 'configValue'> = {}): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, template] of Object.entries(payload)) {
    if (template === null) out[key] = null;
    else if (isConfigLiteralRef(template)) {
      const value = options.configValue?.(template);
      // Unreachable for a fresh or non-stale saved plan (its config digest matches); said plainly if it happens.
      if (value === undefined) throw new Error(`the value of ${template.function}.${template.instance}.${template.setting} is no longer in fnsync.yaml; run fnsync plan again`);
      out[key] = resolveValue(value, env).value;
    } else out[key] = resolveValue(template, env).value;
  }
  return out;
}

function ref(r: Ref, produced: Map<string, Produced>): Produced {
  if ('id' in r) return r;
  const p = produced.get(r.step);
  // Unreachable when dependencies hold; a clear message beats an undefined id sent to the API.
  if (!p) throw new Error(`internal: step ${r.step} produced nothing to refer to`);
  return p;
}

function fnOut(fn: RemoteFunction): Produced {
  return { id: fn.id, catalogId: fn.catalogId };
}

/**
 * The name each resource has in the workspace (a function's display name, an instance's name), so an
 * error reads `updating function Notify (dfn_1)`, not `updating function function.notify (dfn_1)`.
 */
function resourceNames(plan: Plan): Map<string, string> {
  return new Map(plan.changes.map((c) => [c.address, c.kind === 'function' ? c.displayName : c.name]));
}

async function runStep(step: Step, api: SegmentApi, produced: Map<string, Produced>, env: PlanEnv, name: string, literals: Pick<ExecuteOptions, 'configValue'>): Promise<Produced | undefined> {
  const hint = { name };
  switch (step.op) {
    case 'create-function':
      return fnOut(await api.createFunction({ type: step.type, ...step.input }));
    case 'update-function':
      return fnOut(await api.updateFunction(step.functionId, step.input, hint));
    case 'delete-function':
      return void (await api.deleteFunction(step.functionId, hint));
    case 'deploy-function':
      return void (await api.deployFunction(ref(step.function, produced).id, hint));
    case 'create-source': {
      const fn = await functionWithCatalogId(api, ref(step.function, produced));
      const s = await api.createSource({ slug: step.slug, metadataId: fn.catalogId!, enabled: step.enabled, settings: settingsOf(step.settings, env, literals) });
      return { id: s.id };
    }
    case 'update-source':
      return void (await api.updateSource(step.sourceId, { slug: step.slug, enabled: step.enabled, ...(step.settings ? { settings: settingsOf(step.settings, env, literals) } : {}) }, hint));
    case 'delete-source':
      return void (await api.deleteSource(step.sourceId, hint));
    case 'create-destination': {
      const fn = await functionWithCatalogId(api, ref(step.function, produced));
      const d = await api.createDestination({ sourceId: ref(step.source, produced).id, metadataId: fn.catalogId!, name: step.name, enabled: step.enabled, settings: settingsOf(step.settings, env, literals) });
      return { id: d.id };
    }
    case 'update-destination':
      return void (await api.updateDestination(step.destinationId, { name: step.name, enabled: step.enabled, ...(step.settings ? { settings: settingsOf(step.settings, env, literals) } : {}) }, hint));
    case 'delete-destination':
      return void (await api.deleteDestination(step.destinationId, hint));
    case 'create-insert': {
      const i = await api.createInsertInstance({ functionId: ref(step.function, produced).id, integrationId: ref(step.integration, produced).id, name: step.name, enabled: step.enabled, settings: settingsOf(step.settings, env, literals) });
      return { id: i.id };
    }
    case 'update-insert':
      return void (await api.updateInsertInstance(step.instanceId, { name: step.name, enabled: step.enabled, settings: settingsOf(step.settings, env, literals) }, hint));
    case 'delete-insert':
      return void (await api.deleteInsertInstance(step.instanceId, hint));
  }
}

/** Instances are created with the function's catalog id, never derived from its id (§11.2). */
async function functionWithCatalogId(api: SegmentApi, fn: Produced): Promise<Produced> {
  if (fn.catalogId) return fn;
  return fnOut(await api.getFunction(fn.id));
}
