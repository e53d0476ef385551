// Runs one invocation against a loaded instance and turns whatever happened into an InvocationResult with
// Segment's category (segment-runtime.md §2, §3, §6.2). Runs inside the worker.
import type { ErrorInfo, FunctionUnit, InvocationResult, Outcome, WebhookRequest } from './types.js';
import type { WireInput } from './worker-protocol.js';
import type { Sandbox } from './sandbox.js';
import { categorise } from './error-classes.js';
import { newInvocationState } from './invocation-state.js';
import { webhookRequestParts, ingestProblem } from './webhook-request.js';
import { MESSAGE_TOO_LARGE } from './segment-object.js';
import type { ClockSetter } from './frozen-clock.js';
import { isAbsolute, relative } from 'node:path';
import { jsonSize, RESULT_LIMIT_BYTES, resultSizeOver, resultTooLarge, UnserialisableValue } from './result-size.js';

const HANDLER_BY_TYPE: Record<string, string> = {
  identify: 'onIdentify',
  track: 'onTrack',
  page: 'onPage',
  screen: 'onScreen',
  group: 'onGroup',
  alias: 'onAlias',
  delete: 'onDelete',
};

const TIMEOUT = Symbol('timeout');

/**
 * One timer per instance, re-armed with `refresh()` for each invocation: cheaper than a new timer per call,
 * which matters at a few microseconds per warm invocation.
 */
export class InvocationTimer {
  private fire: (() => void) | undefined;
  private timer: NodeJS.Timeout | undefined;
  constructor(private readonly ms: number) {}

  /** A promise resolving to TIMEOUT when the current invocation runs out of time. */
  arm(): Promise<typeof TIMEOUT> {
    const p = new Promise<typeof TIMEOUT>((resolve) => (this.fire = () => resolve(TIMEOUT)));
    if (this.timer) this.timer.refresh();
    else this.timer = setTimeout(() => this.fire?.(), this.ms);
    return p;
  }

  disarm(): void {
    this.fire = undefined;
  }

  dispose(): void {
    clearTimeout(this.timer);
  }
}

/** Thrown inside the worker for results that are decided before or after the handler (ingest, batch shape). */
class Verdict {
  constructor(readonly outcome: Outcome, readonly error: ErrorInfo) {}
}

/**
 * Describes a thrown value without trusting it: user code can throw anything (`null`, a Symbol, a Proxy whose traps
 * throw, a revoked Proxy, an object whose `name`/`message` getters throw or return objects whose `toString` throws),
 * and whatever it throws must fail that invocation only. Every property read is guarded.
 */
export function errorInfo(err: unknown): ErrorInfo {
  try {
    if (err === null) return { type: 'null', message: 'null' };
    if (typeof err !== 'object' && typeof err !== 'function') return { type: typeof err, message: describe(err) };
    const hasMessage = guarded(() => 'message' in (err as object));
    if (hasMessage === undefined) return { type: 'Error', message: UNDESCRIBABLE };
    if (!hasMessage) return { type: typeof err, message: describe(err) }; // e.g. a thrown plain object
    const type = guarded(() => {
      const name = (err as { name?: unknown }).name;
      return typeof name === 'string' && name ? name : undefined;
    });
    const message = guarded(() => describe((err as { message: unknown }).message));
    return { type: type ?? 'Error', message: message ?? UNDESCRIBABLE };
  } catch {
    return { type: 'Error', message: UNDESCRIBABLE };
  }
}

const UNDESCRIBABLE = 'the function threw a value that cannot be described';

function guarded<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}

/** String(value), or a fixed text when even that throws (a Symbol is fine with String(), not with `${}`). */
function describe(value: unknown): string {
  try {
    const text = String(value);
    return typeof text === 'string' ? text : UNDESCRIBABLE;
  } catch {
    return UNDESCRIBABLE;
  }
}

/** `value instanceof cls`, false when the check itself throws (a Proxy's getPrototypeOf trap, a revoked Proxy). */
function isInstance(value: unknown, cls: (new (...args: never[]) => unknown) | undefined): boolean {
  if (cls === undefined || value === null || (typeof value !== 'object' && typeof value !== 'function')) return false;
  try {
    return value instanceof cls;
  } catch {
    return false;
  }
}

const MAX_STACK_CHARS = 1 << 20;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The innermost frame of the function's own file in an error's stack, as `file:LINE:COL` relative to the working
 * directory, so a failure points at the handler line that threw. Undefined for throws from elsewhere or non-errors.
 */
