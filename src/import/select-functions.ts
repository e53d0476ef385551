// Which workspace functions an import takes: every unmanaged one (no fnsync marker, and no entry in
// fnsync.yaml adopts it), or only those named with --function (a display name or an id). A function
// fnsync already manages or an entry already adopts is never imported again: that would give one
// workspace function two owners.
import type { RemoteFunction } from '../api/types.js';
import { closestName } from '../config/closest-name.js';
import { UserError } from '../errors.js';
import { parseMarker } from '../plan/marker.js';
import { FUNCTION_TYPES } from '../vocabulary.js';
import type { RemoteRef, SkippedFunction } from './types.js';

/** What import needs to know about an existing fnsync.yaml (empty when there is none). */
export interface ExistingConfig {
  /** Local names (keys under `functions:`). */
  names: string[];
  /** `adopt:` ids, to the local name adopting each. */
  adopted: Map<string, string>;
  /** Every `${env:NAME}` the file references, so new variable names do not reuse one. */
  envNames: string[];
}

/** The functions to import, in output order, and the ones left alone. */
export interface Selection {
  candidates: RemoteFunction[];
  skipped: SkippedFunction[];
}

/** A function as the output names it. */
export function remoteRef(fn: RemoteFunction): RemoteRef {
  return { id: fn.id, type: fn.type, displayName: fn.displayName };
}

/** Why fnsync already owns a function, or undefined for an unmanaged one. */
function ownership(fn: RemoteFunction, existing: ExistingConfig): SkippedFunction | undefined {
  const marker = parseMarker(fn.code);
  if (marker) {
    if (existing.names.includes(marker.name)) return { remote: remoteRef(fn), kind: 'managed', reason: `managed by fnsync as functions.${marker.name}` };
    const reason = `carries fnsync's marker for '${marker.name}', which is not in fnsync.yaml (fnsync plan would delete it); restore that entry instead of importing it`;
    return { remote: remoteRef(fn), kind: 'orphaned', reason };
  }
  const adopter = existing.adopted.get(fn.id);
  if (adopter) return { remote: remoteRef(fn), kind: 'adopted', reason: `already adopted by functions.${adopter} in fnsync.yaml (fnsync apply adds the marker)` };
  return undefined;
}

/** Sources first, as plan orders them, then by display name: a stable order for names and output. */
function byTypeThenName(a: RemoteFunction, b: RemoteFunction): number {
  return FUNCTION_TYPES.indexOf(a.type) - FUNCTION_TYPES.indexOf(b.type) || a.displayName.localeCompare(b.displayName) || a.id.localeCompare(b.id);
}

/** Picks the functions to import; throws a UserError naming every selector that matches nothing usable. */
export function selectFunctions(functions: RemoteFunction[], existing: ExistingConfig, selectors: string[]): Selection {
  const sorted = [...functions].sort(byTypeThenName);
  if (selectors.length === 0) {
    const skipped: SkippedFunction[] = [];
    const candidates: RemoteFunction[] = [];
    for (const fn of sorted) {
      const owned = ownership(fn, existing);
      if (owned) skipped.push(owned);
      else candidates.push(fn);
    }
    return { candidates, skipped };
  }
  const errors: string[] = [];
  const chosen = new Set<RemoteFunction>();
  const unmanaged = sorted.filter((fn) => !ownership(fn, existing));
  for (const selector of selectors) {
    const found = findFunction(sorted, selector);
    if (found.length === 0) errors.push(unknownSelector(selector, unmanaged));
    else if (found.length > 1) {
      errors.push(`--function ${selector}: ${found.length} functions have that name (${found.map((f) => `${f.type} ${f.id}`).join(', ')}); pass the id instead`);
    } else {
      const owned = ownership(found[0]!, existing);
      if (owned) errors.push(`--function ${selector}: ${found[0]!.displayName} (${found[0]!.id}) is ${owned.reason}`);
      else chosen.add(found[0]!);
    }
  }
  if (errors.length > 0) throw new UserError(errors.join('\n'));
  return { candidates: sorted.filter((fn) => chosen.has(fn)), skipped: [] };
}

/** By id, then exact display name (with or without the workspace suffix), then ignoring case. */
function findFunction(functions: RemoteFunction[], selector: string): RemoteFunction[] {
  const byId = functions.filter((f) => f.id === selector);
  if (byId.length > 0) return byId;
  const exact = functions.filter((f) => f.displayName === selector || f.rawDisplayName === selector);
  if (exact.length > 0) return exact;
  return functions.filter((f) => f.displayName.toLowerCase() === selector.toLowerCase());
}

function unknownSelector(selector: string, unmanaged: RemoteFunction[]): string {
  if (unmanaged.length === 0) return `--function ${selector}: no function of that name or id in the workspace, and it has no unmanaged functions to import`;
  const hint = closestName(selector, unmanaged.map((f) => f.displayName));
  const list = unmanaged.map((f) => `  ${f.displayName} (${f.type}, ${f.id})`).join('\n');
  return `--function ${selector}: no function of that name or id in the workspace${hint ? ` (did you mean '${hint}'?)` : ''}; the unmanaged functions are:\n${list}`;
}
