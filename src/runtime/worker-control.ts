// The shared control buffer of one runtime worker: what the worker publishes for the pool's watchdog. Everything
// in it is written by the worker, so the pool treats it as a hint about the worker's own session, never as the
// only word on time or memory: the pool keeps its own clock (pool-backstop.ts) and its own memory watch
// (memory-watch.ts).

/** Float64 slot 0: the running invocation's (or top level's) deadline, epoch ms; 0 when nothing is timed. */
export const CTRL_DEADLINE_F64 = 0;
/** Int32 slots. */
export const CTRL_CURRENT = 2; // index of the running invocation (-1 while loading)
export const CTRL_LOG_LENGTH = 3; // bytes written to the result log since the last flush
export const CTRL_BEAT = 4; // bumped by every invocation and by the worker's idle tick: "my event loop turns"
export const CTRL_PARK = 5; // a worker that asked to be stopped waits on this slot
/** Float64 slot 3: what the worker's isolate holds, V8 heap plus memory outside it (Buffers, ArrayBuffers), in bytes. */
export const CTRL_HELD_F64 = 3;
/** Byte size of the control buffer. */
export const CTRL_BYTES = 32;
