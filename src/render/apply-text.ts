// The result of an apply, per resource: applied, failed (with the API's message) or skipped (with the
// failure it waited on), as a table when anything went wrong, and Terraform's last line when all went
// right. Pure: the plan and the step results in, lines out.
import type { Change, Plan } from '../plan/types.js';
import { summarise } from '../plan/build-plan.js';
import type { PlanSummary } from '../plan/types.js';
import { applyCompleteLine } from './plan-words.js';
import { escapeControlDeep } from './terminal-safe.js';

/** What happened to one resource. */
export interface ChangeOutcome {
  address: string;
  action: Change['action'];
  status: 'applied' | 'failed' | 'skipped';
  message?: string;
}

/** What happened to the whole plan: the document `apply --json` prints as `result`. */
export interface ApplyOutcome {
  ok: boolean;
  changes: ChangeOutcome[];
  /** Counts of the resources fully applied. */
  summary: PlanSummary;
}

/** Structural view of the executor's results (render does not import apply). */
export interface StepOutcomes {
  results: { step: { address: string }; status: 'applied' | 'failed' | 'skipped'; message?: string }[];
}

/** Groups step results by resource. `result` undefined: nothing had to be done. */
export function applyOutcome(plan: Plan, result: StepOutcomes | undefined): ApplyOutcome {
  const changes = plan.changes.map((change): ChangeOutcome => {
    const steps = result?.results.filter((r) => r.step.address === change.address) ?? [];
    const failed = steps.find((s) => s.status === 'failed');
    const skipped = steps.find((s) => s.status === 'skipped');
    const status = failed ? 'failed' : skipped ? 'skipped' : 'applied';
    const message = (failed ?? skipped)?.message;
    return { address: change.address, action: change.action, status, ...(message ? { message } : {}) };
  });
  const applied = plan.changes.filter((_, i) => changes[i]!.status === 'applied');
  return { ok: changes.every((c) => c.status === 'applied'), changes, summary: summarise(applied) };
}

/** The final lines: Terraform's sentence, or the table of what was and was not done. */
export function renderApplyText(original: ApplyOutcome): string[] {
  const outcome = escapeControlDeep(original); // API messages are the server's text
  if (outcome.ok) return ['', applyCompleteLine(outcome.summary)];
  const count = (s: ChangeOutcome['status']) => outcome.changes.filter((c) => c.status === s).length;
  const width = Math.max(...outcome.changes.map((c) => c.address.length), 8);
  const rows = outcome.changes.map((c) => `  ${c.address.padEnd(width)}  ${c.status.padEnd(7)}  ${c.message ?? ''}`.trimEnd());
  return [
    '',
    'Apply failed part-way. What was and was not done:',
    `  ${'resource'.padEnd(width)}  ${'status'.padEnd(7)}  detail`,
    ...rows,
    '',
    `Apply incomplete: ${count('applied')} applied, ${count('failed')} failed, ${count('skipped')} skipped. ` +
      `${applyCompleteLine(outcome.summary).replace('Apply complete! ', '')} Fix the cause and run fnsync apply again: it converges.`,
  ];
}
