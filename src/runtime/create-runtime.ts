// The runtime: a pool of worker threads, one session (a fresh function instance) per worker at a time.
// A watchdog reads each worker's published deadline and stops a worker stuck in synchronous code; a worker that
// runs out of memory or is stopped is replaced, and fnsync itself never hangs or crashes.
import { Worker, MessageChannel, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { SandboxError } from '../errors.js';
import type { FunctionUnit, InvocationInput, InvocationResult, Runtime } from './types.js';
import { encodeInputs, FIRST_SLICE, NEXT_SLICE, type PoolMessage, type WorkerReply } from './worker-protocol.js';
import { stoppedResult } from './stopped-result.js';
import { planAfterStop, stopCause } from './stopped-session.js';
import { CTRL_BYTES, CTRL_CURRENT, CTRL_LOG_LENGTH, LOG_BYTES, readResultLog } from './result-log.js';

/** Default memory ceiling of a worker (old generation), in MB. */
export const DEFAULT_MEMORY_LIMIT_MB = 128;
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
}

interface PoolWorker {
  worker: Worker;
  port: MessagePort;
  deadline: Float64Array;
  ctrl: Int32Array;
  log: Uint8Array;
  memoryLimitMb: number;
  job: Job | undefined;
  stopping: 'timeout' | undefined;
}

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

  const spawn = (memoryLimitMb: number): PoolWorker => {
    const shared = new SharedArrayBuffer(CTRL_BYTES);
    const log = new SharedArrayBuffer(LOG_BYTES);
    const { port1, port2 } = new MessageChannel();
    const { entry, eval: isEval } = workerEntry();
    const worker = new Worker(entry, {
      eval: isEval,
      workerData: { port: port2, shared, log },
      transferList: [port2],
      execArgv: [],
      // An empty environment: function code that escapes the vm context (it is not a security boundary) finds no
      // API token or ${env:…} secret in process.env.
      env: {},
      resourceLimits: { maxOldGenerationSizeMb: memoryLimitMb, maxYoungGenerationSizeMb: Math.min(32, memoryLimitMb / 4) },
    });
    const pw: PoolWorker = { worker, port: port1, deadline: new Float64Array(shared, 0, 1), ctrl: new Int32Array(shared), log: new Uint8Array(log), memoryLimitMb, job: undefined, stopping: undefined };
    port1.on('message', (reply: WorkerReply) => onReply(pw, reply));
    let lastError: Error | undefined;
    worker.on('error', (err) => (lastError = err));
    worker.on('exit', () => onExit(pw, lastError));
    workers.add(pw);
    return pw;
  };

  const finish = (pw: PoolWorker, job: Job) => {
    pw.job = undefined;
    job.resolve(job.results.map((r) => r ?? stoppedResult('crash', job.unit)));
    pump();
  };

  const onReply = (pw: PoolWorker, reply: WorkerReply) => {
    const job = pw.job;
    if (!job || reply.id !== job.id) return;
    if (reply.type === 'result') job.results[reply.index] = reply.result;
    else if (reply.type === 'chunk') for (const e of readResultLog(reply.bytes)) job.results[e.index] = e.result;
    else if (reply.type === 'done') finish(pw, job);
    else if (reply.type === 'compile-error') {
      pw.job = undefined;
      const where = reply.line !== undefined ? `${job.unit.codePath}:${reply.line}:${reply.col ?? 1}` : job.unit.codePath;
      job.reject(new SandboxError(`${where}: ${reply.message}`));
      pump();
    } else {
      pw.job = undefined;
      job.reject(new SandboxError(`the runtime worker failed while running ${job.unit.name}: ${reply.message}`));
      pump();
    }
  };

  const onExit = (pw: PoolWorker, err: Error | undefined) => {
    workers.delete(pw);
    const job = pw.job;
    pw.job = undefined;
    if (job) {
      for (let m = receiveMessageOnPort(pw.port); m; m = receiveMessageOnPort(pw.port)) {
        const reply = m.message as WorkerReply;
        if (reply.id !== job.id) continue;
        if (reply.type === 'result') job.results[reply.index] = reply.result;
        if (reply.type === 'chunk') for (const e of readResultLog(reply.bytes)) job.results[e.index] = e.result;
      }
      // Results written after the last flush are still in the shared log.
      for (const e of readResultLog(pw.log, pw.ctrl[CTRL_LOG_LENGTH])) job.results[e.index] = e.result;
      const plan = planAfterStop({
        unit: job.unit,
        results: job.results,
        index: pw.ctrl[CTRL_CURRENT]!,
        cause: stopCause(err, pw.stopping === 'timeout'),
        memoryLimitMb: pw.memoryLimitMb,
        crashMessage: err?.message,
      });
      if (plan.action === 'done') job.resolve(plan.results);
      else
        enqueue(job.unit, job.inputs.slice(plan.from)).then((more) => {
          more.forEach((r, i) => plan.results.push(i === 0 ? { ...r, warnings: [...r.warnings, plan.warning] } : r));
          job.resolve(plan.results);
        }, job.reject);
    }
    pump();
  };

  const pump = () => {
    if (closed) return;
    while (queue.length > 0) {
      const job = queue[0]!;
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
      const total = job.inputs.length;
      pw.worker.postMessage({ type: 'session', id: job.id, unit: job.unit, inputs: encodeInputs(job.inputs.slice(0, FIRST_SLICE)), total } satisfies PoolMessage);
      for (let at = FIRST_SLICE; at < total; at += NEXT_SLICE) {
        pw.worker.postMessage({ type: 'more', id: job.id, inputs: encodeInputs(job.inputs.slice(at, at + NEXT_SLICE)) } satisfies PoolMessage);
      }
    }
    const busy = [...workers].some((w) => w.job);
    if (busy && !watchdog) watchdog = setInterval(checkDeadlines, WATCHDOG_INTERVAL_MS);
    if (!busy && watchdog) {
      clearInterval(watchdog);
      watchdog = undefined;
    }
    // Idle workers must not keep the process alive; busy ones must.
    for (const w of workers) (w.job ? w.worker.ref() : w.worker.unref());
  };

  const checkDeadlines = () => {
    const now = performance.timeOrigin + performance.now();
    for (const pw of workers) {
      const d = pw.deadline[0]!;
      if (pw.job && !pw.stopping && d > 0 && now > d + WATCHDOG_GRACE_MS) {
        pw.stopping = 'timeout';
        void pw.worker.terminate();
      }
    }
  };

  const enqueue = (unit: FunctionUnit, inputs: InvocationInput[]): Promise<InvocationResult[]> =>
    new Promise((resolve, reject) => {
      if (closed) return reject(new SandboxError('the runtime is closed'));
      queue.push({ id: nextId++, unit, inputs, results: inputs.map(() => undefined), resolve, reject });
      pump();
    });

  return {
    runSession: enqueue,
    async close() {
      closed = true;
      if (watchdog) clearInterval(watchdog);
      for (const job of queue.splice(0)) job.reject(new SandboxError('the runtime was closed before this session ran'));
      await Promise.all([...workers].map((w) => ((w.stopping = 'timeout'), w.worker.terminate())));
    },
  };
}
