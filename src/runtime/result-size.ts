// The size limit of one invocation's result (returned value, logs, messages, requests together). Segment runs each
// function on AWS Lambda, whose synchronous response payload is at most 6 MB; fnsync keeps every result in memory to
// report it, so a bigger one becomes an error result for that case instead of a string that could take fnsync down.
//
// The size is measured in the worker BEFORE anything is serialised: `'r'.repeat(200e6)` is a tiny rope, and
// flattening it (JSON.stringify does) is one allocation larger than the worker's heap, which V8 cannot survive:
// it aborts the whole process, not just the worker. So the walk below reads string lengths (free on ropes) and
// stops as soon as the budget is exceeded.
import type { InvocationResult } from './types.js';
import { badRequestResult } from './bad-request-result.js';

/** AWS Lambda's synchronous response payload limit, in bytes of JSON. */
export const RESULT_LIMIT_BYTES = 6 * 1024 * 1024;

/** What a result over the limit becomes. */
export function resultTooLarge(what: string): InvocationResult {
  return badRequestResult({ type: 'ResultTooLargeError', message: `${what} is over the 6 MB limit of a function's result (Lambda's response payload limit); it was not kept` });
}

/** Why a value cannot be serialised as JSON, found while measuring it. */
export class UnserialisableValue extends Error {}

/**
 * An estimate of the JSON length of `value` in characters, or Infinity once it exceeds `budget`. Strings and keys
 * count at their length and numbers at their longest (24), so the real text is at most 6 times longer (JSON's
 * `\u0000` escapes): bounded, and the encoded text is checked again. Throws UnserialisableValue for a cycle or
 * nesting too deep, and whatever a getter or `toJSON` of the value throws.
 */
export function jsonSize(value: unknown, budget: number): number {
  const size = walk(value, budget, new Set(), 0);
  return size > budget ? Infinity : size;
}

const MAX_DEPTH = 2000;

function walk(value: unknown, budget: number, ancestors: Set<object>, depth: number): number {
  switch (typeof value) {
    case 'string':
      return value.length + 2;
    case 'number':
    case 'bigint':
      return 24;
    case 'boolean':
      return 5;
    case 'object':
      break;
    default:
      return 4; // undefined, functions, symbols: dropped or null
  }
  if (value === null) return 4;
  if (ancestors.has(value)) throw new UnserialisableValue('it refers to itself (a circular structure)');
  if (depth > MAX_DEPTH) throw new UnserialisableValue(`it is nested more than ${MAX_DEPTH} levels deep`);
  const json = (value as { toJSON?: unknown }).toJSON;
  if (typeof json === 'function') return walk(json.call(value), budget, ancestors, depth + 1);
  ancestors.add(value);
  let size = 2;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length && size <= budget; i++) size += 1 + walk(value[i], budget - size, ancestors, depth + 1);
  } else {
    for (const key of Object.keys(value)) {
      size += key.length + 4 + walk((value as Record<string, unknown>)[key], budget - size, ancestors, depth + 1);
      if (size > budget) break;
    }
  }
  ancestors.delete(value);
  return size;
}

/**
 * Whether a finished result is certainly within the limit without walking it: the common warm result (nothing
 * logged, emitted or requested, a short or absent returned value) costs one look at each array.
 */
export function resultSizeOver(r: InvocationResult, returnedSize: number): boolean {
  if (r.messages.length === 0 && r.objects.length === 0 && r.logs.length === 0 && r.requests.length === 0 && r.warnings.length === 0 && r.error === undefined) {
    return returnedSize > RESULT_LIMIT_BYTES;
  }
  try {
    return jsonSize({ ...r, returned: undefined }, RESULT_LIMIT_BYTES - returnedSize) === Infinity;
  } catch {
    return true; // only plain data is left here; anything else has no place in a result
  }
}
