// The pool's side of the worker protocol: every message from a worker, and every entry of its shared result log, is
// checked before the pool acts on it. The worker runs function code that may have escaped the vm context, so what it
// sends is untrusted data: a malformed result fails that case, a malformed message fails the rest of that session,
// and nothing a worker sends can throw in the main thread. Pure, so it is tested by feeding it garbage.
import type { InvocationResult, Outcome } from './types.js';
import { badRequestResult } from './bad-request-result.js';
import { RESULT_LIMIT_BYTES } from './result-size.js';
import { LOG_BYTES } from './result-log.js';

/** What the pool does with one message. */
export type AcceptedReply =
  | { kind: 'ignore' } // for a session that is no longer this worker's (a late reply): dropped
  | { kind: 'ready' }
  | { kind: 'results'; entries: AcceptedEntry[] }
  | { kind: 'done' }
  | { kind: 'memory' }
  | { kind: 'compile-error'; message: string; line?: number; col?: number }
  | { kind: 'crash'; message: string }
  | { kind: 'malformed'; reason: string };

/** One result for one input; `result` is a fresh object holding only the known fields. */
export interface AcceptedEntry {
  index: number;
  result: InvocationResult;
}

const OUTCOMES = new Set<Outcome>(['Success', 'Bad Request', 'Message Rejected', 'Unsupported Event Type', 'Retry', 'Timeout', 'Dropped', 'Tracking API Failed', 'Invalid Settings']);
const LEVELS = new Set(['log', 'info', 'warn', 'error', 'debug']);
/** Texts the pool prints (compile errors, crash messages) are cut to this length. */
const MAX_TEXT = 64 * 1024;

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const isIndex = (x: unknown, total: number): x is number => Number.isInteger(x) && (x as number) >= 0 && (x as number) < total;
const text = (x: string) => (x.length > MAX_TEXT ? `${x.slice(0, MAX_TEXT)}…` : x);

/** The result a case gets when its worker sent something that is not a result. */
export function malformedResult(reason: string): InvocationResult {
  return badRequestResult({ type: 'SandboxError', message: `the runtime worker sent a malformed result for this case (${reason}); the case has no result` });
}

/** Checks one result; returns a copy of its known fields, or why it is not a result. */
export function acceptResult(x: unknown): InvocationResult | string {
  if (!isRecord(x)) return 'not an object';
  if (!OUTCOMES.has(x.outcome as Outcome)) return 'unknown outcome';
  for (const key of ['messages', 'objects'] as const) {
    const list = x[key];
    if (!Array.isArray(list) || !list.every(isRecord)) return `${key} is not a list of objects`;
  }
  const logs = x.logs;
  if (!Array.isArray(logs) || !logs.every((l) => isRecord(l) && LEVELS.has(l.level as string) && typeof l.message === 'string')) return 'logs are not log lines';
  const requests = x.requests;
  if (!Array.isArray(requests) || !requests.every(isRequest)) return 'requests are not recorded requests';
  const warnings = x.warnings;
  if (!Array.isArray(warnings) || !warnings.every((w) => typeof w === 'string')) return 'warnings are not strings';
  if (typeof x.durationMs !== 'number' || !Number.isFinite(x.durationMs) || x.durationMs < 0) return 'no duration';
  const result: InvocationResult = {
    outcome: x.outcome as Outcome,
    messages: x.messages as Record<string, unknown>[],
    objects: x.objects as Record<string, unknown>[],
    logs: logs as InvocationResult['logs'],
    requests: requests as InvocationResult['requests'],
    warnings: warnings as string[],
    durationMs: x.durationMs,
  };
  if (x.error !== undefined) {
    const e = x.error;
    if (!isRecord(e) || typeof e.type !== 'string' || typeof e.message !== 'string' || (e.at !== undefined && typeof e.at !== 'string')) return 'error is not an error';
    result.error = { type: e.type, message: e.message, ...(e.at !== undefined ? { at: e.at as string } : {}) };
  }
  if (x.returned !== undefined) result.returned = x.returned;
  return result;
}

const optional = (x: unknown, type: 'string' | 'number') => x === undefined || x === null || typeof x === type;

