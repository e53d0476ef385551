// Text that came from a handler or a workspace (log lines, error messages, remote code and names) may
// carry control characters: an ESC sequence can recolour, move the cursor or rewrite what the user
// already read, a carriage return can overwrite a line. Before any of it reaches a terminal, those
// characters are shown as visible escapes (`\u001b`). Newlines and tabs stay: they are layout.
// Bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069) reorder what follows them on screen.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** One string with its control characters made visible. */
export function escapeControl(text: string): string {
  return text.replace(CONTROL, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

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
