// fnsync.yaml parsed with source positions, so every later check can point at a line and column.
import { LineCounter, parseDocument, isAlias, isMap, isScalar, isSeq, visit, type Document, type Node, type Pair } from 'yaml';
import type { Problem } from '../errors.js';
import { explainYamlError } from './yaml-errors.js';

/** A path into the config: map keys and sequence indexes, e.g. ['functions', 'x', 'settings', 0, 'name']. */
export type PathSegment = string | number;

/** A 1-based line and column. */
export interface LineCol {
  line: number;
  col: number;
}

/** The parsed file: plain data for checks plus position lookups for messages. */
export interface YamlSource {
  /** Path of the file as shown to the user. */
  displayFile: string;
  data: unknown;
  /** Position of the value at `path` (or of its nearest existing ancestor). */
  valuePos(path: readonly PathSegment[]): LineCol;
  /** Position of the key naming the value at `path`; the value position for sequence items and the root. */
  keyPos(path: readonly PathSegment[]): LineCol;
  /** Every map in the document with a key written more than once: the later occurrences. */
  duplicateKeys(): { path: PathSegment[]; key: string; first: LineCol; at: LineCol }[];
}

/** Result of parsing: either the source or the YAML syntax problems (nothing else can be checked then). */
export type ParseResult = { ok: true; source: YamlSource } | { ok: false; problems: Problem[] };

/** Parses YAML text keeping positions. Duplicate keys are not syntax errors here; a named rule reports them. */
export function parseYamlSource(text: string, displayFile: string): ParseResult {
  const lineCounter = new LineCounter();
  // stringKeys: a list or mapping used as a key is an error with a position, not a runtime warning on stderr.
  const doc = parseDocument(text, { lineCounter, uniqueKeys: false, prettyErrors: false, stringKeys: true });
  const at = (offset: number): LineCol => lineCounter.linePos(offset);
  const error = doc.errors[0];
  if (error) {
    // Only the first: the parser's later errors are nearly always consequences of it. Said in plain words, at the
    // line a person would edit, where the parser's message is jargon (yaml-errors.ts).
    const explained = explainYamlError(error.code, error.message, at(error.pos[0]), text);
    if (explained) {
      const { line, col, message, hint } = explained;
      return { ok: false, problems: [{ file: displayFile, line, col, message: `YAML syntax error: ${message}`, ...(hint ? { hint } : {}) }] };
    }
    return { ok: false, problems: [{ file: displayFile, ...at(error.pos[0]), message: `YAML syntax error: ${syntaxMessage(error.code, error.message)}` }] };
  }
  const unknownTag = doc.warnings.find((w) => w.code === 'TAG_RESOLVE_FAILED');
  if (unknownTag) {
    // An unknown tag is silently dropped by the parser, so `!env X` would become the literal text "X".
    const tag = /!\S*/.exec(unknownTag.message)?.[0] ?? '!';
    return { ok: false, problems: [{ file: displayFile, ...at(unknownTag.pos[0]), message: `YAML error: unknown tag '${tag}' (environment variables are written "\${env:NAME}")` }] };
  }
  const unresolved = firstUnresolvedAlias(doc);
  if (unresolved !== undefined) {
    // The parser only notices this in toJS, without a position; the alias name is not echoed (it is free text).
    return { ok: false, problems: [{ file: displayFile, ...at(unresolved), message: 'YAML error: alias (*name) used before its anchor (&name) is defined' }] };
  }
  let data: unknown;
  try {
    // The alias cap stops "billion laughs" files from exhausting memory.
    data = doc.toJS({ maxAliasCount: 100 }) as unknown;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return { ok: false, problems: [{ file: displayFile, line: 1, col: 1, message: `YAML error: ${firstLine(message)}` }] };
  }
  const find = (path: readonly PathSegment[]) => locate(doc, path);
  return {
    ok: true,
    source: {
      displayFile,
      data,
      valuePos: (path) => {
        const { node, pair } = find(path);
        return at(node?.range?.[0] ?? keyNode(pair)?.range?.[0] ?? 0);
      },
      keyPos: (path) => {
        const { node, pair } = find(path);
        return at(keyNode(pair)?.range?.[0] ?? node?.range?.[0] ?? 0);
      },
      duplicateKeys: () => collectDuplicates(doc, doc.contents as Node | null, [], at),
    },
  };
}

