// Rules about functions as a whole: names, display names, code files and handler code.
import { checkHandlerCode, parseHandler } from '../handler-check.js';
import { checkHandlerNames } from '../handler-names.js';
import { checkHandlerGlobals } from '../handler-globals.js';
import { formatPath } from '../yaml-source.js';
import { functionEntries, problemAt, type Rule } from './rule-context.js';

const SAFE_NAME = /^[a-z0-9][a-z0-9_-]{0,63}$/;
/** Device names Windows refuses as file names, whatever the extension. */
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])$/;

/** YAML keys written twice would silently keep only the last value; every duplicate is an error. */
export const uniqueKeys: Rule = {
  name: 'unique-keys',
  check: (ctx) =>
    ctx.source.duplicateKeys().map((d) => ({
      file: ctx.source.displayFile,
      ...d.at,
      path: formatPath(d.path),
      message:
        d.path.length === 2 && d.path[0] === 'functions'
          ? `duplicate function name '${d.key}' (first defined on line ${d.first.line})`
          : `duplicate key '${d.key}' (first written on line ${d.first.line})`,
    })),
};

/** Local names become file names, plan keys and CLI arguments, so they must be plain and portable. */
export const functionNamesSafe: Rule = {
  name: 'function-names-safe',
  check: (ctx) => {
    const functions = ctx.source.data && typeof ctx.source.data === 'object' ? (ctx.source.data as Record<string, unknown>).functions : undefined;
    if (!functions || typeof functions !== 'object' || Array.isArray(functions)) return [];
    return Object.keys(functions).flatMap((name) => {
      if (!SAFE_NAME.test(name)) {
        return [
          problemAt(ctx, ['functions', name], `function name '${name}' is not safe for file names`, {
            key: true,
            hint: `use 1 to 64 lowercase letters, digits, '-' and '_', starting with a letter or digit, e.g. '${suggestName(name)}'`,
          }),
        ];
      }
      if (WINDOWS_RESERVED.test(name)) {
        return [problemAt(ctx, ['functions', name], `function name '${name}' is reserved by Windows and cannot be a file name`, { key: true, hint: `e.g. '${name}-fn'` })];
      }
      return [];
    });
  },
};

function suggestName(name: string): string {
  const slug = name.toLowerCase().replace(/[^a-z0-9_-]+/g, '-').replace(/^[-_]+|-+$/g, '').slice(0, 64);
  return slug || 'my-function';
}

/** Segment identifies functions by display name within a type; two alike would collide on apply. */
export const displayNamesUnique: Rule = {
  name: 'display-names-unique',
  check: (ctx) => {
    const seen = new Map<string, { name: string; line: number }>();
    const problems = [];
    for (const entry of functionEntries(ctx.source.data)) {
      if (typeof entry.fn.displayName !== 'string' || !entry.type) continue;
      const key = `${entry.type}\u0000${entry.fn.displayName}`;
      const path = [...entry.path, 'displayName'];
      const first = seen.get(key);
      if (first) {
        problems.push(
          problemAt(ctx, path, `displayName '${entry.fn.displayName}' is already used by ${entry.type} function '${first.name}' (line ${first.line})`, {
            hint: 'Segment needs display names to be unique among functions of the same type',
          }),
        );
      } else seen.set(key, { name: entry.name, line: ctx.source.valuePos(path).line });
    }
    return problems;
  },
};

/** Points at the `code:` line when the handler file is missing or unreadable. */
export const codeFileReadable: Rule = {
  name: 'code-file-readable',
  check: (ctx) =>
    [...ctx.codeFiles.entries()].flatMap(([name, file]) =>
      file.ok ? [] : [problemAt(ctx, ['functions', name, 'code'], `code file ${file.displayPath} ${file.reason}`, { hint: 'the path is relative to the directory of the config file' })],
    ),
};

/** Syntax errors point into the handler file; a missing handler points at the `code:` line. */
export const handlerCodeValid: Rule = {
  name: 'handler-code-valid',
  check: (ctx) =>
    functionEntries(ctx.source.data).flatMap((entry) => {
      const file = ctx.codeFiles.get(entry.name);
      if (!file?.ok) return [];
      const path = [...entry.path, 'code'];
      return checkHandlerCode(file.text, file.displayPath, entry.type).map((p) =>
        p.line !== undefined ? { ...p, path: formatPath(path) } : problemAt(ctx, path, p.message, { hint: p.hint }),
      );
    }),
};

// Each handler file is parsed once for all the rules that read its program.
const parsedHandlers = new Map<string, ReturnType<typeof parseHandler>>();
const parsedOnce = (text: string, displayPath: string) => {
  const key = `${displayPath}\0${text}`;
  let parsed = parsedHandlers.get(key);
  if (!parsed) {
    if (parsedHandlers.size > 100) parsedHandlers.clear();
    parsedHandlers.set(key, (parsed = parseHandler(text, displayPath)));
  }
  return parsed;
};

/** A rule over each function's parsed handler; its problems sit under the function's `code` key. */
const handlerProgramRule = (name: string, check: typeof checkHandlerNames): Rule => ({
  name,
  check: (ctx) =>
    functionEntries(ctx.source.data).flatMap((entry) => {
      const file = ctx.codeFiles.get(entry.name);
      if (!file?.ok || !entry.type) return [];
      const parsed = parsedOnce(file.text, file.displayPath);
      if (!parsed.ok) return [];
      return check(parsed.program, file.displayPath, entry.type).map((p) => ({ ...p, path: formatPath([...entry.path, 'code']) }));
    }),
});

/** Warnings at the handler's own line: a near-miss handler name (`onTrak`), a handler the type never receives. */
export const handlerNamesCallable: Rule = handlerProgramRule('handler-names-callable', checkHandlerNames);

/** `require`, `process`, `module`, `exports` are errors; other undeclared free names are warnings, each at its position. */
export const handlerGlobalsDefined: Rule = handlerProgramRule('handler-globals-defined', checkHandlerGlobals);
