// Loads fnsync.yaml: parse with positions, schema check, named rules, handler compile check, normalise.
// Every problem is gathered first and thrown together, so one run tells the user everything.
import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import { UserError, isWarning, type Problem } from '../errors.js';
import { normaliseConfig } from './normalise-config.js';
import { runRules, type CodeFile, type Rule } from './rules/index.js';
import { functionEntries } from './rules/rule-context.js';
import { checkSchema } from './schema-check.js';
import type { Config, WrittenConfig } from './types.js';
import { parseYamlSource, type YamlSource } from './yaml-source.js';

/** The config file name looked for in the working directory. */
export const DEFAULT_CONFIG_FILE = 'fnsync.yaml';

/** Options for `loadConfig`. */
export interface LoadConfigOptions {
  /** Directory file names in messages are relative to (default: process.cwd()). */
  cwd?: string;
}

/** Options for `loadConfig`. */
export interface LoadConfigStrictOptions extends LoadConfigOptions {
  /** Warnings count as errors (`fnsync validate --strict`). */
  strict?: boolean;
}

/** Options for `checkConfigFile`. */
export interface CheckConfigOptions extends LoadConfigOptions {
  /** The rules to run (default: all); tests use it to show what each rule catches on its own. */
  rules?: readonly Rule[];
}

/** Resolves which config file a command uses; a clear error when there is none. */
export function findConfigFile(cwd: string, explicit?: string): string {
  const file = resolve(cwd, explicit ?? DEFAULT_CONFIG_FILE);
  const shown = explicit ?? DEFAULT_CONFIG_FILE;
  if (!existsSync(file)) {
    throw new UserError(
      explicit ? `config file ${shown} not found` : `no ${DEFAULT_CONFIG_FILE} in ${cwd} (run fnsync in your project's directory, or pass --config FILE)`,
    );
  }
  if (statSync(file).isDirectory()) throw new UserError(`config file ${shown} is a directory, not a file`);
  return file;
}

/** Reads and checks a config file; throws a `UserError` carrying every problem found. */
export async function loadConfig(file: string, options: LoadConfigStrictOptions = {}): Promise<Config> {
  const checked = await checkConfigFile(file, options);
  if (options.strict && checked.warnings.length > 0) {
    // Errors now (severity `error`), labelled `error (warning, --strict):` so the user sees which ones only --strict made errors.
    const strict = checked.warnings.map((w) => ({ ...w, severity: 'error' as const, strict: true as const }));
    throw invalid(checked.displayFile, sortProblems([...checked.problems, ...strict], checked.displayFile), ' (warnings count as errors under --strict)');
  }
  if (!checked.source || checked.problems.length > 0) {
    // The warnings come along (marked as such), so one run shows everything; the count is of errors.
    const shown = sortProblems([...checked.problems, ...checked.warnings], checked.displayFile);
    const w = checked.warnings.length;
    throw invalid(checked.displayFile, shown, w > 0 ? ` and ${w} warning${w === 1 ? '' : 's'}` : '', checked.problems.length);
  }
  const config = normaliseConfig(checked.source.data as WrittenConfig, { file: checked.file, source: checked.source, codeFiles: checked.codeFiles });
  return { ...config, warnings: checked.warnings };
}

/** The outcome of checking a config file without normalising it. */
export interface ConfigCheck {
  /** Absolute path of the config file. */
  file: string;
  displayFile: string;
  /** The errors. Sorted: config file by line, then other files. */
  problems: Problem[];
  /** The warnings (severity `warning`), sorted the same way. */
  warnings: Problem[];
  /** Undefined when the YAML does not parse. */
  source: YamlSource | undefined;
  codeFiles: Map<string, CodeFile>;
}

/** Parses, schema-checks and runs the rules; unreadable files still throw, everything else is a problem. */
export async function checkConfigFile(file: string, options: CheckConfigOptions = {}): Promise<ConfigCheck> {
  const cwd = options.cwd ?? process.cwd();
  const absolute = resolve(cwd, file);
  const displayFile = relative(cwd, absolute) || absolute;
  let text: string;
  try {
    text = await readFile(absolute, 'utf8');
  } catch (err) {
    throw new UserError(`cannot read ${displayFile} (${(err as NodeJS.ErrnoException).code ?? 'unknown error'})`, [], { cause: err });
  }

  const parsed = parseYamlSource(text, displayFile);
  if (!parsed.ok) return { file: absolute, displayFile, problems: parsed.problems, warnings: [], source: undefined, codeFiles: new Map() };
  const source = parsed.source;
  const codeFiles = await readCodeFiles(source.data, dirname(absolute), cwd);
  const found = sortProblems([...checkSchema(source), ...runRules({ source, codeFiles }, options.rules)], displayFile);
  return { file: absolute, displayFile, problems: found.filter((p) => !isWarning(p)), warnings: found.filter(isWarning), source, codeFiles };
}

function invalid(displayFile: string, problems: Problem[], note = '', n = problems.length): UserError {
  return new UserError(`${displayFile} is not valid: ${n} problem${n === 1 ? '' : 's'}${note}`, problems);
}

/** Config-file problems first in line order, then problems in other files (handler code) by file and line. */
export function sortProblems(problems: Problem[], configFile: string): Problem[] {
  const rank = (p: Problem) => (p.file === configFile ? 0 : 1);
  return [...problems].sort(
    (a, b) => rank(a) - rank(b) || a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0) || (a.col ?? 0) - (b.col ?? 0),
  );
}

/** Reads each function's handler file once; failures become problems in the code-file rule. */
async function readCodeFiles(data: unknown, rootDir: string, cwd: string): Promise<Map<string, CodeFile>> {
  const files = new Map<string, CodeFile>();
  for (const entry of functionEntries(data)) {
    const code = entry.fn.code;
    if (typeof code !== 'string' || code === '') continue;
    const absPath = resolve(rootDir, code);
    const displayPath = relative(cwd, absPath);
    files.set(entry.name, { absPath, displayPath, ...(await readCode(absPath)) });
  }
  return files;
}

async function readCode(absPath: string): Promise<{ ok: true; text: string } | { ok: false; reason: string }> {
  try {
    if (statSync(absPath).isDirectory()) return { ok: false, reason: 'is a directory, not a file' };
    return { ok: true, text: await readFile(absPath, 'utf8') };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return { ok: false, reason: code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? 'unknown error'})` };
  }
}
