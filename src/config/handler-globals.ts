// Which free names a handler file uses, found by scope analysis of its AST (eslint-scope: the scope analyser ESLint's
// no-undef rule is built on), never by running it. Segment gives a function only its documented globals: `require`,
// `process`, `module` and `exports` cannot work there whatever the code does (errors), and any other name neither
// declared in the file nor a Segment global fails when that line runs (warnings, since the line may never run).
import { analyze } from 'eslint-scope';
import type { Program } from 'acorn';
import type { Problem } from '../errors.js';
import { ECMASCRIPT_GLOBALS, MODULE_SYSTEM_NAMES, NODE_ONLY_GLOBALS, segmentGlobalsFor, type FunctionType } from '../vocabulary.js';

/** One free reference: a name the file reads without declaring it. */
interface FreeReference {
  name: string;
  line: number;
  col: number;
}

/**
 * References to names declared nowhere in the file. Top-level declarations and implicit globals (`x = 1`, which
 * sloppy scripts allow and handlers use as `onTrack = async function ...`) count as declared; `typeof x` is feature
 * detection and never fails, so it is left out.
 */
export function freeReferences(program: Program): FreeReference[] {
  const global = analyze(program, { ecmaVersion: 2022, sourceType: 'script', fallback: 'iteration' }).globalScope;
  const typeofOperands = new Set<unknown>();
  visit(program, (node) => {
    if (node.type === 'UnaryExpression' && node.operator === 'typeof' && (node.argument as { type?: string })?.type === 'Identifier') typeofOperands.add(node.argument);
  });
  const written = new Set(global.through.filter((r) => r.isWrite()).map((r) => r.identifier.name));
  return global.through
    .filter((r) => !r.isWrite() && !global.set.has(r.identifier.name) && !written.has(r.identifier.name) && !typeofOperands.has(r.identifier))
    .map((r) => ({ name: r.identifier.name, line: r.identifier.loc?.start.line ?? 0, col: (r.identifier.loc?.start.column ?? 0) + 1 }));
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

/** Errors for Node's module system, warnings (severity `warning`) for other unknown names, at the handler's positions. */
export function checkHandlerGlobals(program: Program, codePath: string, type: FunctionType): Problem[] {
  const known = new Set<string>([...ECMASCRIPT_GLOBALS, ...segmentGlobalsFor(type)]);
  const problems: Problem[] = [];
  const warned = new Map<string, Problem & { more: number[] }>();
  for (const ref of freeReferences(program)) {
    const at = { file: codePath, line: ref.line, col: ref.col };
    const why = MODULE_SYSTEM_NAMES[ref.name];
    if (why !== undefined) {
      problems.push({ ...at, message: `'${ref.name}' is not defined in Segment functions, so Segment will not run this code`, hint: why });
      continue;
    }
    if (known.has(ref.name)) continue;
    const first = warned.get(ref.name);
    if (first) first.more.push(ref.line);
    else warned.set(ref.name, { ...at, severity: 'warning', message: unknownMessage(ref.name, type), more: [] });
  }
  for (const { more, ...w } of warned.values()) {
    problems.push(more.length > 0 ? { ...w, message: `${w.message} (also used on line${more.length === 1 ? '' : 's'} ${[...new Set(more)].join(', ')})` } : w);
  }
  return problems;
}

function unknownMessage(name: string, type: FunctionType): string {
  if (name === 'Segment') return `'Segment' is defined only in source functions, not in ${type} functions: this line fails with a ReferenceError`;
  if (name === 'DropEvent') return `'DropEvent' is defined only in insert functions, not in ${type} functions: this line fails with a ReferenceError`;
  if ((NODE_ONLY_GLOBALS as readonly string[]).includes(name)) return `'${name}' is a Node.js or browser global that Segment functions do not have: this line fails with a ReferenceError`;
  return `'${name}' is not declared in this file and is not a Segment global: this line fails with a ReferenceError`;
}
