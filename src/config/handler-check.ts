// Compiles (never runs) a handler file and checks it defines the handlers its function type needs.
// Parsing with acorn gives syntax errors with the handler file's own line and column, and an AST in
// which top-level declarations can be found without executing user code at validate time.
import { parse, type Program } from 'acorn';
import type { Problem } from '../errors.js';
import { declaredNames, misspeltHandlers } from './handler-names.js';
import { HANDLERS_BY_TYPE, type FunctionType } from '../vocabulary.js';

// Declarations are found by handler-names.ts; re-exported for callers that only parse.
export { declaredNames } from './handler-names.js';

// The handler names per type live in the shared vocabulary (docs/runtime.md lists the same dispatch).
export { HANDLERS_BY_TYPE } from '../vocabulary.js';

/** A handler file parsed as Segment does (a classic script), or its syntax error; one parse per text, shared by the rules. */
export type ParsedHandler = { ok: true; program: Program } | { ok: false; problem: Problem };

const parsedCache = new Map<string, ParsedHandler>();

/** Parses handler code (memoised by text and path, so the handler rules share one parse). */
export function parseHandler(code: string, codePath: string): ParsedHandler {
  const key = `${codePath}\u0000${code}`;
  const cached = parsedCache.get(key);
  if (cached) return cached;
  let result: ParsedHandler;
  try {
    result = { ok: true, program: parse(code, { ecmaVersion: 'latest', sourceType: 'script', locations: true, ranges: true }) };
  } catch (err) {
    const loc = (err as { loc?: { line: number; column: number } }).loc;
    const message = err instanceof Error ? err.message.replace(/ \(\d+:\d+\)$/, '') : String(err);
    result = { ok: false, problem: { file: codePath, line: loc?.line, col: loc ? loc.column + 1 : undefined, message: `syntax error: ${message}` } };
  }
  if (parsedCache.size > 200) parsedCache.clear();
  parsedCache.set(key, result);
  return result;
}

/**
 * Parses handler code as Segment does (a classic script) and returns syntax and missing-handler problems.
 * Without a (valid) type only the syntax is checked, so a wrong `type:` does not hide a syntax error.
 */
export function checkHandlerCode(code: string, codePath: string, type: FunctionType | undefined): Problem[] {
  const parsed = parseHandler(code, codePath);
  if (!parsed.ok) return [parsed.problem];
  if (!type) return [];
  const program = parsed.program;
  const declared = declaredNames(program);
  const handlers = HANDLERS_BY_TYPE[type];
  if (handlers.some((h) => declared.has(h))) return [];
  const message =
    type === 'source'
      ? `${codePath} does not define onRequest (a source function needs it)`
      : `${codePath} defines none of ${handlers.join(', ')} (${article(type)} ${type} function needs at least one)`;
  const example = type === 'source' ? 'onRequest(request, settings)' : 'onTrack(event, settings)';
  // A near miss (`onTrak`) is almost always the handler meant: name it, where it is.
  const miss = misspeltHandlers(program).find((m) => handlers.includes(m.suggestion));
  if (miss) {
    return [{ file: codePath, line: miss.line, col: miss.col, message: `'${miss.name}' is not a handler Segment calls (did you mean '${miss.suggestion}'?), so ${message}`, hint: `rename it to ${miss.suggestion}` }];
  }
  return [{ file: codePath, message, hint: `declare it at the top level, e.g. async function ${example} { ... }` }];
}

function article(word: string): string {
  return /^[aeiou]/.test(word) ? 'an' : 'a';
}

