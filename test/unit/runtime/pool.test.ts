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