/** The parser's wording, except where it names the library's own API instead of saying what to fix. */
function syntaxMessage(code: string, message: string): string {
  if (code === 'MULTIPLE_DOCS') return "the file must hold one YAML document (remove the extra '---' line)";
  if (code === 'NON_STRING_KEY') return 'a key must be plain text, not a list or mapping';
  return firstLine(message);
}

/** Offset of the first alias whose anchor is not defined before it, if any. */
function firstUnresolvedAlias(doc: Document): number | undefined {
  let offset: number | undefined;
  visit(doc, {
    Alias(_key, node) {
      if (node.resolve(doc) !== undefined) return undefined;
      offset = node.range?.[0] ?? 0;
      return visit.BREAK;
    },
  });
  return offset;
}

/** The parser's message without its position (we add our own) and without quoted source text, which could be a secret. */
function firstLine(message: string): string {
  return message
    .split('\n')[0]!
    .replace(/ at line \d+, column \d+:?$/, '')
    .replace(/:\s*".*"$/, '');
}

function keyNode(pair: Pair | undefined): Node | undefined {
  return pair && (pair.key as Node | null) ? (pair.key as Node) : undefined;
}

function keyText(key: unknown): string {
  return isScalar(key) ? String(key.value) : String(key);
}

function deref(doc: Document, node: unknown): Node | null {
  if (isAlias(node)) return (node.resolve(doc) as Node | undefined) ?? null;
  return (node as Node | null) ?? null;
}

/**
 * Walks to `path`, stopping at the deepest node that exists. With duplicate keys the last pair wins,
 * matching what `toJS` keeps, so the position points at the value that was actually checked.
 */
function locate(doc: Document, path: readonly PathSegment[]): { node: Node | null; pair: Pair | undefined } {
  let node = deref(doc, doc.contents);
  let pair: Pair | undefined;
  for (const seg of path) {
    if (isMap(node)) {
      const found = [...node.items].reverse().find((p) => keyText(p.key) === String(seg));
      if (!found) break;
      pair = found as Pair;
      node = deref(doc, found.value);
    } else if (isSeq(node) && typeof seg === 'number' && node.items[seg] !== undefined) {
      pair = undefined;
      node = deref(doc, node.items[seg]);
    } else break;
  }
  return { node, pair };
}

function collectDuplicates(
  doc: Document,
  node: Node | null,
  path: PathSegment[],
  at: (offset: number) => LineCol,
): { path: PathSegment[]; key: string; first: LineCol; at: LineCol }[] {
  const out: { path: PathSegment[]; key: string; first: LineCol; at: LineCol }[] = [];
  if (isMap(node)) {
    const seen = new Map<string, LineCol>();
    for (const p of node.items) {
      const key = keyText(p.key);
      const pos = at((p.key as Node | null)?.range?.[0] ?? 0);
      const first = seen.get(key);
      if (first) out.push({ path: [...path, key], key, first, at: pos });
      else seen.set(key, pos);
      if (!isAlias(p.value)) out.push(...collectDuplicates(doc, p.value as Node | null, [...path, key], at));
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => {
      if (!isAlias(item)) out.push(...collectDuplicates(doc, item as Node | null, [...path, i], at));
    });
  }
  return out;
}

/** Renders a path the way messages show it: `functions.stripe-events.settings[0].name`. */
export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const seg of path) out += typeof seg === 'number' ? `[${seg}]` : out ? `.${seg}` : seg;
  return out;
}
