// Shared helpers for the runtime specification tests: build a unit from inline code and run inputs through
// the real worker pool (the same path `fnsync test` and `fnsync run` take).
import { createRuntime } from '../../../src/runtime/create-runtime.js';
import type { FunctionUnit, InvocationInput, InvocationResult, Runtime, RuntimeOptions, HttpMock } from '../../../src/runtime/types.js';
import type { FunctionType } from '../../../src/config/types.js';

let shared: Runtime | undefined;

/** One runtime per test file; close it in afterAll. */
export function runtime(): Runtime {
  shared ??= createRuntime({ maxWorkers: 2 });
  return shared;
}

export async function closeRuntime(): Promise<void> {
  await shared?.close();
  shared = undefined;
}

/**
 * A unit from inline code. The default time limit is Segment's 5 s: the limits are wall-clock time, and a test that
 * is not about them must not fail because a loaded machine ran its code (or its top level) slowly.
 */
export function unit(type: FunctionType, code: string, extra: { timeoutMs?: number; options?: RuntimeOptions; name?: string } = {}): FunctionUnit {
  return { name: extra.name ?? 'fn', type, code, codePath: '/virtual/handler.js', timeoutMs: extra.timeoutMs ?? 5000, options: extra.options };
}

export function eventInput(event: Record<string, unknown>, more: Partial<InvocationInput> = {}): InvocationInput {
  return { invocation: { kind: 'event', event }, settings: {}, ...more };
}

export function batchInput(events: Record<string, unknown>[], more: Partial<InvocationInput> = {}): InvocationInput {
  return { invocation: { kind: 'batch', events }, settings: {}, ...more };
}

export function requestInput(
  body: unknown,
  more: { headers?: Record<string, string | string[]>; method?: string; url?: string; settings?: Record<string, unknown>; now?: string; mocks?: HttpMock[] } = {},
): InvocationInput {
  return {
    invocation: {
      kind: 'request',
      request: {
        method: more.method ?? 'POST',
        headers: more.headers ?? { 'content-type': 'application/json' },
        url: more.url ?? 'https://fn.segmentapis.com/',
        body: typeof body === 'string' ? body : JSON.stringify(body),
      },
    },
    settings: more.settings ?? {},
    now: more.now,
    http: more.mocks ? { mocks: more.mocks, allowNetwork: false } : undefined,
  };
}

/** Runs one destination `track` invocation of `body` (the handler's body) and returns its result. */
export async function runTrack(body: string, input: Partial<InvocationInput> = {}, type: FunctionType = 'destination'): Promise<InvocationResult> {
  const [r] = await runtime().runSession(unit(type, `async function onTrack(event, settings) { ${body} }`), [eventInput({ type: 'track', event: 'E' }, input)]);
  return r!;
}
