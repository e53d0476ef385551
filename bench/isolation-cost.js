// `node bench/isolation-cost.js`: what running function sessions in child processes would cost compared with the
// worker threads the runtime uses (docs/runtime.md, "Workers or child processes"). Prints figures, asserts nothing.
//  1. Start-up: from creating a worker / spawning a child (empty environment, its own heap limit) to its first message.
//  2. Per call, one message each way (the cost if every invocation were a message).
//  3. Per result, streamed the way the runtime streams results: ~64 KB chunks of small JSON results.
import { Worker } from 'node:worker_threads';
import { fork } from 'node:child_process';
import { writeFileSync, rmSync, mkdtempSync } from 'node:fs';
import { tmpdir, availableParallelism } from 'node:os';
import { join } from 'node:path';

const STARTS = 20;
const PINGS = 10_000;
const RESULTS = 50_000;
const RESULT = '{"index":0,"result":{"outcome":"Success","messages":[],"objects":[],"logs":[],"requests":[],"warnings":[],"durationMs":0.002,"returned":"u1"}},';

// One script serves both: it talks over parentPort in a worker and over the IPC channel in a child.
const SCRIPT = `
const wt = require('node:worker_threads');
const send = wt.parentPort ? (m) => wt.parentPort.postMessage(m) : (m) => process.send(m);
const on = (f) => (wt.parentPort ? wt.parentPort.on('message', f) : process.on('message', f));
on((m) => {
  if (m.type === 'ping') send({ type: 'pong' });
  if (m.type === 'stream') {
    const chunkResults = Math.floor(65536 / ${RESULT.length});
    const chunk = ${JSON.stringify(RESULT)}.repeat(chunkResults);
    let sent = 0;
    while (sent < m.count) { send({ type: 'chunk', text: chunk }); sent += chunkResults; }
    send({ type: 'end' });
  }
  if (m.type === 'exit') process.exit(0);
});
send({ type: 'ready' });
`;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const dir = mkdtempSync(join(tmpdir(), 'fnsync-bench-iso-'));
const file = join(dir, 'peer.cjs');
writeFileSync(file, SCRIPT);

function startWorker() {
  const w = new Worker(file, { env: {}, execArgv: [], resourceLimits: { maxOldGenerationSizeMb: 128 } });
  return { on: (f) => w.on('message', f), off: (f) => w.off('message', f), send: (m) => w.postMessage(m), close: () => w.terminate() };
}
function startChild() {
  const c = fork(file, [], { env: {}, execArgv: ['--max-old-space-size=128'], serialization: 'json', stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  return { on: (f) => c.on('message', f), off: (f) => c.off('message', f), send: (m) => c.send(m), close: () => c.kill('SIGKILL') };
}

const next = (peer, type) =>
  new Promise((resolve) => {
    const f = (m) => {
      if (m.type === type) {
        peer.off(f);
        resolve(m);
      }
    };
    peer.on(f);
  });

async function measure(start) {
  const starts = [];
  for (let i = 0; i < STARTS; i++) {
    const t0 = performance.now();
    const peer = start();
    await next(peer, 'ready');
    starts.push(performance.now() - t0);
    await peer.close();
  }
  const peer = start();
  await next(peer, 'ready');
  for (let i = 0; i < 1000; i++) { peer.send({ type: 'ping' }); await next(peer, 'pong'); } // warm up
  let t0 = performance.now();
  for (let i = 0; i < PINGS; i++) { peer.send({ type: 'ping' }); await next(peer, 'pong'); }
  const pingUs = ((performance.now() - t0) * 1000) / PINGS;
  let decoded = 0;
  const onChunk = (m) => { if (m.type === 'chunk') decoded += JSON.parse(`[${m.text.slice(0, -1)}]`).length; };
  peer.on(onChunk);
  t0 = performance.now();
  peer.send({ type: 'stream', count: RESULTS });
  await next(peer, 'end');
  const streamUs = ((performance.now() - t0) * 1000) / decoded;
  peer.off(onChunk);
  await peer.close();
  return { startMs: median(starts), pingUs, streamUs };
}

try {
  console.log(`isolation cost (Node ${process.version}, ${availableParallelism()} cores)`);
  const w = await measure(startWorker);
  const c = await measure(startChild);
  const row = (name, r) => console.log(`${name.padEnd(15)} start-up ${r.startMs.toFixed(1).padStart(6)} ms   round trip ${r.pingUs.toFixed(1).padStart(6)} µs   streamed result ${r.streamUs.toFixed(2).padStart(5)} µs`);
  row('worker thread', w);
  row('child process', c);
  console.log(`child / worker: start-up ${(c.startMs / w.startMs).toFixed(1)}x, round trip ${(c.pingUs / w.pingUs).toFixed(1)}x, streamed result ${(c.streamUs / w.streamUs).toFixed(1)}x`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
