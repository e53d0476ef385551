// `fnsync run --request FILE` and a fixture's `request:` describe the same webhook in two formats; both go through
// one builder, so the handler sees the same input whichever command sends it.
import { afterAll, describe, expect, it } from 'vitest';
import { parseRequestFile, parseSettingsFile } from '../../../src/runtime/invoke.js';
import { parseFixture } from '../../../src/runtime/fixtures/load-fixture.js';
import { buildInput } from '../../../src/runtime/fixtures/build-input.js';
import { closeRuntime, runtime, unit } from './runtime-harness.js';
import type { InvocationInput } from '../../../src/runtime/types.js';

// The handler reports everything it can see of its request and settings.
const SEE = `async function onRequest(request, settings) {
  const headers = {};
  request.headers.forEach((v, k) => { headers[k] = v; });
  console.log(JSON.stringify({ url: String(request.url), query: request.url.searchParams.getAll('tag'), headers,
    body: request.json(), method: request.method, contentType: request.headers.get('Content-Type'), settings }));
}`;

const ENV = { SHARED_TOKEN: 'tok-parity-1234' };

function fromRunFiles(): InvocationInput {
  const request = parseRequestFile(
    JSON.stringify({ method: 'post', headers: { 'x-signature': 'abc', Accept: ['a/b', 'c/d'] }, query: { tag: ['1', '2'], q: 'x y' }, body: { n: 1, s: 'é' } }),
    'request.json',
  );
  const { settings } = parseSettingsFile(JSON.stringify({ token: 'Bearer ${env:SHARED_TOKEN}', list: ['${env:SHARED_TOKEN}'] }), 'settings.json', ENV);
  return { invocation: { kind: 'request', request }, settings, http: { mocks: [], allowNetwork: false } };
}

function fromFixture(): InvocationInput {
  const yaml = `settings: { token: "Bearer \${env:SHARED_TOKEN}", list: ["\${env:SHARED_TOKEN}"] }
cases:
  - name: same request
    request:
      method: post
      headers: { x-signature: abc, Accept: "a/b,c/d" }
      query: { tag: ["1", 2], q: x y }
      body: { n: 1, s: é }
`;
  const loaded = parseFixture(yaml, '/virtual/t.yaml', 't.yaml', { name: 'fn', type: 'source', settings: [{ name: 'token' }, { name: 'list', type: 'array' }] });
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
  const built = buildInput(loaded.fixture.data.cases[0]!, loaded.fixture.data.settings, new Set(), ENV);
  return { ...built.input!, now: undefined, http: { mocks: [], allowNetwork: false } };
}

afterAll(closeRuntime);

describe('one way to build an invocation', () => {
  it('the same webhook given to run and to a fixture is the same raw request (upper-cased method, one Content-Type key)', () => {
    const run = fromRunFiles();
    const fixture = fromFixture();
    expect(run.invocation).toEqual({
      kind: 'request',
      request: {
        method: 'POST',
        headers: { 'x-signature': 'abc', Accept: ['a/b', 'c/d'], 'Content-Type': 'application/json' },
        url: 'https://fn.segmentapis.com/?tag=1&tag=2&q=x+y',
        body: '{"n":1,"s":"é"}',
      },
    });
    // The fixture writes the repeated header joined, as the Headers object shows it; everything else is identical.
    const fixtureRequest = (fixture.invocation as { request: { headers: Record<string, unknown> } }).request;
    expect({ ...fixtureRequest, headers: { ...fixtureRequest.headers, Accept: ['a/b', 'c/d'] } }).toEqual((run.invocation as { request: unknown }).request);
    expect(fixture.settings).toEqual(run.settings);
  });

  it('the same request given to run and to a fixture produces the same input to the handler', async () => {
    const fn = unit('source', SEE);
    const [viaRun] = await runtime().runSession(fn, [fromRunFiles()]);
    const [viaFixture] = await runtime().runSession(fn, [fromFixture()]);
    expect(viaRun!.outcome).toBe('Success');
    expect(viaFixture!.outcome).toBe('Success');
    const seen = JSON.parse(viaRun!.logs[0]!.message) as Record<string, unknown>;
    expect(seen).toEqual({
      url: 'https://fn.segmentapis.com/?tag=1&tag=2&q=x+y',
      query: ['1', '2'],
      headers: { accept: 'a/b,c/d', 'content-type': 'application/json', 'x-signature': 'abc' },
      body: { n: 1, s: 'é' },
      contentType: 'application/json',
      settings: { token: 'Bearer tok-parity-1234', list: ['tok-parity-1234'] },
    });
    expect(viaFixture!.logs.map((l) => l.message)).toEqual(viaRun!.logs.map((l) => l.message));
  });
});
