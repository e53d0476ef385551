// Loaded into a spawned fnsync with NODE_OPTIONS=--import: records into $FNSYNC_PROBE_FILE every
// worker_threads.Worker constructed and every dist/runtime/ module loaded, so a test can prove that
// a command started no function runtime. Only in the main thread (runtime workers get an empty env).
import { appendFileSync } from 'node:fs';
import { register, syncBuiltinESMExports } from 'node:module';
import workerThreads from 'node:worker_threads';

const file = process.env.FNSYNC_PROBE_FILE;
if (file && workerThreads.isMainThread) {
  register('./hooks.mjs', import.meta.url, { data: { file } });
  const Original = workerThreads.Worker;
  workerThreads.Worker = class ProbedWorker extends Original {
    constructor(entry, options) {
      appendFileSync(file, `worker ${options?.eval ? '(eval)' : String(entry)}\n`);
      super(entry, options);
    }
  };
  // ESM `import { Worker } from 'node:worker_threads'` sees the replacement too.
  syncBuiltinESMExports();
  appendFileSync(file, 'probe ready\n');
}
