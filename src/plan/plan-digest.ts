// The digest of what a plan shows a reviewer: the workspace and every change (code with fnsync's marker
// stripped, so the commit a marker names does not count). The pull-request comment keeps it, and apply
// on main compares its own plan's digest with it to say when what it applied is not what was reviewed.
import { digestOf } from './fingerprint.js';
import type { Plan } from './types.js';

/** `sha256:<hex>` of the plan's workspace id and changes; equal for plans that show the same changes. */
export function planDigest(plan: Pick<Plan, 'workspace' | 'changes'>): string {
  return digestOf({ workspace: plan.workspace.id, changes: plan.changes });
}
