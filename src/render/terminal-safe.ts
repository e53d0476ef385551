// Text that came from a handler or a workspace (log lines, error messages, remote code and names) may
// carry control characters: an ESC sequence can recolour, move the cursor or rewrite what the user
// already read, a carriage return can overwrite a line. Before any of it reaches a terminal, those
// characters are shown as visible escapes (`\u001b`). Newlines and tabs stay: they are layout.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/g;

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
