// Which free names a handler file uses, found by scope analysis of its AST (eslint-scope: the scope analyser ESLint's
// no-undef rule is built on), never by running it. Segment gives a function only its documented globals: `require`,
// `process`, `module` and `exports` cannot work there whatever the code does (errors), and any other name neither
// declared in the file nor a Segment global fails when that line runs (warnings, since the line may never run).
import { analyze, type Scope } from 'eslint-scope';
import type { Program } from 'acorn';
import type { Problem } from '../errors.js';
import { declaredNames } from './handler-names.js';
import { closestName } from './closest-name.js';
import { ECMASCRIPT_GLOBALS, MODULE_SYSTEM_NAMES, NODE_ONLY_GLOBALS, segmentGlobalsFor, type FunctionType } from '../vocabulary.js';

/** How a free reference uses its name: read (including `x++` and `x += 1`, which read first) or plain-assigned. */
export type FreeReferenceKind = 'read' | 'assign';

/** One free reference: a name the file uses without declaring it. */
export interface FreeReference {
  name: string;
  line: number;
  col: number;
  kind: FreeReferenceKind;
}

/**
 * References to names declared nowhere in the file. Top-level declarations and top-level plain assignments
 * (`onTrack = async function ...`, the sloppy-script way to define a handler) count as declared. A read of a name
 * that some line plain-assigns (`counter = 0` in one handler, `counter++` in another) is left out: it works once that
 * line has run. A plain assignment elsewhere is kept as `assign` (it creates an implicit global); `x++` and `x += 1`
 * read first, so they are `read`. `typeof x` is feature detection and never fails, so it is left out. Names in
 * `alwaysKept` (the module system) are kept however the file assigns them: `module = {}` is still CommonJS.
 */
export function freeReferences(program: Program, alwaysKept: ReadonlySet<string> = new Set()): FreeReference[] {
  const global = analyze(program, { ecmaVersion: 2022, sourceType: 'script', fallback: 'iteration' }).globalScope;
  const typeofOperands = new Set<unknown>();
  visit(program, (node) => {
    if (node.type === 'UnaryExpression' && node.operator === 'typeof' && (node.argument as { type?: string })?.type === 'Identifier') typeofOperands.add(node.argument);
  });
  const topLevel = declaredNames(program);
  const assigned = new Set(global.through.filter((r) => r.isWriteOnly()).map((r) => r.identifier.name));
  const out: FreeReference[] = [];
  for (const r of global.through) {
    const name = r.identifier.name;
    if (global.set.has(name) || typeofOperands.has(r.identifier) || declaredAround(r.from, name)) continue;
    const at = { name, line: r.identifier.loc?.start.line ?? 0, col: (r.identifier.loc?.start.column ?? 0) + 1 };
    if (r.isWriteOnly()) {
      if (!topLevel.has(name) || alwaysKept.has(name)) out.push({ ...at, kind: 'assign' });
    } else if (!assigned.has(name) || alwaysKept.has(name)) out.push({ ...at, kind: 'read' });
  }
  return out;
}

/**
 * A direct `eval` in a function makes the scope analyser leave that function's references unresolved (eval could
 * declare anything), so its own parameters and locals would look undeclared: a name declared in an enclosing
 * function scope is not free.
 */
function declaredAround(scope: Scope | null, name: string): boolean {
  for (let s = scope; s && s.type !== 'global'; s = s.upper) if (s.set.has(name)) return true;
  return false;
}

type AnyNode = { type: string; [key: string]: unknown };

function visit(node: unknown, fn: (n: AnyNode) => void): void {
  if (Array.isArray(node)) {
    for (const child of node) visit(child, fn);
    return;
  }
  if (node === null || typeof node !== 'object' || typeof (node as AnyNode).type !== 'string') return;
  fn(node as AnyNode);
  for (const [key, value] of Object.entries(node)) if (key !== 'loc' && value && typeof value === 'object') visit(value, fn);
}

/**
 * Errors for Node's module system (read or assigned), warnings (severity `warning`) for other unknown names, at the
 * handler's positions: a read of an unknown name fails with a ReferenceError, a plain assignment creates an implicit
 * global (it works, but is almost always a missing `let`). One warning per name and kind, later lines listed.
 */
export function checkHandlerGlobals(program: Program, codePath: string, type: FunctionType): Problem[] {
  const known = new Set<string>([...ECMASCRIPT_GLOBALS, ...segmentGlobalsFor(type)]);
  const problems: Problem[] = [];
  const warned = new Map<string, Problem & { more: number[] }>();
  for (const ref of freeReferences(program, new Set(Object.keys(MODULE_SYSTEM_NAMES)))) {
    const at = { file: codePath, line: ref.line, col: ref.col };
    const why = MODULE_SYSTEM_NAMES[ref.name];
    if (why !== undefined) {
      problems.push({ ...at, message: `'${ref.name}' is not defined in Segment functions, so Segment will not run this code`, hint: why });
      continue;
    }
    if (known.has(ref.name)) continue;
    const key = `${ref.kind}\u0000${ref.name}`;
    const first = warned.get(key);
    if (first) first.more.push(ref.line);
    else warned.set(key, { ...at, severity: 'warning', ...describeUnknown(ref.name, ref.kind, type, known), more: [] });
  }
  for (const { more, ...w } of warned.values()) {
    problems.push(more.length > 0 ? { ...w, message: `${w.message} (also used on line${more.length === 1 ? '' : 's'} ${[...new Set(more)].join(', ')})` } : w);
  }
  return problems;
}

/** The warning's message and its fix: where the name does exist, or how to declare it. */
function describeUnknown(name: string, kind: FreeReferenceKind, type: FunctionType, known: ReadonlySet<string>): { message: string; hint: string } {
  if (kind === 'assign') {
    return {
      message: `assigning to '${name}', which is not declared in this file, creates an implicit global: it works (Segment runs handlers as sloppy scripts) but keeps its value between events`,
      hint: `declare it where it is used (let ${name} = ...), or at the top level if it should persist between events`,
    };
  }
  const fails = 'this line fails with a ReferenceError';
  if (name === 'Segment') return { message: `'Segment' is defined only in source functions, not in ${type} functions: ${fails}`, hint: 'only source functions emit events through Segment.track() and the like; here, send data on with fetch' };
  if (name === 'DropEvent') return { message: `'DropEvent' is defined only in insert functions, not in ${type} functions: ${fails}`, hint: 'to ignore an event here, return without sending it (or throw EventNotSupported)' };
  if ((NODE_ONLY_GLOBALS as readonly string[]).includes(name)) {
    return { message: `'${name}' is a Node.js or browser global that Segment functions do not have: ${fails}`, hint: 'use a Segment global instead (fetch, crypto, Buffer, lodash as _, ...); docs/runtime.md lists them' };
  }
  const near = closestName(name, [...known]);
  return {
    message: `'${name}' is not declared in this file and is not a Segment global: ${fails}`,
    hint: near !== undefined && near !== name ? `did you mean '${near}'? Otherwise declare it (let ${name} = ...) before this line runs` : `declare it (let ${name} = ...) before this line runs, or read it from settings`,
  };
}
