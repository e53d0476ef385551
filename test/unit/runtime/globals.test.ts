// The sandbox's global scope: exactly the names segment-runtime.md §7 documents, with their access paths and
// library behaviour, and nothing of the host.
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../helpers/cli.js';
import { createRuntime } from '../../../src/runtime/create-runtime.js';
import { closeRuntime, eventInput, runTrack, runtime, unit } from './runtime-harness.js';

afterAll(closeRuntime);

describe('globals function code can use', () => {
  it('`_` is lodash 4.17.19', async () => {
    const r = await runTrack(`return { v: _.VERSION, chunk: _.chunk([1, 2, 3], 2), get: _.get({ a: { b: 1 } }, 'a.b') };`);
    expect(r.returned).toEqual({ v: '4.17.19', chunk: [[1, 2], [3]], get: 1 });
  });

  it('fetch, Headers, Request, Response are node-fetch 2 (Headers join arrays with ",")', async () => {
    const r = await runTrack(`
      const h = new Headers({ a: ['x', 'y'] });
      const req = new Request('https://example.com/p', { method: 'POST', body: 'hi' });
      const res = new Response('{"ok":true}', { status: 201 });
      let relative;
      try { await fetch('/relative'); } catch (e) { relative = e.message; }
      return { a: h.get('a'), method: req.method, status: res.status, json: await res.json(), relative, isFn: typeof fetch };`);
    expect(r.returned).toEqual({ a: 'x,y', method: 'POST', status: 201, json: { ok: true }, relative: 'Only absolute URLs are supported', isFn: 'function' });
  });

  it('URL and URLSearchParams are WHATWG', async () => {
    const r = await runTrack(`const u = new URL('https://a.b/c?x=1&x=2'); return { all: u.searchParams.getAll('x'), q: new URLSearchParams({ a: 'b c' }).toString() };`);
    expect(r.returned).toEqual({ all: ['1', '2'], q: 'a=b+c' });
  });

  it('atob and btoa are the npm packages (btoa keeps the low byte, atob returns "" on bad input)', async () => {
    const r = await runTrack(`return { b: btoa('hello'), a: atob('aGVsbG8='), euro: btoa('€') };`);
    expect(r.returned).toEqual({ b: 'aGVsbG8=', a: 'hello', euro: 'rA==' });
  });

  it('crypto is the Node module (createHash, createHmac, randomUUID)', async () => {
    const r = await runTrack(`return { sha: crypto.createHash('sha256').update('x').digest('hex').slice(0, 8), hmac: typeof crypto.createHmac, uuid: crypto.randomUUID().length };`);
    expect(r.returned).toEqual({ sha: '2d711642', hmac: 'function', uuid: 36 });
  });

  it('Buffer is Node Buffer, including the docs\' `new Buffer.from(...)`', async () => {
    const r = await runTrack(`return { b64: Buffer.from('hi').toString('base64'), odd: new Buffer.from('hi').length };`);
    expect(r.returned).toEqual({ b64: 'aGk=', odd: 2 });
  });

  it('FormData is form-data (a multipart stream with getHeaders), not WHATWG FormData', async () => {
    const r = await runTrack(`const f = new FormData(); f.append('a', '1'); return { ct: f.getHeaders()['content-type'].startsWith('multipart/form-data; boundary=') };`);
    expect(r.returned).toEqual({ ct: true });
  });

  it('xml, xml2js, moment (timezone), jsonwebtoken', async () => {
    const r = await runTrack(`
      const parsed = await xml2js.parseStringPromise('<a><b>1</b></a>');
      const token = jsonwebtoken.sign({ sub: 'u' }, 'secret', { noTimestamp: true });
      return { xml: xml({ a: 'x' }), parsed, tz: moment.tz('2024-01-01T12:00:00Z', 'Europe/Paris').format('HH:mm'), sub: jsonwebtoken.verify(token, 'secret').sub };`);
    expect(r.returned).toEqual({ xml: '<a>x</a>', parsed: { a: { b: ['1'] } }, tz: '13:00', sub: 'u' });
  });

  it('uuidv5.uuidv5 and zlib.zlib use the documented access paths (and may be reassigned as the docs do)', async () => {
    const r = await runTrack(`
      uuidv5 = uuidv5.uuidv5;
      zlib = zlib.zlib;
      const id = uuidv5('url', 'https://segment.com');
      return { id: typeof id === 'string' || typeof id === 'object', round: zlib.inflateSync(zlib.deflateSync(Buffer.from('abc'))).toString() };`);
    expect(r.returned).toEqual({ id: true, round: 'abc' });
  });

  it('OAuth is the oauth module object (OAuth.OAuth, OAuth.OAuth2)', async () => {
    const r = await runTrack(`return { t: typeof OAuth, o1: typeof OAuth.OAuth, o2: typeof OAuth.OAuth2 };`);
    expect(r.returned).toEqual({ t: 'object', o1: 'function', o2: 'function' });
  });

  it('timers work and pending ones never outlive the session', async () => {
    const r = await runTrack(`
      const order = [];
      await new Promise((resolve) => setTimeout(() => { order.push('timeout'); resolve(); }, 5));
      let n = 0;
      await new Promise((resolve) => { const h = setInterval(() => { if (++n === 3) { clearInterval(h); resolve(); } }, 1); });
      const cancelled = setTimeout(() => order.push('never'), 1); clearTimeout(cancelled);
      await new Promise((r) => setTimeout(r, 5));
      return { order, n };`);
    expect(r.returned).toEqual({ order: ['timeout'], n: 3 });
  });

  it('a throwing timer callback is logged as an error line, not a crash', async () => {
    const r = await runTrack(`await new Promise((resolve) => { setTimeout(() => { throw new Error('late'); }, 1); setTimeout(resolve, 20); }); return 'alive';`);
    expect(r).toMatchObject({ outcome: 'Success', returned: 'alive' });
    expect(r.logs).toEqual([{ level: 'error', message: 'uncaught exception in timer callback: late' }]);
  });

  it('a logged error shows the function\'s own stack frames, not fnsync\'s or Node\'s', async () => {
    const r = await runTrack(`console.error(new Error('boom'));`);
    expect(r.logs).toEqual([{ level: 'error', message: 'Error: boom\n    at onTrack (/virtual/handler.js:1:57)' }]);
  });

  it('console is captured into logs by level, and output past 4 KB adds a warning', async () => {
    const r = await runTrack(`console.log('a', { b: 1 }); console.warn('w'); console.error('e'); console.info('i'); console.debug('d');`);
    expect(r.logs).toEqual([
      { level: 'log', message: 'a { b: 1 }' },
      { level: 'warn', message: 'w' },
      { level: 'error', message: 'e' },
      { level: 'info', message: 'i' },
      { level: 'debug', message: 'd' },
    ]);
    expect(r.warnings).toEqual([]);
    const big = await runTrack(`for (let i = 0; i < 50; i++) console.log('x'.repeat(100));`);
    expect(big.logs).toHaveLength(50);
    expect(big.warnings.join()).toMatch(/exceeded 4 KB/);
  });

  it('the documented error classes exist', async () => {
    const r = await runTrack(`return [EventNotSupported, InvalidEventPayload, ValidationError, RetryError].map((c) => c.name);`);
    expect(r.returned).toEqual(['EventNotSupported', 'InvalidEventPayload', 'ValidationError', 'RetryError']);
  });

  it('a heavy SDK that is not installed fails the invocation naming the package and version to install', async () => {
    const r = await runTrack(`return new AWS.S3();`);
    expect(r.outcome).toBe('Bad Request');
    expect(r.error?.message).toBe('AWS requires aws-sdk@2.488.0: run npm install aws-sdk@2.488.0');
    const g = await runTrack(`return google.cloud.bigquery;`);
    expect(g.error?.message).toBe('google.cloud.bigquery requires @google-cloud/bigquery@5.3.0: run npm install @google-cloud/bigquery@5.3.0');
    const untouched = await runTrack(`return typeof google.cloud;`);
    expect(untouched).toMatchObject({ outcome: 'Success', returned: 'object' });
  });
});

