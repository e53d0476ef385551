// `npm run bench`: prints the runtime's figures (it asserts nothing). Run after `npm run build`.
//  1. Warm invocation overhead of a trivial destination handler through the runtime (one session, many inputs:
//     timeouts, isolation and mocks in force) versus calling the same function directly in Node.
//  2. `fnsync test` wall time on a generated suite of 1,000 cases over 20 functions, as a spawned CLI.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRuntime } from '../dist/runtime/create-runtime.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const HANDLER = 'async function onTrack(event, settings) {\n  return event.userId;\n}\n';

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const fmt = (n, digits = 2) => n.toFixed(digits);

/** Median per-call µs of the handler called directly, measured over batches so timer resolution does not dominate. */
async function directMicros(calls, batch) {
  // The same source, compiled once, called the way the runtime calls it: await handler(event, settings).
  const onTrack = new Function(`${HANDLER}; return onTrack;`)();
  const perCall = [];
  for (let b = 0; b < calls / batch; b++) {
    const t0 = performance.now();
    for (let i = 0; i < batch; i++) await onTrack({ type: 'track', event: 'E', userId: `u${i}` }, {});
    perCall.push(((performance.now() - t0) * 1000) / batch);
  }
  return median(perCall);
}

async function runtimeFigures(calls) {
  const runtime = createRuntime({ maxWorkers: 1 });
  const unit = { name: 'bench-trivial', type: 'destination', code: HANDLER, codePath: join(ROOT, 'bench/trivial-handler.js'), timeoutMs: 5000 };
  const inputs = Array.from({ length: calls }, (_, i) => ({
    invocation: { kind: 'event', event: { type: 'track', event: 'E', userId: `u${i}` } },
    settings: {},
    now: '2024-01-01T00:00:00.000Z',
    http: { mocks: [], allowNetwork: false },
  }));
  try {
    await runtime.runSession(unit, inputs.slice(0, 2000)); // warm the worker and the JIT
    const t0 = performance.now();
    const results = await runtime.runSession(unit, inputs);
    const wallMs = performance.now() - t0;
    const failed = results.filter((r) => r.outcome !== 'Success').length;
    if (failed > 0) throw new Error(`${failed} benchmark invocations did not succeed: ${JSON.stringify(results.find((r) => r.outcome !== 'Success'))}`);
    return { inWorkerMedianUs: median(results.map((r) => r.durationMs * 1000)), amortisedUs: (wallMs * 1000) / calls, wallMs };
  } finally {
    await runtime.close();
  }
}

/** Writes a project of 20 functions (5 of each type), 2 fixture files each, 25 cases per file. */
function generateSuite(dir) {
  const kinds = [
    { type: 'destination', handler: "async function onTrack(event, settings) {\n  const r = await fetch(settings.url, { method: 'POST', body: JSON.stringify({ id: event.userId }) });\n  if (r.status >= 500) throw new RetryError('upstream ' + r.status);\n}\n", settings: '    settings:\n      - { name: url, type: string }\n' },
    { type: 'insert-destination', handler: 'async function onTrack(event) {\n  if (event.properties.drop) throw new DropEvent("dropped");\n  return { ...event, properties: { ...event.properties, seen: true } };\n}\n', settings: '' },
    { type: 'insert-source', handler: 'async function onTrack(event) {\n  return { ...event, context: { tagged: true } };\n}\n', settings: '' },
    { type: 'source', handler: 'async function onRequest(request, settings) {\n  const body = request.json();\n  Segment.track({ event: body.name, userId: body.user });\n}\n', settings: '' },
  ];
  const caseFor = (type, f, i) => {
    const name = `    - name: case ${i}\n`;
    if (type === 'destination') {
      const retry = i % 5 === 0;
      return `${name}      event: { type: track, event: E, userId: u${i} }\n      http: [{ url: "https://api.example.com/f${f}", status: ${retry ? 503 : 200} }]\n      expect:\n${retry ? '        outcome: Retry\n' : ''}        requests: [{ method: POST, body: { id: u${i} } }]\n`;
    }
    if (type === 'insert-destination') {
      return i % 4 === 0
        ? `${name}      event: { type: track, event: E, properties: { drop: true } }\n      expect: { dropped: true }\n`
        : `${name}      event: { type: track, event: E, properties: { n: ${i} } }\n      expect:\n        returned: { properties: { n: ${i}, seen: true } }\n`;
    }
    if (type === 'insert-source') return `${name}      event: { type: track, event: E${i} }\n      expect:\n        returned: { event: E${i}, context: { tagged: true } }\n`;
    return `${name}      request:\n        body: { name: Event ${i}, user: u${i} }\n      expect:\n        messages: [{ type: track, event: Event ${i}, userId: u${i} }]\n`;
  };
  let yaml = 'version: 1\nfunctions:\n';
  for (let f = 0; f < 20; f++) {
    const kind = kinds[f % kinds.length];
    const name = `fn-${String(f).padStart(2, '0')}`;
    yaml += `  ${name}:\n    type: ${kind.type}\n    displayName: Bench ${f}\n    code: ${name}/handler.js\n${kind.settings}`;
    mkdirSync(join(dir, name, 'tests'), { recursive: true });
    writeFileSync(join(dir, name, 'handler.js'), kind.handler);
    for (let file = 0; file < 2; file++) {
      const settings = kind.type === 'destination' ? `settings:\n  url: https://api.example.com/f${f}\n` : '';
      const cases = Array.from({ length: 25 }, (_, i) => caseFor(kind.type, f, file * 25 + i)).join('');
      writeFileSync(join(dir, name, 'tests', `part-${file}.yaml`), `${settings}cases:\n${cases.replace(/^ {2}/gm, '')}`);
    }
  }
  writeFileSync(join(dir, 'fnsync.yaml'), yaml);
}

