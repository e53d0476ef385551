// Editor types for Segment Functions handler code, shipped with fnsync. Reference this file from a handler
// (`/// <reference path="../../node_modules/fnsync/types/segment-functions.d.ts" />`) or list it in jsconfig.json
// "include", and turn on "checkJs" for type checking. Generate a copy with `fnsync types --out FILE`.
// It declares what the fnsync runtime (and Segment) puts in a function's global scope: nothing else exists there.

/* ---------- events and settings ---------- */

/** A Segment event as a destination or insert function receives it. */
interface SegmentEvent {
  type: 'identify' | 'track' | 'page' | 'screen' | 'group' | 'alias' | 'delete';
  messageId?: string;
  userId?: string | null;
  anonymousId?: string | null;
  event?: string;
  name?: string;
  properties?: Record<string, any>;
  traits?: Record<string, any>;
  groupId?: string;
  previousId?: string;
  context?: Record<string, any>;
  integrations?: Record<string, any>;
  timestamp?: string;
  sentAt?: string;
  receivedAt?: string;
  originalTimestamp?: string;
  [field: string]: any;
}

/** The function's settings, keyed by setting name: string, boolean, string[] or a string map. */
type FunctionSettings = Record<string, any>;

/** One entry of a destination onBatch result: only failed entries (e.g. status 500) are retried. */
interface BatchResult {
  status: number;
  errormessage?: string;
}

/* ---------- handler signatures (declare them as `async function onTrack(event, settings) {}`) ---------- */

/** Source functions: one incoming webhook. The return value is ignored; emit with `Segment.*`. */
type OnRequestHandler = (request: FunctionRequest, settings: FunctionSettings) => Promise<void>;
/** Destination functions: deliver the event; throw RetryError to be retried. */
type DestinationHandler = (event: SegmentEvent, settings: FunctionSettings) => Promise<any>;
/** Insert functions: return the (possibly changed) event to forward; throw DropEvent to drop it. */
type InsertHandler = (event: SegmentEvent, settings: FunctionSettings) => Promise<SegmentEvent | null | undefined>;
/** onBatch: destinations may return per-event results; insert functions return one event (or null) per input, by index. */
type BatchHandler = (events: SegmentEvent[], settings: FunctionSettings) => Promise<BatchResult[] | (SegmentEvent | null)[] | void>;

/* ---------- the source function request ---------- */

/** The webhook a source function receives (POST, JSON or urlencoded, at most 512 KiB). */
interface FunctionRequest {
  /** The parsed JSON body; the same object on every call. */
  json(): any;
  /** The raw body. */
  text(): string;
  /** node-fetch Headers: case-insensitive `get`. */
  headers: Headers;
  /** The request URL; query parameters through `url.searchParams`. */
  url: URL;
}

/* ---------- the Segment object (source functions only) ---------- */

interface SegmentCommon {
  userId?: string;
  anonymousId?: string;
  context?: Record<string, any>;
  integrations?: Record<string, any>;
  timestamp?: string | Date;
  messageId?: string;
  [field: string]: any;
}

/** Emits events to the Tracking API and objects to the Object API; nothing is sent if onRequest throws. */
declare const Segment: {
  identify(message: SegmentCommon & { traits?: Record<string, any> }): Record<string, any>;
  track(message: SegmentCommon & { event: string; properties?: Record<string, any> }): Record<string, any>;
  page(message: SegmentCommon & { name?: string; category?: string; properties?: Record<string, any> }): Record<string, any>;
  screen(message: SegmentCommon & { name?: string; properties?: Record<string, any> }): Record<string, any>;
  group(message: SegmentCommon & { groupId: string; traits?: Record<string, any> }): Record<string, any>;
  alias(message: SegmentCommon & { previousId: string; userId: string }): Record<string, any>;
  /** Object API: `collection` lowercase letters and `_`, `id` at most 100 characters, scalar `properties`. */
  set(object: { collection: string; id: string; properties: Record<string, string | number | boolean | null> }): Record<string, any>;
};

/* ---------- error classes: the category Segment reports ---------- */

/** "Unsupported Event Type": the function does not handle this event. */
declare class EventNotSupported extends Error {
  constructor(message?: string, options?: unknown);
}
/** "Message Rejected": the event is malformed; not retried. */
declare class InvalidEventPayload extends Error {
  constructor(message?: string, options?: unknown);
}
/** "Message Rejected": validation failed; not retried. */
declare class ValidationError extends Error {
  constructor(message?: string, options?: unknown);
}
/** "Retry": Segment retries the event (whole batch for onBatch). */
declare class RetryError extends Error {
  constructor(message?: string, options?: unknown);
}
/** Insert functions only: do not forward this event ("Filtered at insert function"). */
declare class DropEvent extends Error {
  constructor(message?: string, options?: unknown);
}

/* ---------- globals (segment-runtime.md §7) ---------- */

