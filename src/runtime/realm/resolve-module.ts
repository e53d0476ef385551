// Which file a `require` inside a function's realm loads. Node's own resolution, with three rules on top:
// Node's built-in modules map to fnsync's in-realm facades or to pure-JS copies (never to the real ones); files
// load only from fnsync's own dependencies or the project's node_modules, and only as JavaScript or JSON; and the
// heavy SDKs of Segment's runtime come only from packages the project's package.json declares, so a file that
// happens to sit beside the handler (a committed node_modules/aws-sdk/index.js) is never loaded.
import { createRequire, isBuiltin } from 'node:module';
import { readFileSync, realpathSync } from 'node:fs';
import { dirname, extname, join, sep } from 'node:path';
import type { SdkEntry } from '../sdk-table.js';
import { missingSdkMessage } from '../sdk-table.js';

const fnsyncRequire = createRequire(import.meta.url);

/**
 * Node's built-ins as function code's libraries see them. Facades (`fnsync:…`) route through fnsync (network,
 * crypto, compression, timers); the others are the pure-JS packages bundlers use, evaluated in the realm. A
 * built-in missing here does not exist for function code, as on Segment.
 */
const BUILTINS: Record<string, string> = {
  assert: 'fnsync:assert',
  buffer: 'fnsync:buffer',
  crypto: 'fnsync:crypto',
  dns: 'fnsync:net',
  events: 'events/',
  fs: 'fnsync:fs',
  http: 'fnsync:http',
  https: 'fnsync:https',
  net: 'fnsync:net',
  os: 'fnsync:os',
  path: 'path-browserify',
  querystring: 'querystring-es3',
  stream: 'stream-browserify',
  string_decoder: 'string_decoder/',
  timers: 'fnsync:timers',
  tls: 'fnsync:tls',
  tty: 'fnsync:tty',
  url: 'fnsync:legacy-url',
  util: 'fnsync:util',
  zlib: 'fnsync:zlib',
};

/**
 * Packages whose Node entry expects Node's own built-ins and whose browser entry (what bundlers load, as here)
 * does not: `inherits` requires `util` under Node, which in the realm is the `util` package, which requires
 * `inherits` back; its browser entry has no such cycle.
 */
const BROWSER_ENTRIES: Record<string, string> = {
  inherits: 'inherits/inherits_browser.js',
};

const LOADABLE = new Set(['.js', '.cjs', '.json', '']);

/** Thrown for a module function code may not load; the message is what the function sees. */
export class ModuleNotFound extends Error {
  readonly code: string = 'MODULE_NOT_FOUND';
}

/** Thrown when a heavy SDK is not declared or not installed in the project; the message says what to install. */
export class SdkMissing extends ModuleNotFound {
  override readonly code = 'ERR_SDK_MISSING';
}

/** Where a project's dependencies live: its package.json decides what its functions may load. */
export interface ProjectModules {
  dir: string;
  declared: Set<string>;
}

/** Reads the project's declared dependencies (all kinds); a missing package.json declares nothing. */
export function projectModules(dir: string): ProjectModules {
  try {
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>;
    const names = ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies'].flatMap((k) => Object.keys(pkg[k] ?? {}));
    return { dir, declared: new Set(names) };
  } catch {
    return { dir, declared: new Set() };
  }
}

const fnsyncModulesDir = (() => {
  const file = realpathSync(fnsyncRequire.resolve('lodash'));
  return file.slice(0, file.lastIndexOf(`${sep}node_modules${sep}`) + `${sep}node_modules${sep}`.length);
})();

/** node_modules folders of the project and its ancestors: where Node (and npm's hoisting) puts its packages. */
function ancestorModuleDirs(dir: string): string[] {
  const out: string[] = [];
  for (let at = dir; ; at = dirname(at)) {
    out.push(join(at, 'node_modules') + sep);
    if (dirname(at) === at) return out;
  }
}