function isRequest(r: unknown): boolean {
  return (
    isRecord(r) &&
    typeof r.method === 'string' &&
    typeof r.url === 'string' &&
    isRecord(r.headers) &&
    Object.values(r.headers).every((v) => typeof v === 'string') &&
    optional(r.body, 'string') &&
    optional(r.mockIndex, 'number') &&
    optional(r.status, 'number') &&
    optional(r.error, 'string')
  );
}

/**
 * Checks decoded log entries (`[{ index, result }, ...]`). An entry whose index is valid but whose result is not a
 * result fails that case; anything else (not a list, an index out of range) makes the whole batch malformed.
 */
export function acceptEntries(entries: unknown, total: number): AcceptedEntry[] | { malformed: string } {
  if (!Array.isArray(entries)) return { malformed: 'the result log is not a list' };
  const out: AcceptedEntry[] = [];
  for (const e of entries) {
    if (!isRecord(e) || !isIndex(e.index, total)) return { malformed: 'a result for no input of this session' };
    const result = acceptResult(e.result);
    out.push({ index: e.index, result: typeof result === 'string' ? malformedResult(result) : result });
  }
  return out;
}

/** Decodes a chunk of the result log (`<json>,<json>,`), never throwing. */
export function decodeLog(decode: (bytes: Uint8Array, length: number) => unknown, bytes: unknown, length: number, total: number): AcceptedEntry[] | { malformed: string } {
  if (!(bytes instanceof Uint8Array)) return { malformed: 'a result chunk that is not bytes' };
  if (bytes.length > LOG_BYTES) return { malformed: 'a result chunk larger than the log' };
  if (!Number.isInteger(length) || length < 0 || length > bytes.length) return { malformed: 'a result log length out of range' };
  let entries: unknown;
  try {
    entries = decode(bytes, length);
  } catch {
    return { malformed: 'a result chunk that is not JSON' };
  }
  return acceptEntries(entries, total);
}

/** Checks one message from a worker running session `sessionId` of `total` inputs (undefined: the worker is idle). */
export function acceptReply(raw: unknown, sessionId: number | undefined, total: number, decode: (bytes: Uint8Array, length: number) => unknown): AcceptedReply {
  if (!isRecord(raw) || typeof raw.type !== 'string') return sessionId === undefined ? { kind: 'ignore' } : { kind: 'malformed', reason: 'a message that is not a reply' };
  if (raw.type === 'ready') return { kind: 'ready' };
  if (sessionId === undefined || raw.id !== sessionId) return { kind: 'ignore' };
  switch (raw.type) {
    case 'result': {
      if (typeof raw.text !== 'string') return { kind: 'malformed', reason: 'a result that is not text' };
      // An honest worker never sends more than the result limit; a bigger text is not decoded (that would multiply it).
      if (raw.text.length > RESULT_LIMIT_BYTES) return { kind: 'malformed', reason: 'a result over the size limit' };
      let entry: unknown;
      try {
        entry = JSON.parse(raw.text);
      } catch {
        return { kind: 'malformed', reason: 'a result that is not JSON' };
      }
      const entries = acceptEntries([entry], total);
      return Array.isArray(entries) ? { kind: 'results', entries } : { kind: 'malformed', reason: entries.malformed };
    }
    case 'chunk': {
      const bytes = raw.bytes;
      const entries = decodeLog(decode, bytes, bytes instanceof Uint8Array ? bytes.length : 0, total);
      return Array.isArray(entries) ? { kind: 'results', entries } : { kind: 'malformed', reason: entries.malformed };
    }
    case 'done':
      return { kind: 'done' };
    case 'memory':
      return { kind: 'memory' };
    case 'compile-error': {
      const { message, line, col } = raw;
      if (typeof message !== 'string') return { kind: 'malformed', reason: 'a compile error without a message' };
      const position = (n: unknown) => (Number.isInteger(n) && (n as number) > 0 ? (n as number) : undefined);
      return { kind: 'compile-error', message: text(message), line: position(line), col: position(col) };
    }
    case 'crash':
      return typeof raw.message === 'string' ? { kind: 'crash', message: text(raw.message) } : { kind: 'malformed', reason: 'a crash report without a message' };
    default:
      return { kind: 'malformed', reason: 'a message of unknown type' };
  }
}
