// Messages between the pool (main thread) and a runtime worker.
import type { FunctionUnit, InvocationInput } from './types.js';

/**
 * An input as it crosses to the worker: the payload (event, events or request) and settings as JSON text.
 * The worker parses the text straight into the function's realm, so strings are cheaper to send than objects
 * (no object-graph clone, no re-encoding on the worker side).
 */
export interface WireInput {
  kind: InvocationInput['invocation']['kind'];
  payload: string;
  settings: string;
  now?: string;
  http?: InvocationInput['http'];
}

/**
 * Pool → worker: run this session (one fresh instance, `total` inputs in order). The first inputs come with the
 * request and the rest follow in `more` messages, so the worker starts while the pool is still encoding.
 */
export type PoolMessage =
  | { type: 'session'; id: number; unit: FunctionUnit; inputs: WireInput[]; total: number }
  | { type: 'more'; id: number; inputs: WireInput[] };

/** Inputs sent with the session request, then per follow-up message. */
export const FIRST_SLICE = 32;
export const NEXT_SLICE = 1024;

/** Encodes inputs for the wire; a settings object shared by several inputs is encoded once. */
export function encodeInputs(inputs: InvocationInput[]): WireInput[] {
  const settingsText = new Map<object, string>();
  return inputs.map((input) => {
    const inv = input.invocation;
    const payload = JSON.stringify(inv.kind === 'request' ? inv.request : inv.kind === 'batch' ? inv.events : inv.event);
    const settingsObj = input.settings ?? {};
    let settings = settingsText.get(settingsObj);
    if (settings === undefined) settingsText.set(settingsObj, (settings = JSON.stringify(settingsObj)));
    const wire: WireInput = { kind: inv.kind, payload, settings };
    if (input.now !== undefined) wire.now = input.now;
    // Most inputs have no mocks: send only what changes behaviour, so there is no object to clone.
    if (input.http !== undefined && (input.http.mocks.length > 0 || input.http.allowNetwork)) wire.http = input.http;
    return wire;
  });
}

/**
 * Worker → pool, on the result port. The pool checks every message before acting on it (worker-reply.ts): the
 * worker runs function code, so these shapes are what an honest worker sends, not what the pool assumes.
 */
export type WorkerReply =
  | { type: 'ready' } // the worker has started (once)
  | { type: 'result'; id: number; text: string } // one entry of the result log too big for it, as its JSON text
  | { type: 'chunk'; id: number; bytes: Uint8Array }
  | { type: 'memory'; id: number } // the running instance is over its memory limit: stop this worker
  | { type: 'done'; id: number }
  | { type: 'compile-error'; id: number; message: string; line?: number; col?: number }
  | { type: 'crash'; id: number; message: string };
