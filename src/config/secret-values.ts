// Which setting values are masked wherever they could show up (`fnsync run`'s output, `fnsync test`'s report, logs
// and diffs): one rule for every command, so the same settings are never hidden by one and printed by the other.
import { credentialName, credentialShape } from './credential-shapes.js';

/** Every string inside a setting value, at any depth. */
export function stringsOf(value: unknown): string[] {
  if (typeof value === 'string') return value ? [value] : [];
  if (Array.isArray(value)) return value.flatMap(stringsOf);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(stringsOf);
  return [];
}

/**
 * The values to mask: everything that came from the environment (`fromEnv`: resolved strings and the variables'
 * own values), the values of settings marked sensitive, and any that look like a credential by the setting's name or
 * the value's shape (what validate warns about).
 */
export function secretValues(settings: Record<string, unknown>, sensitive: ReadonlySet<string>, fromEnv: readonly string[]): string[] {
  const suspect = Object.entries(settings).flatMap(([name, value]) =>
    stringsOf(value).filter((text) => sensitive.has(name) || credentialName(name) || credentialShape(text) !== undefined),
  );
  return [...new Set([...fromEnv.filter(Boolean), ...suspect])];
}
