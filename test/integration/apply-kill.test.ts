// A killed apply: `fnsync apply` SIGKILLed between two writes (emulator latency opens the window; the
// kill comes as soon as the first write is in the emulator's request log). Whatever the dead process
// had in flight lands or not; the re-run reads the workspace as it is, finishes the job, and creates
// nothing twice.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseMarker } from '../../src/plan/index.js';
import { runCli } from '../helpers/cli.js';
import { startCli } from '../helpers/cli-process.js';
import { EXPECTED_FUNCTIONS, EXPECTED_INSTANCES } from '../helpers/fault-project.js';
import { expectConverged, requests, startFaultWorld, writes, type FaultWorld } from '../helpers/fault-world.js';

const SPAWN_TIMEOUT = 60_000;
const LATENCY_MS = 400;

let world: FaultWorld;
beforeEach(async () => {
  world = await startFaultWorld();
});
afterEach(async () => {
  await world.close();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const ok = (e: { status: number }) => e.status >= 200 && e.status < 300;

/** Polls until `done()`; fails after `capMs`. */
async function waitFor(what: string, done: () => boolean, capMs = SPAWN_TIMEOUT): Promise<void> {
  const start = Date.now();
  while (!done()) {
    if (Date.now() - start > capMs) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

/** Waits until no request has finished for `quietMs`: what the killed process had in flight has landed. */
async function settle(quietMs: number): Promise<void> {
  let seen = world.emulator.requestLog.length;
  let since = Date.now();
  await waitFor('the emulator to go quiet', () => {
    if (world.emulator.requestLog.length !== seen) {
      seen = world.emulator.requestLog.length;
      since = Date.now();
    }
    return Date.now() - since >= quietMs;
  });
}

/** How many configured functions and instances exist right now. */
function managedCount(): { functions: number; instances: number } {
  const state = world.emulator.state();
  const seeded = new Set([...world.seeded.sources, ...world.seeded.destinations, ...world.seeded.insertInstances].map((r) => r.id));
  const instances = [...state.sources, ...state.destinations, ...state.insertInstances].filter((r) => !seeded.has(r.id)).length;
  return { functions: state.functions.filter((f) => parseMarker(f.code)).length, instances };
}

describe('apply killed between two writes (spawned CLI, SIGKILL)', () => {
  it('the re-run finishes what the killed run started, and nothing is created twice', { timeout: 3 * SPAWN_TIMEOUT }, async () => {
    world.emulator.faults.setLatency(LATENCY_MS);
    const run = startCli(['apply', '--auto-approve', '--skip-tests'], { cwd: world.dir, env: world.cliEnv(), timeoutMs: SPAWN_TIMEOUT });
    let exitedEarly = false;
    void run.exited.then(() => (exitedEarly = true));

    await waitFor('the first write', () => exitedEarly || writes(world).some(ok));
    expect(exitedEarly, 'apply ended before its first write').toBe(false);
    run.child.kill('SIGKILL');
    const dead = await run.exited;
    expect(dead.signal).toBe('SIGKILL');
    expect(dead.stdout).not.toContain('Apply complete!');

    await settle(3 * LATENCY_MS);
    world.emulator.faults.setLatency(0);
    // Killed between writes: something was written, and not everything.
    const partial = managedCount();
    expect(partial.functions).toBeGreaterThan(0);
    expect(partial.functions + partial.instances).toBeLessThan(Object.keys(EXPECTED_FUNCTIONS).length + EXPECTED_INSTANCES.length);
    const createsBefore = requests(world, 'POST', /^\/(functions|sources|destinations|insert-function-instances)$/).filter(ok).length;

    const rerun = await runCli(['apply', '--auto-approve', '--skip-tests'], { cwd: world.dir, env: world.cliEnv(), timeoutMs: SPAWN_TIMEOUT });

    expect(rerun.code, rerun.stderr).toBe(0);
    expect(rerun.stdout).toContain('Apply complete!');
    // The re-run created only what was missing: every resource was created by exactly one POST overall.
    const creates = requests(world, 'POST', /^\/(functions|sources|destinations|insert-function-instances)$/).filter(ok).length;
    expect(creates).toBe(Object.keys(EXPECTED_FUNCTIONS).length + EXPECTED_INSTANCES.length);
    expect(creates - createsBefore).toBe(Object.keys(EXPECTED_FUNCTIONS).length + EXPECTED_INSTANCES.length - (partial.functions + partial.instances));
    await expectConverged(world);
    // And as a user would check it: plan reports no changes.
    const plan = await runCli(['plan', '--skip-tests', '--detailed-exitcode'], { cwd: world.dir, env: world.cliEnv(), timeoutMs: SPAWN_TIMEOUT });
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stdout).toContain('No changes. The workspace matches the configuration.');
  });
});
