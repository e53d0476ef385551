// `import()` in handler code. Segment runs no imports (segment-runtime.md §7.1), and in a `node:vm` context on
// Node 20 an `import()` rejects with an error Node creates in fnsync's realm, whose constructor chain leads to
// fnsync's `process`: so a handler file containing one is refused before it runs, at the line of the call.
// (Code generated at run time with `allowCodeGeneration` is not covered: docs/runtime.md says so.)
import { parse, type Node as AcornNode } from 'acorn';
import type { CodeLocation } from '../sandbox.js';

const seen = new Map<string, CodeLocation | undefined>();

function findAll(node: unknown, out: number[]): void {
  if (node === null || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const child of node) findAll(child, out);
    return;
  }
  const n = node as AcornNode & Record<string, unknown>;
  if (n.type === 'ImportExpression') out.push(n.start);
  for (const [key, value] of Object.entries(n)) if (key !== 'loc' && key !== 'type') findAll(value, out);
}

/** Where every `import(` of a CommonJS file starts (offsets of the keyword), in order. Throws if it does not parse. */
export function dynamicImportStarts(code: string): number[] {
  const out: number[] = [];
  findAll(parse(code, { ecmaVersion: 'latest', sourceType: 'script', allowReturnOutsideFunction: true, allowHashBang: true }), out);
  return out.sort((a, b) => a - b);
}

/**
 * True when source text (code generated at run time) contains an `import()`, or mentions `import` and cannot be
 * checked: fail closed, since V8 compiles some text the checker cannot parse (deep nesting exhausts its stack).
 */
export function hasDynamicImport(code: string): boolean {
  if (!code.includes('import')) return false;
  try {
    return dynamicImportStarts(code).length > 0;
  } catch {
    return true;
  }
}

function find(node: unknown): AcornNode | undefined {
  if (node === null || typeof node !== 'object') return undefined;
  if (Array.isArray(node)) {
    for (const child of node) {
      const hit = find(child);
      if (hit) return hit;
    }
    return undefined;
  }
  const n = node as AcornNode & Record<string, unknown>;
  if (n.type === 'ImportExpression') return n;
  for (const [key, value] of Object.entries(n)) {
    if (key === 'loc' || key === 'start' || key === 'end' || key === 'type') continue;
    const hit = find(value);
    if (hit) return hit;
  }
  return undefined;
}

/** Where the first `import()` of the code is; undefined when there is none (or the code does not parse). */
export function dynamicImportAt(code: string): CodeLocation | undefined {
  if (!code.includes('import')) return undefined;
  if (seen.has(code)) return seen.get(code);
  let at: CodeLocation | undefined;
  try {
    const hit = find(parse(code, { ecmaVersion: 'latest', sourceType: 'script', locations: true }));
    if (hit?.loc) at = { line: hit.loc.start.line, col: hit.loc.start.column + 1 };
  } catch {
    // V8 compiled this file already (its syntax errors come first), so the checker failing on it means it cannot
    // be checked (deep nesting exhausts the checker's stack): fail closed, at the top of the file.
    at = { line: 1, col: 1 };
  }
  if (seen.size > 200) seen.clear();
  seen.set(code, at);
  return at;
}

/** The message of the refusal (a file the checker could not read counts as containing one: it fails closed). */
export const DYNAMIC_IMPORT_MESSAGE = "SyntaxError: import() is not available in Segment functions (no require or import); use the preinstalled globals";
