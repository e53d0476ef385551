// YAML syntax errors in plain words. The parser's messages use its own jargon ("Nested mappings are not allowed in
// compact mappings") and point where it noticed the problem, often the line before the one a person would fix. Each
// translation says what is wrong in terms of indentation, colons, dashes and quotes, and moves to the line to edit.
// Values are never echoed (a value may be a secret); key names are.
import type { LineCol } from './yaml-source.js';

/** A translated error: where to look, what is wrong, and how to fix it. */
export interface ExplainedYamlError extends LineCol {
  message: string;
  hint?: string;
}

const NESTING = 'YAML uses indentation to nest values';

interface Line {
  number: number;
  indent: number;
  text: string;
  key: string | undefined;
}

function lineAt(lines: string[], n: number): Line | undefined {
  const text = lines[n - 1];
  if (text === undefined) return undefined;
  const indent = text.length - text.trimStart().length;
  const key = /^\s*(?:-\s+)?([^\s:#'"][^:#]*?|"[^"]*"|'[^']*'):(?:\s|$)/.exec(text)?.[1];
  return { number: n, indent, text, key };
}

/** The next (or previous) line with content, skipping blank lines and comments. */
function contentLine(lines: string[], from: number, step: 1 | -1): Line | undefined {
  for (let n = from; n >= 1 && n <= lines.length; n += step) {
    const l = lineAt(lines, n)!;
    const t = l.text.trim();
    if (t !== '' && !t.startsWith('#')) return l;
  }
  return undefined;
}

const spaces = (n: number) => `${n} space${n === 1 ? '' : 's'}`;
const named = (l: Line) => (l.key ? `'${l.key}' (line ${l.number})` : `line ${l.number}`);

/** Translates one parser error (its code, message and position); undefined keeps the parser's own words. */
export function explainYamlError(code: string, message: string, at: LineCol, text: string): ExplainedYamlError | undefined {
  const lines = text.split(/\r?\n/);
  const here = lineAt(lines, at.line);
  if (!here) return undefined;
  const start = (l: Line) => ({ line: l.number, col: l.indent + 1 });

  // `type:destination`: a key and its value with no space after the colon is one plain text to YAML, not a key.
  const glued = /^\s*(?:-\s+)?([A-Za-z_][\w.-]*):(?=[^\s:/])/.exec(here.text);
  if (glued && (code === 'MULTILINE_IMPLICIT_KEY' || (code === 'MISSING_CHAR' && /Implicit map keys/.test(message)))) {
    return {
      ...start(here),
      message: `'${glued[1]}' has no space after its ':', so YAML reads the whole line as one text instead of a key and its value`,
      hint: `add a space after the colon: '${glued[1]}: ...'`,
    };
  }
  if (code === 'TAB_AS_INDENT') {
    return { ...start(here), col: 1, message: 'this line is indented with a tab; YAML allows only spaces for indentation', hint: 'replace the tab with spaces' };
  }
  if (code === 'BLOCK_AS_IMPLICIT_KEY' && /block sequence/.test(message)) {
    return {
      ...start(here),
      message: 'a list item (-) cannot sit among the keys of a mapping',
      hint: 'put the list under a key of its own (key:, then the items indented below it), or write every entry as a list item',
    };
  }
  if (code === 'BLOCK_AS_IMPLICIT_KEY') {
    const next = contentLine(lines, at.line + 1, 1);
    // `-name: x` is read as a key named `-name`, and the item's next key then looks nested under it: the dash is it.
    const dashed = /^-[^\s-]/.test(here.text.trimStart()) ? missingDashSpace(here) : undefined;
    if (dashed) return dashed;
    const above = contentLine(lines, at.line - 1, -1);
    if (next && above && next.indent > here.indent && above.indent === next.indent && !isItem(above) && !isItem(here)) {
      // `code:` at 2 spaces between keys at 4: this line left its mapping, so the parser trips on the next line.
      // The line to fix is this one, less indented than the keys around it.
      return {
        ...start(here),
        message: `this line is indented less (${spaces(here.indent)}) than the keys around it (${named(above)} and ${named(next)}, ${spaces(above.indent)}); ${NESTING}, so keys of one mapping start at the same column`,
        hint: `indent it by ${spaces(above.indent)} to put it beside ${above.key ? `'${above.key}'` : 'the line above'}`,
      };
    }
    if (next && next.indent > here.indent) {
      // `type: source` followed by a deeper line: the deeper line is the mistake, and the place to look.
      return {
        ...start(next),
        message: `this line is indented more than ${named(here)} above it, which already has a value; ${NESTING}`,
        hint: `indent it by ${spaces(here.indent)} like ${here.key ? `'${here.key}'` : 'the line above'}, or remove the value after '${here.key ?? 'the key'}:' to nest it there`,
      };
    }
    return {
      line: at.line,
      col: at.col,
      message: "this value contains ': ', which YAML reads as the start of another key",
      hint: 'put the value in quotes, e.g. key: "a: b"',
    };
  }
  if (code === 'BAD_INDENT' && /^Flow (map|sequence)/.test(message)) {
    const open = message.startsWith('Flow map') ? '{' : '[';
    const close = open === '{' ? '}' : ']';
    for (let n = at.line - 1; n >= 1; n--) {
      const l = lineAt(lines, n)!;
      if (l.text.split(open).length > l.text.split(close).length) {
        return { line: n, col: l.text.indexOf(open) + 1, message: `the ${open} on this line is never closed`, hint: `add the missing ${close} at the end of this line` };
      }
    }
    return undefined;
  }
  if (code === 'BAD_INDENT') {
    const above = contentLine(lines, at.line - 1, -1);
    if (above && isItem(above) !== isItem(here) && above.indent === here.indent) {
      return {
        ...start(here),
        message: `this line is ${isItem(here) ? 'a list item' : 'a key'} where ${named(above)} is ${isItem(above) ? 'a list item' : 'a key'}: a list and a mapping cannot mix at one level`,
        hint: isItem(above) ? 'write it as a list item (- ...), or indent it under the item it belongs to' : 'put the list under a key of its own',
      };
    }
    const sibling = above && above.indent > here.indent ? findSibling(lines, above.number, here.indent) : above;
    const reference = sibling ?? above;
    if (!reference) return undefined;
    const rel = here.indent > reference.indent ? 'more' : 'less';
    // Between two levels (5 spaces under a key at 4 whose keys are at 6) the line may belong to either: name both,
    // the deeper one first, since a line is more often under-indented in its block than meant for the parent's.
    const parent = sibling && sibling.indent > here.indent ? parentOf(lines, sibling.number, sibling.indent) : undefined;
    const besideParent = parent && parent.indent < here.indent ? ` or by ${spaces(parent.indent)} to put it beside ${parent.key ? `'${parent.key}'` : `line ${parent.number}`}` : '';
    return {
      ...start(here),
      message: `this line is indented ${rel} (${spaces(here.indent)}) than ${named(reference)} above it (${spaces(reference.indent)}); ${NESTING}, so keys of one mapping start at the same column`,
      hint: `indent it by ${spaces(reference.indent)} to put it beside ${reference.key ? `'${reference.key}'` : 'that line'}${besideParent}`,
    };
  }
  if (code === 'MULTILINE_IMPLICIT_KEY') {
    const trimmed = here.text.trim();
    if (/^-[^\s-]/.test(trimmed)) return missingDashSpace(here);
    if (!trimmed.includes(':')) {
      return {
        ...start(here),
        message: "this line has no ':' after its key, so YAML reads it as text running into the next line",
        hint: `write it as a key, e.g. '${trimmed.split(/\s/)[0]!.slice(0, 40)}:'`,
      };
    }
    return undefined;
  }
  if (code === 'MISSING_CHAR' && /closing "?'?quote|Missing closing/.test(message)) {
    const quote = /"/.test(message) ? '"' : "'";
    for (let n = at.line; n >= 1; n--) {
      const l = lineAt(lines, n)!;
      if ((l.text.split(quote).length - 1) % 2 === 1) {
        return { line: n, col: l.text.indexOf(quote) + 1, message: `the ${quote === '"' ? 'double' : 'single'}-quoted text that starts here is never closed`, hint: `add the closing ${quote}` };
      }
    }
    return undefined;
  }
  if (code === 'BAD_SCALAR_START') {
    const char = /character (\S)/.exec(message)?.[1] ?? 'this character';
    return { line: at.line, col: at.col, message: `a value cannot start with ${char} unless it is quoted`, hint: `put the value in quotes, e.g. key: "${char}..."` };
  }
  return undefined;
}

const isItem = (l: Line) => l.text.trimStart().startsWith('-');

/** `-name: x`: the dash of a list item written without its space (the key is named, the value never echoed). */
function missingDashSpace(here: Line): ExplainedYamlError {
  const key = /^-([^\s:#'"][^:#]*?):(?:\s|$)/.exec(here.text.trimStart())?.[1];
  return {
    line: here.number,
    col: here.indent + 1,
    message: 'a list item needs a space after its dash',
    hint: `add a space after \`-\`${key ? `: write '- ${key}: ...'` : ''}`,
  };
}

/** The nearest line above `from` indented less than `indent`: the key the block at `from` belongs to. */
function parentOf(lines: string[], from: number, indent: number): Line | undefined {
  for (let n = from - 1; n >= 1; n--) {
    const l = contentLine(lines, n, -1);
    if (!l) return undefined;
    if (l.indent < indent) return l;
    n = l.number;
  }
  return undefined;
}

/** The nearest line above `from` indented exactly `indent`, stopping at a shallower one (its parent). */
function findSibling(lines: string[], from: number, indent: number): Line | undefined {
  for (let n = from; n >= 1; n--) {
    const l = contentLine(lines, n, -1);
    if (!l) return undefined;
    if (l.indent <= indent) return l.indent === indent ? l : findDeeperChild(lines, l.number, indent);
    n = l.number;
  }
  return undefined;
}

/** The first child of the parent at `parent` (its indentation is the one the mapping uses). */
function findDeeperChild(lines: string[], parent: number, indent: number): Line | undefined {
  const child = contentLine(lines, parent + 1, 1);
  return child && child.indent > indent ? child : undefined;
}
