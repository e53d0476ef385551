// Worker side of the memory limit, for the V8 heap and for memory outside it. A worker's `resourceLimits` cap only its V8 heap
// (and sit far above the limit: create-runtime.ts says why):
// Buffers and ArrayBuffers live outside it, so a function could hold gigabytes of them under a 128 MB limit. The
// worker samples what its isolate holds outside the heap (V8's external memory, which includes every ArrayBuffer
// backing store) and publishes it for the pool's memory watch; over the limit, it asks the pool to stop it.
// A sample costs about 0.3 µs, so one is taken after every invocation (a Buffer kept by a quick invocation must be
// counted against that invocation, not missed), and every SAMPLE_MS on an idle tick while the function awaits.
// Code stuck in a synchronous loop runs neither: the pool's watch (memory-watch.ts) covers it from outside.
// A sample over the limit is taken again after a full garbage collection before it counts: the heap and external
// figures include garbage, of this instance or of earlier sessions in the worker, that no function holds.
import v8 from 'node:v8';
import vm from 'node:vm';
import { withContextLock } from './context-lock.js';

/**
 * A full garbage collection, taken from a context made while --expose-gc is briefly on (no other context gets it:
 * the context lock keeps every other worker from creating one meanwhile). Made once, by the first sampler.
 */
let collect: (() => void) | undefined | null = null;
function collector(): (() => void) | undefined {
  if (collect === null) {
    collect = withContextLock(() => {
      try {
        v8.setFlagsFromString('--expose-gc');
        return vm.runInNewContext('gc') as () => void;
      } catch {
        return undefined;
      } finally {
        v8.setFlagsFromString('--no-expose-gc');
      }
    });
  }
  return collect;
}

const held = () => {
  const stats = v8.getHeapStatistics();
  return stats.external_memory + stats.used_heap_size;
};

const SAMPLE_MS = 10;
/** At most this many full collections for one sample over the limit. */
const COLLECTIONS = 4;

export class MemorySampler {
  private sampledAt = -Infinity;
  /** Made after the worker has its context lock (useContextLock): the constructor takes its gc() then. */
  constructor(private readonly published: Float64Array, private readonly limitBytes: number) {
    collector();
  }

  /**
   * Samples if one is due at `at` (ms, performance.now()), or always with `now`; true when the isolate holds more
   * than its limit even after full garbage collections. A `provisional` figure over the limit is not published: the
   * caller samples again after a turn of the event loop, and only that figure is the worker's word to the pool.
   */
  overLimit(at: number, now = false, provisional = false): boolean {
    if (!now && at - this.sampledAt < SAMPLE_MS) return false;
    this.sampledAt = at;
    let bytes = held();
    const gc = bytes > this.limitBytes ? collector() : undefined;
    // Garbage is not all freed by one collection. V8 frees dropped ArrayBuffers on a sweeper that finishes after the
    // collection returns, counting them as external memory until then (the next collection completes that sweep),
    // and a dropped vm context is let go by a weak callback during one collection and freed by a later one. So up to
    // COLLECTIONS, while over the limit: at least two, and more only while they still free something.
    for (let i = 0; gc && i < COLLECTIONS && bytes > this.limitBytes; i++) {
      gc();
      const after = held();
      const progress = after < bytes;
      bytes = after;
      if (i >= 1 && !progress) break;
    }
    const over = bytes > this.limitBytes;
    if (!(over && provisional)) this.published[0] = bytes;
    return over;
  }
}
