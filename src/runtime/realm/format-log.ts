// Formats one console call of a function into its invocation's log, as Node's console would print it, without
// running any of the function's inspection hooks with fnsync's objects: `util.inspect.custom` methods are
// ignored (Node would hand them its own `inspect` and options, which belong to fnsync's realm).
import { formatWithOptions, inspect } from 'node:util';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LogLine } from '../types.js';
import type { InvocationState } from '../invocation-state.js';

/** Segment's tester shows only the first 4 KB of console output (segment-runtime.md §8). */
export const LOG_LIMIT_BYTES = 4096;

// Stack frames of fnsync's own runtime, its in-realm sources and Node internals say nothing to a function author
// (Segment's logs show only the function's frames), so logged errors keep only the others.
const RUNTIME_DIR = dirname(dirname(fileURLToPath(import.meta.url)));
const RUNTIME_URL = new URL('..', import.meta.url).href;
const isHostFrame = (line: string) =>
  /^\s+at /.test(line) &&
  (line.includes(RUNTIME_DIR) || line.includes(RUNTIME_URL) || line.includes('fnsync:realm/') || line.includes('node:internal') || line.includes('[nodejs.internal'));

function withoutHostFrames(message: string): string {
  if (!message.includes('\n    at ')) return message;
  return message
    .split('\n')
    .filter((line) => !isHostFrame(line))
    .join('\n');
}

const LEVELS = new Set<LogLine['level']>(['log', 'info', 'warn', 'error', 'debug']);

/** Copies a realm array-like into fnsync's own array, index by index (no iterator of the realm is used). */
function listFrom(args: unknown): unknown[] {
  const list = args as ArrayLike<unknown>;
  const values: unknown[] = [];
  for (let i = 0; i < Number(list.length); i++) values.push(list[i]);
  return values;
}

/** util.format for the realm (js/util.js): the same formatting as console.log, hooks ignored. */
export const formatForRealm = (args: unknown): string => formatWithOptions({ customInspect: false }, ...listFrom(args));

/** util.inspect for the realm. */
export const inspectForRealm = (value: unknown, depth: number): string => inspect(value, { customInspect: false, depth: Number.isFinite(depth) ? depth : 2 });

/** Appends one console call; lines past 4 KB are still kept, with one warning (documented choice, §13.17). */
export function formatLog(state: InvocationState, level: string, args: unknown): void {
  const message = withoutHostFrames(formatForRealm(args));
  state.logs.push({ level: LEVELS.has(level as LogLine['level']) ? (level as LogLine['level']) : 'log', message });
  state.logBytes += Buffer.byteLength(message) + 1;
  if (state.logBytes > LOG_LIMIT_BYTES && !state.logLimitWarned) {
    state.logLimitWarned = true;
    state.warnings.push(`console output exceeded 4 KB; Segment's tester shows only the first 4 KB`);
  }
}
