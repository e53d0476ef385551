// Worker-thread entry: receives sessions, runs each as one fresh instance, posts one result per input on a
// dedicated port (so the pool can drain them synchronously if it has to stop this worker), and publishes the
// current invocation's deadline (and its memory outside the heap) in shared memory for the pool's watchdog.
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import vm from 'node:vm';
import { createSandbox, CompileError, type Sandbox } from './sandbox.js';
import { runInvocation, errorInfo, thrownAt, InvocationTimer, SessionClock } from './run-invocation.js';
import { FROZEN_CLOCK_SOURCE, type ClockSetter } from './frozen-clock.js';
import type { FunctionUnit, InvocationResult } from './types.js';
import type { PoolMessage, WireInput, WorkerReply } from './worker-protocol.js';
import { ResultLogWriter } from './result-log.js';
import { CTRL_BEAT, CTRL_CURRENT, CTRL_HELD_F64, CTRL_PARK } from './worker-control.js';
import { MemorySampler } from './memory-sampler.js';
import { useContextLock } from './context-lock.js';
import { loadFailureResult } from './load-failure.js';

import { hardenWorkerRealm } from './harden-worker-realm.js';

hardenWorkerRealm();
const { port, shared, log, memoryLimitMb, contextLock } = workerData as { port: MessagePort; shared: SharedArrayBuffer; log: SharedArrayBuffer; memoryLimitMb: number; contextLock: SharedArrayBuffer };
useContextLock(contextLock);
const deadline = new Float64Array(shared, 0, 1);
const ctrl = new Int32Array(shared);
const memory = new MemorySampler(new Float64Array(shared, CTRL_HELD_F64 * 8, 1), memoryLimitMb * 1024 * 1024);
const hostClock = vm.runInThisContext(FROZEN_CLOCK_SOURCE) as ClockSetter;
const now = () => performance.timeOrigin + performance.now();

// User code can leave rejected promises or throwing callbacks (e.g. stream 'error' events) behind; they must not
// kill the worker. An uncaught exception is logged against the running invocation so the author sees it.
let active: Sandbox | undefined;
process.on('unhandledRejection', () => undefined);
process.on('uncaughtException', (err) => {
  active?.slot.current.logs.push({ level: 'error', message: `uncaught exception: ${errorInfo(err).message}` });
});

const send = (reply: WorkerReply) => port.postMessage(reply);
let sessionId = 0;
let running = false;
const results = new ResultLogWriter(
  log,
  ctrl,
  (bytes) => send({ type: 'chunk', id: sessionId, bytes }),
  (text) => send({ type: 'result', id: sessionId, text }),
);

/**
 * The instance holds more memory outside the heap than its limit: results so far go out, the pool is asked to stop
 * this worker (the running input reports out of memory, the rest of the session runs on a fresh instance), and the
 * thread waits here so the instance runs no further.
 */
function stopForMemory(): void {
  results.flush();
  send({ type: 'memory', id: sessionId });
  Atomics.wait(ctrl, CTRL_PARK, 0, 10_000);
}

// The idle tick: proof for the pool's memory watch that this worker's event loop turns (it is not stuck in
// synchronous code), and a memory sample while a function awaits.
// Over the limit on two ticks in a row, it is: garbage that only a turn of the event loop releases is not the function's.
let overTicks = 0;
setInterval(() => {
  ctrl[CTRL_BEAT] = (ctrl[CTRL_BEAT]! + 1) | 0;
  if (!running) return;
  if (!memory.overLimit(performance.now(), false, overTicks === 0)) overTicks = 0;
  else if (++overTicks >= 2) stopForMemory();
}, 20).unref();

/**
 * Over the limit after loading or after an invocation (a provisional sample said so)? Asked again after a turn of the
 * event loop before it counts: a session or invocation that just ended lets go of some of its memory only then (weak
 * callbacks, timers' lists). Only then is there an await: the usual invocation pays for one synchronous sample.
 */
async function stillOverLimit(): Promise<boolean> {
  await new Promise<void>((resolve) => setImmediate(resolve));
  return memory.overLimit(performance.now(), true);
}
const provisionallyOver = () => memory.overLimit(performance.now(), true, true);
send({ type: 'ready' });

