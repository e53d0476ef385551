// What a session gets when its worker stops (out of memory, watchdog, crash), decided without racing a real
// worker: the same rules hold whichever limit fires first on a loaded machine.
import { afterAll, describe, expect, it } from 'vitest';
import { planAfterStop, stopCause } from '../../../src/runtime/stopped-session.js';
import type { InvocationResult } from '../../../src/runtime/types.js';
import { closeRuntime, eventInput, runtime, unit } from './runtime-harness.js';

afterAll(closeRuntime);

const ok = (returned: unknown): InvocationResult => ({ outcome: 'Success', returned, messages: [], objects: [], logs: [], requests: [], warnings: [], durationMs: 1 });
const oomExit = Object.assign(new Error('JS heap out of memory'), { code: 'ERR_WORKER_OUT_OF_MEMORY' });
const fn = unit('destination', 'async function onTrack() {}', { timeoutMs: 150 });

describe('stop causes', () => {
  it('out of memory wins over the watchdog that was already stopping the worker', () => {
    expect(stopCause(oomExit, 'timeout')).toBe('oom');
    expect(stopCause(oomExit, undefined)).toBe('oom');
    expect(stopCause(undefined, 'timeout')).toBe('timeout');
    expect(stopCause(new Error('boom'), undefined)).toBe('crash');
  });
});

describe('a stop while the handler file loads', () => {
  it('the watchdog reports a top-level timeout exactly as vm\'s own timeout does', async () => {
    const plan = planAfterStop({ unit: fn, results: [undefined, undefined], index: -1, cause: 'timeout', memoryLimitMb: 128 });
    // The real runtime, on the same code: vm's timeout usually stops it, the watchdog on a starved machine; both
    // must give this.
    const real = await runtime().runSession(unit('destination', 'while (true) {}', { timeoutMs: 150 }), [eventInput({ type: 'track' }), eventInput({ type: 'track' })]);
    expect(plan).toEqual({ action: 'done', results: real });
    expect(real[0]).toEqual({
      outcome: 'Bad Request',
      error: { type: 'Error', message: 'the function failed to load: Script execution timed out after 150ms' },
      messages: [],
      objects: [],
      logs: [],
      requests: [],
      warnings: [],
      durationMs: 0,
    });
  });

  it('results the worker logged before it was stopped are kept', () => {
    const logged = { ...ok(undefined), outcome: 'Bad Request' as const, error: { type: 'Error', message: 'the function failed to load: x' } };
    const plan = planAfterStop({ unit: fn, results: [logged, undefined], index: -1, cause: 'timeout', memoryLimitMb: 128 });
    expect(plan.results[0]).toBe(logged);
    expect(plan.results[1]!.error!.message).toBe('the function failed to load: Script execution timed out after 150ms');
  });

  it('running out of memory while loading is reported as out of memory, never as a load timeout', () => {
    const plan = planAfterStop({ unit: fn, results: [undefined, undefined], index: -1, cause: stopCause(oomExit, 'timeout'), memoryLimitMb: 32 });
    expect(plan.action).toBe('done');
    expect(plan.results.map((r) => r.error?.type)).toEqual(['OutOfMemoryError', 'SandboxError']);
    expect(plan.results[0]!.error!.message).toBe('the function exceeded the 32 MB memory limit; its instance was stopped');
    expect(plan.results[1]!.error!.message).toBe('not run: the function instance was stopped while its code loaded (a fresh one would stop the same way)');
  });
});