export function thrownAt(err: unknown, codePath: string): string | undefined {
  try {
    if (err === null || typeof err !== 'object') return undefined;
    // V8 formats an error's stack from its message on first read: a huge message would become one huge allocation.
    const message = (err as { message?: unknown }).message;
    if (typeof message === 'string' && message.length > MAX_STACK_CHARS) return undefined;
    const stack = (err as { stack?: unknown }).stack;
    // A huge stack (a rope) would be flattened by the regular expression: one allocation that could exceed the heap.
    if (typeof stack !== 'string' || stack.length > MAX_STACK_CHARS) return undefined;
    const m = new RegExp(`${escapeRegExp(codePath)}:(\\d+):(\\d+)`).exec(stack);
    if (!m) return undefined;
    const rel = relative(process.cwd(), codePath);
    return `${rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : codePath}:${m[1]}:${m[2]}`;
  } catch {
    return undefined;
  }
}

/**
 * JSON-shaped copy of a returned value, so it crosses the worker boundary the way Segment would serialise it. Its
 * size is measured first (result-size.ts: serialising a huge value could abort the process); over the limit, the
 * invocation fails.
 */
function plain(value: unknown, warnings: string[]): unknown {
  returnedSize = 0;
  if (value === undefined || value === null || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null; // as JSON would encode it
  if (typeof value === 'string') {
    returnedSize = value.length + 2;
    if (returnedSize > RESULT_LIMIT_BYTES) throw tooLarge();
    return value;
  }
  let size: number;
  try {
    size = jsonSize(value, RESULT_LIMIT_BYTES);
  } catch (err) {
    warnings.push(`the returned value cannot be serialised: ${err instanceof UnserialisableValue ? err.message : errorInfo(err).message}`);
    return describe(value).slice(0, 1000);
  }
  if (size === Infinity) throw tooLarge();
  try {
    const text = JSON.stringify(value);
    if (text !== undefined && text.length > RESULT_LIMIT_BYTES) throw tooLarge();
    returnedSize = text?.length ?? 0;
    return text === undefined ? undefined : JSON.parse(text);
  } catch (err) {
    if (err instanceof Verdict) throw err;
    warnings.push(`the returned value cannot be serialised: ${errorInfo(err).message}`);
    return describe(value).slice(0, 1000);
  }
}

/** The JSON size of the value plain() last returned, so the whole result's size check need not walk it again. */
let returnedSize = 0;

const tooLarge = () => new Verdict('Bad Request', resultTooLarge('the returned value').error!);

const isInsert = (unit: FunctionUnit) => unit.type === 'insert-destination' || unit.type === 'insert-source';

async function dispatch(unit: FunctionUnit, sb: Sandbox, input: WireInput, warnings: string[]): Promise<unknown> {
  const settings = sb.parse(input.settings);
  const notSupported = (what: string) => new sb.classes.EventNotSupported!(`${what} not supported`);
  if (unit.type === 'source') {
    if (input.kind !== 'request') throw new Verdict('Bad Request', { type: 'InputError', message: `source functions take a request, not ${input.kind === 'batch' ? 'a batch' : 'an event'}` });
    const request = JSON.parse(input.payload) as WebhookRequest;
    const problem = ingestProblem(request);
    if (problem) throw new Verdict('Bad Request', { type: 'IngestError', message: problem });
    const handler = sb.handlers.onRequest;
    if (!handler) throw notSupported('request');
    await sb.invoke(handler, [sb.makeRequest(...webhookRequestParts(request, unit.options ?? {})), settings]);
    return undefined;
  }
  if (input.kind === 'request') throw new Verdict('Bad Request', { type: 'InputError', message: `${unit.type} functions take events, not a request` });
  if (input.kind === 'batch') {
    const handler = unit.type === 'insert-source' ? undefined : sb.handlers.onBatch;
    if (!handler) throw notSupported('batch');
    const events = sb.parse(input.payload) as unknown[];
    const count = events.length;
    const returned = plain((await sb.invoke(handler, [events, settings])).value, warnings);
    if (isInsert(unit)) {
      if (!Array.isArray(returned)) throw new Verdict('Bad Request', { type: 'InvalidBatchResult', message: 'insert onBatch must return an array of events' });
      if (returned.length !== count) {
        throw new Verdict('Bad Request', {
          type: 'InvalidBatchResult',
          message: `insert onBatch returned ${returned.length} events for ${count} inputs; results pair with inputs by index, so return one entry per input (null to drop it)`,
        });
      }
    }
    return returned;
  }
  const event = sb.parse(input.payload) as Record<string, unknown>;
  const type = String(event.type);
  const name = HANDLER_BY_TYPE[type];
  const handler = name ? sb.handlers[name as keyof Sandbox['handlers']] : undefined;
  if (!handler) throw notSupported(type);
  return plain((await sb.invoke(handler, [event, settings])).value, warnings);
}

/**
 * Freezes both realms' clocks at an invocation's instant (or thaws them), touching them only when the instant
 * changes: consecutive fixture cases usually share one `now`.
 */
export class SessionClock {
  private frozen: number | null = null;
  private lastText: string | undefined;
  private lastMs: number | null = null;
  constructor(private readonly realms: ClockSetter[]) {}

  /** Sets the instant for the next invocation; `now` is an ISO string or undefined for real time. */
  enter(now: string | undefined): number | undefined {
    if (now !== this.lastText) {
      this.lastText = now;
      const ms = now === undefined ? NaN : new Date(now).getTime();
      this.lastMs = Number.isNaN(ms) ? null : ms;
    }
    if (this.lastMs !== this.frozen) {
      this.frozen = this.lastMs;
      for (const set of this.realms) set(this.frozen);
    }
    return this.frozen ?? undefined;
  }

  /** Back to real time (end of session). */
  thaw(): void {
    this.lastText = undefined;
    this.lastMs = null;
    if (this.frozen !== null) for (const set of this.realms) set(null);
    this.frozen = null;
  }
}

const NO_MOCKS: never[] = [];

/** Runs one input with the unit's timeout; never rejects. */
export async function runInvocation(unit: FunctionUnit, sb: Sandbox, input: WireInput, clock: SessionClock, timer: InvocationTimer): Promise<InvocationResult> {
  const started = performance.now();
  const nowMs = clock.enter(input.now);
  // Own properties only: a value found on a prototype (polluted by code that escaped its realm) must not turn the
  // network on or change the mocks.
  const http = Object.hasOwn(input, 'http') ? input.http : undefined;
  const state = newInvocationState(http && Object.hasOwn(http, 'mocks') ? http.mocks : NO_MOCKS, http !== undefined && Object.hasOwn(http, 'allowNetwork') && http.allowNetwork === true, nowMs);
  sb.slot.current = state;
  let outcome: Outcome = 'Success';
  let error: ErrorInfo | undefined;
  let returned: unknown;
  try {
    const timeout = timer.arm();
    const value = await Promise.race([dispatch(unit, sb, input, state.warnings), timeout]);
    if (value === TIMEOUT) {
      outcome = 'Timeout';
      error = { type: 'Timeout', message: `the function did not finish within ${unit.timeoutMs} ms` };
    } else {
      returned = value;
      if (state.oversized.length > 0) {
        outcome = 'Tracking API Failed';
        error = { type: 'TrackingApiError', message: `${MESSAGE_TOO_LARGE} (${state.oversized.join('; ')})` };
      } else if (isInsert(unit) && input.kind === 'event' && (value === undefined || value === null)) {
        if (unit.options?.insertUndefined === 'pass') {
          returned = JSON.parse(input.payload);
          state.warnings.push('the insert handler returned nothing; the input event was passed through (insertUndefined: pass)');
        } else {
          outcome = 'Dropped';
          state.warnings.push('the insert handler returned nothing, so the event is dropped; return the event to forward it or throw DropEvent to drop it explicitly');
        }
      }
    }
  } catch (err) {
    if (isInstance(err, Verdict)) {
      outcome = (err as Verdict).outcome;
      error = (err as Verdict).error;
    } else {
      error = errorInfo(err);
      const at = thrownAt(err, unit.codePath);
      if (at) error.at = at;
      outcome = isInstance(err, sb.classes.DropEvent) ? 'Dropped' : (guarded(() => categorise(err, sb.classes)) ?? 'Bad Request');
    }
  } finally {
    timer.disarm();
    sb.endInvocation(state);
  }
  const ok = outcome === 'Success';
  const result: InvocationResult = {
    outcome,
    messages: ok ? state.messages : [],
    objects: ok ? state.objects : [],
    logs: state.logs,
    requests: state.requests,
    warnings: state.warnings,
    durationMs: performance.now() - started,
  };
  if (error) result.error = error;
  if (unit.type !== 'source' && returned !== undefined) result.returned = returned;
  if (resultSizeOver(result, returned === undefined ? 0 : returnedSize)) {
    return { ...resultTooLarge('the result (returned value, logs, messages and requests)'), durationMs: result.durationMs };
  }
  return result;
}
