// Turns whatever the SDK or its HTTP library threw into a small, secret-free description, and that
// into an ApiError. The SDK's HttpError carries the raw response (with our request headers, i.e. the
// token), so nothing of it survives past this file except status, error type and message.
import { STATUS_CODES } from 'node:http';
import { ApiError, redact } from '../errors.js';

/** What went wrong with one attempt, stripped of everything but what retry and messages need. */
export type Failure =
  | {
      kind: 'http';
      status: number;
      type: string | undefined;
      message: string | undefined;
      /** From a 429 body: how long until the limit lifts. */
      msBeforeNext: number | undefined;
      headers: Record<string, string | string[] | undefined> | undefined;
    }
  /** No response. `maybeProcessed` is false only when the request certainly never reached the server. */
  | { kind: 'network'; code: string; maybeProcessed: boolean; timedOut: boolean }
  | { kind: 'unknown'; message: string };

interface HttpErrorLike {
  name?: string;
  statusCode?: number;
  body?: unknown;
  response?: { headers?: Record<string, string | string[] | undefined>; statusCode?: number };
}

const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
const TIMEOUTS = new Set(['ETIMEDOUT', 'ESOCKETTIMEDOUT']);

/** Classifies an error thrown by an SDK call. */
export function classifyFailure(err: unknown): Failure {
  const e = err as HttpErrorLike & { code?: unknown; message?: unknown };
  const status = e?.statusCode ?? e?.response?.statusCode;
  if (e && e.name === 'HttpError' && typeof status === 'number') {
    const first = firstError(e.body);
    const data = first?.data as { msBeforeNext?: unknown } | undefined;
    return {
      kind: 'http',
      status,
      type: typeof first?.type === 'string' ? first.type : undefined,
      message: typeof first?.message === 'string' ? first.message : undefined,
      msBeforeNext: typeof data?.msBeforeNext === 'number' ? data.msBeforeNext : undefined,
      headers: e.response?.headers,
    };
  }
  if (e && typeof e.code === 'string') {
    return {
      kind: 'network',
      code: e.code,
      maybeProcessed: !NOT_SENT.has(e.code),
      timedOut: TIMEOUTS.has(e.code),
    };
  }
  return { kind: 'unknown', message: typeof e?.message === 'string' ? e.message : String(err) };
}

function firstError(body: unknown): { type?: unknown; message?: unknown; data?: unknown } | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const errors = (body as { errors?: unknown }).errors;
  return Array.isArray(errors) && typeof errors[0] === 'object' ? errors[0] : undefined;
}

/** What an ApiError names: the operation in words and the resource it touched. */
export interface OperationLabel {
  /** e.g. `updating function Slack Alerts (dfn_1)`; the message starts with it. */
  description: string;
  operation: string;
  resource: string | undefined;
}

/**
 * What to do about a failure whose API message alone leaves the user stuck. A create refused because the
 * workspace holds its ceiling of functions (25 unless Segment raised it) is recognised by a 400/403/422
 * answer to createFunction that mentions a limit: the real wording is unrecorded (docs/emulator.md).
 */
export function adviceFor(failure: Failure, operation: string): string | undefined {
  if (failure.kind !== 'http' || operation !== 'createFunction') return undefined;
  if (![400, 403, 422].includes(failure.status) || !/limit/i.test(failure.message ?? '')) return undefined;
  return (
    'The workspace already holds as many functions as Segment allows (25 per workspace unless Segment raised it): ' +
    'delete functions it no longer uses, or ask Segment support to raise the function limit for this workspace.'
  );
}

/** Builds the ApiError for a failure; every string passes through `redact` with the known secrets. */
export function toApiError(failure: Failure, label: OperationLabel, context: { timeoutMs: number; secrets: string[] }): ApiError {
  let detail: string;
  let status: number | undefined;
  let type: string | undefined;
  if (failure.kind === 'http') {
    status = failure.status;
    type = failure.type;
    // Without the error envelope (a proxy's HTML page, say) the status text is the best description.
    detail = `${failure.status} ${failure.message ?? failure.type ?? STATUS_CODES[failure.status] ?? 'request failed'}`;
  } else if (failure.kind === 'network') {
    detail = failure.timedOut
      ? `no response within ${context.timeoutMs} ms (${failure.code})`
      : failure.code === 'ECONNREFUSED'
        ? 'connection refused (is the API URL right?)'
        : `connection failed (${failure.code})`;
  } else {
    detail = failure.message;
  }
  const advice = adviceFor(failure, label.operation);
  const head = `${label.description}: ${detail}`;
  const text = advice ? `${head}${/[.!?]$/.test(head) ? '' : '.'} ${advice}` : head;
  const message = redact(text, context.secrets);
  return new ApiError(message, { status, type, operation: label.operation, resource: label.resource });
}
