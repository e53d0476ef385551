// Handler names in a parsed handler file: which top-level names it declares, and which functions look like a
// handler but are not one (a misspelling, a legacy un-prefixed name) or are handlers its type never receives.
import type { Node as AcornNode, Program, Statement, ModuleDeclaration } from 'acorn';
import type { Problem } from '../errors.js';
import { closestName } from './closest-name.js';
import { EVENT_HANDLERS, HANDLER_NAMES, HANDLERS_BY_TYPE, type FunctionType } from '../vocabulary.js';

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

/** A top-level function whose name is close to a handler name but is not one (`onTrak`, `ontrack`, legacy `track`). */
export interface MisspeltHandler {
  name: string;
  suggestion: (typeof HANDLER_NAMES)[number];
  line: number;
  col: number;
}

/** The event names Segment's legacy un-prefixed handlers used (`track`, `identify`, ...), which it no longer calls. */
const LEGACY_NAMES = new Set([...EVENT_HANDLERS, 'onBatch', 'onRequest'].map((h) => h.slice(2).toLowerCase()));

/**
 * Top-level functions that look like a misspelt handler: named `on…` (any case) within a typo's distance of a
 * handler name, or exactly a legacy un-prefixed name. Other helpers (`isTrack`, `format`) are never suspects.
 */
export function misspeltHandlers(program: Program): MisspeltHandler[] {
  return declaredFunctions(program).flatMap((f) => {
    if ((HANDLER_NAMES as readonly string[]).includes(f.name)) return [];
    const lower = f.name.toLowerCase();
    if (!lower.startsWith('on') && !LEGACY_NAMES.has(lower)) return [];
    const suggestion = closestName(f.name, HANDLER_NAMES) as MisspeltHandler['suggestion'] | undefined;
    // A typo changes a letter or two; a longer name (`onScreenView`, `onIdentifyUser`) is a helper, not a miss.
    const typo = suggestion !== undefined && (LEGACY_NAMES.has(lower) || Math.abs(f.name.length - suggestion.length) <= 2);
    return typo ? [{ ...f, suggestion }] : [];
  });
}

/** Warnings: a misspelt handler beside real ones, and handlers this function type never receives. */
export function checkHandlerNames(program: Program, codePath: string, type: FunctionType): Problem[] {
  const handlers = HANDLERS_BY_TYPE[type];
  const declared = declaredNames(program);
  // Without any handler the function's error already names the near miss (checkHandlerCode).
  if (!handlers.some((h) => declared.has(h))) return [];
  const warnings: Problem[] = misspeltHandlers(program).map((m) => ({
    file: codePath,
    line: m.line,
    col: m.col,
    severity: 'warning',
    message: `'${m.name}' is not a handler Segment calls (did you mean '${m.suggestion}'?)`,
    hint: `rename it to ${m.suggestion}; ${article(type)} ${type} function is called through ${handlers.join(', ')}`,
  }));
  for (const f of declaredFunctions(program)) {
    const name = f.name as (typeof HANDLER_NAMES)[number];
    if (!(HANDLER_NAMES as readonly string[]).includes(name) || handlers.includes(name)) continue;
    warnings.push({
      file: codePath,
      line: f.line,
      col: f.col,
      severity: 'warning',
      message: `'${name}' is never called in ${article(type)} ${type} function (${NEVER_CALLED[type]})`,
      hint: `remove it or move its code into ${handlers.length === 1 ? handlers[0] : `one of ${handlers.join(', ')}`}; if it is the handler you meant, change the function's type: in fnsync.yaml`,
    });
  }
  return warnings;
}

const NEVER_CALLED: Record<FunctionType, string> = {
  source: 'a source function receives webhooks, through onRequest only',
  destination: 'only source functions receive webhooks',
  'insert-destination': 'only source functions receive webhooks',
  'insert-source': 'Segment sends insert-source functions no batches, and only source functions receive webhooks',
};

/** Top-level functions: declarations, and var/let/const or plain assignments of a function or arrow expression. */
export function declaredFunctions(program: Program): { name: string; line: number; col: number }[] {
  const out: { name: string; line: number; col: number }[] = [];
  const isFunction = (n: AcornNode | null | undefined) => n?.type === 'FunctionExpression' || n?.type === 'ArrowFunctionExpression';
  const add = (id: AcornNode & { name?: string }) => {
    if (id.name) out.push({ name: id.name, line: id.loc?.start.line ?? 0, col: (id.loc?.start.column ?? 0) + 1 });
  };
  for (const statement of program.body) {
    if (statement.type === 'FunctionDeclaration' && statement.id) add(statement.id);
    else if (statement.type === 'VariableDeclaration') {
      for (const d of statement.declarations) if (d.id.type === 'Identifier' && isFunction(d.init)) add(d.id);
    } else if (statement.type === 'ExpressionStatement') {
      let node = statement.expression as AcornNode & { operator?: string; left?: AcornNode & { name?: string }; right?: AcornNode };
      while (node.type === 'AssignmentExpression' && node.operator === '=' && node.left && node.right) {
        let value: AcornNode = node.right;
        while (value.type === 'AssignmentExpression') value = (value as unknown as { right: AcornNode }).right;
        if (node.left.type === 'Identifier' && isFunction(value)) add(node.left);
        node = node.right as typeof node;
      }
    }
  }
  return out;
}

function article(word: string): string {
  return /^[aeiou]/.test(word) ? 'an' : 'a';
}
