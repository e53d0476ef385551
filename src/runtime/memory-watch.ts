// The pool's memory watch (main thread), the outside half of the memory limit. A worker samples its own memory
// (memory-sampler.ts), but code stuck in a synchronous loop runs no sampling, and Node 20 gives the main thread no
// per-worker memory figure. What the main thread does see is the process's resident memory and which workers are
// stuck (their event loop has not turned: the beat in their control slot is unchanged). So:
//  - a worker whose published figure is over its limit is stopped (it asked for that itself, too);
//  - while workers are stuck in synchronous code, the process may grow by what every busy worker may take; past
//    that, the stuck ones are the only ones not checking themselves, so they are stopped;
//  - above the process budget, the stuck busy workers are stopped, or else the busiest holder of memory.
// Resident memory is the whole process's: when two workers are stuck at once, it cannot say which of them grew.
// Blaming one by guess made a false out of memory for two large honest loads at once (about one test run in
// twenty), so a stop that the figures do not pin on one worker is `shared`: the pool runs that session again once
// (stopped-session.ts), and only a second such stop is reported as out of memory.
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
  /** Its heap plus memory outside it, as the worker last published it (bytes). */
  held: number;
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

/** A worker to stop, and whether the figures pin the memory on it alone. */
export interface WatchStop {
  index: number;
  shared: boolean;
}

/** Which workers to stop now (indices into `workers`). */
export function workersToStop(workers: readonly WatchedWorker[], rss: number, budget: number, now: number): WatchStop[] {
  const busy = workers.map((w, i) => ({ w, i })).filter(({ w }) => w.busy);
  const over = busy.filter(({ w }) => w.held > w.memoryLimitMb * MB);
  if (over.length > 0) return over.map(({ i }) => ({ index: i, shared: false }));
  const stuck = busy.filter(({ w }) => now - w.beatSince >= STUCK_MS);
  const stopStuck = () => stuck.map(({ i }) => ({ index: i, shared: stuck.length > 1 }));
  if (stuck.length > 0) {
    // Growth since the first of them got stuck, against what every busy worker may grow by meanwhile.
    const first = stuck.reduce((a, b) => (b.w.beatSince < a.w.beatSince ? b : a));
    const allowed = busy.reduce((sum, { w }) => sum + workerAllowance(w.memoryLimitMb) - WORKER_BASE_MB * MB, 0);
    if (rss - first.w.rssAtBeat > allowed || rss > budget) return stopStuck();
  }
  if (rss > budget && busy.length > 0) {
    const top = busy.reduce((a, b) => (b.w.held > a.w.held ? b : a));
    return [{ index: top.i, shared: true }];
  }
  return [];
}
