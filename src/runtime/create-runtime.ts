// The runtime: a pool of worker threads, one session (a fresh function instance) per worker at a time.
// A watchdog stops a worker stuck in synchronous code (fast path: the deadline it publishes; backstop: the pool's own
// clock, pool-backstop.ts), or holding more memory than its limit (memory-watch.ts); every message from a worker is
// checked (worker-reply.ts); a worker that runs out of memory, is stopped or misbehaves is replaced, and fnsync
// itself never hangs or crashes because of what a function does.
import { Worker, MessageChannel, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { SandboxError } from '../errors.js';
import type { FunctionUnit, InvocationInput, InvocationResult, Runtime } from './types.js';
import { encodeInputs, FIRST_SLICE, NEXT_SLICE, type PoolMessage } from './worker-protocol.js';
import { stoppedResult } from './stopped-result.js';
import { planAfterStop, stopCause, type PoolStop } from './stopped-session.js';
import { LOG_BYTES, readResultLog } from './result-log.js';
import { CTRL_BEAT, CTRL_BYTES, CTRL_CURRENT, CTRL_HELD_F64, CTRL_LOG_LENGTH } from './worker-control.js';
import { acceptReply, decodeLog, type AcceptedEntry } from './worker-reply.js';
import { backstopAt, BOOT_ALLOWANCE_MS, stoppedIndex } from './pool-backstop.js';
import { processBudget, workersToStop } from './memory-watch.js';
import { newContextLock, releaseContextLock } from './context-lock.js';

/** Default memory ceiling of a worker (old generation), in MB. */
export const DEFAULT_MEMORY_LIMIT_MB = 128;
/** How far above the function's limit V8's own heap cap is set: more than V8's largest single allocation. */
export const V8_HEADROOM_MB = 1536;
/**
 * How long past its deadline a worker may stay unresponsive before the watchdog stops it. The worker's own timers
 * (the invocation timer, vm's timeout of the top level) fire at the deadline; the watchdog is the backstop for
 * synchronous code they cannot interrupt, so it gives them this long first. If a starved machine still lets the
 * watchdog fire first, the outcome is the same: Timeout for an invocation (its instance is then replaced), vm's
 * load failure for a top level, out of memory if the worker was dying of that (stopped-session.ts).
 */
const WATCHDOG_GRACE_MS = 200;
const WATCHDOG_INTERVAL_MS = 25;

interface Job {
  id: number;
  unit: FunctionUnit;
  inputs: InvocationInput[];
  results: (InvocationResult | undefined)[];
  resolve: (r: InvocationResult[]) => void;
  reject: (e: unknown) => void;
  /** The second chance after a shared memory stop (stopped-session.ts): it runs with no other session. */
  retried: boolean;
}

interface PoolWorker {
  worker: Worker;
  /** Its thread's id, kept: after exit the Worker no longer says. */
  threadId: number;
  port: MessagePort;
  deadline: Float64Array;
  held: Float64Array;
  ctrl: Int32Array;
  log: Uint8Array;
  memoryLimitMb: number;
  job: Job | undefined;
  stopping: PoolStop | undefined;
  /** Why the pool stopped it, for a malformed reply. */
  stopDetail?: string;
  /** The worker has said it is ready (its first message). */
  ready: boolean;
  /** The pool's clock at the last sign of progress: session handed out, or a result for an input that had none. */
  progressAt: number;
  /** The beat last seen in its control slot, since when, and the process's resident memory then. */
  beat: number;
  beatSince: number;
  rssAtBeat: number;
}

/** Shared by every worker of every runtime in this process: V8's flags are the process's (context-lock.ts). */
const CONTEXT_LOCK = newContextLock();

const isTs = import.meta.url.endsWith('.ts');
const workerUrl = new URL(isTs ? './worker.ts' : './worker.js', import.meta.url);

/**
 * From compiled dist/ the worker is plain JS. From sources (vitest, tsx) `--import tsx` in a worker's execArgv
 * does not apply to its entry module on Node 20, so a tiny eval'd bootstrap registers tsx and then imports it.
 */
function workerEntry(): { entry: URL | string; eval: boolean } {
  if (!isTs) return { entry: workerUrl, eval: false };
  const api = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  return { entry: `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(workerUrl.href)}); })`, eval: true };
}

/** Creates the worker pool; `maxWorkers` defaults to the number of cores. */
export function createRuntime(options: { maxWorkers?: number } = {}): Runtime {
  const maxWorkers = Math.max(1, options.maxWorkers ?? availableParallelism());
  const workers = new Set<PoolWorker>();
  const queue: Job[] = [];
  let nextId = 1;
  let closed = false;
  let watchdog: NodeJS.Timeout | undefined;
  /** A worker has exited since the memory watch last looked: what it held is gone from resident memory. */
  let rebaseMemory = false;
  const clock = () => performance.now();

  const spawn = (memoryLimitMb: number): PoolWorker => {
    const shared = new SharedArrayBuffer(CTRL_BYTES);
    const log = new SharedArrayBuffer(LOG_BYTES);
    const { port1, port2 } = new MessageChannel();
    const { entry, eval: isEval } = workerEntry();
    const worker = new Worker(entry, {
      eval: isEval,
      workerData: { port: port2, shared, log, memoryLimitMb, contextLock: CONTEXT_LOCK },
      transferList: [port2],
      execArgv: [],
      // An empty environment: function code that escapes the vm context (it is not a security boundary) finds no
      // API token or ${env:…} secret in process.env.
      env: {},
      // V8's own cap sits well above the function's limit: an allocation that does not fit under V8's cap is a fatal
      // error of the whole process, not of the worker, and one allocation can be as large as V8's largest array or
      // string (about 1 GB). The limit itself is enforced by fnsync's sampling of heap and external memory.
      resourceLimits: { maxOldGenerationSizeMb: memoryLimitMb + V8_HEADROOM_MB, maxYoungGenerationSizeMb: Math.min(32, memoryLimitMb / 4) },
    });
    const now = clock();
    const pw: PoolWorker = {
      worker,
      threadId: worker.threadId,
      port: port1,
      deadline: new Float64Array(shared, 0, 1),
      held: new Float64Array(shared, CTRL_HELD_F64 * 8, 1),
      ctrl: new Int32Array(shared),
      log: new Uint8Array(log),
      memoryLimitMb,
      job: undefined,
      stopping: undefined,
      ready: false,
      progressAt: now,
      beat: 0,
      beatSince: now,
      rssAtBeat: process.memoryUsage.rss(),
    };
    port1.on('message', (reply: unknown) => onReply(pw, reply));
    let lastError: Error | undefined;
    worker.on('error', (err) => (lastError = err));
    worker.on('exit', () => onExit(pw, lastError));
    workers.add(pw);
    return pw;
  };

  /** Stops a busy worker; its exit (onExit) reports the session. */
  const stop = (pw: PoolWorker, why: PoolStop, detail?: string) => {
    if (pw.stopping) return;
    pw.stopping = why;
    pw.stopDetail = detail;
    void pw.worker.terminate();
  };

  const finish = (pw: PoolWorker, job: Job) => {
    pw.job = undefined;
    job.resolve(job.results.map((r) => r ?? stoppedResult('crash', job.unit)));
    pump();
  };

  /** Records results; a result for an input that had none is progress (the backstop's clock restarts). */
  const record = (pw: PoolWorker, job: Job, entries: AcceptedEntry[]) => {
    for (const { index, result } of entries) {
      if (job.results[index] !== undefined) continue; // a worker does not get to rewrite a result
      job.results[index] = result;
      pw.progressAt = clock();
    }
  };

  const onReply = (pw: PoolWorker, raw: unknown) => {
    // Nothing a worker sends may throw here: acceptReply never throws, and this guard covers the pool's own code.
    try {
      const job = pw.job;
      const reply = acceptReply(raw, pw.stopping === 'malformed' ? undefined : job?.id, job?.inputs.length ?? 0, readResultLog);
      if (reply.kind === 'ready') {
        if (!pw.ready) pw.progressAt = clock();
        pw.ready = true;
        return;
      }
      if (reply.kind === 'ignore' || !job) return;
      if (reply.kind === 'results') record(pw, job, reply.entries);
      // A worker being stopped may still deliver results it sent before; nothing else it says matters any more.
      else if (pw.stopping) return;
      else if (reply.kind === 'done') finish(pw, job);
      else if (reply.kind === 'memory') stop(pw, 'memory');
      else if (reply.kind === 'malformed') stop(pw, 'malformed', reply.reason);
      else if (reply.kind === 'compile-error') {
        pw.job = undefined;
        const where = reply.line !== undefined ? `${job.unit.codePath}:${reply.line}:${reply.col ?? 1}` : job.unit.codePath;
        job.reject(new SandboxError(`${where}: ${reply.message}`));
        pump();
      } else {
        pw.job = undefined;
        job.reject(new SandboxError(`the runtime worker failed while running ${job.unit.name}: ${reply.message}`));
        pump();
      }
    } catch (err) {
      stop(pw, 'malformed', `the pool could not handle a reply: ${(err as Error)?.message}`);
    }
  };

  const onExit = (pw: PoolWorker, err: Error | undefined) => {
    workers.delete(pw);
    rebaseMemory = true;
    releaseContextLock(CONTEXT_LOCK, pw.threadId);
    const job = pw.job;
    pw.job = undefined;
    if (job) {
      try {
        settleStopped(pw, job, err);
      } catch (failure) {
        job.reject(failure);
      }
    }
    pump();
  };

  /** The session of a worker that went away: what it finished, and the rest (stopped-session.ts). */
  const settleStopped = (pw: PoolWorker, job: Job, err: Error | undefined) => {
    const total = job.inputs.length;
    let malformed = pw.stopping === 'malformed' ? pw.stopDetail : undefined;
    if (!malformed) {
      for (let m = receiveMessageOnPort(pw.port); m; m = receiveMessageOnPort(pw.port)) {
        const reply = acceptReply(m.message, job.id, total, readResultLog);
        if (reply.kind === 'results') record(pw, job, reply.entries);
        if (reply.kind === 'malformed') malformed = reply.reason;
      }
    }
    if (!malformed) {
      // Results written after the last flush are still in the shared log.
      const live = decodeLog(readResultLog, pw.log, pw.ctrl[CTRL_LOG_LENGTH]!, total);
      if (Array.isArray(live)) record(pw, job, live);
      else malformed = live.malformed;
    }
    const plan = planAfterStop({
      unit: job.unit,
      results: job.results,
      index: stoppedIndex(pw.ctrl[CTRL_CURRENT], job.results),
      cause: malformed !== undefined ? 'malformed' : stopCause(err, pw.stopping),
      memoryLimitMb: pw.memoryLimitMb,
      crashMessage: malformed ?? err?.message,
      retried: job.retried,
    });
    if (plan.action === 'done') job.resolve(plan.results);
    else
      enqueue(job.unit, job.inputs.slice(plan.from), plan.retry === true || job.retried).then((more) => {
        const { warning } = plan;
        more.forEach((r, i) => plan.results.push(i === 0 && warning ? { ...r, warnings: [...r.warnings, warning] } : r));
        job.resolve(plan.results);
      }, job.reject);
  };

  const pump = () => {
    if (closed) return;
    while (queue.length > 0) {
      const job = queue[0]!;
      // A second chance after a shared memory stop runs alone, so that if it is stopped again the memory is its own.
      const running = [...workers].filter((w) => w.job);
      if (running.some((w) => w.job!.retried) || (job.retried && running.length > 0)) break;
      const limit = job.unit.options?.memoryLimitMb ?? DEFAULT_MEMORY_LIMIT_MB;
      const idle = [...workers].filter((w) => !w.job && !w.stopping);
      let pw = idle.find((w) => w.memoryLimitMb === limit);
      if (!pw && workers.size >= maxWorkers && idle.length > 0) {
        idle[0]!.stopping = 'timeout';
        idle[0]!.worker.terminate();
        workers.delete(idle[0]!);
      }
      if (!pw && workers.size < maxWorkers) pw = spawn(limit);
      if (!pw) break;
      queue.shift();
      pw.job = job;
      // A worker that has not started yet gets time to boot before the backstop counts.
      pw.progressAt = clock() + (pw.ready ? 0 : BOOT_ALLOWANCE_MS);
      const total = job.inputs.length;
      pw.worker.postMessage({ type: 'session', id: job.id, unit: job.unit, inputs: encodeInputs(job.inputs.slice(0, FIRST_SLICE)), total } satisfies PoolMessage);
      for (let at = FIRST_SLICE; at < total; at += NEXT_SLICE) {
        pw.worker.postMessage({ type: 'more', id: job.id, inputs: encodeInputs(job.inputs.slice(at, at + NEXT_SLICE)) } satisfies PoolMessage);
      }
    }
    const busy = [...workers].some((w) => w.job);
    if (busy && !watchdog) watchdog = setInterval(check, WATCHDOG_INTERVAL_MS);
    if (!busy && watchdog) {
      clearInterval(watchdog);
      watchdog = undefined;
    }
    // Idle workers must not keep the process alive; busy ones must.
    for (const w of workers) (w.job ? w.worker.ref() : w.worker.unref());
  };

  const check = () => {
    try {
      checkDeadlines();
      checkMemory();
    } catch {
      // The watchdog reads only numbers from shared memory; nothing there can make it throw, but if anything did,
      // the next tick tries again instead of taking the process down.
    }
  };

  const checkDeadlines = () => {
    const epochNow = performance.timeOrigin + performance.now();
    const now = clock();
    for (const pw of workers) {
      if (!pw.job || pw.stopping) continue;
      const d = pw.deadline[0]!;
      if (d > 0 && epochNow > d + WATCHDOG_GRACE_MS) stop(pw, 'timeout');
      else if (now > backstopAt(pw.progressAt, pw.job.unit.timeoutMs)) {
        // Timers run before queued messages: if this thread was busy, results may be waiting. Read them first.
        for (let m = receiveMessageOnPort(pw.port); m && pw.job && !pw.stopping; m = receiveMessageOnPort(pw.port)) onReply(pw, m.message);
        if (pw.job && !pw.stopping && now > backstopAt(pw.progressAt, pw.job.unit.timeoutMs)) stop(pw, 'timeout');
      }
    }
  };

  const checkMemory = () => {
    // A worker stopped for memory holds it until it has exited: until then, the process's growth is mostly its own
    // and says nothing about the others. Once it has exited, growth counts afresh from there (rebaseMemory).
    if ([...workers].some((w) => w.stopping === 'memory' || w.stopping === 'shared-memory')) return;
    const now = clock();
    const { rss, heapTotal, external } = process.memoryUsage();
    const list = [...workers].filter((w) => !w.stopping);
    for (const pw of list) {
      const beat = pw.ctrl[CTRL_BEAT]!;
      if (beat !== pw.beat || !pw.job || !pw.ready || rebaseMemory) {
        if (beat !== pw.beat || !pw.job || !pw.ready) pw.beatSince = now;
        pw.beat = beat;
        pw.rssAtBeat = rss;
      }
    }
    rebaseMemory = false;
    const budget = processBudget(heapTotal + external, list.map((w) => w.memoryLimitMb));
    const watched = list.map((w) => ({ busy: w.job !== undefined, memoryLimitMb: w.memoryLimitMb, held: w.held[0]!, beatSince: w.beatSince, rssAtBeat: w.rssAtBeat }));
    for (const { index, shared } of workersToStop(watched, rss, budget, now)) stop(list[index]!, shared ? 'shared-memory' : 'memory');
  };

  const enqueue = (unit: FunctionUnit, inputs: InvocationInput[], retried = false): Promise<InvocationResult[]> =>
    new Promise((resolve, reject) => {
      if (closed) return reject(new SandboxError('the runtime is closed'));
      queue.push({ id: nextId++, unit, inputs, results: inputs.map(() => undefined), resolve, reject, retried });
      pump();
    });

  return {
    runSession: (unit, inputs) => enqueue(unit, inputs),
    async close() {
      closed = true;
      if (watchdog) clearInterval(watchdog);
      for (const job of queue.splice(0)) job.reject(new SandboxError('the runtime was closed before this session ran'));
      await Promise.all([...workers].map((w) => ((w.stopping = 'timeout'), w.worker.terminate())));
    },
  };
}
