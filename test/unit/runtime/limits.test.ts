// Limits enforced for real (segment-runtime.md §8): timeouts of synchronous loops and hung promises, the memory
// ceiling, and instance lifetime (warm within a session, fresh across sessions), none of which may hang fnsync.
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import vm from 'node:vm';
import { afterAll, describe, expect, it } from 'vitest';
import { closeRuntime, eventInput, runtime, unit } from './runtime-harness.js';
import { CompileError, createSandbox } from '../../../src/runtime/sandbox.js';

afterAll(closeRuntime);

const track = eventInput({ type: 'track' });

// The limits are wall-clock time, so these tests never assert how long anything took, and a limit that must
// fire is generous enough that a loaded machine cannot make the code finish (or fail to load) differently: the
// code under test never finishes at all.
describe('timeouts', () => {
  it('a never-settling promise times out and the instance stays warm for the next input', async () => {
    const code = `let calls = 0; async function onTrack(e) { calls++; if (e.hang) await new Promise(() => {}); return calls; }`;
    const results = await runtime().runSession(unit('destination', code, { timeoutMs: 1000 }), [eventInput({ type: 'track', hang: true }), track]);
    expect(results[0]).toMatchObject({ outcome: 'Timeout', error: { type: 'Timeout', message: 'the function did not finish within 1000 ms' } });
    expect(results[1]).toMatchObject({ outcome: 'Success', returned: 2 });
  });

  it('a synchronous while(true) is stopped; the rest of the session runs on a fresh instance', async () => {
    const code = `let calls = 0; async function onTrack(e) { calls++; if (e.spin) while (true) {} return calls; }`;
    const results = await runtime().runSession(unit('destination', code, { timeoutMs: 1000 }), [track, eventInput({ type: 'track', spin: true }), track]);
    expect(results.map((r) => r.outcome)).toEqual(['Success', 'Timeout', 'Success']);
    expect(results[1]!.error!.message).toBe('the function did not finish within 1000 ms (stopped while running synchronous code)');
    expect(results[0]!.returned).toBe(1);
    expect(results[2]!.returned).toBe(1); // module state was reset: a new cold instance
    expect(results[2]!.warnings.join()).toMatch(/restarted \(cold start\)/);
  });

  it('a loop after an await is stopped too', async () => {
    const [r] = await runtime().runSession(unit('destination', `async function onTrack() { await null; for (;;) {} }`, { timeoutMs: 1000 }), [track]);
    expect(r!.outcome).toBe('Timeout');
  });

  it('a loop at the top level of the code fails every input of the session as a load failure', async () => {
    // vm's timeout or the watchdog stops it, whichever a loaded machine lets fire first: the result is the same.
    const results = await runtime().runSession(unit('destination', `while (true) {}`, { timeoutMs: 150 }), [track, track]);
    for (const r of results) {
      expect(r).toMatchObject({ outcome: 'Bad Request', error: { message: 'the function failed to load: Script execution timed out after 150ms' } });
    }
  });

  it('the load time limit is armed when the handler file\'s own code starts, not while fnsync builds the instance', () => {
    const seen: string[] = [];
    const sandbox = createSandbox(unit('destination', `topLevelRan = true;`), (context) =>
      seen.push(`${vm.runInContext('[typeof _, typeof fetch, typeof console, typeof topLevelRan].join()', context)}`),
    );
    expect(seen).toEqual(['function,function,object,undefined']); // once: the instance was built, its code not yet run
    expect(vm.runInContext('topLevelRan', sandbox.context)).toBe(true);
    sandbox.dispose();
    expect(() => createSandbox(unit('destination', 'function ('), () => seen.push('armed'))).toThrow(CompileError);
    expect(seen).toHaveLength(1); // a file that does not compile runs no code, so nothing is timed
  });
});

describe('memory ceiling', () => {
  it('a memory bomb kills only its worker: the session reports it, goes on cold, and the next session works', async () => {
    // Filling the heap takes V8 ever longer near the limit, and several times longer on a loaded machine: the time
    // limit is far away, so memory is the only limit this code can reach.
    const bomb = `let calls = 0; async function onTrack(e) { calls++; if (!e.bomb) return 'ok ' + calls; const keep = []; for (;;) keep.push(new Array(1e5).fill({ a: Math.random() })); }`;
    const results = await runtime().runSession(unit('destination', bomb, { timeoutMs: 60_000, options: { memoryLimitMb: 64 } }), [
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
  });
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
    // A barrier, not a stopwatch: each handler waits for a reply that comes only once both have called in, so the
    // two sessions finish only if they ran at the same time (run one after the other, the first would time out).
    const arrived: ServerResponse[] = [];
    const server = createServer((_req, res) => {
      arrived.push(res);
      if (arrived.length === 2) for (const r of arrived) r.end(String(arrived.length));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
      const meet = unit('destination', `async function onTrack() { return (await fetch(${JSON.stringify(url)})).text(); }`, { timeoutMs: 15_000 });
      const input = eventInput({ type: 'track' }, { http: { mocks: [], allowNetwork: true } });
      const [[a], [b]] = await Promise.all([runtime().runSession(meet, [input]), runtime().runSession(meet, [input])]);
      expect([a, b]).toMatchObject([{ outcome: 'Success', returned: '2' }, { outcome: 'Success', returned: '2' }]);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('close() stops the workers and later sessions are refused', async () => {
    const { createRuntime } = await import('../../../src/runtime/create-runtime.js');
    const own = createRuntime({ maxWorkers: 1 });
    try {
      await own.runSession(unit('destination', counter), [track]);
    } finally {
      await own.close();
    }
    await expect(own.runSession(unit('destination', counter), [track])).rejects.toThrow(/closed/);
  });
});