describe('heavy SDKs installed in the project', () => {
  // A project with its own package.json and node_modules, and a working directory elsewhere.
  const dir = makeTempDir({
    'package.json': JSON.stringify({ name: 'p', dependencies: { 'fetch-retry': '^5.0.0', twilio: '3.68.0' } }),
    'functions/x/node_modules/aws-sdk/package.json': JSON.stringify({ name: 'aws-sdk', version: '2.488.0', main: 'index.js' }),
    'functions/x/node_modules/aws-sdk/index.js': 'module.exports = { planted: true };\n',
    'node_modules/stripe/package.json': JSON.stringify({ name: 'stripe', version: '8.115.0', main: 'index.js' }),
    'node_modules/stripe/index.js': 'module.exports = "undeclared stripe";\n',
    'node_modules/fetch-retry/package.json': JSON.stringify({ name: 'fetch-retry', version: '5.0.0', main: 'index.js' }),
    'node_modules/fetch-retry/index.js': 'module.exports = function fetchRetry(f) { return "wrapped " + typeof f; };\n',
    'node_modules/twilio/package.json': JSON.stringify({ name: 'twilio', version: '3.68.0', main: 'index.js' }),
    'node_modules/twilio/index.js': 'require("a-dependency-that-is-missing");\n',
  });
  const at = (code: string) => ({ ...unit('destination', `async function onTrack(event) { ${code} }`), codePath: join(dir, 'functions/x/handler.js'), projectDir: dir });

  it('a package beside the handler file is never loaded, only the project\'s declared dependencies', async () => {
    const [planted] = await runtime().runSession(at('return AWS;'), [eventInput({ type: 'track' })]);
    expect(planted!.error?.message).toBe('AWS requires aws-sdk@2.488.0: run npm install aws-sdk@2.488.0');
    const [undeclared] = await runtime().runSession(at('return stripe;'), [eventInput({ type: 'track' })]);
    expect(undeclared!.error?.message).toBe('stripe requires stripe@8.115.0: run npm install stripe@8.115.0');
  });

  it('load on first use from the project\'s node_modules', async () => {
    const [r] = await runtime().runSession(at('return fetchretrylib.fetchretry(fetch);'), [eventInput({ type: 'track' })]);
    expect(r).toMatchObject({ outcome: 'Success', returned: 'wrapped function' });
  });

  it('an installed package that fails to load reports its own error, not "run npm install"', async () => {
    const [r] = await runtime().runSession(at('return twilio;'), [eventInput({ type: 'track' })]);
    expect(r!.outcome).toBe('Bad Request');
    expect(r!.error?.message).toBe("twilio: loading twilio failed: Cannot find module 'a-dependency-that-is-missing'");
  });
});

