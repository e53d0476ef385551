// Results travel from a worker to the pool through a shared-memory log: appending costs one JSON.stringify
// (results are JSON data; v8.serialize is twice as slow), the pool receives chunks of ~64 KB (a few hundred
// results per message instead of one message per invocation: the warm-call budget is under 10 µs) and decodes
// each chunk with one JSON.parse while the worker keeps running. When the pool must stop a worker stuck in a
// loop, it still reads every finished result from the log.
import type { InvocationResult } from './types.js';
import { CTRL_LOG_LENGTH } from './worker-control.js';
import { RESULT_LIMIT_BYTES, resultTooLarge } from './result-size.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const COMMA = 0x2c;

/** Capacity of one worker's log. */
export const LOG_BYTES = 1 << 20;
/** Flush once this much is buffered, so the pool decodes while the worker runs. */
const FLUSH_BYTES = 64 * 1024;
/**
 * Flush when a result is appended this long (ms) or more after the last flush: the pool's own clock counts time from
 * the last new result it received (pool-backstop.ts), so an honest worker never leaves finished results unsent for
 * longer than one invocation.
 */
const FLUSH_MS = 100;

/** One entry of the log. */
export interface LoggedResult {
  index: number;
  result: InvocationResult;
}

/** Worker side: appends results as `<json>,` and flushes chunks through `flushBytes`. */
export class ResultLogWriter {
  private readonly bytes: Uint8Array;
  constructor(
    log: SharedArrayBuffer,
    private readonly ctrl: Int32Array,
    private readonly flushBytes: (bytes: Uint8Array) => void,
    private readonly sendDirect: (text: string) => void,
  ) {
    this.bytes = new Uint8Array(log);
  }

  private flushedAt = 0;

  /** Appends a result; `at` is the current time in ms (the caller has it already). */
  append(entry: LoggedResult, at = performance.now()): void {
    let text = encodeEntry(entry);
    // The runtime measured the result before encoding it (result-size.ts); JSON's escapes can still make the text
    // longer than the values it measured.
    if (text.length > RESULT_LIMIT_BYTES) text = encodeEntry({ index: entry.index, result: { ...resultTooLarge('the encoded result'), durationMs: entry.result.durationMs } });
    const worst = text.length * 3 + 1; // UTF-8 needs at most 3 bytes per UTF-16 unit
    if (worst > this.bytes.length) {
      this.flush();
      this.sendDirect(text);
      return;
    }
    let len = this.ctrl[CTRL_LOG_LENGTH]!;
    if (len + worst > this.bytes.length) {
      this.flush();
      len = 0;
    }
    const { written } = encoder.encodeInto(text, this.bytes.subarray(len));
    this.bytes[len + written] = COMMA;
    Atomics.store(this.ctrl, CTRL_LOG_LENGTH, len + written + 1);
    if (len + written + 1 >= FLUSH_BYTES || at - this.flushedAt >= FLUSH_MS) this.flush(at);
  }

  flush(at = performance.now()): void {
    this.flushedAt = at;
    const len = this.ctrl[CTRL_LOG_LENGTH]!;
    if (len === 0) return;
    this.flushBytes(this.bytes.slice(0, len));
    Atomics.store(this.ctrl, CTRL_LOG_LENGTH, 0);
  }
}

/**
 * JSON for one entry. The common warm result (success, nothing logged, emitted or requested) is written from a
 * template: a generic JSON.stringify of it costs about 1 µs, a third of a trivial invocation.
 */
export function encodeEntry({ index, result: r }: LoggedResult): string {
  if (
    r.error === undefined &&
    r.messages.length === 0 &&
    r.objects.length === 0 &&
    r.logs.length === 0 &&
    r.requests.length === 0 &&
    r.warnings.length === 0 &&
    Object.keys(r).length <= 8
  ) {
    const returned = r.returned === undefined ? '' : `,"returned":${JSON.stringify(r.returned)}`;
    return `{"index":${index},"result":{"outcome":${JSON.stringify(r.outcome)},"messages":[],"objects":[],"logs":[],"requests":[],"warnings":[],"durationMs":${Math.round(r.durationMs * 1000) / 1000}${returned}}}`;
  }
  return JSON.stringify({ index, result: r });
}

/**
 * Pool side: decodes a chunk (or the live log of a stopped worker) into entries, as untrusted data: the caller
 * checks them (worker-reply.ts). Throws on text that is not the log's JSON.
 */
export function readResultLog(bytes: Uint8Array, length = bytes.length): unknown {
  if (length === 0) return [];
  const text = decoder.decode(bytes.slice(0, length - 1)); // drop the trailing comma; slice copies shared memory
  return JSON.parse(`[${text}]`) as unknown;
}
