// Apply against the emulator's fault knobs, through the real SDK over HTTP: real 429s with msBeforeNext,
// 5xx bursts, hung responses and lost responses after successful creates. Each test ends with the
// workspace exactly as configured, nothing created twice, unmanaged resources untouched and a fresh
// plan with nothing to do. Faults fire by request count (`times`), never by time.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Clock } from '../../src/api/rate-limit.js';
import { executePlan } from '../../src/apply/execute-plan.js';
import { FAULT_ENV } from '../helpers/fault-project.js';
import {
  applyNow, dependantsOf, expectConverged, planNow, requests, startFaultWorld, statusByStep, type FaultWorld,
} from '../helpers/fault-world.js';

let world: FaultWorld;
beforeEach(async () => {
  world = await startFaultWorld();
});
afterEach(async () => {
  await world.close();
});

const ok = (e: { status: number }) => e.status >= 200 && e.status < 300;
const okCount = (method: string, path: string | RegExp) => requests(world, method, path).filter(ok).length;
const DEPLOY = /^\/functions\/[^/]+\/deploy$/;

/** Real time plus whatever the client slept: a wait costs nothing, and `onWait` says it happened. */
function skippingClock(onWait: (ms: number) => void): Clock & { waits: number[] } {
  let offset = 0;
  const waits: number[] = [];
  return {
    waits,
    now: () => Date.now() + offset,
    sleep: async (ms) => {
      waits.push(ms);
      offset += ms;
      onWait(ms);
    },
  };
}

