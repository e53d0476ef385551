// Import checks what it would write with fnsync validate's own checks (schema, every named rule,
// the handler compile check) and the fixture loader, in memory, before writing anything. A new entry
// that would not pass (code that does not parse, a setting the schema cannot express, a display name
// an existing entry already uses) is left out with validate's message as the reason, and the import is
// computed again without it, so what import writes always passes `fnsync validate` and `fnsync test`.
import { dirname, relative, resolve } from 'node:path';
import { runRules, type CodeFile } from '../config/rules/index.js';
import { checkSchema } from '../config/schema-check.js';
import { parseYamlSource } from '../config/yaml-source.js';
import { InternalError, formatProblem, type Problem } from '../errors.js';
import { parseFixture } from '../runtime/fixtures/load-fixture.js';
import type { ImportPlan } from './types.js';

/** Where the config lives and the code of the entries already in it. */
export interface ImportCheckContext {
  /** Absolute path of the config file. */
  configFile: string;
  /** The working directory, for file names in messages. */
  cwd: string;
  /** Handler code of the existing entries, by local name. */
  existingCode: Map<string, { absPath: string; text: string }>;
}

/** Problems `fnsync validate` would report for the config text the plan would write. */
export function configProblems(plan: ImportPlan, ctx: ImportCheckContext): Problem[] {
  const displayFile = relative(ctx.cwd, ctx.configFile) || ctx.configFile;
  const parsed = parseYamlSource(plan.config.text, displayFile);
  if (!parsed.ok) return parsed.problems;
  const rootDir = dirname(ctx.configFile);
  const codeFiles = new Map<string, CodeFile>();
  const add = (name: string, absPath: string, text: string) => codeFiles.set(name, { absPath, displayPath: relative(ctx.cwd, absPath), ok: true, text });
  for (const [name, code] of ctx.existingCode) add(name, code.absPath, code.text);
  for (const fn of plan.functions) add(fn.name, resolve(rootDir, fn.code.path), fn.code.text);
  return [...checkSchema(parsed.source), ...runRules({ source: parsed.source, codeFiles })];
}

/**
 * Builds the import, leaving out every new entry validate would reject, until what remains is valid.
 * `build` computes the import without the given function ids (each with its reason).
 */
export function buildValidImport(build: (excluded: Map<string, string>) => ImportPlan, ctx: ImportCheckContext): ImportPlan {
  const excluded = new Map<string, string>();
  for (;;) {
    const plan = build(excluded);
    const problems = configProblems(plan, ctx);
    if (problems.length === 0) {
      checkFixtures(plan, ctx);
      return plan;
    }
    const blamed = new Map<string, Problem[]>();
    const unexplained: Problem[] = [];
    for (const p of problems) {
      const fn = plan.functions.find((f) => p.path === `functions.${f.name}` || p.path?.startsWith(`functions.${f.name}.`) || p.path?.startsWith(`functions.${f.name}[`));
      if (fn) blamed.set(fn.remote.id, [...(blamed.get(fn.remote.id) ?? []), p]);
      else unexplained.push(p);
    }
    if (unexplained.length > 0 || blamed.size === 0) {
      throw new InternalError(`fnsync import would write a config that does not pass validate:\n${problems.map(formatProblem).join('\n')}`);
    }
    for (const [id, ps] of blamed) {
      const fn = plan.functions.find((f) => f.remote.id === id)!;
      excluded.set(id, `fnsync validate would reject it: ${ps.map((p) => reason(p, fn.code.path)).join('; ')}`);
    }
  }
}

/** The problem in words about the function, with the line when it is in its code. */
function reason(p: Problem, codePath: string): string {
  const inCode = p.line !== undefined && p.file.endsWith(codePath);
  return `${p.message}${inCode ? ` (its code, line ${p.line}${p.col !== undefined ? `:${p.col}` : ''})` : ''}`;
}

/** The skeletons are import's own output: one the fixture loader rejects is a bug in import. */
function checkFixtures(plan: ImportPlan, ctx: ImportCheckContext): void {
  const rootDir = dirname(ctx.configFile);
  for (const fn of plan.functions) {
    const abs = resolve(rootDir, fn.fixture.path);
    const owner = { name: fn.name, type: fn.remote.type, settings: (fn.entry.settings ?? []).map((s) => ({ name: s.name, type: s.type, sensitive: s.sensitive })) };
    const loaded = parseFixture(fn.fixture.text, abs, relative(ctx.cwd, abs), owner);
    if (!loaded.ok) throw new InternalError(`fnsync import wrote a fixture skeleton the loader rejects:\n${loaded.problems.map(formatProblem).join('\n')}`);
  }
}
