// Error classes, their realm and Segment's categories (segment-runtime.md §6), and what each function kind's
// return value means (§2, §3, §10).
import { afterAll, describe, expect, it } from 'vitest';
import { batchInput, closeRuntime, eventInput, runTrack, runtime, unit } from './runtime-harness.js';

afterAll(closeRuntime);

describe('error classes and categories', () => {
  it.each([
    ['EventNotSupported', 'Unsupported Event Type'],
    ['InvalidEventPayload', 'Message Rejected'],
    ['ValidationError', 'Message Rejected'],
    ['RetryError', 'Retry'],
    ['Error', 'Bad Request'],
    ['TypeError', 'Bad Request'],
  ])('throwing %s is %s', async (cls, outcome) => {
    const r = await runTrack(`throw new ${cls}('boom');`);
    expect(r.outcome).toBe(outcome);
    // `at`: the handler line and column that threw (the code is one line: `async function onTrack(…) { throw new …`).
    expect(r.error).toEqual({ type: cls, message: 'boom', at: '/virtual/handler.js:1:49' });
  });

  it('an uncaught error points at the line of the function\'s own code that threw, innermost first', async () => {
    const code = [
      'function helper(event) {',
      '  return event.properties.total.toFixed(2);',
      '}',
      'async function onTrack(event) {',
      '  return helper(event);',
      '}',
    ].join('\n');
    const [r] = await runtime().runSession(unit('destination', code), [eventInput({ type: 'track', event: 'E' })]);
    expect(r!.outcome).toBe('Bad Request');
    expect(r!.error).toEqual({ type: 'TypeError', message: "Cannot read properties of undefined (reading 'total')", at: '/virtual/handler.js:2:27' });
    // Thrown values without a stack (a string) and errors raised outside the code have no location.
    const thrownString = await runTrack(`throw 'plain';`);
    expect(thrownString.error).toEqual({ type: 'string', message: 'plain' });
  });

  it('the classes live in the function realm: instanceof Error holds, as do the realm\'s own built-ins', async () => {
    const r = await runTrack(`
      const e = new RetryError('x');
      return { error: e instanceof Error, own: e instanceof RetryError, name: e.name, event: event instanceof Object, settings: settings instanceof Object, stack: typeof e.stack };`);
    expect(r.returned).toEqual({ error: true, own: true, name: 'RetryError', event: true, settings: true, stack: 'string' });
  });

  it('a subclass of a Segment error keeps its category and its own name', async () => {
    const r = await runTrack(`class Flaky extends RetryError {} throw new Flaky('again');`);
    expect(r).toMatchObject({ outcome: 'Retry', error: { type: 'Flaky', message: 'again' } });
  });

  it('a misspelt class is a ReferenceError, hence Bad Request', async () => {
    const r = await runTrack(`throw new EventNotFound('x');`);
    expect(r).toMatchObject({ outcome: 'Bad Request', error: { type: 'ReferenceError', message: 'EventNotFound is not defined' } });
  });

  it('throwing a non-error value is Bad Request with its text', async () => {
    const r = await runTrack(`throw 'plain string';`);
    expect(r).toMatchObject({ outcome: 'Bad Request', error: { type: 'string', message: 'plain string' } });
  });

  it('the documented two-argument form `new RetryError(message, error)` works', async () => {
    const r = await runTrack(`throw new RetryError('Failed function', new Error('inner'));`);
    expect(r).toMatchObject({ outcome: 'Retry', error: { message: 'Failed function' } });
  });
});

