// Compiled code for the realms: fnsync's in-realm sources (js/*.js) and library files, each wrapped as a
// CommonJS function and compiled once per worker. Running a compiled script in a context yields that context's
// own function, so every instance builds its own copy of a library from one compilation.
import vm from 'node:vm';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dynamicImportStarts } from './dynamic-import.js';

/** The in-realm sources; `fnsync:NAME` module ids and `NAME` scripts are files here. */
export const REALM_SOURCE_DIR = fileURLToPath(new URL('./js/', import.meta.url));

/**
 * The wrapper's parameters. The last one is fnsync's bridge: it is passed to fnsync's own facade modules only and
 * is `undefined` in every library, so its name only has to not clash with a library's free variables.
 */
const MODULE_PARAMS = 'exports, require, module, __filename, __dirname, process, global, setImmediate, clearImmediate, __fnsync_host__, __fnsync_import';

const compiled = new Map<string, vm.Script>();

function compileOnce(key: string, filename: string, text: () => string): vm.Script {
  let script = compiled.get(key);
  if (!script) {
    // On one line with the file's first line, so stack traces keep the file's own line numbers.
    script = new vm.Script(`(function (${MODULE_PARAMS}) {${withoutDynamicImport(text())}\n})`, { filename });
    compiled.set(key, script);
  }
  return script;
}

/** The path of a facade module's source, for `fnsync:NAME`. */
export function facadePath(id: string): string {
  return `${REALM_SOURCE_DIR}${id.slice('fnsync:'.length)}.js`;
}

/** A module's wrapper function, created in `context`. `id` is a file path or `fnsync:NAME`. */
export function moduleWrapper(id: string, context: vm.Context): unknown {
  const file = id.startsWith('fnsync:') ? facadePath(id) : id;
  return compileOnce(id, id.startsWith('fnsync:') ? `fnsync:realm/${id.slice(7)}.js` : file, () => stripShebang(readFileSync(file, 'utf8'))).runInContext(context);
}

const scripts = new Map<string, vm.Script>();

/** Evaluates an in-realm script (js/NAME.js, an expression) in `context` and returns its value. */
export function runRealmScript(name: string, context: vm.Context): unknown {
  let script = scripts.get(name);
  if (!script) {
    script = new vm.Script(readFileSync(`${REALM_SOURCE_DIR}${name}.js`, 'utf8'), { filename: `fnsync:realm/${name}.js` });
    scripts.set(name, script);
  }
  return script.runInContext(context);
}

/**
 * A library's `import()` calls, pointed at the loader's `__fnsync_import`, which rejects with an error of the
 * function's realm: on Node 20 the rejection of a real `import()` in a vm context is an error created in fnsync's
 * realm. Only the keyword changes, so lines (and positions on other lines) in stack traces stay right.
 */
function withoutDynamicImport(text: string): string {
  if (!text.includes('import')) return text;
  let starts: number[];
  try {
    starts = dynamicImportStarts(text);
  } catch {
    // Fail closed: V8 compiles some text the checker cannot parse (deep nesting exhausts its stack), and an
    // unchecked file could hold a real import().
    throw new Error('this file mentions import and could not be checked for import() calls, so it is not loaded in Segment functions');
  }
  let out = text;
  for (const at of starts.reverse()) out = `${out.slice(0, at)}__fnsync_import${out.slice(at + 'import'.length)}`;
  return out;
}

const stripShebang = (text: string) => (text.startsWith('#!') ? `//${text.slice(2)}` : text);
