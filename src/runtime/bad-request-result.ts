// The result of a case decided by fnsync rather than by the function's own return: a `Bad Request` with this error
// and nothing else (no messages, logs or requests kept). Load failures, results over the size limit and malformed
// worker replies all take this shape.
import type { ErrorInfo, InvocationResult } from './types.js';

export function badRequestResult(error: ErrorInfo): InvocationResult {
  return { outcome: 'Bad Request', error, messages: [], objects: [], logs: [], requests: [], warnings: [], durationMs: 0 };
}
