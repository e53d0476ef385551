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

/** A query as a caller writes it: a string, or keys with one value or a list (numbers and booleans as text). */
export type WebhookQuery = string | Record<string, string | number | boolean | (string | number | boolean)[]>;

/** Builds `https://fn.segmentapis.com/?<query>` from a query string or object (arrays repeat the key), as boreal does. */
export function buildWebhookUrl(query?: WebhookQuery): string {
  if (query === undefined) return DEFAULT_WEBHOOK_BASE;
  if (typeof query === 'string') return query === '' ? DEFAULT_WEBHOOK_BASE : `${DEFAULT_WEBHOOK_BASE}${query.startsWith('?') ? query : `?${query}`}`;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) for (const item of Array.isArray(v) ? v : [v]) params.append(k, String(item));
  const text = params.toString();
  return text ? `${DEFAULT_WEBHOOK_BASE}?${text}` : DEFAULT_WEBHOOK_BASE;
}

/**
 * A webhook as a user describes it, in a fixture's `request:` or a `fnsync run --request` file: everything optional
 * but the body. `body` is a value sent as JSON; `bodyRaw` is text sent verbatim.
 */
export interface WebhookSpec {
  method?: string;
  headers?: Record<string, string | string[]>;
  url?: string;
  query?: WebhookQuery;
  body?: unknown;
  bodyRaw?: string;
}

/** The one content type header fnsync adds when a webhook gives none: spelt as Segment's docs read it. */
export const DEFAULT_CONTENT_TYPE_HEADER = 'Content-Type';

/**
 * The raw webhook both `fnsync run` and `fnsync test` hand to the runtime, built in this one place so the two can
 * never disagree: the method upper-cased (POST by default), a JSON content type unless one is given (whatever its
 * case), the URL verbatim or built from the query as boreal does (§4.2), the body JSON-encoded unless raw.
 */
export function buildWebhookRequest(spec: WebhookSpec): WebhookRequest {
  const headers: Record<string, string | string[]> = { ...spec.headers };
  if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers[DEFAULT_CONTENT_TYPE_HEADER] = 'application/json';
  return {
    method: (spec.method ?? 'POST').toUpperCase(),
    headers,
    url: spec.url ?? buildWebhookUrl(spec.query),
    body: spec.bodyRaw ?? (spec.body === undefined ? '' : JSON.stringify(spec.body)),
  };
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
