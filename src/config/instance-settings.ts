// One instance's setting values as `fnsync run --instance NAME` uses them: `${env:…}` resolved by the config's value
// resolver, an unset variable an error at its line in fnsync.yaml (unless the caller gives that key itself), and
// every value that came from the environment returned for masking.
import { UserError } from '../errors.js';
import { closestName } from './closest-name.js';
import { resolveConfigValue, type Env } from './resolve-settings.js';
import type { Config, ConfigValue, FunctionDefinition, ValuePart } from './types.js';

/**
 * The instance's values, leaving out the keys in `overridden` (the caller's own values win, and a variable those keys
 * need is then not required). Throws a `UserError` for an unknown instance (with a suggestion) or unset variables.
 */
export function instanceSettingsForRun(
  config: Config,
  fn: FunctionDefinition,
  name: string,
  overridden: ReadonlySet<string>,
  env: Env,
): { settings: Record<string, unknown>; fromEnv: string[] } {
  const inst = fn.instances.find((i) => i.name === name);
  if (!inst) {
    const names = fn.instances.map((i) => i.name);
    const suggestion = closestName(name, names);
    throw new UserError(`${fn.name} has no instance named "${name}"${suggestion ? ` (did you mean "${suggestion}"?)` : ''} (instances: ${names.join(', ') || 'none'})`);
  }
  const settings: Record<string, unknown> = {};
  const fromEnv: string[] = [];
  const missing = new Map<string, string[]>();
  for (const [key, value] of Object.entries(inst.settings)) {
    if (overridden.has(key)) continue;
    const r = resolveConfigValue(value, env);
    if (r.missing.length > 0) missing.set(key, r.missing);
    settings[key] = r.value;
    fromEnv.push(...envSourced(value, r.value, env));
  }
  if (missing.size === 0) return { settings, fromEnv };
  const names = [...new Set([...missing.values()].flat())];
  const prefix = `functions.${fn.name}.instances[${fn.instances.indexOf(inst)}].settings.`;
  const problems = config.envReferences
    .filter((ref) => names.includes(ref.name) && ref.path?.startsWith(prefix) && missing.has(ref.path.slice(prefix.length).split(/[.[]/)[0]!))
    .map((ref) => ({ file: ref.position.file, line: ref.position.line, col: ref.position.col, path: ref.path, message: `environment variable ${ref.name} is not set` }));
  const one = names.length === 1;
  throw new UserError(
    `instance ${inst.name} of ${fn.name} needs ${one ? 'an environment variable that is' : 'environment variables that are'} not set: ${names.join(', ')} (set ${one ? 'it' : 'them'}, or give ${[...missing.keys()].join(', ')} with --settings)`,
    problems,
  );
}

/**
 * The strings of a resolved value that came from the environment (each resolved text and the variables' own values),
 * element by element: a literal next to an `${env:…}` in the same list or map is not a secret.
 */
function envSourced(value: ConfigValue, resolved: unknown, env: Env): string[] {
  const out: string[] = [];
  const add = (parts: ValuePart[], text: unknown) => {
    if (!parts.some((p) => p.kind === 'env')) return;
    if (typeof text === 'string' && text) out.push(text);
    for (const p of parts) if (p.kind === 'env' && env[p.name]) out.push(env[p.name]!);
  };
  if (value.kind === 'string') add(value.parts, resolved);
  else if (value.kind === 'array') value.items.forEach((item, i) => add(item.parts, (resolved as unknown[])[i]));
  else if (value.kind === 'text-map') for (const [k, v] of Object.entries(value.entries)) add(v.parts, (resolved as Record<string, unknown>)[k]);
  return out;
}
