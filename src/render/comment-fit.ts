// GitHub refuses a comment over 65,536 characters (and a job summary over 1 MiB), so a long plan is
// fitted in three steps, each only as far as needed: collapse resources to their one-line headline
// (the largest first), then leave resources out from the end, then, if the fixed parts alone are too
// long, cut the text. Whatever was cut is said in a notice near the top, with where the whole plan is.

/** GitHub's limit for an issue or pull-request comment body. */
export const GITHUB_COMMENT_LIMIT = 65_536;

/** One resource: its full block and its one-line collapsed form. */
export interface FitItem {
  full: string;
  collapsed: string;
}

/** The parts of a document to fit. */
export interface FitInput {
  /** Always shown, before the notice. */
  head: string;
  items: FitItem[];
  /** Always shown after the items (hard-cut only as a last resort). */
  tail: string;
  /** Where the whole document can be read, in words (markdown), for the notice. */
  wholeAt: string;
  limit: number;
  /** Length of a text as the limit counts it (default: UTF-16 units, never fewer than GitHub's characters). */
  measure?: (text: string) => number;
}

/** What fitting did, for the caller and for tests. */
export interface FitResult {
  text: string;
  collapsed: number;
  omitted: number;
  cut: boolean;
}

const CUT_LINE = '\n\n*(the rest of this text was cut to fit)*';

/** The document, under `limit`, saying what was left out. */
export function fitDocument(input: FitInput): FitResult {
  const measure = input.measure ?? ((t: string) => t.length);
  const state: ('full' | 'collapsed' | 'omitted')[] = input.items.map(() => 'full');
  const count = (s: string) => state.filter((x) => x === s).length;
  const assemble = (withNotice: boolean) => {
    const shown = input.items.flatMap((item, i) => (state[i] === 'omitted' ? [] : [state[i] === 'full' ? item.full : item.collapsed]));
    const omitted = count('omitted');
    const parts = [input.head, ...(withNotice ? [notice(count('collapsed'), omitted, input.wholeAt)] : []), ...shown];
    if (omitted > 0) parts.push(omittedLine(omitted, input.wholeAt));
    parts.push(input.tail);
    return parts.filter((p) => p !== '').join(SEPARATOR);
  };
  const result = (cut = false, text = assemble(true)): FitResult => ({ text, collapsed: count('collapsed'), omitted: count('omitted'), cut });
  const whole = assemble(false);
  if (measure(whole) <= input.limit) return { text: whole, collapsed: 0, omitted: 0, cut: false };

  // Sizes are added up instead of assembling the text at every step: thousands of resources stay fast.
  const sep = measure(SEPARATOR);
  const sizes = input.items.map((item) => ({ full: measure(item.full) + sep, collapsed: measure(item.collapsed) + sep }));
  let itemsSize = sizes.reduce((sum, x) => sum + x.full, 0);
  const fixed = measure(input.head) + measure(input.tail) + 2 * sep;
  const fits = () => {
    const omitted = count('omitted');
    const extra = measure(notice(count('collapsed'), omitted, input.wholeAt)) + (omitted > 0 ? measure(omittedLine(omitted, input.wholeAt)) + sep : 0);
    return fixed + itemsSize + extra <= input.limit;
  };
  const bySaving = sizes.map((x, i) => ({ i, saving: x.full - x.collapsed })).sort((a, b) => b.saving - a.saving);
  for (const { i } of bySaving) {
    state[i] = 'collapsed';
    itemsSize -= sizes[i]!.full - sizes[i]!.collapsed;
    if (fits()) return result();
  }
  for (let i = input.items.length - 1; i >= 0; i--) {
    state[i] = 'omitted';
    itemsSize -= sizes[i]!.collapsed;
    if (fits()) return result();
  }
  // The head and tail alone are too long (thousands of warnings or unmanaged resources): cut the text.
  const text = assemble(true);
  const budget = input.limit - measure(CUT_LINE);
  let low = 0;
  let high = text.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (measure(text.slice(0, mid)) <= budget) low = mid;
    else high = mid - 1;
  }
  return result(true, `${text.slice(0, low)}${CUT_LINE}`);
}

const SEPARATOR = '\n\n';

function omittedLine(omitted: number, wholeAt: string): string {
  return `*…and ${omitted} more resource${omitted === 1 ? '' : 's'}, left out here: ${wholeAt}.*`;
}

function notice(collapsed: number, omitted: number, wholeAt: string): string {
  const what = [
    ...(collapsed > 0 ? [`the details of ${collapsed} resource${collapsed === 1 ? ' are' : 's are'} collapsed to one line`] : []),
    ...(omitted > 0 ? [`${omitted} resource${omitted === 1 ? ' is' : 's are'} left out`] : []),
  ];
  const done = what.length > 0 ? `: ${what.join(' and ')}` : ': the end is cut';
  return `> [!NOTE]\n> This is shortened to fit GitHub's size limit${done}. The whole plan: ${wholeAt}.`;
}
