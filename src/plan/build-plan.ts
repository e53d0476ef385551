// The plan: fnsync.yaml (desired) + a workspace snapshot (remote) -> Plan, as data. Pure: no I/O, no
// clock, no reading of the process environment (it arrives as data, for resolving secrets to compare).
import type { Config } from '../config/types.js';
import { configDigest } from './fingerprint.js';
import { planFunction } from './function-plan.js';
import { linkAndBlockDeletes } from './link-deletes.js';
import { comparableCode } from './marker.js';
import { variablesNeeded } from './variables.js';
import { matchFunctions, type FunctionMatch } from './match-functions.js';
import { PlanState, type PlanInput } from './plan-state.js';
import { listUnmanaged } from './unmanaged.js';
import { PLAN_FORMAT_VERSION, type Change, type Plan, type PlanSummary } from './types.js';

// Sources first, so destination functions can connect to sources this plan creates, and destinations
// before insert functions, which attach to them.
const TYPE_ORDER = ['source', 'destination', 'insert-destination', 'insert-source'];

/** Computes the plan that makes the workspace match the config. */
export function buildPlan(config: Config, input: PlanInput): Plan {
  const state = new PlanState(input);
  const targets = input.options?.targets;
  const matching = matchFunctions(config.functions, input.snapshot.functions);
  state.errors.push(...matching.errors);
  state.warnings.push(...matching.warnings);
  const inScope = (m: FunctionMatch) => !targets || targets.includes(m.mode === 'delete' ? m.marker.name : m.config.name);
  if (targets) {
    const known = new Set(matching.matches.map((m) => (m.mode === 'delete' ? m.marker.name : m.config.name)));
    for (const t of targets.filter((t) => !known.has(t))) {
      state.errors.push({ address: `function.${t}`, message: `--target ${t}: no function of that name in fnsync.yaml or managed in the workspace` });
    }
  }
  const order = (m: FunctionMatch) => TYPE_ORDER.indexOf(m.mode === 'delete' ? m.remote.type : m.config.type);
  const ordered = matching.matches.filter(inScope).sort((a, b) => order(a) - order(b));
  for (const match of ordered) planFunction(state, match);
  linkAndBlockDeletes(state);
  warnLookalikeRenames(state);
  warnUnsetVariables(state);
  return {
    formatVersion: PLAN_FORMAT_VERSION,
    workspace: { ...input.snapshot.workspace },
    config: { file: input.provenance.config, digest: configDigest(config) },
    ...(targets ? { targets: [...targets] } : {}),
    changes: state.changes,
    steps: state.steps,
    unmanaged: listUnmanaged(input.snapshot, matching),
    blocked: state.blocked,
    warnings: state.warnings,
    errors: state.errors,
    secrets: state.secrets,
    summary: summarise(state.changes),
    fingerprints: state.fingerprints,
    ...(input.options?.skipTests ? { skipTests: true } : {}),
  };
}

/** Terraform's counts: a replace adds one and destroys one. */
export function summarise(changes: Change[]): PlanSummary {
  const s: PlanSummary = { add: 0, change: 0, destroy: 0 };
  for (const c of changes) {
    if (c.action === 'create') s.add++;
    else if (c.action === 'delete') s.destroy++;
    else if (c.action === 'replace') {
      s.add++;
      s.destroy++;
    } else s.change++;
  }
  return s;
}

/**
 * A delete and a create of the same type and code is probably a rename of the key. Recreating loses
 * the workspace function's history, and for a source function its source's webhook URL and write key.
 */
function warnLookalikeRenames(state: PlanState): void {
  const fns = state.changes.filter((c) => c.kind === 'function');
  for (const created of fns.filter((c) => c.action === 'create')) {
    const removed = fns.find((c) => c.action === 'delete' && c.type === created.type && state.snapshot.functions.some((f) => f.id === c.remoteId && sameBody(f.code, created.code?.new)));
    if (!removed) continue;
    const extra = created.type === 'source' ? ' Recreating a source function gives its sources new webhook URLs and write keys.' : '';
    state.warnings.push(
      `${created.address} is created and ${removed.address} deleted with the same code: if this is a rename, add "renamedFrom: ${removed.name}" to functions.${created.name} to update it in place.${extra}`,
    );
  }
}

/** Variables the steps must send but this environment lacks: apply would refuse, so say it now. */
function warnUnsetVariables(state: PlanState): void {
  for (const [name, where] of variablesNeeded(state.steps)) {
    if (state.input.env[name] !== undefined) continue;
    state.warnings.push(`${name} is not set here, and apply must send it (${[...where].join(', ')}): set it before fnsync apply`);
  }
}

function sameBody(remoteCode: string, newCode: string | undefined): boolean {
  return newCode !== undefined && comparableCode(remoteCode) === newCode;
}
