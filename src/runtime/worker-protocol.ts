// Messages between the pool (main thread) and a runtime worker.
import type { FunctionUnit, InvocationInput, InvocationResult } from './types.js';

/** Pool → worker: run this session (one fresh instance, all inputs in order). */
export interface SessionRequest {
  id: number;
  unit: FunctionUnit;
  inputs: InvocationInput[];
}

/** Worker → pool, on the result port. */
export type WorkerReply =
  | { type: 'result'; id: number; index: number; result: InvocationResult }
  | { type: 'chunk'; id: number; bytes: Uint8Array }
  | { type: 'done'; id: number }
  | { type: 'compile-error'; id: number; message: string; line?: number; col?: number }
  | { type: 'crash'; id: number; message: string };
