// One lock per process around creating vm contexts in runtime workers. V8 flags are process-wide and every worker
// thread shares them: the memory sampler takes its gc() from a context made while --expose-gc is briefly on
// (memory-sampler.ts). Without the lock, another worker could switch the flag off again before that context exists
// (its sampler then has no gc(), and garbage of earlier sessions counts as the function's memory: a false out of
// memory, seen about once in twenty test runs), or create a function's realm while the flag is on (that function
// would see a gc()). Holding the lock takes about a millisecond.
//
// The slot holds the holder's threadId + 1 (0 is free; the main thread is thread 0). A worker stopped while holding it
// cannot release it, so the pool releases it for a worker that exits (releaseContextLock), and a waiter takes it
// over after STALE_MS in any case: no worker can hang the others.
import { threadId } from 'node:worker_threads';

const STALE_MS = 2000;
let slot: Int32Array | undefined;

/** The lock's shared memory, made once per process by the pool and given to each worker. */
export const newContextLock = () => new SharedArrayBuffer(4);

/** Called once by a worker with the pool's lock; until then (in-thread uses such as tests) nothing is locked. */
export function useContextLock(buffer: SharedArrayBuffer): void {
  slot = new Int32Array(buffer);
}

/** Runs `fn` while holding the process's context lock (taken over from a holder that kept it `staleMs`). */
export function withContextLock<T>(fn: () => T, staleMs = STALE_MS): T {
  const lock = slot;
  if (!lock) return fn();
  const me = threadId + 1;
  const since = performance.now();
  for (;;) {
    const holder = Atomics.compareExchange(lock, 0, 0, me);
    if (holder === 0) break;
    if (performance.now() - since > staleMs && Atomics.compareExchange(lock, 0, holder, me) === holder) break;
    Atomics.wait(lock, 0, holder, 20);
  }
  try {
    return fn();
  } finally {
    Atomics.compareExchange(lock, 0, me, 0);
    Atomics.notify(lock, 0);
  }
}

/** The pool's side: a worker that went away no longer holds the lock. */
export function releaseContextLock(buffer: SharedArrayBuffer, workerThreadId: number): void {
  const lock = new Int32Array(buffer);
  if (Atomics.compareExchange(lock, 0, workerThreadId + 1, 0) === workerThreadId + 1) Atomics.notify(lock, 0);
}
