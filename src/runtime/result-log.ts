// Results travel from a worker to the pool through a shared-memory log: appending costs one JSON.stringify
// (results are JSON data; v8.serialize is twice as slow), the
// pool receives whole chunks (one message per ~1 MB instead of one per invocation: the warm-call budget is
// under 10 µs), and when the pool must stop a worker stuck in a loop it can still read every finished result.
import type { InvocationResult } from './types.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Capacity of one worker's log. */
export const LOG_BYTES = 1 << 20;
/** Control slots (Int32) in the worker's shared control buffer. */
export const CTRL_CURRENT = 2; // index of the running invocation (-1 while loading)
export const CTRL_LOG_LENGTH = 3; // bytes written to the log since the last flush
/** Byte size of the control buffer: a Float64 deadline, then Int32 slots. */
export const CTRL_BYTES = 16;

/** One entry of the log. */
export interface LoggedResult {
  index: number;
  result: InvocationResult;
}

/** Worker side: appends results, flushing a full log through `flush(bytes)` first. */
export class ResultLogWriter {
  private readonly bytes: Uint8Array;
  private readonly view: DataView;
  constructor(
    log: SharedArrayBuffer,
    private readonly ctrl: Int32Array,
    private readonly flushBytes: (bytes: Uint8Array) => void,
    private readonly sendDirect: (entry: LoggedResult) => void,
  ) {
    this.bytes = new Uint8Array(log);
    this.view = new DataView(log);
  }

  append(entry: LoggedResult): void {
    const text = JSON.stringify(entry);
    const worst = text.length * 3 + 4; // UTF-8 needs at most 3 bytes per UTF-16 unit
    if (worst > this.bytes.length) {
      this.flush();
      this.sendDirect(entry);
      return;
    }
    let len = this.ctrl[CTRL_LOG_LENGTH]!;
    if (len + worst > this.bytes.length) {
      this.flush();
      len = 0;
    }
    const { written } = encoder.encodeInto(text, this.bytes.subarray(len + 4));
    this.view.setUint32(len, written);
    Atomics.store(this.ctrl, CTRL_LOG_LENGTH, len + 4 + written);
  }

  flush(): void {
    const len = this.ctrl[CTRL_LOG_LENGTH]!;
    if (len === 0) return;
    this.flushBytes(this.bytes.slice(0, len));
    Atomics.store(this.ctrl, CTRL_LOG_LENGTH, 0);
  }
}

/** Pool side: decodes a chunk (or the live log of a stopped worker) into entries. */
export function readResultLog(bytes: Uint8Array, length = bytes.length): LoggedResult[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: LoggedResult[] = [];
  for (let at = 0; at + 4 <= length; ) {
    const size = view.getUint32(at);
    out.push(JSON.parse(decoder.decode(bytes.subarray(at + 4, at + 4 + size))) as LoggedResult);
    at += 4 + size;
  }
  return out;
}
