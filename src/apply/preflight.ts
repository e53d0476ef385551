// Checks made before apply's first write, so a run that cannot finish never starts: every variable the
// plan will send is set (all missing ones reported together), every code rollout has a passing test
// record for exactly that code, and a saved plan still describes the workspace and config it is
// applied to (a stale plan is refused whole).
import type { WorkspaceSnapshot } from '../api/types.js';
import { UserError } from '../errors.js';
import { currentFingerprint, variablesNeeded, type Plan, type PlanEnv, type TestStatus } from '../plan/index.js';

/** Throws one error listing every unset variable the plan needs. */
export function checkVariables(plan: Plan, env: PlanEnv): void {
  const missing = [...variablesNeeded(plan.steps)].filter(([name]) => env[name] === undefined);
  if (missing.length === 0) return;
  const lines = missing.map(([name, where]) => `  ${name}: needed by ${[...where].join(', ')}`);
  throw new UserError(
    `${missing.length} environment variable${missing.length === 1 ? ' is' : 's are'} not set, and this apply must send ${missing.length === 1 ? 'it' : 'them'}: ` +
      `${missing.map(([n]) => n).join(', ')}\n${lines.join('\n')}\nnothing was changed; set ${missing.length === 1 ? 'it' : 'them'} and run apply again`,
  );
}

/** Throws when a step rolls out code without a passing `fnsync test` record for that exact code. */
export function checkTested(plan: Plan, status: Record<string, TestStatus>, skipTests: boolean): void {
  if (skipTests) return;
  const names = [...new Set(plan.steps.flatMap((s) => (s.rollsOutCodeOf ? [s.rollsOutCodeOf] : [])))];
  const bad = names.filter((n) => status[n] !== 'tested');
  if (bad.length === 0) return;
  const detail = bad.map((n) => `  ${n}: ${status[n] === 'failing' ? 'its tests fail' : 'no passing fnsync test record for this code'}`);
  throw new UserError(
    `refusing to roll out code that has not passed its tests:\n${detail.join('\n')}\n` +
      `run: npx fnsync test ${bad.join(' ')}   (then apply again; --skip-tests overrides this check). Nothing was changed.`,
  );
}

/** What a saved plan must still match. */
export interface StaleCheckInput {
  snapshot: WorkspaceSnapshot;
  configDigest: string;
  configFile: string;
}

/** Refuses a saved plan made for another workspace or config, or whose resources changed since. */
export function checkNotStale(plan: Plan, input: StaleCheckInput): void {
  const ws = input.snapshot.workspace;
  if (plan.workspace.id !== ws.id) {
    throw new UserError(`the plan was made for workspace ${plan.workspace.slug} (${plan.workspace.id}), but this is ${ws.slug} (${ws.id}); nothing was changed`);
  }
  if (plan.config.digest !== input.configDigest) {
    throw new UserError(`the plan was made from another or an edited config (${plan.config.file}), not ${input.configFile} as it is now; run fnsync plan again. Nothing was changed.`);
  }
  const stale = Object.entries(plan.fingerprints)
    .filter(([key, value]) => currentFingerprint(input.snapshot, key) !== value)
    .map(([key, value]) => staleWords(key, value));
  if (stale.length > 0) {
    throw new UserError(`the plan is stale: the workspace changed since it was made (${stale.join('; ')}); run fnsync plan again. Nothing was changed.`);
  }
}

function staleWords(key: string, was: string): string {
  const [kind, ...rest] = key.split(':');
  if (kind === 'absent') {
    const [what, a, ...name] = rest;
    return what === 'function' ? `a ${a} function named '${name.join(':')}' now exists` : `an instance named '${name.join(':')}' of function ${a} now exists`;
  }
  return was === 'absent' ? `${kind} ${rest.join(':')} now exists` : `${kind} ${rest.join(':')} changed or was deleted`;
}
