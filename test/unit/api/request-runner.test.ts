// The retry policy with synthetic failures (connection errors nock cannot fake through `request`).
import { describe, expect, it } from 'vitest';
import { RateLimitGate, parseReset } from '../../../src/api/rate-limit.js';
import { DEFAULT_RETRY_OPTIONS, RequestRunner, type CallKind } from '../../../src/api/request-runner.js';
import { ApiError } from '../../../src/errors.js';
import { FAKE_EPOCH, fakeClock } from './fake-clock.js';

const netError = (code: string) => Object.assign(new Error(code), { code });
const httpError = (status: number) => Object.assign(new Error('HTTP request failed'), { name: 'HttpError', statusCode: status, body: {} });

function runner() {
  const clock = fakeClock();
  const r = new RequestRunner({
    clock,
    gate: new RateLimitGate({ clock }),
    retry: { ...DEFAULT_RETRY_OPTIONS, retries: 3, random: () => 0 },
    timeoutMs: 1000,
    secrets: ['s3cret-token'],
  });
  return { r, clock };
}

/** A call that fails with the given errors, then resolves. */
function scripted(errors: unknown[]) {
  let calls = 0;
  return {
    calls: () => calls,
    call: async () => {
      const e = errors[calls++];
      if (e) throw e;
      return { body: { ok: calls } };
    },
  };
}

const run = (r: RequestRunner, kind: CallKind, s: ReturnType<typeof scripted>, extra = {}) =>
  r.run({ kind, label: { description: 'doing x', operation: 'x', resource: 'r' }, call: s.call, map: (b: { ok: number }) => b.ok, ...extra });

describe('RequestRunner', () => {
  it('retries connection resets and timeouts on reads', async () => {
    const { r, clock } = runner();
    const s = scripted([netError('ECONNRESET'), netError('ESOCKETTIMEDOUT'), netError('ETIMEDOUT')]);
    expect(await run(r, 'read', s)).toBe(4);
    expect(clock.waits).toEqual([125, 250, 500]); // jitter 0 → half of 250·2^n
  });

  it('does not retry a create after a reset without a way to check', async () => {
    const { r } = runner();
    const s = scripted([netError('ECONNRESET')]);
    const err = await run(r, 'create', s).catch((e) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err.message).toBe('doing x: connection failed (ECONNRESET)');
    expect(s.calls()).toBe(1);
  });

  it('retries a create whose request never left (connection refused)', async () => {
    const { r } = runner();
    const s = scripted([netError('ECONNREFUSED')]);
    expect(await run(r, 'create', s)).toBe(2);
  });

  it('checks before retrying a create after a timeout, and returns what it finds', async () => {
    const { r } = runner();
    const s = scripted([netError('ESOCKETTIMEDOUT')]);
    let checks = 0;
    const found = await run(r, 'create', s, { findExisting: async () => (checks++, 42) });
    expect(found).toBe(42);
    expect(checks).toBe(1);
    expect(s.calls()).toBe(1);
  });

  it('stops after the retry budget, naming the timeout', async () => {
    const { r } = runner();
    const s = scripted(Array.from({ length: 10 }, () => netError('ESOCKETTIMEDOUT')));
    const err = await run(r, 'update', s).catch((e) => e);
    expect(err.message).toBe('doing x: no response within 1000 ms (ESOCKETTIMEDOUT)');
    expect(s.calls()).toBe(4);
  });

  it('never retries programming errors or 400s', async () => {
    const { r } = runner();
    const s = scripted([httpError(400)]);
    await expect(run(r, 'read', s)).rejects.toMatchObject({ status: 400 });
    expect(s.calls()).toBe(1);
    const u = scripted([new Error('boom')]);
    await expect(run(r, 'read', u)).rejects.toThrow('doing x: boom');
    expect(u.calls()).toBe(1);
  });
});

