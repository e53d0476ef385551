// Resolves `${env:NAME}` references into setting values, only when a command needs them (apply, run).
// Missing variables are gathered across the whole config so the user fixes them all in one go.
import { UserError, type Problem } from '../errors.js';
import { findMalformedReference, parseTemplate, resolveParts } from './env-references.js';
import type { Config, ConfigValue, FunctionDefinition, FunctionInstance } from './types.js';

/** An environment to read variables from (process.env fits). */
export type Env = Record<string, string | undefined>;

/** Resolved settings of one instance: string → string, boolean → boolean, array → string[], text-map → Record. */
export interface ResolvedSettings {
  values: Record<string, unknown>;
  /** Env variable names referenced but unset, in order, without duplicates. */
  missing: string[];
}

/** Resolves one instance's setting values against `env`; unset variables are listed, not thrown. */
export function resolveInstanceSettings(fn: FunctionDefinition, inst: FunctionInstance, env: Env): ResolvedSettings {
  const missing = new Set<string>();
  const values: Record<string, unknown> = {};
  for (const setting of fn.settings) {
    const value = inst.settings[setting.name];
    if (value !== undefined) values[setting.name] = resolveValue(value, env, missing);
  }
  // Values for names the function does not declare cannot pass validation; resolve them anyway for completeness.
  for (const [name, value] of Object.entries(inst.settings)) {
    if (!(name in values)) values[name] = resolveValue(value, env, missing);
  }
  return { values, missing: [...missing] };
}

/** Resolves one value's templates against `env`; `missing` lists the unset variables (the value is then incomplete). */
export function resolveConfigValue(value: ConfigValue, env: Env): { value: unknown; missing: string[] } {
  const missing = new Set<string>();
  return { value: resolveValue(value, env, missing), missing: [...missing] };
}

function resolveValue(value: ConfigValue, env: Env, missing: Set<string>): unknown {
  const text = (parts: Parameters<typeof resolveParts>[0]) => {
    const r = resolveParts(parts, env);
    for (const name of r.missing) missing.add(name);
    return r.value;
  };
  switch (value.kind) {
    case 'boolean':
      return value.value;
    case 'string':
      return text(value.parts);
    case 'array':
      return value.items.map((item) => text(item.parts));
    case 'text-map':
      return Object.fromEntries(Object.entries(value.entries).map(([k, v]) => [k, text(v.parts)]));
  }
}

/** Settings written as plain values (a `--settings` file, a fixture's `settings:`), resolved by `resolvePlainSettings`. */
export interface PlainSettingsResolution {
  /** The values with every `${env:NAME}` substituted (an unset variable leaves its reference out of the text). */
  settings: Record<string, unknown>;
  /** Each unset variable, with the top-level setting that needs it, in order. */
  missing: { setting: string; name: string }[];
  /** Each `${...}` that is not a valid `${env:NAME}`, with the path of the string holding it (`key`, `key[0]`, `key.sub`). */
  malformed: { setting: string; path: string; text: string }[];
  /** The resolved text of every string that used a reference, and each variable's value: masked in output. */
  fromEnv: string[];
}

/**
 * Resolves `${env:NAME}` in every string of plain setting values, at any depth (lists, mappings), with the same
 * template rules as fnsync.yaml (`parseTemplate`, `findMalformedReference`): the one resolver behind `fnsync run
 * --settings`, fixture settings and, through `resolveParts`, the config's own values.
 */
export function resolvePlainSettings(values: Record<string, unknown>, env: Env): PlainSettingsResolution {
  const out: PlainSettingsResolution = { settings: {}, missing: [], malformed: [], fromEnv: [] };
  const walk = (value: unknown, setting: string, path: string): unknown => {
    if (typeof value === 'string') {
      const bad = findMalformedReference(value);
      if (bad !== undefined) out.malformed.push({ setting, path, text: bad });
      const parts = parseTemplate(value);
      if (!parts.some((p) => p.kind === 'env')) return value;
      const r = resolveParts(parts, env);
      for (const name of r.missing) if (!out.missing.some((m) => m.setting === setting && m.name === name)) out.missing.push({ setting, name });
      // The resolved text, and the variables' own values: a handler may print a part of it (`pre-${env:X}` sliced).
      for (const text of [r.value, ...parts.map((p) => (p.kind === 'env' ? env[p.name] : undefined))]) {
        if (text && !out.fromEnv.includes(text)) out.fromEnv.push(text);
      }
      return r.value;
    }
    if (Array.isArray(value)) return value.map((v, i) => walk(v, setting, `${path}[${i}]`));
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, setting, `${path}.${k}`)]));
    }
    return value;
  };
  for (const [name, value] of Object.entries(values)) out.settings[name] = walk(value, name, name);
  return out;
}

/** Every instance's resolved settings, keyed by function local name then instance name. */
export type ResolvedConfigValues = Record<string, Record<string, Record<string, unknown>>>;

/**
 * Resolves every instance of every function. Throws one `UserError` naming every unset variable
 * and every place it is referenced, so a CI job fails once with the full list.
 */
export function resolveConfigValues(config: Config, env: Env): ResolvedConfigValues {
  const out: ResolvedConfigValues = {};
  const missing = new Set<string>();
  for (const fn of config.functions) {
    const perInstance: Record<string, Record<string, unknown>> = {};
    for (const inst of fn.instances) {
      const r = resolveInstanceSettings(fn, inst, env);
      perInstance[inst.name] = r.values;
      for (const name of r.missing) missing.add(name);
    }
    out[fn.name] = perInstance;
  }
  if (missing.size === 0) return out;
  const problems: Problem[] = config.envReferences
    .filter((ref) => missing.has(ref.name))
    .map((ref) => ({
      file: ref.position.file,
      line: ref.position.line,
      col: ref.position.col,
      path: ref.path,
      message: `environment variable ${ref.name} is not set`,
    }));
  const names = [...missing];
  throw new UserError(`${names.length} environment variable${names.length === 1 ? ' is' : 's are'} not set: ${names.join(', ')}`, problems);
}
