// The contract between the function sandbox (runtime core) and its callers (`fnsync test`, `fnsync run`, bench).
// Everything here crosses a worker-thread boundary, so it is plain structured-cloneable data.
import type { FunctionType } from '../config/types.js';

/** Outcome categories, named as Segment's Errors tab and Event Delivery name them. */
export type Outcome =
  | 'Success'
  | 'Bad Request'
  | 'Message Rejected'
  | 'Unsupported Event Type'
  | 'Retry'
  | 'Timeout'
  | 'Dropped'
  | 'Tracking API Failed' // a source function emitted a message over 32 KB
  | 'Invalid Settings';

/** A mocked outbound HTTP reply. Matched in order; `repeat` (default 1) is how many requests it answers. */
export interface HttpMock {
  method?: string; // default: any
  url?: string; // exact absolute URL (query included)
  urlPattern?: string; // regular expression source, matched against the absolute URL
  status?: number; // default 200
  headers?: Record<string, string>;
  body?: unknown; // string sent verbatim; anything else JSON-encoded
  repeat?: number; // default 1; 0 means unlimited
  /** Simulate a network failure instead of a reply (node-fetch FetchError with this code, e.g. ECONNREFUSED). */
  networkError?: string;
  delayMs?: number;
}

/** An outbound request the function made, with how it was answered. */
export interface RecordedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string | undefined;
  /** Index into the mocks that answered it; undefined when nothing matched (the request failed). */
  mockIndex: number | undefined;
  status: number | undefined;
  error: string | undefined;
}

export interface LogLine {
  level: 'log' | 'info' | 'warn' | 'error' | 'debug';
  message: string;
}

/** An incoming webhook for a source function. `body` is the raw text as sent on the wire. */
export interface WebhookRequest {
  method: string;
  headers: Record<string, string | string[]>;
  url: string;
  body: string;
}

export type Invocation =
  | { kind: 'request'; request: WebhookRequest }
  | { kind: 'event'; event: Record<string, unknown> }
  | { kind: 'batch'; events: Record<string, unknown>[] };

/** Per-invocation inputs. */
export interface InvocationInput {
  invocation: Invocation;
  /** Resolved setting values (env references already substituted by the caller). */
  settings: Record<string, unknown>;
  /** Freeze `Date` and `Date.now()` at this ISO instant for the invocation; ids derived from it are deterministic. */
  now?: string;
  http?: { mocks: HttpMock[]; allowNetwork: boolean };
}

export interface ErrorInfo {
  type: string; // the error's name: RetryError, TypeError, ...
  message: string;
  /** Where the function's own code threw it (`handler.js:LINE:COL`, relative to the working directory), when known. */
  at?: string;
}

export interface InvocationResult {
  outcome: Outcome;
  error?: ErrorInfo;
  /** Source functions: messages from Segment.identify/track/page/screen/group/alias, in call order. */
  messages: Record<string, unknown>[];
  /** Source functions: objects from Segment.set. */
  objects: Record<string, unknown>[];
  /** Insert functions: the event to forward (single) or array (batch); undefined when dropped. */
  returned?: unknown;
  logs: LogLine[];
  requests: RecordedRequest[];
  /** Warnings about questionable but allowed behaviour (insert returned undefined, logs over 4 KB, ...). */
  warnings: string[];
  durationMs: number;
}

/** Documented choices on the spec's open questions (segment-runtime.md §13), each with a default. */
export interface RuntimeOptions {
  /** Insert handler returned undefined/null: 'drop' (default, with a warning) or 'pass' the input through. */
  insertUndefined?: 'drop' | 'pass';
  /** urlencoded bodies: 'text' (default: json() throws, text() gives the raw string) or 'decode' (json() gives fields). */
  formBodies?: 'text' | 'decode';
  /** Segment.* validation: 'boreal' (default, boreal's messages) or 'strict' (adds the Tracking API checks). */
  validation?: 'boreal' | 'strict';
  /** Sort incoming webhook payload keys deeply, as deployed source functions see them (default false, as the tester). */
  sortPayloadKeys?: boolean;
  /** Memory ceiling of a function's worker in MB (default 128). */
  memoryLimitMb?: number;
  /** Allow `eval` / `new Function` in function code (default false: code generation from strings is off). */
  allowCodeGeneration?: boolean;
}

/** One function, ready to run. */
export interface FunctionUnit {
  name: string;
  type: FunctionType;
  code: string;
  /** Absolute path, used in syntax and stack-trace locations. */
  codePath: string;
  timeoutMs: number;
  options?: RuntimeOptions;
  /**
   * The project folder whose package.json declares the heavy SDKs the function may load (`AWS`, `stripe`, ...);
   * default: the working directory. Packages load from its node_modules only, never from beside the handler.
   */
  projectDir?: string;
}

/**
 * Runs functions in isolated workers. A session is one fresh (cold) instance of a function; its inputs run
 * in order against the same warm module state, as consecutive invocations do on Segment.
 */
export interface Runtime {
  runSession(unit: FunctionUnit, inputs: InvocationInput[]): Promise<InvocationResult[]>;
  close(): Promise<void>;
}