describe('rate-limit gate', () => {
  it('parses RFC 5322 dates, seconds and epochs', () => {
    const now = FAKE_EPOCH;
    expect(parseReset(new Date(now + 3000).toUTCString(), now)).toBe(now + 3000);
    expect(parseReset('2', now)).toBe(now + 2000);
    expect(parseReset(String((now + 7000) / 1000), now)).toBe(now + 7000);
    expect(parseReset('garbage', now)).toBeUndefined();
  });
  it('makes concurrent callers all wait for one block, capped', async () => {
    const clock = fakeClock();
    const gate = new RateLimitGate({ clock, maxWaitMs: 10_000 });
    gate.block(60_000);
    await gate.beforeRequest();
    expect(clock.waits).toEqual([10_000]);
    gate.observe({ 'x-ratelimit-remaining': '50', 'x-ratelimit-reset': '30' });
    await gate.beforeRequest();
    expect(clock.waits).toEqual([10_000]);
  });
});

/** Responses without rate-limit headers for `n` requests in flight. */
function settle(gate: RateLimitGate, n: number): void {
  for (let i = 0; i < n; i++) gate.observe(undefined);
}

describe('rate-limit pacing', () => {
  it('counts requests still in flight against the budget a response announces', async () => {
    const clock = fakeClock();
    const gate = new RateLimitGate({ clock, paceBelow: 1 });
    gate.observe({ 'x-ratelimit-remaining': '100', 'x-ratelimit-reset': '10' });
    for (let i = 0; i < 4; i++) await gate.beforeRequest(); // four concurrent requests out
    // The first answer says 3 points are left, but the three others were sent after it was computed.
    gate.observe({ 'x-ratelimit-remaining': '3', 'x-ratelimit-reset': '10' });
    await gate.beforeRequest();
    expect(clock.waits).toEqual([10_000]);
  });

  it('paces within a window, then starts afresh when the window resets', async () => {
    const clock = fakeClock();
    const gate = new RateLimitGate({ clock });
    gate.observe({ 'x-ratelimit-remaining': '3', 'x-ratelimit-reset': '4' });
    await gate.beforeRequest(); // 3 left: goes at once; the next slot is 4 s / 2 usable points away
    await gate.beforeRequest(); // 2 left: waits for its slot
    await gate.beforeRequest(); // 1 left (the reserve): waits for the reset
    expect(clock.waits).toEqual([2_000, 2_000]);
    // New window, plenty of budget: no waiting at all, whatever the old window's pacing was.
    settle(gate, 2);
    gate.observe({ 'x-ratelimit-remaining': '500', 'x-ratelimit-reset': '60' });
    for (let i = 0; i < 5; i++) await gate.beforeRequest();
    expect(clock.waits).toEqual([2_000, 2_000]);
    // The same budget again in the next window: paced from now, not from a stale slot.
    settle(gate, 4);
    gate.observe({ 'x-ratelimit-remaining': '3', 'x-ratelimit-reset': '4' });
    await gate.beforeRequest();
    expect(clock.waits).toEqual([2_000, 2_000]);
  });
});

describe('lost-create check failures', () => {
  it('stops (no further create) when the existence check itself fails', async () => {
    const { r } = runner();
    const s = scripted([netError('ECONNRESET')]);
    const checkError = new ApiError('listing x: 503 down', { status: 503, operation: 'list' });
    const err = await run(r, 'create', s, { findExisting: async () => Promise.reject(checkError) }).catch((e) => e);
    expect(s.calls()).toBe(1);
    // Named as the create, not as the list that checked it: the resource may exist now.
    expect(err).toBeInstanceOf(ApiError);
    expect(err.message).toBe(
      'doing x: outcome unknown: the response was lost and checking whether it was created failed (listing x: 503 down); the next plan shows whether it exists',
    );
    expect({ operation: err.operation, resource: err.resource, status: err.status }).toEqual({ operation: 'x', resource: 'r', status: 503 });
  });
});