/**
 * The CommonJS entry of a package whose `exports` sent Node to an ES module (Node 20.19+ picks `module-sync`
 * targets for require): its `main`, which such dual packages keep for older Nodes. The realm loads CommonJS only.
 */
function commonJsEntry(file: string, spec: string): string {
  for (let dir = dirname(file); dirname(dir) !== dir; dir = dirname(dir)) {
    let pkg: { main?: string } | undefined;
    try {
      pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { main?: string };
    } catch {
      continue;
    }
    const main = join(dir, pkg.main ?? 'index.js');
    for (const candidate of [main, `${main}.js`, join(main, 'index.js')]) {
      try {
        if (['.js', '.cjs'].includes(extname(candidate)) && readFileSync(candidate)) return candidate;
      } catch {
        // try the next form
      }
    }
    break;
  }
  throw new ModuleNotFound(`Cannot load '${spec}': it is an ES module, and function code loads CommonJS packages only`);
}

/** Resolves `require` calls for one instance. */
export function createResolver(project: ProjectModules, sdks: SdkEntry[]): (spec: string, from: string | undefined) => string {
  const roots = [fnsyncModulesDir, ...ancestorModuleDirs(project.dir)];
  const allowed = (file: string) => LOADABLE.has(extname(file)) && roots.some((root) => file.startsWith(root));
  const checked = (file: string, spec: string) => {
    let real = realpathSync(file);
    if (extname(real) === '.mjs') real = realpathSync(commonJsEntry(real, spec));
    if (!allowed(real)) throw new ModuleNotFound(`Cannot load '${spec}': only JavaScript and JSON files of installed packages can be loaded`);
    return real;
  };
  const sdkByPackage = new Map(sdks.map((e) => [e.pkg, e]));
  // Resolution is the same for every instance of a project in this worker, and it is most of the cost of loading
  // a library into a fresh realm: answers are kept (failures are not, so their message is built each time).
  const scope = `${project.dir}\0${[...project.declared].sort().join(',')}\0`;

  return (spec, from) => {
    const key = `${scope}${from === undefined || from.startsWith('fnsync:') ? '' : dirname(from)}\0${spec}`;
    let id = resolutions.get(key);
    if (id === undefined) {
      id = resolveUncached(spec, from);
      resolutions.set(key, id);
    }
    return id;
  };

  function resolveUncached(spec: string, from: string | undefined): string {
    const bare = spec.startsWith('node:') ? spec.slice(5) : spec;
    if (isBuiltin(spec) || (spec.startsWith('node:') && isBuiltin(bare))) {
      const target = BUILTINS[bare];
      if (target === undefined) throw new ModuleNotFound(`Cannot find module '${spec}': Node's ${bare} module is not available in Segment functions`);
      return target.startsWith('fnsync:') ? target : checked(fnsyncRequire.resolve(target), spec);
    }
    if (spec.startsWith('sdk:')) {
      const entry = sdkByPackage.get(spec.slice(4));
      if (!entry) throw new ModuleNotFound(`Cannot find module '${spec}'`);
      if (!project.declared.has(entry.pkg)) throw new SdkMissing(missingSdkMessage(entry));
      try {
        return checked(createRequire(join(project.dir, 'package.json')).resolve(entry.pkg), entry.pkg);
      } catch (err) {
        if (err instanceof ModuleNotFound) throw err;
        throw new SdkMissing(missingSdkMessage(entry));
      }
    }
    const browserEntry = BROWSER_ENTRIES[spec];
    if (browserEntry) return checked(fnsyncRequire.resolve(browserEntry), spec);
    // fnsync's preinstalled libraries and its facades' imports resolve from fnsync's install, a library's own
    // imports from its file, as Node would.
    const base = from === undefined || from.startsWith('fnsync:') ? fnsyncRequire : createRequire(from);
    let file: string;
    try {
      file = base.resolve(spec);
    } catch {
      throw new ModuleNotFound(`Cannot find module '${spec}'`);
    }
    return checked(file, spec);
  }
}

const resolutions = new Map<string, string>();
