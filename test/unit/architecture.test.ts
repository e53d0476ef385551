// Enforces the dependency direction from docs/architecture.md by reading every import in src/.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative, dirname, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(import.meta.dirname, '../../src');

function listTs(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return listTs(full);
    return full.endsWith('.ts') ? [full] : [];
  });
}

interface ImportRef {
  file: string; // relative to src/
  specifier: string;
  typeOnly: boolean;
  /** `import(...)`: loaded only when the code runs, not when the importing module loads. */
  dynamic: boolean;
  /** For relative imports: the top-level src/ folder imported (cli, config, ...), or the file for root files. */
  area: string | undefined;
}

const IMPORT_RE = /^\s*(import|export)\s+(type\s+)?[^'";]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s+['"]([^'"]+)['"]/gm;

function importsOf(file: string): ImportRef[] {
  const text = readFileSync(file, 'utf8');
  const refs: ImportRef[] = [];
  for (const m of text.matchAll(IMPORT_RE)) {
    const specifier = (m[3] ?? m[4] ?? m[5])!;
    const typeOnly = Boolean(m[2]);
    let area: string | undefined;
    if (specifier.startsWith('.')) {
      const target = relative(SRC, resolve(dirname(file), specifier));
      area = target.split('/')[0];
    }
    refs.push({ file: relative(SRC, file), specifier, typeOnly, dynamic: m[4] !== undefined, area });
  }
  return refs;
}

const all = listTs(SRC).flatMap(importsOf);
const areaOf = (file: string) => file.split('/')[0]!;
/** The pure comparison helpers of src/api (codeEquals, settings normalisation, metadata ids). */
const isComparisonHelpers = (r: ImportRef) => r.specifier.startsWith('.') && /(^|\/)api\/normalise\.js$/.test(r.specifier);
const IO_MODULES = /^(node:)?(fs|fs\/promises|net|http|https|child_process|worker_threads|os|dgram|tls|process)$/;

describe('architecture: dependency direction', () => {
  it('finds imports to check (guards against a broken scanner)', () => {
    expect(all.length).toBeGreaterThan(5);
    expect(all.some((r) => r.specifier === 'commander')).toBe(true);
  });

  it('only src/api imports the Segment SDK', () => {
    const offenders = all.filter((r) => r.specifier.startsWith('@segment/public-api-sdk') && areaOf(r.file) !== 'api');
    expect(offenders).toEqual([]);
  });

  it('only src/github imports octokit', () => {
    const offenders = all.filter((r) => /^(octokit|@octokit\/)/.test(r.specifier) && areaOf(r.file) !== 'github');
    expect(offenders).toEqual([]);
  });

  it('nothing outside src/cli imports src/cli', () => {
    const offenders = all.filter((r) => r.area === 'cli' && areaOf(r.file) !== 'cli');
    expect(offenders).toEqual([]);
  });

  it('plan and render are pure: no I/O modules, and only types from I/O areas (except api/normalise)', () => {
    const pure = all.filter((r) => ['plan', 'render'].includes(areaOf(r.file)));
    const io = pure.filter((r) => IO_MODULES.test(r.specifier));
    const impure = pure.filter(
      (r) =>
        !r.typeOnly &&
        r.area !== undefined &&
        ['api', 'apply', 'emulator', 'runtime', 'github', 'cli'].includes(r.area) &&
        !isComparisonHelpers(r),
    );
    expect([...io, ...impure]).toEqual([]);
  });

  it('api/normalise.ts, the one api module plan may load, imports only types and the shared vocabulary', () => {
    const own = all.filter((r) => r.file === 'api/normalise.ts');
    const loaded = own.filter((r) => !r.typeOnly && r.area !== 'vocabulary.js');
    expect(own.length).toBeGreaterThan(0);
    expect(loaded).toEqual([]);
    // And plan really uses it (otherwise the exception above is dead weight).
    expect(all.some((r) => areaOf(r.file) === 'plan' && isComparisonHelpers(r) && !r.typeOnly)).toBe(true);
  });

  it('the shared vocabulary imports nothing', () => {
    expect(all.filter((r) => r.file === 'vocabulary.ts')).toEqual([]);
  });

  it('plan and render never read process.env or the clock', () => {
    const files = listTs(SRC).filter((f) => ['plan', 'render'].includes(areaOf(relative(SRC, f))));
    const offenders = files.filter((f) => /process\.env|Date\.now\(|new Date\(\)/.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('apply knows the SegmentApi interface, never the emulator or runtime', () => {
    const offenders = all.filter((r) => areaOf(r.file) === 'apply' && ['emulator', 'runtime', 'github'].includes(r.area ?? ''));
    expect(offenders).toEqual([]);
  });

  it('the runtime never touches the workspace API, and the emulator does not use our client', () => {
    const offenders = all.filter(
      (r) => (areaOf(r.file) === 'runtime' || areaOf(r.file) === 'emulator') && r.area === 'api' && !r.typeOnly,
    );
    expect(offenders).toEqual([]);
  });

  it('every package src/ imports is a declared dependency, listed in the README with why', () => {
    const pkg = JSON.parse(readFileSync(resolve(SRC, '../package.json'), 'utf8')) as { dependencies: Record<string, string> };
    const readme = readFileSync(resolve(SRC, '../README.md'), 'utf8');
    const section = readme.split(/^## Runtime dependencies$/m)[1]?.split(/^## /m)[0] ?? '';
    // First column of the table: `name` or `name@version`, several per cell for the pinned runtime libraries.
    const listed = new Set(
      section
        .split('\n')
        .filter((line) => line.startsWith('| `'))
        .flatMap((line) => [...line.split('|')[1]!.matchAll(/`(@?[^@`]+)(?:@[^`]*)?`/g)].map((m) => m[1]!)),
    );
    expect(listed.has('commander')).toBe(true);
    const builtins = new Set(builtinModules);
    const packages = new Set(
      all
        .filter((r) => !r.specifier.startsWith('.') && !r.specifier.startsWith('node:') && !builtins.has(r.specifier.split('/')[0]!))
        .map((r) => r.specifier.split('/').slice(0, r.specifier.startsWith('@') ? 2 : 1).join('/')),
    );
    expect(packages.size).toBeGreaterThan(5);
    const undeclared = [...packages].filter((name) => !(name in pkg.dependencies));
    const unlisted = [...packages].filter((name) => !listed.has(name));
    expect({ undeclared, unlisted }).toEqual({ undeclared: [], unlisted: [] });
  });

  it('fnsync --help loads no package but commander: commands import their implementation lazily', () => {
    const loaded = new Set<string>();
    const packages = new Set<string>();
    const queue = ['cli/main.ts'];
    while (queue.length > 0) {
      const file = queue.pop()!;
      if (loaded.has(file)) continue;
      loaded.add(file);
      for (const r of all.filter((ref) => ref.file === file && !ref.typeOnly && !ref.dynamic)) {
        if (r.specifier.startsWith('.')) queue.push(relative(SRC, resolve(SRC, dirname(file), r.specifier)).replace(/\.js$/, '.ts'));
        else if (!r.specifier.startsWith('node:')) packages.add(r.specifier);
      }
    }
    expect(loaded.has('cli/commands/validate.ts')).toBe(true);
    expect([...packages]).toEqual(['commander']);
  });

  it('src/test-record loads no runtime worker, sandbox, SDK or client: plan and apply import it while holding a token', () => {
    // Everything test-record/index.ts loads, statically or lazily, types aside.
    const loaded = new Set<string>();
    const packages = new Set<string>();
    const queue = ['test-record/index.ts'];
    while (queue.length > 0) {
      const file = queue.pop()!;
      if (loaded.has(file)) continue;
      loaded.add(file);
      for (const r of all.filter((ref) => ref.file === file && !ref.typeOnly)) {
        if (r.specifier.startsWith('.')) queue.push(relative(SRC, resolve(SRC, dirname(file), r.specifier)).replace(/\.js$/, '.ts'));
        else packages.add(r.specifier);
      }
    }
    expect(loaded.has('test-record/function-digest.ts')).toBe(true);
    const outside = [...loaded].filter((f) => !['test-record', 'config', 'errors.ts'].includes(areaOf(f)));
    // The only runtime modules allowed: the fixture-file finder, the report types, the atomic file writer.
    expect(outside.sort()).toEqual(['runtime/fixtures/find-fixture-files.ts', 'runtime/fixtures/fixture-types.ts', 'runtime/write-report-file.ts']);
    expect([...packages].filter((p) => !/^node:(crypto|fs\/promises|path)$/.test(p)).sort()).toEqual(['tinyglobby', 'write-file-atomic']);
  });

  it('src/ carries no TODO, FIXME or "not implemented" markers', () => {
    const offenders = listTs(SRC).filter((f) => /\b(TODO|FIXME)\b|not implemented/i.test(readFileSync(f, 'utf8')));
    expect(offenders.map((f) => relative(SRC, f))).toEqual([]);
  });
});
