// GitHub refuses a comment over 65,536 characters (and a job summary over 1 MiB), so a long plan is
// fitted in steps, each only as far as needed: shorten the long lists of the tail (unmanaged
// resources first: a count and the first names), collapse resources to their one-line headline (the
// largest first; a longer list comes back when that made room), leave resources out from the end, and,
// if the fixed parts alone are still too long,
// cut the text at a line, closing every code fence and <details> block left open. The end (next
// steps) is always shown whole. Whatever was cut is said in a notice near the top, with where the
// whole plan is. Sizes are measured in UTF-8 bytes by the callers: never fewer than GitHub's characters.

/** GitHub's limit for an issue or pull-request comment body (measured here in UTF-8 bytes, to be safe). */
export const GITHUB_COMMENT_LIMIT = 65_536;

/** UTF-8 bytes: the measure to use against GitHub's limits (a character is never more than its bytes). */
export const utf8Bytes = (text: string): number => Buffer.byteLength(text, 'utf8');

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
  /** Shown after the items. */
  tail: string;
  /** Ever shorter versions of `tail` (long lists cut to their first entries), tried before any resource is collapsed. */
  shorterTails?: string[];
  /** Shown last and always whole (the next steps). */
  end?: string;
  /** Where the whole document can be read, in words (markdown), for the notice. */
  wholeAt: string;
  limit: number;
  /** Length of a text as the limit counts it (default: UTF-8 bytes). */
  measure?: (text: string) => number;
}

/** What fitting did, for the caller and for tests. */
export interface FitResult {
  text: string;
  /** How many of the shorter tails were needed (0: the tail is whole). */
  shortened: number;
  collapsed: number;
  omitted: number;
  cut: boolean;
}

const SEPARATOR = '\n\n';
const CUT_LINE = '*(the rest of this text was cut to fit)*';

/** The document, under `limit`, saying what was left out. */
export function fitDocument(input: FitInput): FitResult {
  const measure = input.measure ?? utf8Bytes;
  // A shorter tail that is no shorter (no long list to cut) is skipped: the notice would say it was cut.
  const tails = [input.tail, ...(input.shorterTails ?? [])].filter((t, i, all) => i === 0 || t !== all[i - 1]);
  const end = input.end ?? '';
  let tailIndex = 0;
  const state: ('full' | 'collapsed' | 'omitted')[] = input.items.map(() => 'full');
  const count = (s: string) => state.filter((x) => x === s).length;
  const noticeText = () => notice(tailIndex > 0, count('collapsed'), count('omitted'), input.wholeAt);
  const assemble = (withNotice: boolean, withEnd = true) => {
    const shown = input.items.flatMap((item, i) => (state[i] === 'omitted' ? [] : [state[i] === 'full' ? item.full : item.collapsed]));
    const omitted = count('omitted');
    const parts = [input.head, ...(withNotice ? [noticeText()] : []), ...shown];
    if (omitted > 0) parts.push(omittedLine(omitted, input.wholeAt));
    parts.push(tails[tailIndex]!);
    if (withEnd) parts.push(end);
    return parts.filter((p) => p !== '').join(SEPARATOR);
  };
  const result = (cut = false, text = assemble(true)): FitResult => ({ text, shortened: tailIndex, collapsed: count('collapsed'), omitted: count('omitted'), cut });
  const whole = assemble(false);
  if (measure(whole) <= input.limit) return { text: whole, shortened: 0, collapsed: 0, omitted: 0, cut: false };

  // Sizes are added up instead of assembling the text at every step: thousands of resources stay fast.
  // The sum counts a separator for every part, empty ones too: it may overestimate, never underestimate.
  const sep = measure(SEPARATOR);
  const sizes = input.items.map((item) => ({ full: measure(item.full) + sep, collapsed: measure(item.collapsed) + sep }));
  let itemsSize = sizes.reduce((sum, x) => sum + x.full, 0);
  const fixed = () => measure(input.head) + measure(tails[tailIndex]!) + measure(end) + 4 * sep;
  const fits = () => {
    const omitted = count('omitted');
    const extra = measure(noticeText()) + (omitted > 0 ? measure(omittedLine(omitted, input.wholeAt)) + sep : 0);
    return fixed() + itemsSize + extra <= input.limit;
  };
  const done = (): FitResult | undefined => {
    if (!fits()) return undefined;
    const fitted = result();
    return measure(fitted.text) <= input.limit ? fitted : undefined;
  };
  /** Once resources are collapsed or left out, the room they gave back may fit a longer tail again. */
  const doneWithLongestTail = (): FitResult | undefined => {
    let fitted = done();
    if (!fitted) return undefined;
    while (tailIndex > 0) {
      tailIndex--;
      const longer = done();
      if (!longer) {
        tailIndex++;
        break;
      }
      fitted = longer;
    }
    return fitted;
  };
  for (tailIndex = 1; tailIndex < tails.length; tailIndex++) {
    const fitted = done();
    if (fitted) return fitted;
  }
  tailIndex = tails.length - 1;
  const bySaving = sizes.map((x, i) => ({ i, saving: x.full - x.collapsed })).sort((a, b) => b.saving - a.saving);
  for (const { i } of bySaving) {
    state[i] = 'collapsed';
    itemsSize -= sizes[i]!.full - sizes[i]!.collapsed;
    const fitted = doneWithLongestTail();
    if (fitted) return fitted;
  }
  for (let i = input.items.length - 1; i >= 0; i--) {
    state[i] = 'omitted';
    itemsSize -= sizes[i]!.collapsed;
    const fitted = doneWithLongestTail();
    if (fitted) return fitted;
  }
  // The head and tail alone are too long (a table of thousands of rows, thousands of warnings): cut
  // the text at a line, close what is open, and keep the end.
  const closing = [CUT_LINE, end].filter(Boolean).join(SEPARATOR);
  const budget = input.limit - measure(SEPARATOR + closing);
  return result(true, `${cutMarkdown(assemble(true, false), budget, measure)}${SEPARATOR}${closing}`);
}

