// The apply result as GitHub markdown, for the merged pull request's comment and the job summary: the
// final line, the table of what was applied, failed or skipped, whether the plan applied is the one the
// pull request showed last, and the applied plan's resources (collapsed, fitted under the limit). Pure.
import type { Plan } from '../plan/types.js';
import type { ApplyOutcome } from './apply-text.js';
import { fitDocument, type FitResult } from './comment-fit.js';
import { escapeHtml, fence, tableCell } from './markdown.js';
import { resourceItems } from './plan-markdown.js';
import { applyCompleteLine, planSummaryLine } from './plan-words.js';
import { escapeControl, escapeControlDeep } from './terminal-safe.js';

/** Everything the markdown says besides the result. */
export interface ApplyMarkdownOptions {
  marker: string;
  /** The commit applied (main after the merge). */
  commit?: string;
  runUrl?: string;
  /** Digest of the plan applied, and of the last plan the pull request's comment showed (when there was one). */
  appliedDigest: string;
  plannedDigest?: string;
  /** True when this goes to a pull request's comment (the digest sentence is about that pull request). */
  forPullRequest: boolean;
  /** Why apply refused to start (nothing was changed): shown instead of the result table. */
  refused?: string;
  wholeAt: string;
  limit: number;
  measure?: (text: string) => number;
  diffContext?: number;
}

const STATUS: Record<string, string> = { applied: 'applied', failed: '**failed**', skipped: 'skipped' };

/** The apply result as markdown, under the limit. `outcome` undefined: the plan had nothing to do. */
export function renderApplyMarkdown(originalPlan: Plan, originalOutcome: ApplyOutcome, options: ApplyMarkdownOptions): FitResult {
  const plan = escapeControlDeep(originalPlan);
  const outcome = escapeControlDeep(originalOutcome);
  const head = [options.marker, `### fnsync apply · workspace <code>${escapeHtml(plan.workspace.slug)}</code>`];
  if (options.refused !== undefined) head.push('**Apply refused: nothing was changed.**', fence([escapeControl(options.refused)]));
  else head.push(`**${finalLine(plan, outcome)}**`);
  const where = [
    ...(options.commit ? [`${options.refused !== undefined ? 'Apply refused at commit' : 'Applied at commit'} \`${escapeHtml(options.commit)}\``] : []),
    ...(options.runUrl ? [`[workflow run](${options.runUrl})`] : []),
  ].join(' · ');
  if (where) head.push(where);
  const digest = options.refused === undefined ? digestSentence(options) : '';
  if (digest) head.push(digest);
  if (outcome.changes.length > 0 && options.refused === undefined) {
    head.push(
      ['| resource | action | status | detail |', '|---|---|---|---|', ...outcome.changes.map((c) => `| <code>${tableCell(c.address)}</code> | ${c.action} | ${STATUS[c.status]} | ${tableCell(c.message ?? '')} |`)].join('\n'),
    );
  }
  const items = resourceItems(plan, options.diffContext);
  return fitDocument({
    head: [...head.filter(Boolean), ...(items.length > 0 ? [options.refused !== undefined ? '**The plan refused:**' : '**The plan applied:**'] : [])].join('\n\n'),
    items,
    tail: '',
    end: outcome.ok
      ? ''
      : options.refused !== undefined
        ? '**Next steps:** fix the cause above and run the apply workflow again (re-run the job).'
        : '**Next steps:** fix the cause and run the apply workflow again (re-run the job): apply converges, creating nothing twice.',
    wholeAt: options.wholeAt,
    limit: options.limit,
    ...(options.measure ? { measure: options.measure } : {}),
  });
}

function finalLine(plan: Plan, outcome: ApplyOutcome): string {
  if (plan.changes.length === 0) return planSummaryLine(plan);
  if (outcome.ok) return applyCompleteLine(outcome.summary);
  const n = (s: string) => outcome.changes.filter((c) => c.status === s).length;
  return `Apply incomplete: ${n('applied')} applied, ${n('failed')} failed, ${n('skipped')} skipped.`;
}

function digestSentence(options: ApplyMarkdownOptions): string {
  const short = (d: string) => `\`${escapeHtml(d.replace(/^sha256:/, '').slice(0, 12))}\``;
  if (!options.forPullRequest) return '';
  if (!options.plannedDigest) return 'This pull request showed no fnsync plan for this workspace before it was merged.';
  if (options.plannedDigest === options.appliedDigest) return `The plan applied is the last plan this pull request showed (${short(options.appliedDigest)}).`;
  return (
    `> [!WARNING]\n> The plan applied (${short(options.appliedDigest)}) differs from the last plan this pull request showed (${short(options.plannedDigest)}): ` +
    'the workspace or main changed after that plan. The table shows what was applied.'
  );
}
