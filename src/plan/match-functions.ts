// Ownership with no state file: which workspace function each config entry is, decided from the
// workspace alone. A function is fnsync's when its code carries fnsync's marker; the marker's name is
// the local name that owns it. `renamedFrom:` follows a renamed key, `adopt:` takes over an unmarked
// function, and an unmarked function with the same type and display name as a new entry is a conflict
// (fnsync never takes over a function nobody told it to). Everything else is unmanaged and left alone.
import type { RemoteFunction } from '../api/types.js';
import type { FunctionDefinition } from '../config/types.js';
import { parseMarker, type MarkerData } from './marker.js';
import type { PlanError } from './types.js';

/** How a config entry relates to the workspace. */
export type FunctionMatch =
  | { mode: 'create'; config: FunctionDefinition }
  | { mode: 'managed' | 'renamed' | 'adopted'; config: FunctionDefinition; remote: RemoteFunction; marker: MarkerData | undefined }
  | { mode: 'delete'; remote: RemoteFunction; marker: MarkerData };

/** The matching of a whole config. */
export interface FunctionMatching {
  matches: FunctionMatch[];
  /** Unmarked functions no entry adopts. */
  unmanaged: RemoteFunction[];
  errors: PlanError[];
  warnings: string[];
}

/** Matches every config function to at most one workspace function. */
export function matchFunctions(functions: FunctionDefinition[], remote: RemoteFunction[]): FunctionMatching {
  const errors: PlanError[] = [];
  const warnings: string[] = [];
  const markers = new Map(remote.map((r) => [r.id, parseMarker(r.code)]));
  const byMarkerName = new Map<string, RemoteFunction>();
  for (const r of remote) {
    const m = markers.get(r.id);
    if (!m) continue;
    const seen = byMarkerName.get(m.name);
    if (seen) {
      errors.push({
        address: `function.${m.name}`,
        message: `two workspace functions carry fnsync's marker for '${m.name}': ${seen.displayName} (${seen.id}) and ${r.displayName} (${r.id})`,
        hint: 'one was copied in the Segment app with its code; delete the copy, or remove the fnsync-managed line from its code so fnsync leaves it alone',
      });
      continue;
    }
    byMarkerName.set(m.name, r);
  }

  const claimed = new Set<string>();
  const matches: FunctionMatch[] = [];
  const configNames = new Set(functions.map((f) => f.name));
  for (const fn of functions) {
    const match = matchOne(fn, remote, markers, byMarkerName, configNames, claimed, errors, warnings);
    if (match.mode !== 'create') claimed.add(match.remote.id);
    matches.push(match);
  }
  for (const r of remote) {
    const m = markers.get(r.id);
    if (claimed.has(r.id) || !m || byMarkerName.get(m.name) !== r) continue;
    matches.push({ mode: 'delete', remote: r, marker: m });
    claimed.add(r.id);
  }
  const unmanaged = remote.filter((r) => !claimed.has(r.id) && !markers.get(r.id));
  return { matches, unmanaged, errors, warnings };
}

function matchOne(
  fn: FunctionDefinition,
  remote: RemoteFunction[],
  markers: Map<string, MarkerData | undefined>,
  byMarkerName: Map<string, RemoteFunction>,
  configNames: Set<string>,
  claimed: Set<string>,
  errors: PlanError[],
  warnings: string[],
): FunctionMatch {
  const address = `function.${fn.name}`;
  const own = byMarkerName.get(fn.name);
  if (own && !claimed.has(own.id)) return { mode: 'managed', config: fn, remote: own, marker: markers.get(own.id) };
  if (fn.renamedFrom) {
    const old = byMarkerName.get(fn.renamedFrom);
    if (old && !claimed.has(old.id) && !configNames.has(fn.renamedFrom)) {
      return { mode: 'renamed', config: fn, remote: old, marker: markers.get(old.id) };
    }
  }
  if (fn.adopt) {
    const target = remote.find((r) => r.id === fn.adopt);
    const marker = target ? markers.get(target.id) : undefined;
    if (!target) {
      // Inert once applied: the same config may meet another workspace, or the function may be gone.
      // Creating is safe: an unmarked function of the same name still stops the plan as a conflict below.
      warnings.push(`${address}: adopt: ${fn.adopt} is not a function in this workspace, so it is created (remove adopt: once it no longer applies)`);
      return matchNew(fn, remote, markers, errors);
    } else if (marker && marker.name !== fn.name) {
      errors.push({ address, message: `adopt: ${fn.adopt} is already managed by fnsync as '${marker.name}'`, hint: `use renamedFrom: ${marker.name} to take it over under the new name` });
    } else if (target.type !== fn.type) {
      errors.push({ address, message: `adopt: ${fn.adopt} is a ${target.type} function, but fnsync.yaml says type: ${fn.type}`, hint: 'adopt it with its own type; change the type afterwards if you mean to replace it' });
    } else if (claimed.has(target.id)) {
      errors.push({ address, message: `adopt: ${fn.adopt} is adopted by another function in fnsync.yaml too`, hint: 'a workspace function can be managed by one entry only; remove adopt: from all but one' });
    } else {
      return { mode: 'adopted', config: fn, remote: target, marker };
    }
    return { mode: 'create', config: fn };
  }
  return matchNew(fn, remote, markers, errors);
}

/** A config function with no workspace counterpart: created, unless an unmarked function of the same name is in the way. */
function matchNew(fn: FunctionDefinition, remote: RemoteFunction[], markers: Map<string, MarkerData | undefined>, errors: PlanError[]): FunctionMatch {
  const address = `function.${fn.name}`;
  const lookalike = remote.find((r) => r.type === fn.type && r.displayName === fn.displayName && !markers.get(r.id));
  if (lookalike) {
    errors.push({
      address,
      message: `the workspace already has a ${fn.type} function named '${fn.displayName}' (${lookalike.id}) that fnsync does not manage`,
      hint: `to manage it with fnsync, add "adopt: ${lookalike.id}" to functions.${fn.name} (fnsync import writes entries like this for you); otherwise give the new function another displayName`,
    });
  }
  return { mode: 'create', config: fn };
}