/** What is open after a line: a code fence (its backticks) and how many <details> blocks. */
interface OpenBlocks {
  fence: string | undefined;
  details: number;
}

/**
 * The longest run of whole lines of `text` that, with every code fence and <details> block it leaves
 * open closed after it, is at most `budget` long. Never a line cut in two, never a block left open.
 */
export function cutMarkdown(text: string, budget: number, measure: (text: string) => number = utf8Bytes): string {
  const lines = text.split('\n');
  const open: OpenBlocks = { fence: undefined, details: 0 };
  let size = 0;
  let best = { lines: 0, closers: '' };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    size += measure(line) + (i > 0 ? 1 : 0);
    track(open, line);
    const closers = closersFor(open);
    if (size + measure(closers) > budget) {
      // Later lines can only close blocks, never make the text shorter: but a closing line may
      // be cheaper than its closers, so keep looking while the size alone still fits.
      if (size > budget) break;
      continue;
    }
    best = { lines: i + 1, closers };
  }
  return `${lines.slice(0, best.lines).join('\n')}${best.closers}`;
}

function track(open: OpenBlocks, line: string): void {
  const ticks = /^\s{0,3}(`{3,})/.exec(line)?.[1];
  if (open.fence) {
    // CommonMark: a closing fence is at least as long as the opening one and has nothing after it.
    if (ticks && ticks.length >= open.fence.length && line.trim() === ticks) open.fence = undefined;
    return;
  }
  if (ticks) {
    open.fence = ticks;
    return;
  }
  open.details += (line.match(/<details[\s>]/g) ?? []).length - (line.match(/<\/details>/g) ?? []).length;
  if (open.details < 0) open.details = 0;
}

function closersFor(open: OpenBlocks): string {
  return `${open.fence ? `\n${open.fence}` : ''}${'\n\n</details>'.repeat(open.details)}`;
}

function omittedLine(omitted: number, wholeAt: string): string {
  return `*…and ${omitted} more resource${omitted === 1 ? '' : 's'}, left out here: ${wholeAt}.*`;
}

function notice(shortened: boolean, collapsed: number, omitted: number, wholeAt: string): string {
  const what = [
    ...(shortened ? ['long lists show only their first entries'] : []),
    ...(collapsed > 0 ? [`the details of ${collapsed} resource${collapsed === 1 ? ' are' : 's are'} collapsed to one line`] : []),
    ...(omitted > 0 ? [`${omitted} resource${omitted === 1 ? ' is' : 's are'} left out`] : []),
  ];
  const list = what.length > 1 ? `${what.slice(0, -1).join(', ')} and ${what.at(-1)}` : what[0];
  const done = list ? `: ${list}` : ': the end is cut';
  return `> [!NOTE]\n> This is shortened to fit GitHub's size limit${done}. The whole plan: ${wholeAt}.`;
}
