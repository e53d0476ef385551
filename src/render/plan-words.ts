// The fixed sentences of plan and apply output, shared by the text, markdown and JSON renderers so a
// script grepping for them finds the same words everywhere.
import type { Plan, PlanSummary } from '../plan/types.js';

/** `Plan: X to add, Y to change, Z to destroy.` or the no-changes sentence. */
export function planSummaryLine(plan: Pick<Plan, 'changes' | 'summary'>): string {
  if (plan.changes.length === 0) return 'No changes. The workspace matches the configuration.';
  const s = plan.summary;
  return `Plan: ${s.add} to add, ${s.change} to change, ${s.destroy} to destroy.`;
}

/** `Apply complete! Resources: X added, Y changed, Z destroyed.` */
export function applyCompleteLine(s: PlanSummary): string {
  return `Apply complete! Resources: ${s.add} added, ${s.change} changed, ${s.destroy} destroyed.`;
}
