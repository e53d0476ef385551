// Masking of secret values in everything fnsync prints about a function run (test reports, `fnsync run` output).
// Function code can re-encode a secret before it reaches a log line or an error (JSON.stringify escapes quotes
// and backslashes), and the printers encode again, so masking works on the values first and on the text after.
import { redact } from '../errors.js';

/** Secrets as they appear raw and inside JSON strings, longest first, so escaping cannot smuggle one out. */
export function maskingList(secrets: readonly string[]): string[] {
  return [...new Set(secrets.flatMap((s) => [s, JSON.stringify(s).slice(1, -1)]))].sort((a, b) => b.length - a.length);
}

/** A copy of a JSON-like value with secrets masked in every string, keys included. */
export function maskDeep<T>(value: T, secrets: readonly string[]): T {
  const list = maskingList(secrets);
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return redact(v, list);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [redact(k, list), walk(x)]));
    return v;
  };
  return (list.length === 0 ? value : walk(value)) as T;
}

/** Text with secrets masked, raw or JSON-escaped. */
export function maskText(text: string, secrets: readonly string[]): string {
  return redact(text, maskingList(secrets));
}
