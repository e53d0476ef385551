// The result of an input whose function instance never loaded. Built in two places that must agree: the worker
// (the handler file threw, or vm's own timeout stopped its top level) and the pool (the watchdog had to stop a
// worker still running the top level). Whichever of the two timeouts fires first on a loaded machine, the same
// code must get the same result, so both build it here.
import type { ErrorInfo, InvocationResult } from './types.js';
import { badRequestResult } from './bad-request-result.js';

/** The result each input of a session gets when the handler file failed to load: no instance can serve it. */
export function loadFailureResult(error: ErrorInfo): InvocationResult {
  return badRequestResult({ ...error, message: `the function failed to load: ${error.message}` });
}

/**
 * What vm's `timeout` throws when a handler file's top level runs past `timeoutMs` (Node's
 * ERR_SCRIPT_EXECUTION_TIMEOUT: name `Error`, this message, no frame of the handler's own code).
 */
export function loadTimeoutError(timeoutMs: number): ErrorInfo {
  return { type: 'Error', message: `Script execution timed out after ${timeoutMs}ms` };
}
