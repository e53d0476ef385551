// Compiles (never runs) a handler file and checks it defines the handlers its function type needs.
// Parsing with acorn gives syntax errors with the handler file's own line and column, and an AST in
// which top-level declarations can be found without executing user code at validate time.
import { parse, type Program } from 'acorn';
import type { Problem } from '../errors.js';
import { declaredFunctions, declaredNames, misspeltHandlers } from './handler-names.js';
import { FUNCTION_TYPES, HANDLER_NAMES, HANDLERS_BY_TYPE, type FunctionType } from '../vocabulary.js';

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
  // A handler of another function type (`onTrack` in a source) means the code or the `type:` is wrong: say which.
  const other = declaredFunctions(program).find((f) => (HANDLER_NAMES as readonly string[]).includes(f.name));
  if (other) {
    const receivers = FUNCTION_TYPES.filter((t) => (HANDLERS_BY_TYPE[t] as readonly string[]).includes(other.name));
    return [
      {
        file: codePath,
        line: other.line,
        col: other.col,
        message: `${message}: it defines '${other.name}', which only ${listWords(receivers)} functions receive`,
        hint: `if this is ${article(type)} ${type} function, declare ${type === 'source' ? 'onRequest' : 'an event handler'} (async function ${example} { ... }); if '${other.name}' is right, change type: to ${receivers[0]}`,
      },
    ];
  }
  return [{ file: codePath, message, hint: `declare it at the top level, e.g. async function ${example} { ... }` }];
}

function article(word: string): string {
  return /^[aeiou]/.test(word) ? 'an' : 'a';
}


/** `a`, `a and b`, `a, b and c`. */
function listWords(words: readonly string[]): string {
  return words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}