function failedLoad(count: number, err: unknown, codePath: string): InvocationResult[] {
  const info = errorInfo(err);
  const at = thrownAt(err, codePath);
  return Array.from({ length: count }, () => loadFailureResult({ ...info, ...(at ? { at } : {}) }));
}

function isCompileError(err: unknown): err is CompileError {
  try {
    return err instanceof CompileError;
  } catch {
    return false;
  }
}

/** The inputs of the running session, growing as `more` messages arrive. */
class InputQueue {
  readonly items: WireInput[] = [];
  private wake: (() => void) | undefined;
  constructor(readonly id: number, readonly total: number) {}
  push(inputs: WireInput[]): void {
    for (const input of inputs) this.items.push(input);
    this.wake?.();
  }
  async at(index: number): Promise<WireInput> {
    while (index >= this.items.length) await new Promise<void>((resolve) => (this.wake = resolve));
    return this.items[index]!;
  }
}
let queue: InputQueue | undefined;

async function runSession(id: number, unit: FunctionUnit, inputs: InputQueue): Promise<void> {
  sessionId = id;
  ctrl[CTRL_CURRENT] = -1;
  deadline[0] = 0;
  let sandbox;
  try {
    // The load deadline is armed by the sandbox when the handler file's top level starts, the moment vm's own
    // timeout starts counting, not here: building the context (lodash, globals) is fnsync's work and can take
    // longer than a short timeout on a loaded machine. Armed early, the watchdog would stop the worker while the
    // top level still had time left, and the same code would fail differently on a busy machine.
    sandbox = createSandbox(unit, () => (deadline[0] = now() + unit.timeoutMs));
  } catch (err) {
    deadline[0] = 0;
    // The top level may throw anything (a Proxy whose traps throw, null): only fnsync's own CompileError is
    // inspected, and the rest only through errorInfo, which reads nothing unguarded.
    if (isCompileError(err)) {
      send({ type: 'compile-error', id, message: err.message, line: err.location?.line, col: err.location?.col });
      return;
    }
    if (/\bexports\b/.test(errorInfo(err).message) && /\bexports\.processEvents\b/.test(unit.code)) {
      send({ type: 'compile-error', id, message: 'exports.processEvents is the legacy handler format Segment no longer runs; declare `async function onTrack(event, settings)` (and the other on… handlers) instead' });
      return;
    }
    failedLoad(inputs.total, err, unit.codePath).forEach((result, index) => results.append({ index, result }));
    results.flush();
    send({ type: 'done', id });
    return;
  }
  deadline[0] = 0; // loaded; waiting for inputs is nobody's time
  if (provisionallyOver() && (await stillOverLimit())) stopForMemory(); // the top level filled it: the session is out of memory
  const timer = new InvocationTimer(unit.timeoutMs);
  const clock = new SessionClock([sandbox.setClock, hostClock]);
  active = sandbox;
  running = true;
  try {
    for (let index = 0; index < inputs.total; index++) {
      const input = index < inputs.items.length ? inputs.items[index]! : await inputs.at(index);
      ctrl[CTRL_CURRENT] = index;
      ctrl[CTRL_BEAT] = (ctrl[CTRL_BEAT]! + 1) | 0;
      deadline[0] = now() + unit.timeoutMs;
      const result = await runInvocation(unit, sandbox, input, clock, timer);
      deadline[0] = 0;
      if (provisionallyOver() && (await stillOverLimit())) stopForMemory();
      results.append({ index, result }, performance.now());
    }
  } finally {
    running = false;
    deadline[0] = 0;
    timer.dispose();
    clock.thaw();
    sandbox.dispose();
    active = undefined;
  }
  results.flush();
  send({ type: 'done', id });
}

parentPort!.on('message', (msg: PoolMessage) => {
  if (msg.type === 'more') {
    if (queue?.id === msg.id) queue.push(msg.inputs);
    return;
  }
  queue = new InputQueue(msg.id, msg.total);
  queue.push(msg.inputs);
  runSession(msg.id, msg.unit, queue).catch((err) => send({ type: 'crash', id: msg.id, message: errorInfo(err).message }));
});
