// The pool's own clock over a busy worker. The watchdog's fast path reads the deadline a worker publishes in shared
// memory, which function code that escaped the vm context could overwrite; this backstop trusts nothing the worker
// writes. It counts from when the pool handed the session out, and restarts only when a result for an input that
// had none arrives: a session has a finite number of inputs, so a worker that stops reporting, or reports
// nothing new, is stopped however it lies. An honest worker sends what it has finished whenever an invocation ends
// 100 ms or more after its last send (result-log.ts), and each of its inputs ends within its time limit (or the fast
// path stops it), so the gap between two new results is at most about two time limits.

/** Added to the gap allowed between two new results: scheduling, a loaded machine, building an instance. */
export const BACKSTOP_SLACK_MS = 2_000;
/** Allowed before a freshly spawned worker says it is ready (a cold worker under tsx on a loaded machine is slow). */
export const BOOT_ALLOWANCE_MS = 30_000;

/** When the backstop stops a worker that last showed progress at `progressAt` (ms, the pool's clock). */
export function backstopAt(progressAt: number, timeoutMs: number): number {
  return progressAt + 2 * timeoutMs + BACKSTOP_SLACK_MS;
}

/**
 * The input a stopped session was on. The worker's claim (its control slot) decides only among inputs that have no
 * result yet, or -1 (loading) while none has one; anything else means the first input without a result.
 */
export function stoppedIndex(claimed: unknown, results: readonly unknown[]): number {
  const first = results.findIndex((r) => r === undefined);
  if (first < 0) return results.length - 1;
  if (claimed === -1 && first === 0 && results.every((r) => r === undefined)) return -1;
  if (Number.isInteger(claimed) && (claimed as number) >= first && (claimed as number) < results.length && results[claimed as number] === undefined) return claimed as number;
  return first;
}