describe('apply through transient faults', () => {
  it('waits out real 429s (msBeforeNext) and creates each throttled function once', async () => {
    const { faults } = world.emulator;
    // Sleeping through the throttled window ends it: from then on the budget is ample again.
    const clock = skippingClock((ms) => {
      if (ms >= 1_000) faults.setRateLimit(null);
    });
    const api = world.api({ clock });
    const plan = await planNow(world, api);
    // The four function creates start together: two fit the window, the others get 429s.
    faults.setRateLimit({ points: 2, windowMs: 60_000 });
    const result = await executePlan(plan, { api, env: FAULT_ENV });

    expect(result.results.filter((r) => r.status !== 'applied')).toEqual([]);
    const posts = requests(world, 'POST', '/functions');
    expect(posts.filter((e) => e.status === 429 && e.fault === 'rate-limit').length).toBeGreaterThan(0);
    expect(posts.filter(ok)).toHaveLength(4);
    // The client waited a window-sized msBeforeNext, far beyond its 40 ms backoff cap.
    const longest = Math.max(...clock.waits);
    expect(longest).toBeGreaterThan(30_000);
    expect(longest).toBeLessThanOrEqual(60_000);
    await expectConverged(world);
  });

  it('retries bursts of 500/503 on reads, creates and deploys without creating anything twice', async () => {
    const { faults } = world.emulator;
    faults.inject({ method: 'GET', path: '^/sources$', kind: 'status', status: 503 });
    faults.inject({ method: 'POST', path: '^/functions$', kind: 'status', status: 503, times: 2 });
    faults.inject({ method: 'POST', path: '^/functions$', kind: 'status', status: 500 });
    faults.inject({ method: 'POST', path: DEPLOY, kind: 'status', status: 500, times: 2 });
    faults.inject({ method: 'POST', path: '^/sources$', kind: 'status', status: 503, times: 2 });
    faults.inject({ method: 'POST', path: '^/destinations$', kind: 'status', status: 500, times: 2 });
    faults.inject({ method: 'POST', path: '^/insert-function-instances$', kind: 'status', status: 503, times: 3 });

    const { result } = await applyNow(world);

    expect(result.ok).toBe(true);
    expect(world.emulator.requestLog.filter((e) => e.fault === 'status')).toHaveLength(13);
    // An injected 5xx is answered before the route runs: each resource was created by exactly one POST.
    expect([okCount('POST', '/functions'), okCount('POST', '/sources'), okCount('POST', '/destinations'), okCount('POST', '/insert-function-instances')]).toEqual([4, 1, 2, 3]);
    expect(okCount('POST', DEPLOY)).toBe(1);
    await expectConverged(world);
  });

  it('finds every create whose response was lost (reset after the write) instead of sending it again', async () => {
    const { faults } = world.emulator;
    faults.inject({ method: 'POST', path: '^/functions$', kind: 'reset-after', times: 2 });
    faults.inject({ method: 'POST', path: DEPLOY, kind: 'reset-after' });
    faults.inject({ method: 'POST', path: '^/sources$', kind: 'reset-after' });
    faults.inject({ method: 'POST', path: '^/destinations$', kind: 'reset-after', times: 2 });
    faults.inject({ method: 'POST', path: '^/insert-function-instances$', kind: 'reset-after', times: 3 });

    const { result } = await applyNow(world);

    expect(result.ok).toBe(true);
    const lost = (path: string) => requests(world, 'POST', path).filter((e) => e.fault === 'reset-after').length;
    expect([lost('/functions'), lost('/sources'), lost('/destinations'), lost('/insert-function-instances')]).toEqual([2, 1, 2, 3]);
    // One POST per resource: the lost ones were found by the check, not sent again.
    const posts = (path: string) => requests(world, 'POST', path).length;
    expect([posts('/functions'), posts('/sources'), posts('/destinations'), posts('/insert-function-instances')]).toEqual([4, 1, 2, 3]);
    // A deploy is safe to repeat, so its lost response is simply retried.
    expect(requests(world, 'POST', DEPLOY).map((e) => e.status)).toEqual([0, 200]);
    await expectConverged(world);
  });

  it('a lost create that cannot be checked fails its step; the re-run finds it and creates nothing twice', async () => {
    const api = world.api();
    const plan = await planNow(world, api);
    const { faults } = world.emulator;
    faults.inject({ method: 'POST', path: '^/sources$', kind: 'reset-after' });
    faults.inject({ method: 'GET', path: '^/sources$', kind: 'status', status: 503, times: 10 });

    const first = await executePlan(plan, { api, env: FAULT_ENV });

    const failedStep = 'create:function.intake.instances["intake-prod"]';
    const skipped = dependantsOf(plan, [failedStep]);
    expect([...skipped].sort()).toEqual(['create:function.notify.instances["notify-intake"]', 'create:function.scrub.instances["scrub-notify"]']);
    const want = Object.fromEntries(plan.steps.map((s) => [s.id, s.id === failedStep ? 'failed' : skipped.has(s.id) ? 'skipped' : 'applied']));
    expect(statusByStep(first)).toEqual(want);
    expect(first.ok).toBe(false);
    const failure = first.results.find((r) => r.step.id === failedStep)!.message!;
    // Named as the create, saying it may have happened, with the check's own error.
    expect(failure).toMatch(/^creating source intake-prod: outcome unknown: .*\(listing sources: 503 /);
    // The write happened although apply could not confirm it.
    expect(world.emulator.state().sources.filter((s) => s.slug === 'intake-prod')).toHaveLength(1);

    faults.clear();
    const rerun = await applyNow(world);
    expect(rerun.plan.steps.map((s) => s.op)).not.toContain('create-source');
    expect(rerun.result.ok).toBe(true);
    expect(requests(world, 'POST', '/sources')).toHaveLength(1);
    await expectConverged(world);
  });

  it('times out hung responses (short timeoutMs) on a read, a create and a deploy, and carries on', async () => {
    const { faults } = world.emulator;
    faults.inject({ method: 'GET', path: '^/destinations$', kind: 'hang' });
    faults.inject({ method: 'POST', path: '^/insert-function-instances$', kind: 'hang' });
    faults.inject({ method: 'POST', path: DEPLOY, kind: 'hang' });

    const { result } = await applyNow(world, world.api({ timeoutMs: 2_000 }));

    expect(result.ok).toBe(true);
    expect(world.emulator.requestLog.filter((e) => e.fault === 'hang').map((e) => `${e.method} ${e.path.replace(/\/functions\/[^/]+/, '/functions/:id')}`).sort()).toEqual([
      'GET /destinations',
      'POST /functions/:id/deploy',
      'POST /insert-function-instances',
    ]);
    // A hung request never ran, so the create was checked for and then sent again, once.
    expect(okCount('POST', '/insert-function-instances')).toBe(3);
    expect(requests(world, 'POST', '/insert-function-instances')).toHaveLength(4);
    await expectConverged(world);
  });
});

describe('the convergence check itself', () => {
  it('rejects a duplicate, a touched unmanaged resource and an edit made in the app', async () => {
    const api = world.api();
    expect((await applyNow(world, api)).result.ok).toBe(true);
    await expectConverged(world);

    const state = world.emulator.state();
    const web = state.sources.find((s) => s.slug === 'web-prod')!;
    const notify = state.destinations.find((d) => d.name === 'notify-web')!;
    const twin = await api.createDestination({ sourceId: web.id, metadataId: notify.metadataId, name: 'notify-web', enabled: true, settings: { channel: '#web' } });
    await expect(expectConverged(world)).rejects.toThrow();
    await api.deleteDestination(twin.id);
    await expectConverged(world);

    const legacy = state.destinations.find((d) => d.name === 'legacy-web')!;
    await api.updateDestination(legacy.id, { enabled: false });
    await expect(expectConverged(world)).rejects.toThrow();
    await api.updateDestination(legacy.id, { enabled: true });
    await expectConverged(world);

    const intake = state.functions.find((f) => f.displayName === 'Intake Hook')!;
    await api.updateFunction(intake.id, { code: `${intake.code}// edited in the app\n` });
    await expect(expectConverged(world)).rejects.toThrow();
  });
});
