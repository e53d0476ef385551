// The `request` argument of `onRequest` (segment-runtime.md §4): ingest rules first (POST, content type,
// 512 KiB), then what the realm needs to build boreal's ServerRequest there (realm/js/webhook-request.js):
// the URL, the headers, the raw body and the text json() parses.
import type { RuntimeOptions, WebhookRequest } from './types.js';

/** Segment's maximum webhook payload (SF FAQ). */
export const PAYLOAD_LIMIT_BYTES = 512 * 1024;
/** Base URL of `request.url` when the caller gives none (boreal's choice). */
export const DEFAULT_WEBHOOK_BASE = 'https://fn.segmentapis.com/';

/** Why the platform would refuse a webhook before the function runs; undefined when it is accepted. */
export function ingestProblem(req: WebhookRequest): string | undefined {
  if (req.method.toUpperCase() !== 'POST') return `source functions accept POST only, got ${req.method.toUpperCase()}`;
  if (Buffer.byteLength(req.body) > PAYLOAD_LIMIT_BYTES) {
    return `payload is ${Buffer.byteLength(req.body)} bytes, over the 512 KiB webhook limit`;
  }
  const type = contentType(req);
  if (type === undefined) return 'Could not parse content-type: the Content-Type header is required';
  if (type !== 'application/json' && type !== 'application/x-www-form-urlencoded') return `Unsupported content-type: ${type}`;
  if (type === 'application/json') {
    try {
      JSON.parse(req.body);
    } catch {
      return 'Could not parse request body: not valid JSON';
    }
  }
  return undefined;
}

function contentType(req: WebhookRequest): string | undefined {
  for (const [name, value] of Object.entries(req.headers)) {
    if (name.toLowerCase() === 'content-type') {
      const v = Array.isArray(value) ? value[0] : value;
      return v?.split(';')[0]?.trim().toLowerCase() || undefined;
    }
  }
  return undefined;
}

/** Builds `https://fn.segmentapis.com/?<query>` from a query string or object (arrays repeat the key), as boreal does. */
export function buildWebhookUrl(query?: string | Record<string, string | string[]>): string {
  if (query === undefined) return DEFAULT_WEBHOOK_BASE;
  if (typeof query === 'string') return query === '' ? DEFAULT_WEBHOOK_BASE : `${DEFAULT_WEBHOOK_BASE}${query.startsWith('?') ? query : `?${query}`}`;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) for (const item of Array.isArray(v) ? v : [v]) params.append(k, String(item));
  const text = params.toString();
  return text ? `${DEFAULT_WEBHOOK_BASE}?${text}` : DEFAULT_WEBHOOK_BASE;
}

function sortKeysDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeysDeep);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) out[key] = sortKeysDeep((value as Record<string, unknown>)[key]);
  return out;
}

/** Arguments of the realm's request factory: url, headers as JSON pairs, raw body, and the text json() parses. */
export type WebhookRequestParts = [url: string, headersJson: string, body: string, jsonText: string];

/** What the realm needs to build the request object handed to `onRequest`. */
export function webhookRequestParts(req: WebhookRequest, options: RuntimeOptions): WebhookRequestParts {
  const headers = Object.entries(req.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(',') : value]);
  const isForm = contentType(req) === 'application/x-www-form-urlencoded';
  let jsonText = req.body;
  if (isForm && options.formBodies === 'decode') jsonText = JSON.stringify(decodeForm(req.body));
  else if (options.sortPayloadKeys) {
    try {
      jsonText = JSON.stringify(sortKeysDeep(JSON.parse(req.body)));
    } catch {
      // json() throws the realm's own SyntaxError for it, as for any invalid body.
    }
  }
  return [req.url || DEFAULT_WEBHOOK_BASE, JSON.stringify(headers), req.body, jsonText];
}

function decodeForm(body: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of new URLSearchParams(body)) {
    const prev = out[k];
    out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return out;
}
