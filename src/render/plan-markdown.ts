// The plan as GitHub markdown, for the pull-request comment and the job summary: the summary line, the
// commit it was planned at, one collapsible block per resource holding the same lines as the text plan
// (a `diff` block, code hunks included), secrets, unmanaged resources, warnings, a link to the run and
// next steps, fitted under the size limit. Pure; secrets cannot leak from here (the Plan holds none),
// and workspace text only goes into code fences or escaped <code>.
import type { Change, Plan } from '../plan/types.js';
import { fitDocument, type FitItem, type FitResult } from './comment-fit.js';
import { details, escapeHtml, fence } from './markdown.js';
import { changeBodyLines, changeHeadline, renderNotes, renderSecrets, renderUnmanaged, SYMBOL } from './plan-text.js';
import { planSummaryLine } from './plan-words.js';
import { escapeControlDeep } from './terminal-safe.js';

/** Why the plan is shown: a pull request's plan, or the scheduled check that the workspace still matches main. */
export type PlanPurpose = 'plan' | 'drift';

/** Everything the markdown says besides the plan itself. */
export interface PlanMarkdownOptions {
  /** The hidden marker (comment-marker.ts), first in the text; empty for none. */
  marker: string;
  purpose: PlanPurpose;
  /** The commit planned at (a pull request's head). */
  commit?: string;
  /** The workflow run, for the link. */
  runUrl?: string;
  /** Where the whole plan is when this one is shortened, in words (markdown). */
  wholeAt: string;
  limit: number;
  measure?: (text: string) => number;
  diffContext?: number;
}

/** The plan as markdown, under the limit. */
export function renderPlanMarkdown(original: Plan, options: PlanMarkdownOptions): FitResult {
  const plan = escapeControlDeep(original);
  return fitDocument({
    head: [options.marker, ...planHead(plan, options)].filter(Boolean).join('\n\n'),
    items: resourceItems(plan, options.diffContext),
    tail: planTail(plan, options, Infinity),
    // A long unmanaged list goes first (it is context, the changes are the point): as many of its first names as
    // fit (halving down to 20), then its counts only; the secrets and warnings lists after that, to their first entries.
    shorterTails: [...unmanagedSteps(plan.unmanaged.length).map((n) => planTail(plan, options, n)), planTail(plan, options, 0), planTail(plan, options, 0, LIST_SHOWN)],
    end: nextSteps(plan, options.purpose),
    wholeAt: options.wholeAt,
    limit: options.limit,
    ...(options.measure ? { measure: options.measure } : {}),
  });
}

/** One full and one collapsed block per resource (shared with the apply markdown). */
export function resourceItems(plan: Plan, diffContext = 3): FitItem[] {
  return plan.changes.map((change) => {
    const summary = headline(change);
    return { full: details(summary, fence(changeBodyLines(change, diffContext), 'diff')), collapsed: `${summary} *(details cut to fit)*` };
  });
}

const TESTED: Record<string, string> = { tested: ' · code tested', failing: ' · **code: TESTS FAIL**', untested: ' · **code UNTESTED**' };

function headline(change: Change): string {
  const id = change.remoteId ? ` [${change.remoteId}]` : '';
  // The test status stays visible when the body is collapsed: reviewers look for untested code first.
  const tested = change.kind === 'function' && change.test ? TESTED[change.test] : '';
  return `<code>${escapeHtml(`${SYMBOL[change.action]} ${changeHeadline(change)}${id}`)}</code>${tested}`;
}

function summarySentence(plan: Plan): string {
  if (plan.errors.length > 0) return `Plan failed: ${plan.errors.length} problem${plan.errors.length === 1 ? '' : 's'}; nothing can be applied.`;
  return planSummaryLine(plan);
}

function planHead(plan: Plan, options: PlanMarkdownOptions): string[] {
  const title = options.purpose === 'drift' ? 'fnsync drift check' : 'fnsync plan';
  const where = [
    ...(options.commit ? [`${options.purpose === 'drift' ? 'Checked' : 'Planned'} at commit \`${escapeHtml(options.commit)}\``] : []),
    ...(options.runUrl ? [`[workflow run](${options.runUrl})`] : []),
  ].join(' · ');
  const drift = options.purpose === 'drift' && plan.changes.length > 0 ? 'The workspace no longer matches the configuration: ' : '';
  return [`### ${title} · workspace <code>${escapeHtml(plan.workspace.slug)}</code>`, `**${drift}${summarySentence(plan)}**`, where];
}

/** The fewest unmanaged names a shortened list still shows, and the entries of the other lists at the last step. */
const UNMANAGED_SHOWN = 20;
const LIST_SHOWN = 20;

/** How many unmanaged names each shorter tail shows: halving from the whole list down to UNMANAGED_SHOWN. */
function unmanagedSteps(count: number): number[] {
  const steps: number[] = [];
  for (let n = Math.floor(count / 2); n > UNMANAGED_SHOWN; n = Math.floor(n / 2)) steps.push(n);
  return [...steps, UNMANAGED_SHOWN];
}

/** Secrets, unmanaged resources and notes; `unmanagedShown` / `listShown` cap those lists, saying how many more there are. */
function planTail(plan: Plan, options: PlanMarkdownOptions, unmanagedShown: number, listShown = Infinity): string {
  const parts: string[] = [];
  const secrets = renderSecrets(plan).filter(Boolean);
  if (secrets.length > 0) parts.push(details(`Secrets (${plan.secrets.length})`, fence(capped(secrets.slice(1).map((l) => l.trim()), listShown, options.wholeAt))));
  const unmanaged = renderUnmanaged(plan).filter(Boolean);
  if (unmanaged.length > 0) {
    const names = unmanaged.slice(1).map((l) => l.trim());
    if (unmanagedShown === 0) parts.push(`${escapeHtml(unmanaged[0]!)} *(not listed here: ${options.wholeAt})*`);
    else parts.push(details(escapeHtml(unmanaged[0]!), fence(capped(names, unmanagedShown, options.wholeAt))));
  }
  const notes = renderNotes(plan).filter(Boolean);
  if (notes.length > 0) parts.push(fence(capped(notes, listShown, options.wholeAt)));
  return parts.join('\n\n');
}

/** The first `shown` lines, and one saying how many more there are (inside the fence: plain text). */
function capped(lines: string[], shown: number, wholeAt: string): string[] {
  if (lines.length <= shown) return lines;
  const more = lines.length - shown;
  return [...lines.slice(0, shown), `…and ${more} more (the whole list: ${plainWhere(wholeAt)})`];
}

/** `wholeAt` without markdown, for a line inside a code fence. */
function plainWhere(wholeAt: string): string {
  return wholeAt.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/`/g, '');
}

function nextSteps(plan: Plan, purpose: PlanPurpose): string {
  if (plan.errors.length > 0) return '**Next steps:** fix the problems above and push; nothing can be applied until the plan has none.';
  if (purpose === 'drift') {
    return plan.changes.length === 0
      ? 'Nothing to do: the workspace matches the configuration on main.'
      : '**Next steps:** someone changed the workspace outside fnsync. To keep the change, put it into the repository in a pull request and merge it (code edits into the function\'s code file, settings and names into fnsync.yaml). To undo it, re-run the last apply run on main (Actions → the fnsync workflow → the latest push to main → Re-run jobs), or merge any change: apply runs on every push to main and brings the workspace back to the configuration; or revert the edit by hand in Segment.';
  }
  return plan.changes.length === 0
    ? 'Merging this pull request changes nothing in this workspace.'
    : '**Next steps:** review the changes above. Merging this pull request applies them (`fnsync apply` on main); every push updates this comment.';
}
