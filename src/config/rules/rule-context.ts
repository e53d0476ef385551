// What every named rule sees, and defensive accessors: rules run even when the schema check failed
// (so one run reports everything), so they only look at parts that have the expected shape.
import type { Problem } from '../../errors.js';
import type { FunctionType, SettingType } from '../types.js';
import { FUNCTION_TYPES } from '../types.js';
import { formatPath, type PathSegment, type YamlSource } from '../yaml-source.js';

/** The handler file of one function, as read before the rules run. */
export type CodeFile = { absPath: string; displayPath: string } & ({ ok: true; text: string } | { ok: false; reason: string });

/** Input to every rule. */
export interface RuleContext {
  source: YamlSource;
  /** Code files keyed by function local name (only functions whose `code` is a non-empty string). */
  codeFiles: Map<string, CodeFile>;
}

/** A named cross-field check; the name appears in docs and tests so each rule is findable. */
export interface Rule {
  name: string;
  check(ctx: RuleContext): Problem[];
}

/** Builds a problem located at a value (or at its key with `key: true`). */
export function problemAt(ctx: RuleContext, path: PathSegment[], message: string, options: { key?: boolean; hint?: string } = {}): Problem {
  const pos = options.key ? ctx.source.keyPos(path) : ctx.source.valuePos(path);
  return { file: ctx.source.displayFile, ...pos, path: formatPath(path), message, ...(options.hint ? { hint: options.hint } : {}) };
}

/** A plain mapping, or undefined for anything else. */
export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** One function entry with its local name and path. */
export interface FunctionEntry {
  name: string;
  path: PathSegment[];
  fn: Record<string, unknown>;
  type: FunctionType | undefined;
}

/** The function entries that are mappings. */
export function functionEntries(data: unknown): FunctionEntry[] {
  const functions = asRecord(asRecord(data)?.functions) ?? {};
  return Object.entries(functions).flatMap(([name, value]) => {
    const fn = asRecord(value);
    if (!fn) return [];
    const type = FUNCTION_TYPES.includes(fn.type as FunctionType) ? (fn.type as FunctionType) : undefined;
    return [{ name, path: ['functions', name], fn, type }];
  });
}

/** The items of a list-valued key that are mappings, with their paths. */
export function listItems(entry: FunctionEntry, key: 'settings' | 'instances'): { path: PathSegment[]; item: Record<string, unknown> }[] {
  const list = entry.fn[key];
  if (!Array.isArray(list)) return [];
  return list.flatMap((value, i) => {
    const item = asRecord(value);
    return item ? [{ path: [...entry.path, key, i], item }] : [];
  });
}

/** A declared setting as far as rules need it. */
export interface DeclaredSetting {
  name: string;
  type: SettingType | undefined;
  required: boolean;
  sensitive: boolean;
}

const SETTING_TYPES: readonly string[] = ['string', 'boolean', 'array', 'text-map'];

/** The function's settings by name (first definition wins); an invalid type is `undefined` so values are not checked twice. */
export function declaredSettings(entry: FunctionEntry): Map<string, DeclaredSetting> {
  const out = new Map<string, DeclaredSetting>();
  for (const { item } of listItems(entry, 'settings')) {
    if (typeof item.name !== 'string' || out.has(item.name)) continue;
    const type = item.type === undefined ? 'string' : SETTING_TYPES.includes(item.type as string) ? (item.type as SettingType) : undefined;
    out.set(item.name, { name: item.name, type, required: item.required === true, sensitive: item.sensitive === true });
  }
  return out;
}

/** Every instance's setting values that name a declared setting. */
export function declaredValues(entry: FunctionEntry): { path: PathSegment[]; value: unknown; setting: DeclaredSetting }[] {
  const settings = declaredSettings(entry);
  return listItems(entry, 'instances').flatMap(({ path, item }) => {
    const values = asRecord(item.settings) ?? {};
    return Object.entries(values).flatMap(([key, value]) => {
      const setting = settings.get(key);
      return setting ? [{ path: [...path, 'settings', key], value, setting }] : [];
    });
  });
}

/**
 * The named items of a function's `settings` or `instances` list, each with where its name is, after reporting
 * every repeated name once ("duplicate <what> name 'x' (first defined on line N)"). Repeats are not returned.
 */
export function uniquelyNamedItems(
  ctx: RuleContext,
  entry: FunctionEntry,
  key: 'settings' | 'instances',
  what: string,
  problems: Problem[],
): { name: string; namePath: PathSegment[] }[] {
  const seen = new Map<string, number>();
  const out: { name: string; namePath: PathSegment[] }[] = [];
  for (const { path, item } of listItems(entry, key)) {
    if (typeof item.name !== 'string') continue;
    const namePath = [...path, 'name'];
    const first = seen.get(item.name);
    if (first !== undefined) {
      problems.push(problemAt(ctx, namePath, `duplicate ${what} name '${item.name}' (first defined on line ${first})`));
      continue;
    }
    seen.set(item.name, ctx.source.valuePos(namePath).line);
    out.push({ name: item.name, namePath });
  }
  return out;
}
