// The process-wide lock around creating vm contexts (context-lock.ts): V8 flags are shared by every worker
// thread, so the memory sampler's gc() and a function's realm must never be made while another thread has
// --expose-gc on. The lock is shared memory; another thread plays the other worker.
import { afterEach, describe, expect, it } from 'vitest';
import { Worker } from 'node:worker_threads';
import { newContextLock, releaseContextLock, useContextLock, withContextLock } from '../../../src/runtime/context-lock.js';
import { createRuntime } from '../../../src/runtime/create-runtime.js';
import { eventInput, unit } from './runtime-harness.js';

const workers: Worker[] = [];
afterEach(async () => {
  await Promise.all(workers.splice(0).map((w) => w.terminate()));
});

/** A plain thread that holds the lock (as thread 98) until `releaseAfterMs`, then notes when it let go. */
function holder(lock: SharedArrayBuffer, times: SharedArrayBuffer, releaseAfterMs: number): Promise<void> {
  const w = new Worker(
    `const { workerData: { lock, times, ms } } = require('node:worker_threads');
     const slot = new Int32Array(lock); const t = new Float64Array(times);
     Atomics.store(slot, 0, 99); Atomics.store(new Int32Array(times, 8, 1), 0, 1); Atomics.notify(new Int32Array(times, 8, 1), 0);
     Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
     t[0] = performance.timeOrigin + performance.now(); Atomics.store(slot, 0, 0); Atomics.notify(slot, 0);`,
    { eval: true, workerData: { lock, times, ms: releaseAfterMs } },
  );
  workers.push(w);
  // Wait until the thread says it holds the lock.
  return new Promise((resolve) => {
    const poll = () => (Atomics.load(new Int32Array(times, 8, 1), 0) === 1 ? resolve() : setTimeout(poll, 5));
    poll();
  });
}

describe('the context lock', () => {
  it('waits while another thread holds it, and runs once that thread lets go', async () => {
    const lock = newContextLock();
    const times = new SharedArrayBuffer(16);
    useContextLock(lock);
    await holder(lock, times, 150);
    const ranAt = withContextLock(() => performance.timeOrigin + performance.now());
    const releasedAt = new Float64Array(times)[0]!;
    expect(releasedAt).toBeGreaterThan(0);
    expect(ranAt).toBeGreaterThanOrEqual(releasedAt);
    expect(new Int32Array(lock)[0]).toBe(0); // and it let go itself
    // While it runs, the slot names this thread (the main thread is thread 0, so the slot holds 1).
    expect(withContextLock(() => Atomics.load(new Int32Array(lock), 0))).toBe(1);
  });

  it('is freed by the pool for a thread that went away holding it, and taken over from one that keeps it too long', () => {
    const lock = newContextLock();
    useContextLock(lock);
    const slot = new Int32Array(lock);
    Atomics.store(slot, 0, 42 + 1); // held by thread 42
    releaseContextLock(lock, 7); // another thread's exit frees nothing
    expect(slot[0]).toBe(43);
    releaseContextLock(lock, 42);
    expect(slot[0]).toBe(0);
    Atomics.store(slot, 0, 43);
    const started = performance.now();
    expect(withContextLock(() => 'ran', 100)).toBe('ran');
    expect(performance.now() - started).toBeGreaterThanOrEqual(100);
    expect(slot[0]).toBe(0);
  });

  it('the lock does not leave a function realm with the gc() the memory sampler takes, however many workers start at once', async () => {
    const runtime = createRuntime({ maxWorkers: 4 });
    try {
      const fn = unit('destination', 'const seen = typeof gc; async function onTrack() { return [seen, typeof gc, typeof globalThis.gc]; }');
      const sessions = await Promise.all(Array.from({ length: 8 }, () => runtime.runSession(fn, [eventInput({ type: 'track' })])));
      for (const [r] of sessions) expect(r!.returned).toEqual(['undefined', 'undefined', 'undefined']);
    } finally {
      await runtime.close();
    }
  });
});
