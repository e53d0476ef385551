// Benchmark 3: a no-op `plan` of a 200-function workspace (100 source, 60 destination with 2 instances
// each, 40 insert) on the emulator with 50 ms added latency and a 50 requests/s rate limit. Prints the
// wall time, the request count against the minimum a plan needs, and the ratio to the lower bound the
// rate limit sets (requests needed / allowed rate). Asserts nothing.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSegmentApi } from '../dist/api/index.js';
import { loadConfig } from '../dist/config/load-config.js';
import { startEmulator } from '../dist/emulator/server.js';
import { buildPlan, withMarker } from '../dist/plan/index.js';

const RATE = 50; // requests per second
const LATENCY_MS = 50;
const TYPES = [
  ...Array.from({ length: 100 }, () => ['source', 'SOURCE', 'async function onRequest(request, settings) {\n  Segment.track({ event: "E", userId: "u" });\n}\n']),
  ...Array.from({ length: 60 }, () => ['destination', 'DESTINATION', 'async function onTrack(event, settings) {\n  return event;\n}\n']),
  ...Array.from({ length: 20 }, () => ['insert-destination', 'INSERT_DESTINATION', 'async function onTrack(event) {\n  return event;\n}\n']),
  ...Array.from({ length: 20 }, () => ['insert-source', 'INSERT_SOURCE', 'async function onTrack(event) {\n  return event;\n}\n']),
];

/** fnsync.yaml, handler files and a matching emulator seed: every function already applied. */
function generate(dir) {
  const seed = {
    workspace: { slug: 'bench', name: 'Bench' },
    functions: [],
    sources: [{ slug: 'web', metadataId: 'javascript' }],
    destinations: [],
    insertInstances: [],
  };
  let yaml = 'version: 1\nfunctions:\n';
  let destinationIndex = 0;
  TYPES.forEach(([type, resourceType, code], i) => {
    const name = `fn-${String(i).padStart(3, '0')}`;
    const displayName = `Bench ${i}`;
    mkdirSync(join(dir, name), { recursive: true });
    writeFileSync(join(dir, name, 'handler.js'), code);
    seed.functions.push({ resourceType, displayName, code: withMarker(code, { name, protected: false, protectedInstances: [] }), settings: [] });
    yaml += `  ${name}:\n    type: ${type}\n    displayName: ${displayName}\n    code: ${name}/handler.js\n    instances:\n`;
    if (type === 'source') {
      yaml += `      - { name: ${name}-src }\n`;
      seed.sources.push({ slug: `${name}-src`, metadataId: displayName });
    } else if (type === 'destination') {
      for (const n of [1, 2]) {
        yaml += `      - { name: ${name}-d${n}, source: web }\n`;
        seed.destinations.push({ name: `${name}-d${n}`, sourceId: 'web', metadataId: displayName, enabled: true });
      }
    } else if (type === 'insert-destination') {
      const target = seed.destinations[destinationIndex++].name;
      yaml += `      - { name: ${name}-i, destination: ${target} }\n`;
      seed.insertInstances.push({ functionId: displayName, integrationId: target, name: `${name}-i`, enabled: true });
    } else {
      const target = seed.sources[1 + (i % 100)].slug;
      yaml += `      - { name: ${name}-i, source: ${target} }\n`;
      seed.insertInstances.push({ functionId: displayName, integrationId: target, name: `${name}-i`, enabled: true });
    }
  });
  writeFileSync(join(dir, 'fnsync.yaml'), yaml);
  return seed;
}

/** Runs the benchmark and returns its figures. */
export async function planFigures() {
  const dir = mkdtempSync(join(tmpdir(), 'fnsync-bench-plan-'));
  let em;
  try {
    const seed = generate(dir);
    em = await startEmulator({ token: 'bench', seed, stateFile: join(dir, 'state.json'), maxFunctions: 1000 });
    const config = await loadConfig(join(dir, 'fnsync.yaml'), { cwd: dir });
    em.faults.setLatency(LATENCY_MS);
    em.faults.setRateLimit({ points: RATE, windowMs: 1000 });
    em.requestLog.length = 0;
    const t0 = performance.now();
    const api = createSegmentApi({ baseUrl: em.url, token: 'bench' });
    const snapshot = await api.readSnapshot();
    const plan = buildPlan(config, { snapshot, env: {}, provenance: { config: 'fnsync.yaml' }, testStatus: {} });
    const wallMs = performance.now() - t0;
    const requests = em.requestLog.length;
    const throttled = em.requestLog.filter((e) => e.status === 429).length;
    const pages = (n) => Math.max(1, Math.ceil(n / 200));
    const inserts = TYPES.filter(([t]) => t.startsWith('insert')).length;
    // GET / + one list per function type + sources + destinations + one GET per function + one list per insert function.
    const minimum = 1 + 4 + pages(snapshot.sources.length) + pages(snapshot.destinations.length) + snapshot.functions.length + inserts;
    // The lower bound: the requests a plan needs, at the allowed rate.
    const boundMs = (minimum / RATE) * 1000;
    return { wallMs, requests, throttled, minimum, boundMs, changes: plan.changes.length, errors: plan.errors.length, functions: snapshot.functions.length };
  } finally {
    await em?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
