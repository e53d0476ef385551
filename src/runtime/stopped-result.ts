// Results for invocations that a stopped worker could not report itself (timeout in synchronous code, out of
// memory, crash), with messages that say what happened to the instance.
import type { FunctionUnit, InvocationResult } from './types.js';

/** Why an invocation has no result of its own. */
export type StopReason = 'timeout' | 'oom' | 'crash' | 'skipped' | 'skipped-load' | 'malformed';

/** Builds the result the pool reports for an invocation whose worker was stopped. */
export function stoppedResult(reason: StopReason, unit: FunctionUnit, detail?: number | string): InvocationResult {
  const base = { messages: [], objects: [], logs: [], requests: [], warnings: [], durationMs: 0 };
  switch (reason) {
    case 'timeout':
      return { ...base, outcome: 'Timeout', error: { type: 'Timeout', message: `the function did not finish within ${unit.timeoutMs} ms (stopped while running synchronous code)` }, durationMs: unit.timeoutMs };
    case 'oom':
      return { ...base, outcome: 'Bad Request', error: { type: 'OutOfMemoryError', message: `the function exceeded the ${detail} MB memory limit; its instance was stopped` } };
    case 'malformed':
      return { ...base, outcome: 'Bad Request', error: { type: 'SandboxError', message: `the worker running ${unit.name} sent a malformed reply (${detail}), so it was stopped; this case has no result` } };
    case 'skipped-load':
      return { ...base, outcome: 'Bad Request', error: { type: 'SandboxError', message: 'not run: the function instance was stopped while its code loaded (a fresh one would stop the same way)' } };
    case 'skipped':
      return { ...base, outcome: 'Bad Request', error: { type: 'SandboxError', message: 'not run: the function instance was stopped by an earlier invocation in this session' } };
    default:
      return { ...base, outcome: 'Bad Request', error: { type: 'SandboxError', message: `the worker running ${unit.name} stopped unexpectedly${detail ? `: ${detail}` : ''}` } };
  }
}
