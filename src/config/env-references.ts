// `${env:NAME}` references in setting values. They are parsed at load time (so validate can list them)
// and resolved only when a command needs the value, so a missing variable never blocks validate or test.
import type { ConfigValue, ValuePart } from './types.js';

const REFERENCE = /\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}/g;
const MALFORMED = /\$\{(?!env:[A-Za-z_][A-Za-z0-9_]*\})[^}]*\}?/;

/** Splits a string into literal text and env references. `$${` is not special: YAML users rarely need it. */
export function parseTemplate(text: string): ValuePart[] {
  const parts: ValuePart[] = [];
  let last = 0;
  for (const m of text.matchAll(REFERENCE)) {
    if (m.index > last) parts.push({ kind: 'literal', text: text.slice(last, m.index) });
    parts.push({ kind: 'env', name: m[1]! });
    last = m.index + m[0].length;
  }
  if (last < text.length || parts.length === 0) parts.push({ kind: 'literal', text: text.slice(last) });
  return parts;
}

/** Returns the text of a `${...}` that looks like a reference but is not a valid `${env:NAME}`, if any. */
export function findMalformedReference(text: string): string | undefined {
  return MALFORMED.exec(text)?.[0];
}

/** True when the value is exactly one env reference, the only form allowed for sensitive settings. */
export function isPureReference(parts: ValuePart[]): boolean {
  return parts.length === 1 && parts[0]!.kind === 'env';
}

/** The env variable names a value refers to. */
export function referencedNames(parts: ValuePart[]): string[] {
  return parts.flatMap((p) => (p.kind === 'env' ? [p.name] : []));
}

/** Resolves parts against an environment; lists every missing name instead of stopping at the first. */
export function resolveParts(parts: ValuePart[], env: Record<string, string | undefined>): { value: string; missing: string[] } {
  const missing: string[] = [];
  let value = '';
  for (const p of parts) {
    if (p.kind === 'literal') value += p.text;
    else {
      const v = env[p.name];
      if (v === undefined) missing.push(p.name);
      else value += v;
    }
  }
  return { value, missing };
}

/** Every string of a config value with where it sits inside the value (array index or map key). */
export function valueStrings(value: ConfigValue): { parts: ValuePart[]; at: (string | number)[] }[] {
  switch (value.kind) {
    case 'boolean':
      return [];
    case 'string':
      return [{ parts: value.parts, at: [] }];
    case 'array':
      return value.items.map((item, i) => ({ parts: item.parts, at: [i] }));
    case 'text-map':
      return Object.entries(value.entries).map(([k, entry]) => ({ parts: entry.parts, at: [k] }));
  }
}

/** The env variable names a config value refers to. */
export function envNamesOf(value: ConfigValue): string[] {
  return valueStrings(value).flatMap((s) => referencedNames(s.parts));
}
