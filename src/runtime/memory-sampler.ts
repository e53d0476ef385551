// Worker side of the memory limit, for the V8 heap and for memory outside it. A worker's `resourceLimits` cap only its V8 heap
// (and sit far above the limit: create-runtime.ts says why):
// Buffers and ArrayBuffers live outside it, so a function could hold gigabytes of them under a 128 MB limit. The
// worker samples what its isolate holds outside the heap (V8's external memory, which includes every ArrayBuffer
// backing store) and publishes it for the pool's memory watch; over the limit, it asks the pool to stop it.
// Sampling costs about a microsecond, so it runs at most every SAMPLE_MS: after an invocation that ends at least
// that long after the last sample, and on an idle tick while the worker's event loop turns (a function awaiting).
// Code stuck in a synchronous loop runs neither: the pool's watch (memory-watch.ts) covers it from outside.
import v8 from 'node:v8';

const SAMPLE_MS = 10;

export class MemorySampler {
  private sampledAt = -Infinity;
  constructor(private readonly published: Float64Array, private readonly limitBytes: number) {}

  /** Samples if one is due at `at` (ms, performance.now()); true when the isolate is over its limit. */
  overLimit(at: number): boolean {
    if (at - this.sampledAt < SAMPLE_MS) return false;
    this.sampledAt = at;
    const stats = v8.getHeapStatistics();
    const bytes = stats.external_memory + stats.used_heap_size;
    this.published[0] = bytes;
    return bytes > this.limitBytes;
  }
}
