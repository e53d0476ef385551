// Control characters made visible before text reaches a terminal (the rule itself is in src/errors.ts, which
// problems need too), for whole values and for JSON documents.
import { escapeControl } from '../errors.js';

export { escapeControl };

/** A copy of a JSON-like value with every string (keys too) made terminal-safe. */
export function escapeControlDeep<T>(value: T): T {
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return escapeControl(v);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [escapeControl(k), walk(x)]));
    return v;
  };
  return walk(value) as T;
}

// What JSON.stringify leaves raw although a terminal acts on it: DEL, the C1 controls, the line separators, the
// bidirectional controls. (It escapes C0 controls itself.)
const RAW_IN_JSON = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * JSON text safe to print on a terminal: the characters above as `\uXXXX` escapes, which JSON parsers read back
 * as the same characters, so the document's values do not change.
 */
export function terminalSafeJson(text: string): string {
  return text.replace(RAW_IN_JSON, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
