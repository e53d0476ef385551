// Adds imported entries to fnsync.yaml without touching a byte of what is there: the yaml package's
// Document API finds where the `functions:` map ends (node ranges), the new entries are spliced in at
// that point, indented like their neighbours, and the result is parsed back to prove that the old data
// is unchanged and the new entries are there. Re-printing the whole document instead would keep the
// comments but move them, realign them and restyle flow collections (a noisy diff in a reviewed file);
// that is only the fallback for layouts a splice cannot handle (e.g. `functions: {}`), and says so.
import { isDeepStrictEqual } from 'node:util';
import { isMap, isScalar, parseDocument, stringify, type Pair, type YAMLMap } from 'yaml';
import type { WrittenFunction } from '../config/types.js';
import { InternalError } from '../errors.js';

/** An entry to add: local name and the function as written. */
export type NewEntry = [name: string, entry: WrittenFunction];

/** The text after adding, and whether the fallback re-printed the file. */
export interface AppendResult {
  text: string;
  reformatted: boolean;
}

/** The first lines of a config import creates. */
export interface NewConfigHeader {
  /** `$schema` path for editors, relative to the config file. */
  schemaRef: string;
  workspace?: string;
  comment: string;
}

/** A whole new fnsync.yaml holding the entries. */
export function newConfigText(header: NewConfigHeader, entries: NewEntry[]): string {
  const lines = [`# yaml-language-server: $schema=${header.schemaRef}`, `# ${header.comment}`, 'version: 1'];
  if (header.workspace) lines.push(`workspace: ${header.workspace}`);
  lines.push(entries.length > 0 ? 'functions:' : 'functions: {}');
  const text = `${lines.join('\n')}\n${entries.map((e, i) => entryBlock(e, 2, 2, '\n', i > 0)).join('')}`;
  verify({ version: 1, ...(header.workspace ? { workspace: header.workspace } : {}) }, text, entries);
  return text;
}

/** Adds the entries at the end of the `functions:` map of an existing (valid) config text. */
export function appendFunctions(text: string, entries: NewEntry[]): AppendResult {
  if (entries.length === 0) return { text, reformatted: false };
  const before = parseDocument(text).toJS() as Record<string, unknown>;
  const present = Object.keys((before.functions ?? {}) as object);
  const clash = entries.find(([name]) => present.includes(name));
  if (clash) throw new InternalError(`fnsync import chose the local name ${clash[0]}, which the config already has; nothing was written`);
  const spliced = splice(text, entries);
  if (spliced !== undefined && matches(before, spliced, entries)) return { text: spliced, reformatted: false };
  const printed = reprint(text, entries);
  verify(before, printed, entries);
  return { text: printed, reformatted: true };
}

function splice(text: string, entries: NewEntry[]): string | undefined {
  const doc = parseDocument(text);
  if (doc.errors.length > 0 || !isMap(doc.contents) || doc.contents.flow) return undefined;
  const root = doc.contents as YAMLMap;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const pair = root.items.find((p) => isScalar(p.key) && p.key.value === 'functions') as Pair | undefined;
  if (!pair) {
    const indent = column(text, rangeOf(root.items[0]?.key)?.[0] ?? 0);
    const body = entries.map((e, i) => entryBlock(e, indent + 2, 2, eol, i > 0)).join('');
    return `${withFinalEol(text, eol)}${' '.repeat(indent)}functions:${eol}${body}`;
  }
  const keyRange = rangeOf(pair.key);
  if (!keyRange) return undefined;
  const value = pair.value;
  if (isScalar(value) && value.value === null) {
    const [start, end] = rangeOf(value) ?? [keyRange[1], keyRange[1]];
    const cleared = text.slice(0, start) + text.slice(end);
    const at = lineAfter(cleared, keyRange[1]);
    const indent = column(text, keyRange[0]) + 2;
    const body = entries.map((e, i) => entryBlock(e, indent, 2, eol, i > 0)).join('');
    return insertAt(cleared, at, body, eol);
  }
  if (!isMap(value) || value.flow || value.items.length === 0) return undefined;
  const first = value.items[0]!;
  const last = value.items[value.items.length - 1]!;
  const indent = column(text, rangeOf(first.key)?.[0] ?? 0);
  const inner = isMap(first.value) && !first.value.flow ? rangeOf(first.value.items[0]?.key) : undefined;
  const step = inner ? Math.max(column(text, inner[0]) - indent, 1) : 2;
  const spaced = value.items.slice(1).some((p) => isScalar(p.key) && p.key.spaceBefore === true);
  const end = rangeOf(last.value)?.[1] ?? rangeOf(last.key)?.[1];
  if (end === undefined) return undefined;
  const body = entries.map((e) => entryBlock(e, indent, step, eol, spaced)).join('');
  return insertAt(text, lineAfter(text, end), body, eol);
}