describe('nothing else leaks in', () => {
  const absent = ['require', 'process', 'module', 'exports', '__dirname', '__filename', 'global', 'setImmediate', 'queueMicrotask', 'TextEncoder', 'TextDecoder', 'structuredClone', 'AbortController', 'performance', 'Blob', 'window', 'Segment', 'DropEvent'];
  it.each(absent)('%s is not defined in a destination function', async (name) => {
    const r = await runTrack(`return typeof ${name};`);
    expect(r.returned).toBe('undefined');
  });

  it('native fetch is replaced by node-fetch (its Response has the node-fetch-only buffer())', async () => {
    const r = await runTrack(`return typeof new Response('x').buffer;`);
    expect(r.returned).toBe('function');
  });

  it('a library\'s constructor walk stays in the function\'s realm, where code generation is off', async () => {
    const r = await runTrack(`try { return typeof _.constructor.constructor('return process')(); } catch (e) { return e.name + ': ' + e.message; }`);
    expect(r.returned).toBe('EvalError: Code generation from strings disallowed for this context');
  });

  it('code generation from strings is off by default', async () => {
    const r = await runTrack(`try { return eval('1 + 1'); } catch (e) { return e.name; }`);
    expect(r.returned).toBe('EvalError');
  });

  it('globals assigned by one function never appear in another session', async () => {
    await runTrack(`leaked = 42; _.mixin({ extra: () => 1 }); return leaked;`);
    const r = await runTrack(`return [typeof leaked, typeof _.extra];`);
    expect(r.returned).toEqual(['undefined', 'undefined']);
  });
});
