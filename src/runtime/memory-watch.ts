// The pool's memory watch (main thread), the outside half of the memory limit. A worker samples its own memory
// outside the V8 heap (memory-sampler.ts), but code stuck in a synchronous loop runs no sampling, and Node 20 gives
// the main thread no per-worker memory figure. What the main thread does see is the process's resident memory and
// which workers are stuck (their event loop has not turned: the beat in their control slot is unchanged). So:
//  - a worker whose published figure is over its limit is stopped (it asked for that itself, too);
//  - a worker stuck in synchronous code while the process grew by more than its allowance is stopped;
//  - above the process budget, every stuck busy worker is stopped, or else the busiest holder of memory.
// Pure, so each rule is tested with figures instead of real memory.

const MB = 1024 * 1024;
/** fnsync's own share of the budget: code, the main thread beyond its heap, the reports it builds. */
export const OWN_ALLOWANCE_MB = 256;
/** A worker's own footprint besides its limits: Node, its code, the sandbox's libraries. */
export const WORKER_BASE_MB = 64;
/** A worker whose beat has not changed for this long is stuck in synchronous code. */
export const STUCK_MS = 100;

export interface WatchedWorker {
  busy: boolean;
  memoryLimitMb: number;
  /** Memory outside the heap, as the worker last published it (bytes). */
  external: number;
  /** Since when its beat has been unchanged (ms, the pool's clock). */
  beatSince: number;
  /** Process resident memory when its beat last changed (bytes). */
  rssAtBeat: number;
}

/** What a worker may take: its heap limit, the same again outside the heap, and its base footprint. */
export const workerAllowance = (limitMb: number) => (2 * limitMb + WORKER_BASE_MB) * MB;

/** The process budget: the main thread's own heap and external memory, fnsync's allowance, and each worker's. */
export function processBudget(mainHeapAndExternal: number, limitsMb: readonly number[]): number {
  return mainHeapAndExternal + OWN_ALLOWANCE_MB * MB + limitsMb.reduce((sum, l) => sum + workerAllowance(l), 0);
}

/** Which workers to stop now (indices into `workers`). */
export function workersToStop(workers: readonly WatchedWorker[], rss: number, budget: number, now: number): number[] {
  const stop = new Set<number>();
  const stuck = (w: WatchedWorker) => w.busy && now - w.beatSince >= STUCK_MS;
  workers.forEach((w, i) => {
    if (!w.busy) return;
    if (w.external > w.memoryLimitMb * MB) stop.add(i);
    else if (stuck(w) && rss - w.rssAtBeat > workerAllowance(w.memoryLimitMb) - WORKER_BASE_MB * MB) stop.add(i);
  });
  if (stop.size === 0 && rss > budget) {
    workers.forEach((w, i) => stuck(w) && stop.add(i));
    if (stop.size === 0) {
      let top = -1;
      workers.forEach((w, i) => w.busy && (top < 0 || w.external > workers[top]!.external) && (top = i));
      if (top >= 0) stop.add(top);
    }
  }
  return [...stop];
}