function rangeOf(node: unknown): [number, number, number] | undefined {
  const range = (node as { range?: [number, number, number] | null } | null | undefined)?.range;
  return range ?? undefined;
}

/** Zero-based column of an offset. */
function column(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}

/** The offset where the line after the one holding `offset - 1` starts (the text's end when there is none). */
function lineAfter(text: string, offset: number): number {
  if (offset > 0 && text[offset - 1] === '\n') return offset;
  const newline = text.indexOf('\n', offset);
  return newline === -1 ? text.length : newline + 1;
}

function insertAt(text: string, at: number, body: string, eol: string): string {
  const before = text.slice(0, at);
  return `${at === text.length ? withFinalEol(before, eol) : before}${body}${text.slice(at)}`;
}

function withFinalEol(text: string, eol: string): string {
  return text === '' || text.endsWith('\n') ? text : `${text}${eol}`;
}

/** One entry as YAML lines at the given indentation, optionally after a blank line. */
function entryBlock([name, entry]: NewEntry, indent: number, step: number, eol: string, blankBefore: boolean): string {
  const yaml = stringify({ [name]: entry }, { indent: step, lineWidth: 0 });
  const lines = yaml.replace(/\n$/, '').split('\n').map((l) => (l === '' ? l : `${' '.repeat(indent)}${l}`));
  return `${blankBefore ? eol : ''}${lines.join(eol)}${eol}`;
}

/** The Document API fallback: comments are kept, but the file is printed anew. */
function reprint(text: string, entries: NewEntry[]): string {
  const doc = parseDocument(text);
  let functions = doc.get('functions', true);
  if (!isMap(functions)) {
    doc.set('functions', doc.createNode({}));
    functions = doc.get('functions', true);
  }
  const map = functions as YAMLMap;
  map.flow = false;
  for (const [name, entry] of entries) map.add(doc.createPair(name, entry));
  return doc.toString({ lineWidth: 0 });
}

function expected(before: Record<string, unknown>, entries: NewEntry[]): unknown {
  const functions = (before.functions ?? {}) as Record<string, unknown>;
  return { ...before, functions: { ...functions, ...Object.fromEntries(entries) } };
}

/** The text parses to the old data plus the new entries, which come last under `functions:`. */
function matches(before: Record<string, unknown>, after: string, entries: NewEntry[]): boolean {
  const doc = parseDocument(after);
  if (doc.errors.length > 0) return false;
  const data = doc.toJS() as Record<string, unknown>;
  const names = Object.keys(data.functions ?? {});
  const order = entries.length === 0 || names.slice(-entries.length).join('\n') === entries.map(([n]) => n).join('\n');
  const plain = (v: unknown) => JSON.parse(JSON.stringify(v)) as unknown;
  return order && isDeepStrictEqual(plain({ ...data, functions: data.functions ?? {} }), plain(expected(before, entries)));
}

function verify(before: Record<string, unknown>, after: string, entries: NewEntry[]): void {
  if (!matches(before, after, entries)) throw new InternalError('fnsync import could not add its entries to the config without changing what is there; nothing was written');
}
