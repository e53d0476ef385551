// A JSON file parsed with source positions (jsonc-parser, strict JSON: no comments, no trailing commas), so a problem
// in a `--settings`, request or event file points at a line and column the way fnsync.yaml's problems do.
import { parseTree, findNodeAtLocation, getNodeValue, ParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import type { Problem } from '../errors.js';
import type { LineCol, PathSegment } from './yaml-source.js';

/** The parsed file: plain data plus position lookups, the same shape of lookups as a YamlSource. */
export interface JsonSource {
  displayFile: string;
  data: unknown;
  /** Position of the value at `path` (or of its nearest existing ancestor). */
  valuePos(path: readonly PathSegment[]): LineCol;
  /** Position of the key naming the value at `path`; the value position for array items and the root. */
  keyPos(path: readonly PathSegment[]): LineCol;
  /** Later occurrences of a key written twice in one object (JSON.parse would silently keep the last). */
  duplicateKeys(): { path: PathSegment[]; key: string; first: LineCol; at: LineCol }[];
}

/** The source, or the first syntax problem (later ones are nearly always consequences of it). */
export type JsonParseResult = { ok: true; source: JsonSource } | { ok: false; problem: Problem };

// jsonc-parser's error codes, in words a person fixing the file would use.
const SYNTAX_WORDS: Partial<Record<ParseErrorCode, string>> = {
  [ParseErrorCode.InvalidSymbol]: 'this is not JSON here (strings need double quotes; true, false and null are lower case)',
  [ParseErrorCode.InvalidNumberFormat]: 'not a valid JSON number',
  [ParseErrorCode.PropertyNameExpected]: 'expected a property name in double quotes (a trailing comma before } is not allowed in JSON)',
  [ParseErrorCode.ValueExpected]: 'expected a value (a trailing comma before ] is not allowed in JSON)',
  [ParseErrorCode.ColonExpected]: 'expected a colon after the property name',
  [ParseErrorCode.CommaExpected]: 'expected a comma between the items',
  [ParseErrorCode.CloseBraceExpected]: 'expected } to close the object',
  [ParseErrorCode.CloseBracketExpected]: 'expected ] to close the list',
  [ParseErrorCode.EndOfFileExpected]: 'unexpected text after the JSON value (one file holds one value)',
  [ParseErrorCode.InvalidCommentToken]: 'JSON has no comments',
  [ParseErrorCode.UnexpectedEndOfComment]: 'JSON has no comments',
  [ParseErrorCode.UnexpectedEndOfString]: 'this string is never closed (a " is missing)',
  [ParseErrorCode.InvalidUnicode]: 'invalid \\u escape (it takes 4 hex digits)',
  [ParseErrorCode.InvalidEscapeCharacter]: 'invalid escape in a string (a backslash is written \\\\)',
  [ParseErrorCode.InvalidCharacter]: 'a control character (such as a tab or line break) inside a string must be escaped',
};

/** Parses strict JSON text keeping positions. */
export function parseJsonSource(text: string, displayFile: string): JsonParseResult {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const at = (offset: number): LineCol => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, col: offset - lineStarts[lo]! + 1 };
  };
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const error = errors[0];
  if (error || root === undefined) {
    const offset = error ? error.offset : 0;
    const message = error ? (SYNTAX_WORDS[error.error] ?? 'not valid JSON') : 'the file is empty: it must hold one JSON value';
    return { ok: false, problem: { file: displayFile, ...at(offset), message: `invalid JSON: ${message}` } };
  }
  const nodeAt = (path: readonly PathSegment[]): Node => {
    for (let n = path.length; n > 0; n--) {
      const node = findNodeAtLocation(root, [...path.slice(0, n)]);
      if (node) return node;
    }
    return root;
  };
  return {
    ok: true,
    source: {
      displayFile,
      data: getNodeValue(root) as unknown,
      valuePos: (path) => at(nodeAt(path).offset),
      keyPos: (path) => {
        const node = nodeAt(path);
        const key = node.parent?.type === 'property' ? node.parent.children?.[0] : undefined;
        return at((key ?? node).offset);
      },
      duplicateKeys: () => duplicatesIn(root, [], at),
    },
  };
}

function duplicatesIn(node: Node, path: PathSegment[], at: (offset: number) => LineCol): ReturnType<JsonSource['duplicateKeys']> {
  const out: ReturnType<JsonSource['duplicateKeys']> = [];
  if (node.type === 'object') {
    const first = new Map<string, number>();
    for (const prop of node.children ?? []) {
      const [keyNode, valueNode] = prop.children ?? [];
      if (!keyNode) continue;
      const key = String(keyNode.value);
      const seen = first.get(key);
      if (seen !== undefined) out.push({ path: [...path, key], key, first: at(seen), at: at(keyNode.offset) });
      else first.set(key, keyNode.offset);
      if (valueNode) out.push(...duplicatesIn(valueNode, [...path, key], at));
    }
  } else if (node.type === 'array') {
    (node.children ?? []).forEach((child, i) => out.push(...duplicatesIn(child, [...path, i], at)));
  }
  return out;
}