describe('destination functions', () => {
  it('the event type selects the handler; a missing handler is EventNotSupported("<type> not supported")', async () => {
    const code = `async function onIdentify(e) { return 'identify:' + e.userId; } async function onTrack(e) { return 'track:' + e.event; }`;
    const results = await runtime().runSession(unit('destination', code), [
      eventInput({ type: 'identify', userId: 'u1' }),
      eventInput({ type: 'track', event: 'Signed Up' }),
      eventInput({ type: 'page' }),
      eventInput({ type: 'nonsense' }),
    ]);
    expect(results.map((r) => r.outcome)).toEqual(['Success', 'Success', 'Unsupported Event Type', 'Unsupported Event Type']);
    expect(results.map((r) => r.returned ?? r.error?.message)).toEqual(['identify:u1', 'track:Signed Up', 'page not supported', 'nonsense not supported']);
  });

  it('legacy un-prefixed handlers are not called', async () => {
    const [r] = await runtime().runSession(unit('destination', `async function track() { return 'legacy'; }`), [eventInput({ type: 'track' })]);
    expect(r).toMatchObject({ outcome: 'Unsupported Event Type', error: { message: 'track not supported' } });
  });

  it('a returned value that cannot be serialised is reported with a warning', async () => {
    const [r] = await runtime().runSession(unit('destination', `async function onTrack() { const a = {}; a.self = a; return a; }`), [eventInput({ type: 'track' })]);
    expect(r!.outcome).toBe('Success');
    expect(r!.warnings.join()).toMatch(/cannot be serialised/);
  });

  it('each invocation gets its own copy of the event and settings', async () => {
    const code = `async function onTrack(e, s) { const before = [e.mutated, s.mutated]; e.mutated = true; s.mutated = true; return before; }`;
    const input = eventInput({ type: 'track' }, { settings: { a: 1 } });
    const results = await runtime().runSession(unit('destination', code), [input, input]);
    expect(results.map((r) => r.returned)).toEqual([[null, null], [null, null]]);
  });

  it('a JSON array is a batch: onBatch gets all events and its status array passes through', async () => {
    const code = `async function onTrack() {} async function onBatch(events, settings) { return events.map((e) => ({ status: e.ok ? 200 : 500, errormessage: e.ok ? undefined : 'failed' })); }`;
    const [r] = await runtime().runSession(unit('destination', code), [batchInput([{ type: 'track', ok: true }, { type: 'identify', ok: false }])]);
    expect(r).toMatchObject({ outcome: 'Success', returned: [{ status: 200 }, { status: 500, errormessage: 'failed' }] });
  });

  it('a batch without onBatch is Unsupported Event Type; RetryError from onBatch retries the whole batch', async () => {
    const [none] = await runtime().runSession(unit('destination', `async function onTrack() {}`), [batchInput([{ type: 'track' }])]);
    expect(none).toMatchObject({ outcome: 'Unsupported Event Type', error: { message: 'batch not supported' } });
    const [retry] = await runtime().runSession(unit('destination', `async function onBatch() { throw new RetryError('later'); }`), [batchInput([{ type: 'track' }])]);
    expect(retry.outcome).toBe('Retry');
  });
});

describe('insert functions', () => {
  const masker = `
    async function onTrack(event) {
      if (event.properties.drop) throw new DropEvent('unwanted');
      if (event.properties.nothing) return;
      return { ...event, properties: { ...event.properties, masked: true } };
    }
    async function onBatch(events) { return events.map((e) => (e.properties.drop ? null : { ...e, seen: true })); }`;

  it('the returned event is what gets forwarded', async () => {
    const [r] = await runtime().runSession(unit('insert-destination', masker), [eventInput({ type: 'track', properties: { a: 1 } })]);
    expect(r).toMatchObject({ outcome: 'Success', returned: { type: 'track', properties: { a: 1, masked: true } } });
  });

  it('DropEvent drops the event: outcome Dropped, nothing returned', async () => {
    const [r] = await runtime().runSession(unit('insert-source', masker), [eventInput({ type: 'track', properties: { drop: true } })]);
    expect(r).toMatchObject({ outcome: 'Dropped', error: { type: 'DropEvent', message: 'unwanted' } });
    expect(r!.returned).toBeUndefined();
  });

  it('returning nothing drops with a warning by default, or passes the input through with insertUndefined: pass', async () => {
    const input = eventInput({ type: 'track', properties: { nothing: true } });
    const [dropped] = await runtime().runSession(unit('insert-destination', masker), [input]);
    expect(dropped!.outcome).toBe('Dropped');
    expect(dropped!.warnings.join()).toMatch(/returned nothing/);
    const [passed] = await runtime().runSession(unit('insert-destination', masker, { options: { insertUndefined: 'pass' } }), [input]);
    expect(passed).toMatchObject({ outcome: 'Success', returned: { type: 'track', properties: { nothing: true } } });
  });

  it('a missing handler is Unsupported Event Type', async () => {
    const [r] = await runtime().runSession(unit('insert-destination', masker), [eventInput({ type: 'group' })]);
    expect(r).toMatchObject({ outcome: 'Unsupported Event Type', error: { type: 'EventNotSupported', message: 'group not supported' } });
  });

  it('insert onBatch results pair with inputs by index; null marks a dropped slot', async () => {
    const [r] = await runtime().runSession(unit('insert-destination', masker), [
      batchInput([{ type: 'track', properties: {} }, { type: 'track', properties: { drop: true } }]),
    ]);
    expect(r).toMatchObject({ outcome: 'Success', returned: [{ type: 'track', seen: true }, null] });
  });

  it('insert onBatch returning a different number of events is rejected with a clear message', async () => {
    const code = `async function onBatch(events) { return events.slice(1); }`;
    const [r] = await runtime().runSession(unit('insert-destination', code), [batchInput([{ type: 'track' }, { type: 'track' }])]);
    expect(r).toMatchObject({ outcome: 'Bad Request', error: { type: 'InvalidBatchResult' } });
    expect(r!.error!.message).toMatch(/returned 1 events for 2 inputs.*by index/);
  });

  it('source insert functions have no onBatch', async () => {
    const [r] = await runtime().runSession(unit('insert-source', masker), [batchInput([{ type: 'track', properties: {} }])]);
    expect(r).toMatchObject({ outcome: 'Unsupported Event Type', error: { message: 'batch not supported' } });
  });
});
