// Compiles (never runs) a handler file and checks it defines the handlers its function type needs.
// Parsing with acorn gives syntax errors with the handler file's own line and column, and an AST in
// which top-level declarations can be found without executing user code at validate time.
import { parse, type Node as AcornNode, type Program, type Statement, type ModuleDeclaration } from 'acorn';
import type { Problem } from '../errors.js';
import { HANDLERS_BY_TYPE, type FunctionType } from '../vocabulary.js';

// The handler names per type live in the shared vocabulary (docs/runtime.md lists the same dispatch).
export { HANDLERS_BY_TYPE } from '../vocabulary.js';

/**
 * Parses handler code as Segment does (a classic script) and returns syntax and missing-handler problems.
 * Without a (valid) type only the syntax is checked, so a wrong `type:` does not hide a syntax error.
 */
export function checkHandlerCode(code: string, codePath: string, type: FunctionType | undefined): Problem[] {
  let program: Program;
  try {
    program = parse(code, { ecmaVersion: 'latest', sourceType: 'script', locations: true });
  } catch (err) {
    const loc = (err as { loc?: { line: number; column: number } }).loc;
    const message = err instanceof Error ? err.message.replace(/ \(\d+:\d+\)$/, '') : String(err);
    return [{ file: codePath, line: loc?.line, col: loc ? loc.column + 1 : undefined, message: `syntax error: ${message}` }];
  }
  if (!type) return [];
  const declared = declaredNames(program);
  const handlers = HANDLERS_BY_TYPE[type];
  if (handlers.some((h) => declared.has(h))) return [];
  const message =
    type === 'source'
      ? `${codePath} does not define onRequest (a source function needs it)`
      : `${codePath} defines none of ${handlers.join(', ')} (${article(type)} ${type} function needs at least one)`;
  const example = type === 'source' ? 'onRequest(request, settings)' : 'onTrack(event, settings)';
  return [{ file: codePath, message, hint: `declare it at the top level, e.g. async function ${example} { ... }` }];
}

function article(word: string): string {
  return /^[aeiou]/.test(word) ? 'an' : 'a';
}

/** Names bound at the top level by function declarations, var/let/const declarators or plain assignments. */
export function declaredNames(program: Program): Set<string> {
  const names = new Set<string>();
  for (const statement of program.body) collect(statement, names);
  return names;
}

function collect(statement: Statement | ModuleDeclaration, names: Set<string>): void {
  switch (statement.type) {
    case 'FunctionDeclaration':
      if (statement.id) names.add(statement.id.name);
      break;
    case 'VariableDeclaration':
      for (const d of statement.declarations) {
        if (d.id.type === 'Identifier' && d.init) names.add(d.id.name);
      }
      break;
    case 'ExpressionStatement':
      collectAssignments(statement.expression, names);
      break;
    default:
      break;
  }
}

/** `onTrack = async function () {}` and chains such as `onTrack = onPage = handler`. */
function collectAssignments(expression: AcornNode, names: Set<string>): void {
  let node = expression as AcornNode & { type: string; operator?: string; left?: AcornNode & { name?: string; type: string }; right?: AcornNode };
  while (node.type === 'AssignmentExpression' && node.operator === '=' && node.left && node.right) {
    if (node.left.type === 'Identifier' && node.left.name) names.add(node.left.name);
    node = node.right as typeof node;
  }
}
