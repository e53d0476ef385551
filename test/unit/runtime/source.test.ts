// Source functions: the webhook `request` object and ingest rules (segment-runtime.md §4) and the `Segment`
// object with its validation, per-invocation collection and size limits (§5).
import { afterAll, describe, expect, it } from 'vitest';
import { closeRuntime, requestInput, runtime, unit } from './runtime-harness.js';
import type { InvocationInput, RuntimeOptions } from '../../../src/runtime/types.js';

afterAll(closeRuntime);

async function runSource(body: string, input: InvocationInput, options?: RuntimeOptions) {
  const [r] = await runtime().runSession(unit('source', `async function onRequest(request, settings) { ${body} }`, { options }), [input]);
  return r!;
}
const emitReturn = (expr: string) => `Segment.track({ event: 'Probe', userId: 'u', properties: { value: ${expr} } });`;
const probe = (r: { messages: Record<string, unknown>[] }) => (r.messages[0]?.properties as { value: unknown }).value;

describe('the request object', () => {
  it('json() parses the body once and returns the same object every call', async () => {
    const r = await runSource(`const a = request.json(); a.touched = true; ${emitReturn('[request.json() === a, request.json().touched, request.json() instanceof Object]')}`, requestInput({ x: 1 }));
    expect(probe(r)).toEqual([true, true, true]);
  });

  it('text() gives the raw body; headers is a case-insensitive node-fetch Headers joining arrays', async () => {
    const input = requestInput('{"a":  1}', { headers: { 'Content-Type': 'application/json', 'X-Multi': ['a', 'b'] } });
    const r = await runSource(emitReturn(`[request.text(), request.headers.get('content-type'), request.headers.get('x-multi'), typeof request.headers.forEach]`), input);
    expect(probe(r)).toEqual(['{"a":  1}', 'application/json', 'a,b', 'function']);
  });

  it('url is a WHATWG URL with searchParams', async () => {
    const r = await runSource(emitReturn(`[request.url.searchParams.get('name'), request.url.host]`), requestInput({}, { url: 'https://fn.segmentapis.com/?name=ada' }));
    expect(probe(r)).toEqual(['ada', 'fn.segmentapis.com']);
  });

  it('request.method is undefined, as in boreal (only POST reaches a function)', async () => {
    const r = await runSource(emitReturn(`typeof request.method`), requestInput({}));
    expect(probe(r)).toBe('undefined');
  });

  it('a method other than POST is refused before the function runs', async () => {
    const r = await runSource(`throw new Error('must not run');`, requestInput({}, { method: 'GET' }));
    expect(r).toMatchObject({ outcome: 'Bad Request', error: { type: 'IngestError', message: 'source functions accept POST only, got GET' } });
  });

  it('Content-Type must be JSON or urlencoded', async () => {
    const missing = await runSource(``, requestInput({}, { headers: {} }));
    expect(missing.error?.message).toMatch(/Could not parse content-type/);
    const xml = await runSource(``, requestInput('<a/>', { headers: { 'content-type': 'text/xml' } }));
    expect(xml).toMatchObject({ outcome: 'Bad Request', error: { message: 'Unsupported content-type: text/xml' } });
  });

  it('a JSON body that does not parse is refused at ingest', async () => {
    const r = await runSource(`throw new Error('must not run');`, requestInput('{ not json'));
    expect(r).toMatchObject({ outcome: 'Bad Request', error: { type: 'IngestError', message: 'Could not parse request body: not valid JSON' } });
  });

  it('a body over 512 KiB is refused; exactly 512 KiB is accepted', async () => {
    const pad = (n: number) => JSON.stringify({ p: 'x'.repeat(n - 8) }); // {"p":"…"} is 8 bytes of framing
    expect(pad(512 * 1024)).toHaveLength(512 * 1024);
    const ok = await runSource(``, requestInput(pad(512 * 1024)));
    expect(ok.outcome).toBe('Success');
    const big = await runSource(``, requestInput(pad(512 * 1024 + 1)));
    expect(big).toMatchObject({ outcome: 'Bad Request', error: { message: 'payload is 524289 bytes, over the 512 KiB webhook limit' } });
  });

  it('urlencoded bodies: text() by default (json() throws), decoded fields with formBodies: decode', async () => {
    const input = requestInput('a=1&b=x+y&a=2', { headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    const byDefault = await runSource(`let thrown; try { request.json(); } catch (e) { thrown = e.name; } ${emitReturn('[request.text(), thrown]')}`, input);
    expect(probe(byDefault)).toEqual(['a=1&b=x+y&a=2', 'SyntaxError']);
    const decoded = await runSource(emitReturn('request.json()'), input, { formBodies: 'decode' });
    expect(probe(decoded)).toEqual({ a: ['1', '2'], b: 'x y' });
  });

  it('sortPayloadKeys alphabetises keys deeply, as deployed sources see them', async () => {
    const body = { b: 1, a: { d: 1, c: 2 } };
    const r = await runSource(emitReturn(`JSON.stringify(request.json())`), requestInput(body), { sortPayloadKeys: true });
    expect(probe(r)).toBe('{"a":{"c":2,"d":1},"b":1}');
  });

  it('no onRequest is EventNotSupported("request not supported")', async () => {
    const [r] = await runtime().runSession(unit('source', `function helper() {}`), [requestInput({})]);
    expect(r).toMatchObject({ outcome: 'Unsupported Event Type', error: { message: 'request not supported' } });
  });
});

describe('the Segment object', () => {
  it('collects messages and objects in call order, with deterministic ids and the frozen timestamp', async () => {
    const r = await runSource(
      `Segment.identify({ userId: 'u1', traits: { email: 'a@b.c' } });
       Segment.track({ event: 'Bought', userId: 'u1', properties: { revenue: 5 }, extraField: 'kept' });
       Segment.set({ collection: 'orders', id: 'o1', properties: { total: 5 } });`,
      requestInput({}, { now: '2024-05-01T10:00:00.000Z' }),
    );
    expect(r.outcome).toBe('Success');
    expect(r.messages).toEqual([
      { type: 'identify', userId: 'u1', traits: { email: 'a@b.c' }, messageId: 'fnsync-1', timestamp: '2024-05-01T10:00:00.000Z' },
      { type: 'track', event: 'Bought', userId: 'u1', properties: { revenue: 5 }, extraField: 'kept', messageId: 'fnsync-2', timestamp: '2024-05-01T10:00:00.000Z' },
    ]);
    expect(r.objects).toEqual([{ collection: 'orders', id: 'o1', properties: { total: 5 } }]);
  });

  it.each([
    ['track', `{ userId: 'u' }`, 'event is required but not defined'],
    ['track', `{ event: 'E' }`, 'One of userId,anonymousId is required but not defined'],
    ['group', `{ userId: 'u' }`, 'groupId is required but not defined'],
    ['alias', `{ userId: 'u' }`, 'previousId is required but not defined'],
    ['identify', `{ userId: 0 }`, 'One of userId,anonymousId is required but not defined'],
    ['set', `{ id: 'x' }`, 'collection is required but not defined'],
    ['set', `{ collection: 'c' }`, 'id is required but not defined'],
  ])('Segment.%s(%s) throws ValidationError "%s" (Message Rejected)', async (method, arg, message) => {
    const r = await runSource(`Segment.${method}(${arg});`, requestInput({}));
    expect(r).toMatchObject({ outcome: 'Message Rejected', error: { type: 'ValidationError', message } });
  });

  it('the ValidationError is catchable and is the realm\'s class', async () => {
    const r = await runSource(`try { Segment.track({}); } catch (e) { ${emitReturn('[e instanceof ValidationError, e instanceof Error]')} }`, requestInput({}));
    expect(probe(r)).toEqual([true, true]);
  });

  it('strict validation adds the Tracking and Object API checks', async () => {
    const strict = { validation: 'strict' } as const;
    const cases: [string, string][] = [
      [`Segment.track({ event: 'E', userId: 5 })`, 'userId must be a non-empty string'],
      [`Segment.track({ event: 'E', userId: 'u', properties: 'x' })`, 'properties must be an object'],
      [`Segment.identify({ userId: 'u', traits: [] })`, 'traits must be an object'],
      [`Segment.page({ userId: 'u', name: '' })`, 'name must be a non-empty string'],
      [`Segment.set({ collection: 'Orders', id: 'o', properties: {} })`, 'collection must be lowercase letters and underscores, at most 100 characters, not starting or ending with _'],
      [`Segment.set({ collection: 'orders', id: 'o', properties: { nested: {} } })`, 'properties.nested must be a scalar value'],
    ];
    for (const [call, message] of cases) {
      const r = await runSource(`${call};`, requestInput({}), strict);
      expect({ call, ...r.error }).toEqual({ call, type: 'ValidationError', message, at: expect.stringMatching(/^\/virtual\/handler\.js:\d+:\d+$/) });
      const loose = await runSource(`${call};`, requestInput({}));
      expect({ call, outcome: loose.outcome }).toEqual({ call, outcome: 'Success' });
    }
  });

  it('messages are discarded when the handler throws, and never leak into the next invocation', async () => {
    const code = `async function onRequest(request) { Segment.track({ event: 'E', userId: 'u' }); if (request.json().fail) throw new RetryError('x'); }`;
    const results = await runtime().runSession(unit('source', code), [requestInput({ fail: true }), requestInput({ fail: false })]);
    expect(results[0]).toMatchObject({ outcome: 'Retry', messages: [] });
    expect(results[1]!.messages).toHaveLength(1);
  });

  it('a message over 32 KB fails the invocation as Tracking API Failed', async () => {
    const r = await runSource(`Segment.track({ event: 'E', userId: 'u', properties: { big: 'x'.repeat(33 * 1024) } });`, requestInput({}));
    expect(r.outcome).toBe('Tracking API Failed');
    expect(r.error?.message).toMatch(/^failed calling Tracking API: the message is too large and over the maximum 32KB limit/);
    expect(r.messages).toEqual([]);
    const fits = await runSource(`Segment.track({ event: 'E', userId: 'u', properties: { big: 'x'.repeat(31 * 1024) } });`, requestInput({}));
    expect(fits.outcome).toBe('Success');
  });

  it('Segment exists only in source functions', async () => {
    const [r] = await runtime().runSession(unit('destination', `async function onTrack() { return typeof Segment; }`), [
      { invocation: { kind: 'event', event: { type: 'track' } }, settings: {} },
    ]);
    expect(r!.returned).toBe('undefined');
  });
});
