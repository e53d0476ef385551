// Masking of secret values in everything fnsync prints about a function run (test reports, `fnsync run` output).
// Function code can re-encode a secret before it reaches a log line or an error (JSON.stringify escapes quotes
// and backslashes), and the printers encode again, so masking works on the values first and on the text after.
//
// The rule (README, "Secrets in output"): a secret of any length is masked where it is a whole string value (a
// setting, a header, a log line, a response body that is exactly the secret) or a whole JSON string inside text
// (`{"apiKey":"k"}` in a log line); inside other text only secrets of MIN_MASKED_IN_TEXT characters or more are,
// since masking a one-letter value everywhere would garble every word holding that letter.
import { inspect } from 'node:util';
import { redact } from '../errors.js';

/** The shortest secret masked inside other text (the same bound `redact` applies to error messages). */
export const MIN_MASKED_IN_TEXT = 4;

const MASK = '********';

/**
 * A secret as it appears in printed text: raw, inside a JSON string encoded once or twice (`JSON.stringify` of a
 * logged `JSON.stringify`), and as Node's console shows a string inside an object or array (`util.inspect`, which
 * escapes quotes, backslashes and control characters its own way). A value without such characters has one form.
 */
function printedForms(s: string): string[] {
  const once = JSON.stringify(s).slice(1, -1);
  const twice = JSON.stringify(once).slice(1, -1);
  return [s, once, twice, inspect(s).slice(1, -1)];
}

/** Secrets as they appear raw and escaped, longest first, so escaping cannot smuggle one out. */
export function maskingList(secrets: readonly string[]): string[] {
  return [...new Set(secrets.flatMap(printedForms))].filter(Boolean).sort((a, b) => b.length - a.length);
}

/**
 * A short secret as a whole quoted string inside text, longest first: JSON-encoded once (`"k"`) and twice
 * (`\"k\"`), and as Node's console shows a string inside an object (`{ key: 'k' }`).
 */
function quotedForms(secrets: readonly string[]): string[] {
  const short = secrets.filter((s) => s.length > 0 && s.length < MIN_MASKED_IN_TEXT);
  const inspected = (s: string) => (/['\\\n]/.test(s) ? [] : [`'${s}'`]);
  return [...new Set(short.flatMap((s) => [JSON.stringify(s), JSON.stringify(JSON.stringify(s)).slice(1, -1), ...inspected(s)]))].sort((a, b) => b.length - a.length);
}

/**
 * A secret cut short by a preview (`"abcd...`, `abcd…`: a long value shortened to fit a line) no longer contains the
 * whole secret, so its visible start is masked too, from MIN_MASKED_IN_TEXT characters on.
 */
function maskCut(text: string, secrets: readonly string[]): string {
  const cuts: number[] = [];
  for (const marker of ['...', '…']) for (let at = text.indexOf(marker); at >= 0; at = text.indexOf(marker, at + 1)) cuts.push(at);
  if (cuts.length === 0) return text;
  let out = text;
  // From the last cut back, so the positions before it stay valid.
  for (const at of cuts.sort((a, b) => b - a)) {
    for (const s of secrets) {
      let k = Math.min(s.length - 1, at);
      while (k >= MIN_MASKED_IN_TEXT && out.slice(at - k, at) !== s.slice(0, k)) k--;
      if (k >= MIN_MASKED_IN_TEXT) {
        out = `${out.slice(0, at - k)}${MASK}${out.slice(at)}`;
        break;
      }
    }
  }
  return out;
}

/** A copy of a JSON-like value with secrets masked in every string (whole values of any length), keys included. */
export function maskDeep<T>(value: T, secrets: readonly string[]): T {
  const whole = new Set(secrets.filter((s) => s.length > 0));
  if (whole.size === 0) return value;
  const list = maskingList(secrets);
  const quoted = quotedForms(secrets);
  const inText = (text: string) => {
    let out = maskCut(redact(text, list), list);
    for (const q of quoted) out = out.split(q).join(q.startsWith('\\') ? `\\"${MASK}\\"` : q.startsWith("'") ? `'${MASK}'` : `"${MASK}"`);
    return out;
  };
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return whole.has(v) ? MASK : inText(v);
    if (Array.isArray(v)) return v.map(walk);
    // A key is never masked whole: a short secret equal to a field name (`ok`, `url`) would break the document.
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [redact(k, list), walk(x)]));
    return v;
  };
  return walk(value) as T;
}

/** Text with secrets of MIN_MASKED_IN_TEXT characters or more masked, raw or JSON-escaped (after `maskDeep`). */
export function maskText(text: string, secrets: readonly string[]): string {
  const list = maskingList(secrets);
  return maskCut(redact(text, list), list);
}
