// Loaded into a spawned fnsync with NODE_OPTIONS=--import: plays the part of function code that escaped the
// sandbox and took over its runtime worker, from the only place a test can stand without a real escape (the
// sandbox is closed): the main thread, holding the worker's end of the result port and its shared control buffer
// before they are handed over. It never changes fnsync's code; it tampers only with what a compromised worker
// could reach. $FNSYNC_TAMPER picks what the FIRST worker does:
//   deadline   — keeps its published deadline at "never" (the watchdog's fast path then never fires)
//   bad-result — sends a malformed result for input 0 of its first session
//   garbage    — sends messages that are not replies at all
import workerThreads from 'node:worker_threads';
import { syncBuiltinESMExports } from 'node:module';

const mode = process.env.FNSYNC_TAMPER;
if (mode && workerThreads.isMainThread) {
  const Original = workerThreads.Worker;
  let first = true;
  workerThreads.Worker = class TamperedWorker extends Original {
    constructor(entry, options) {
      const tamper = first && options?.workerData?.port !== undefined;
      first &&= !tamper;
      const { port, shared } = options?.workerData ?? {};
      // The first session the pool hands out has id 1. The port is this worker's end, not yet transferred: what is
      // posted on it now reaches the pool as if the worker had sent it.
      if (tamper && mode === 'bad-result') port.postMessage({ type: 'result', id: 1, text: JSON.stringify({ index: 0, result: { outcome: 'Success', messages: [], objects: [], logs: 'not a list' } }) });
      if (tamper && mode === 'garbage') {
        port.postMessage(null);
        port.postMessage({ type: 'chunk', id: 1, bytes: new Uint8Array([0x7b, 0x7b, 0x2c]) });
        port.postMessage({ type: 'result', id: 1, text: '{"index":1e9,"result":{}}' });
        port.postMessage({ type: 'crash', id: 1, message: { toString: null } });
      }
      super(entry, options);
      if (tamper && mode === 'deadline') {
        const deadline = new Float64Array(shared, 0, 1);
        const timer = setInterval(() => (deadline[0] = 8.64e15), 1);
        timer.unref();
        this.once('exit', () => clearInterval(timer));
      }
    }
  };
  syncBuiltinESMExports();
}