describe('a stop during an invocation', () => {
  it('a timeout keeps the finished results and runs the rest in a fresh instance, with a warning', () => {
    const plan = planAfterStop({ unit: fn, results: [ok(1), undefined, undefined], index: 1, cause: 'timeout', memoryLimitMb: 128 });
    expect(plan).toMatchObject({ action: 'restart', from: 2, warning: 'the function instance was restarted (cold start) after the previous invocation timed out' });
    expect(plan.results.map((r) => r.outcome)).toEqual(['Success', 'Timeout']);
    expect(plan.results[1]!.error!.message).toBe('the function did not finish within 150 ms (stopped while running synchronous code)');
  });

  it('out of memory in the last invocation ends the session there', () => {
    const plan = planAfterStop({ unit: fn, results: [ok(1), undefined], index: 1, cause: 'oom', memoryLimitMb: 64 });
    expect(plan.action).toBe('done');
    expect(plan.results[1]).toMatchObject({ outcome: 'Bad Request', error: { type: 'OutOfMemoryError' } });
  });

  it('a stop that lands just after an invocation logged its result keeps that result', () => {
    const plan = planAfterStop({ unit: fn, results: [ok(1), ok(2), undefined], index: 1, cause: 'timeout', memoryLimitMb: 128 });
    expect(plan).toMatchObject({ action: 'restart', from: 2 });
    expect(plan.results.map((r) => r.returned)).toEqual([1, 2]);
  });

  it('a crash fails the running invocation and marks the rest as not run', () => {
    const plan = planAfterStop({ unit: fn, results: [ok(1), undefined, undefined], index: 1, cause: 'crash', memoryLimitMb: 128, crashMessage: 'native abort' });
    expect(plan.action).toBe('done');
    expect(plan.results.map((r) => r.error?.message)).toEqual([undefined, 'the worker running fn stopped unexpectedly: native abort', 'not run: the function instance was stopped by an earlier invocation in this session']);
  });
});

describe('stops the pool decides', () => {
  it('a stop for memory is out of memory; a malformed reply fails every input without a result and runs nothing more', () => {
    expect(stopCause(undefined, 'memory')).toBe('oom');
    expect(stopCause(undefined, 'malformed')).toBe('malformed');
    const done = { outcome: 'Success' as const, messages: [], objects: [], logs: [], requests: [], warnings: [], durationMs: 1 };
    const plan = planAfterStop({ unit: fn, results: [done, undefined, undefined], index: 1, cause: 'malformed', memoryLimitMb: 128, crashMessage: 'a message of unknown type' });
    expect(plan.action).toBe('done');
    expect(plan.results[0]).toBe(done);
    for (const r of plan.results.slice(1)) expect(r.error!.message).toBe(`the worker running ${fn.name} sent a malformed reply (a message of unknown type), so it was stopped; this case has no result`);
  });
});

describe('a stop the memory watch shares between workers', () => {
  it('is a second chance: the interrupted input runs again in a fresh instance, with a warning only where the function could notice', () => {
    expect(stopCause(undefined, 'shared-memory')).toBe('shared-oom');
    expect(stopCause(oomExit, 'shared-memory')).toBe('oom'); // V8 itself ran out: that is the function's own
    const mid = planAfterStop({ unit: fn, results: [ok(1), undefined, undefined], index: 1, cause: 'shared-oom', memoryLimitMb: 128 });
    expect(mid).toMatchObject({ action: 'restart', from: 1, retry: true });
    expect(mid.action === 'restart' && mid.warning).toMatch(/^the function instance was restarted \(cold start\): fnsync stopped it/);
    expect(mid.results.map((r) => r.returned)).toEqual([1]);
    // While loading nothing of the instance was seen yet: the whole session runs again, silently.
    expect(planAfterStop({ unit: fn, results: [undefined, undefined], index: -1, cause: 'shared-oom', memoryLimitMb: 128 })).toEqual({ action: 'restart', results: [], from: 0, retry: true });
    // A result logged just before the stop is kept, and nothing is left to run.
    expect(planAfterStop({ unit: fn, results: [ok(1), ok(2)], index: 1, cause: 'shared-oom', memoryLimitMb: 128 })).toEqual({ action: 'done', results: [ok(1), ok(2)] });
  });

  it('stopped the same way on its second chance, the session is out of memory', () => {
    const plan = planAfterStop({ unit: fn, results: [ok(1), undefined, undefined], index: 1, cause: 'shared-oom', memoryLimitMb: 64, retried: true });
    expect(plan).toMatchObject({ action: 'restart', from: 2, warning: 'the function instance was restarted (cold start) after the previous invocation ran out of memory' });
    expect(plan.results[1]!.error).toEqual({ type: 'OutOfMemoryError', message: 'the function exceeded the 64 MB memory limit; its instance was stopped' });
  });
});