function suiteFigures() {
  const dir = mkdtempSync(join(tmpdir(), 'fnsync-bench-'));
  try {
    generateSuite(dir);
    const runs = [];
    let last;
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      last = spawnSync(process.execPath, [join(ROOT, 'bin/fnsync.js'), 'test'], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
      runs.push(performance.now() - t0);
    }
    const summary = last.stdout.trimEnd().split('\n').at(-1);
    return { runs, summary, code: last.status, stderr: last.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const CALLS = 50_000;
console.log(`fnsync benchmark (Node ${process.version}, ${availableParallelism()} cores)\n`);

console.log(`1. Warm invocation overhead: trivial destination onTrack, ${CALLS.toLocaleString('en')} invocations in one session`);
const direct = await directMicros(CALLS, 1000);
const rt = await runtimeFigures(CALLS);
console.log(`   direct call in Node (median per call):              ${fmt(direct, 3)} µs`);
console.log(`   runtime, per invocation inside the worker (median): ${fmt(rt.inWorkerMedianUs)} µs`);
console.log(`   runtime, amortised wall time per invocation:        ${fmt(rt.amortisedUs)} µs   (session of ${CALLS.toLocaleString('en')}: ${fmt(rt.wallMs, 0)} ms)`);
console.log(`   ratio runtime (in-worker median) / direct:          ${fmt(rt.inWorkerMedianUs / direct, 1)}x`);
console.log(`   ratio runtime (amortised wall) / direct:            ${fmt(rt.amortisedUs / direct, 1)}x`);
const verdict = (us) => (us < 10 ? 'met' : 'NOT met');
console.log(`   target: under 10 µs per warm call -> in-worker median ${verdict(rt.inWorkerMedianUs)}, amortised wall ${verdict(rt.amortisedUs)}\n`);

console.log('2. fnsync test wall time: generated suite of 1,000 cases over 20 functions (40 files), spawned CLI, 3 runs');
const suite = suiteFigures();
console.log(`   result line: ${suite.summary}   (exit code ${suite.code})`);
if (suite.code !== 0) console.log(`   stderr: ${suite.stderr.trim().split('\n').slice(0, 5).join('\n   ')}`);
console.log(`   wall time per run: ${suite.runs.map((ms) => `${fmt(ms / 1000)} s`).join(', ')}   (median ${fmt(median(suite.runs) / 1000)} s)`);
console.log(`   target: under 3 s -> ${median(suite.runs) < 3000 ? 'met' : 'NOT met'}`);

console.log(`\n3. No-op plan of a 200-function workspace (100 source, 60 destination x 2 instances, 40 insert), emulator at ${50} ms latency and 50 requests/s`);
const { planFigures } = await import('./plan-bench.js');
const pf = await planFigures();
console.log(`   functions read: ${pf.functions}; plan: ${pf.changes} changes, ${pf.errors} errors (a no-op plan has none)`);
const distinct = pf.requests - pf.throttled;
console.log(`   requests: ${distinct} distinct + ${pf.throttled} repeated after a 429 (needed: ${pf.minimum} = list pages + one read per function + one instance list per insert function)`);
console.log(`   wall time: ${fmt(pf.wallMs / 1000)} s; lower bound set by the rate limit (${pf.minimum} requests / 50 per s): ${fmt(pf.boundMs / 1000)} s`);
console.log(`   ratio to the bound: ${fmt(pf.wallMs / pf.boundMs)}x   target: within 1.3x -> ${pf.wallMs / pf.boundMs <= 1.3 ? 'met' : 'NOT met'}; no more requests than needed -> ${distinct <= pf.minimum ? 'met' : 'NOT met'}`);
