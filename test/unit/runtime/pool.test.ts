// The pool's transport: long sessions (inputs streamed in slices, results in chunks) and results larger than the
// shared log arrive complete and in order.
import { afterAll, describe, expect, it } from 'vitest';
import { closeRuntime, eventInput, runtime, unit } from './runtime-harness.js';

afterAll(closeRuntime);

describe('session transport', () => {
  it('a 3,000-input session returns every result, in order, from one warm instance', async () => {
    const code = `let calls = 0; async function onTrack(e) { calls++; return [calls, e.properties.i]; }`;
    const inputs = Array.from({ length: 3000 }, (_, i) => eventInput({ type: 'track', properties: { i } }));
    const results = await runtime().runSession(unit('destination', code), inputs);
    expect(results).toHaveLength(3000);
    results.forEach((r, i) => expect(r.returned).toEqual([i + 1, i]));
  });

  it('results bigger than the shared log (1 MB) still arrive, between ordinary ones', async () => {
    const code = `async function onTrack(e) { return e.big ? 'x'.repeat(2 * 1024 * 1024) : 'small'; }`;
    const results = await runtime().runSession(unit('destination', code), [
      eventInput({ type: 'track' }),
      eventInput({ type: 'track', big: true }),
      eventInput({ type: 'track' }),
    ]);
    expect(results.map((r) => (typeof r.returned === 'string' ? r.returned.length : r.returned))).toEqual([5, 2 * 1024 * 1024, 5]);
  });

  it('non-ASCII text survives the byte log', async () => {
    const [r] = await runtime().runSession(unit('destination', `async function onTrack() { console.log('héllo — 日本 🚀'); return '€'; }`), [eventInput({ type: 'track' })]);
    expect(r).toMatchObject({ returned: '€', logs: [{ level: 'log', message: 'héllo — 日本 🚀' }] });
  });
});

describe('result encoding', () => {
  it('the template for plain results encodes exactly what JSON.stringify would (durations rounded to ns)', async () => {
    const { encodeEntry } = await import('../../../src/runtime/result-log.js');
    const base = { outcome: 'Success' as const, messages: [], objects: [], logs: [], requests: [], warnings: [], durationMs: 0.0123456 };
    for (const returned of [undefined, null, 'u"1', 5, { a: [1, { b: '€' }] }]) {
      const entry = { index: 7, result: returned === undefined ? base : { ...base, returned } };
      expect(JSON.parse(encodeEntry(entry))).toEqual({ index: 7, result: { ...entry.result, durationMs: 0.012 } });
    }
    const withLog = { index: 1, result: { ...base, logs: [{ level: 'log' as const, message: 'x' }] } };
    expect(JSON.parse(encodeEntry(withLog))).toEqual(withLog);
  });
});
