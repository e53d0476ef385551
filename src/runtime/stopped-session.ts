// What a session gets when its worker stops before finishing it: out of memory, stopped by the watchdog, or
// crashed. Pure, so the rules (which cause wins, what each unfinished input reports, whether the rest of the
// session goes on in a fresh instance) are tested without having to win a race against a real worker.
import type { FunctionUnit, InvocationResult } from './types.js';
import { stoppedResult } from './stopped-result.js';
import { loadFailureResult, loadTimeoutError } from './load-failure.js';

/**
 * Why a busy worker went away. `shared-oom`: the memory watch stopped it together with other workers stuck at the
 * same time, and the figures cannot say which of them grew (memory-watch.ts).
 */
export type StopCause = 'oom' | 'shared-oom' | 'timeout' | 'crash' | 'malformed';

/**
 * Why the pool stopped a worker: its time ran out (watchdog or backstop), it held more memory than its limit
 * (memory-watch.ts, or it asked), the process held too much and this worker was one of those that may have grown
 * it (`shared-memory`), or it sent a malformed reply (worker-reply.ts).
 */
export type PoolStop = 'timeout' | 'memory' | 'shared-memory' | 'malformed';

/**
 * Out of memory wins over the watchdog. A memory bomb is synchronous code that runs past its deadline while V8
 * collects garbage ever more often near the heap limit, so the watchdog may already be stopping the worker when it
 * dies of OOM; the exit then still carries ERR_WORKER_OUT_OF_MEMORY, and that is what happened to the function.
 */
export function stopCause(exitError: Error | undefined, stoppedBy: PoolStop | undefined): StopCause {
  if ((exitError as { code?: unknown } | undefined)?.code === 'ERR_WORKER_OUT_OF_MEMORY' || stoppedBy === 'memory') return 'oom';
  if (stoppedBy === 'shared-memory') return 'shared-oom';
  if (stoppedBy === 'malformed') return 'malformed';
  return stoppedBy === 'timeout' ? 'timeout' : 'crash';
}

/**
 * The session is over (`done`), or the inputs from `from` on run again in a fresh instance (`restart`), the first
 * of them with `warning` if the function could notice the restart; `retry` marks the second chance after a shared
 * stop.
 */
export type StopPlan =
  | { action: 'done'; results: InvocationResult[] }
  | { action: 'restart'; results: InvocationResult[]; from: number; warning?: string; retry?: true };

/** What the pool knows about a session when its worker has gone. */
export interface StoppedSession {
  unit: FunctionUnit;
  /** Results the worker finished before it stopped; undefined for the others. */
  results: (InvocationResult | undefined)[];
  /** The input that was running, or -1 while the handler file was loading. */
  index: number;
  cause: StopCause;
  memoryLimitMb: number;
  crashMessage?: string;
  /** This session is already the second chance after a shared stop. */
  retried?: boolean;
}

/** Decides the results of a session whose worker stopped, and whether the rest of it runs cold. */
export function planAfterStop(s: StoppedSession): StopPlan {
  const { unit, index, cause } = s;
  if (cause === 'shared-oom') {
    // Not proven to be this function's memory: the interrupted input (or the whole session, if it was loading)
    // runs again in a fresh instance, once. Stopped the same way again, it is out of memory.
    if (s.retried) return planAfterStop({ ...s, cause: 'oom' });
    // A result already logged for the running input means the stop landed just after it ended: it is kept.
    const from = index < 0 ? 0 : s.results[index] !== undefined ? index + 1 : index;
    const results = s.results.slice(0, from).map((r) => r ?? stoppedResult('crash', unit));
    if (from >= s.results.length) return { action: 'done', results };
    if (from === 0) return { action: 'restart', results, from, retry: true };
    return { action: 'restart', results, from, retry: true, warning: 'the function instance was restarted (cold start): fnsync stopped it while the process ran short of memory, and this invocation ran again' };
  }
  const detail = cause === 'oom' ? s.memoryLimitMb : s.crashMessage;
  if (index < 0 && cause === 'timeout') {
    // The watchdog stopped a top level that vm's own timeout had not stopped yet (both fire after timeoutMs; on a
    // loaded machine either may be first). Report what vm would have: every input is a load failure.
    return { action: 'done', results: s.results.map((r) => r ?? loadFailureResult(loadTimeoutError(unit.timeoutMs))) };
  }
  if (index >= 0 && (cause === 'timeout' || cause === 'oom')) {
    // A timed-out or out-of-memory instance is discarded, as Segment discards it: the rest of the session runs
    // on a fresh one, so one runaway case does not fail the cases after it.
    const results = s.results.slice(0, index).map((r) => r ?? stoppedResult('crash', unit));
    // A result already logged means the stop landed just after the invocation ended: keep what it returned.
    results.push(s.results[index] ?? stoppedResult(cause, unit, detail));
    if (index + 1 >= s.results.length) return { action: 'done', results };
    const why = cause === 'oom' ? 'ran out of memory' : 'timed out';
    return { action: 'restart', results, from: index + 1, warning: `the function instance was restarted (cold start) after the previous invocation ${why}` };
  }
  if (cause === 'malformed') {
    // The worker sent something that is not a reply: whatever runs in it cannot be trusted to report, so every
    // input without a result fails, and nothing more runs for this session.
    return { action: 'done', results: s.results.map((r) => r ?? stoppedResult('malformed', unit, detail)) };
  }
  // A crash, or running out of memory while loading: the instance is gone and a new one would fail the same way.
  const at = index < 0 ? 0 : index;
  const rest = index < 0 ? 'skipped-load' : 'skipped';
  return { action: 'done', results: s.results.map((r, i) => r ?? stoppedResult(i === at ? cause : rest, unit, detail)) };
}
