// Limits enforced for real (segment-runtime.md §8): timeouts of synchronous loops and hung promises, the memory
// ceiling, and instance lifetime (warm within a session, fresh across sessions), none of which may hang fnsync.
import { afterAll, describe, expect, it } from 'vitest';
import { closeRuntime, eventInput, runtime, unit } from './runtime-harness.js';

afterAll(closeRuntime);

const track = eventInput({ type: 'track' });

describe('timeouts', () => {
  it('a never-settling promise times out and the instance stays warm for the next input', async () => {
    const code = `let calls = 0; async function onTrack(e) { calls++; if (e.hang) await new Promise(() => {}); return calls; }`;
    const started = Date.now();
    const results = await runtime().runSession(unit('destination', code, { timeoutMs: 200 }), [eventInput({ type: 'track', hang: true }), track]);
    expect(results[0]).toMatchObject({ outcome: 'Timeout', error: { type: 'Timeout', message: 'the function did not finish within 200 ms' } });
    expect(results[1]).toMatchObject({ outcome: 'Success', returned: 2 });
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('a synchronous while(true) is stopped; the rest of the session runs on a fresh instance', async () => {
    const code = `let calls = 0; async function onTrack(e) { calls++; if (e.spin) while (true) {} return calls; }`;
    const started = Date.now();
    const results = await runtime().runSession(unit('destination', code, { timeoutMs: 200 }), [track, eventInput({ type: 'track', spin: true }), track]);
    expect(results.map((r) => r.outcome)).toEqual(['Success', 'Timeout', 'Success']);
    expect(results[0]!.returned).toBe(1);
    expect(results[2]!.returned).toBe(1); // module state was reset: a new cold instance
    expect(results[2]!.warnings.join()).toMatch(/restarted \(cold start\)/);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('a loop after an await is stopped too', async () => {
    const [r] = await runtime().runSession(unit('destination', `async function onTrack() { await null; for (;;) {} }`, { timeoutMs: 150 }), [track]);
    expect(r!.outcome).toBe('Timeout');
  });

  it('a loop at the top level of the code fails every input of the session as a load failure', async () => {
    const results = await runtime().runSession(unit('destination', `while (true) {}`, { timeoutMs: 150 }), [track, track]);
    for (const r of results) {
      expect(r).toMatchObject({ outcome: 'Bad Request', error: { message: 'the function failed to load: Script execution timed out after 150ms' } });
    }
  });
});

describe('memory ceiling', () => {
  it('a memory bomb kills only its worker: the session reports it, goes on cold, and the next session works', async () => {
    const bomb = `let calls = 0; async function onTrack(e) { calls++; if (!e.bomb) return 'ok ' + calls; const keep = []; for (;;) keep.push(new Array(1e5).fill({ a: Math.random() })); }`;
    const results = await runtime().runSession(unit('destination', bomb, { timeoutMs: 20000, options: { memoryLimitMb: 64 } }), [
      track,
      eventInput({ type: 'track', bomb: true }),
      track,
    ]);
    expect(results[0]).toMatchObject({ outcome: 'Success', returned: 'ok 1' });
    expect(results[1]).toMatchObject({ outcome: 'Bad Request', error: { type: 'OutOfMemoryError', message: 'the function exceeded the 64 MB memory limit; its instance was stopped' } });
    // The rest of the session runs on a fresh instance (module state starts over), with a warning saying so.
    expect(results[2]).toMatchObject({ outcome: 'Success', returned: 'ok 1', warnings: ['the function instance was restarted (cold start) after the previous invocation ran out of memory'] });
    const [after] = await runtime().runSession(unit('destination', bomb), [track]);
    expect(after).toMatchObject({ outcome: 'Success', returned: 'ok 1' });
  }, 30000);
});

describe('instance lifetime', () => {
  const counter = `let count = 0; implicitGlobal = (typeof implicitGlobal === 'number' ? implicitGlobal : 0); async function onTrack() { count++; implicitGlobal++; return [count, implicitGlobal]; }`;

  it('module state (including implicit globals) persists across the inputs of one session', async () => {
    const results = await runtime().runSession(unit('destination', counter), [track, track, track]);
    expect(results.map((r) => r.returned)).toEqual([[1, 1], [2, 2], [3, 3]]);
  });

  it('each session starts from a fresh instance', async () => {
    await runtime().runSession(unit('destination', counter), [track, track]);
    const [r] = await runtime().runSession(unit('destination', counter), [track]);
    expect(r!.returned).toEqual([1, 1]);
  });

  it('independent sessions run in parallel across workers', async () => {
    const slow = unit('destination', `async function onTrack() { const start = Date.now(); const end = start + 600; while (Date.now() < end) {} return [start, Date.now()]; }`);
    // Start both workers first, so the overlap measured is of the runs, not of a worker's start-up.
    const quick = unit('destination', `async function onTrack() { await new Promise((r) => setTimeout(r, 200)); }`);
    await Promise.all([runtime().runSession(quick, [track]), runtime().runSession(quick, [track])]);
    const [[a], [b]] = await Promise.all([runtime().runSession(slow, [track]), runtime().runSession(slow, [track])]);
    const [aStart, aEnd] = a!.returned as number[];
    const [bStart, bEnd] = b!.returned as number[];
    expect(aStart! < bEnd! && bStart! < aEnd!).toBe(true); // the two runs overlapped in time
  });

  it('close() stops the workers and later sessions are refused', async () => {
    const { createRuntime } = await import('../../../src/runtime/create-runtime.js');
    const own = createRuntime({ maxWorkers: 1 });
    await own.runSession(unit('destination', counter), [track]);
    await own.close();
    await expect(own.runSession(unit('destination', counter), [track])).rejects.toThrow(/closed/);
  });
});