/** node-fetch 2.6.0: absolute URLs only; network failures reject with a FetchError (`code`, `type: 'system'`). */
declare function fetch(url: string | Request, init?: RequestInit): Promise<Response>;
interface RequestInit {
  method?: string;
  headers?: Record<string, string> | Headers | [string, string][];
  body?: string | Buffer | URLSearchParams | FormData | null;
  redirect?: 'follow' | 'manual' | 'error';
  timeout?: number;
  [option: string]: any;
}
declare class Headers {
  constructor(init?: Record<string, string | string[]> | Headers | [string, string][]);
  get(name: string): string | null;
  set(name: string, value: string): void;
  append(name: string, value: string): void;
  has(name: string): boolean;
  delete(name: string): void;
  forEach(callback: (value: string, name: string) => void): void;
  raw(): Record<string, string[]>;
}
declare class Request {
  constructor(input: string | Request, init?: RequestInit);
  readonly url: string;
  readonly method: string;
  readonly headers: Headers;
  text(): Promise<string>;
  json(): Promise<any>;
}
declare class Response {
  constructor(body?: string | Buffer | null, init?: { status?: number; statusText?: string; headers?: Record<string, string> });
  readonly ok: boolean;
  readonly status: number;
  readonly statusText: string;
  readonly url: string;
  readonly headers: Headers;
  text(): Promise<string>;
  json(): Promise<any>;
  buffer(): Promise<Buffer>;
}

/** lodash 4.17.19. */
declare const _: any;
/** npm atob 2.1.2 (returns "" on invalid input). */
declare function atob(encoded: string): string;
/** npm btoa 1.2.1 (keeps only the low byte of characters above U+00FF). */
declare function btoa(text: string): string;
/** Node's crypto module (createHash, createHmac, randomUUID, ...), not WebCrypto. */
declare const crypto: any;
/** Node's https module. In fnsync tests its requests are refused unless the network is allowed. */
declare const https: any;
/** form-data 2.4.0: a multipart stream (`getHeaders()`), not the WHATWG FormData. */
declare class FormData {
  append(name: string, value: unknown, options?: unknown): void;
  getHeaders(): Record<string, string>;
}
/** xml 1.0.1. */
declare function xml(data: unknown, options?: unknown): string;
/** xml2js 0.4.23. */
declare const xml2js: any;
/** moment-timezone 0.5.31. */
declare const moment: any;
/** jsonwebtoken 8.5.1. */
declare const jsonwebtoken: any;
/** uuidv5 1.0.0: use `uuidv5.uuidv5(namespace, name)`. */
declare let uuidv5: any;
/** Node's zlib: use `zlib.zlib.deflateSync(...)` (the docs write `zlib = zlib.zlib`). */
declare let zlib: any;
/** oauth 0.9.15, the module object: `new OAuth.OAuth(...)`, `new OAuth.OAuth2(...)`. */
declare const OAuth: { OAuth: any; OAuth2: any; OAuthEcho: any };
/** Per-instance cache: `load` returns the cached value or calls `fn`; `ttl` in ms, -1 or omitted for none. */
declare const cache: {
  load<T>(key: string, ttl: number | undefined, fn: () => Promise<T> | T): Promise<T>;
  delete(key: string): void;
};
/** Captured: shown in fnsync results and Segment's tester (first 4 KB). */
declare const console: {
  log(...args: any[]): void;
  info(...args: any[]): void;
  warn(...args: any[]): void;
  error(...args: any[]): void;
  debug(...args: any[]): void;
};
declare function setTimeout(callback: (...args: any[]) => void, ms?: number, ...args: any[]): unknown;
declare function clearTimeout(handle: unknown): void;
declare function setInterval(callback: (...args: any[]) => void, ms?: number, ...args: any[]): unknown;
declare function clearInterval(handle: unknown): void;
declare const Buffer: any;
type Buffer = any;
declare class URL {
  constructor(url: string, base?: string | URL);
  href: string;
  protocol: string;
  host: string;
  hostname: string;
  pathname: string;
  search: string;
  hash: string;
  readonly searchParams: URLSearchParams;
  toString(): string;
}
declare class URLSearchParams {
  constructor(init?: string | Record<string, string> | [string, string][]);
  get(name: string): string | null;
  getAll(name: string): string[];
  has(name: string): boolean;
  set(name: string, value: string): void;
  append(name: string, value: string): void;
  toString(): string;
  forEach(callback: (value: string, name: string) => void): void;
}

/** Preinstalled SDKs: loaded when used; install the named package (e.g. aws-sdk@2.488.0) to use them locally. */
declare const AWS: any;
declare const google: { cloud: { automl: any; bigquery: any; datastore: any; firestore: any; functions: any; pubsub: any; storage: any; tasks: any } };
declare const twilio: any;
declare const stripe: any;
declare const jsforce: any;
declare const hubspotlib: { hubspot: any };
declare const sendgrid: { client: any; mail: any };
declare const mailchimplib: { mailchimp: any };
declare const nodemailjet: { nodemailjet: any };
declare const libphonenumberjslib: { libphonenumberjs: any };
declare const fetchretrylib: { fetchretry: any };
declare const skyflowlib: { skyflow: any };
declare const winstonlib: { winston: any };
