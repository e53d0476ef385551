// Hostile handlers against the realm promise: every object a function can reach was made in its own realm, so
// walking `.constructor` (or catching an error, or a stack frame's function) never reaches fnsync's realm, where
// `process`, `require`, files and the parent shell's environment are. Each route runs twice through
// `fnsync run`: with code generation off (the walk ends in EvalError) and on (`allowCodeGeneration`, as
// `_.template` needs: the walk compiles, and finds no `process` there).
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { hostileProject, runHandler } from './harness.js';

/** Each route gives a function whose `.constructor.constructor` is tried (or the Function itself). */
const ROUTES: Record<string, string> = {
  'the global object': `globalThis`,
  "the global object's prototype": `Object.getPrototypeOf(globalThis)`,
  fetch: `fetch`,
  Headers: `new Headers()`,
  Request: `new Request('https://x.example/')`,
  Response: `new Response('x')`,
  Buffer: `Buffer.from('x')`,
  URL: `new URL('https://x.example/')`,
  URLSearchParams: `new URLSearchParams('a=1')`,
  'an error thrown by new URL': `(() => { try { new URL('x'); } catch (e) { return e; } })()`,
  'an error from an unmocked fetch': `await fetch('https://unmocked.example/').catch((e) => e)`,
  'an error from crypto': `(() => { try { crypto.createHash('no-such-hash'); } catch (e) { return e; } })()`,
  'crypto.createHmac': `crypto.createHmac`,
  'an Hmac object': `crypto.createHmac('sha256', 'k')`,
  zlib: `zlib.zlib.gzipSync`,
  'an error from zlib': `(() => { try { zlib.zlib.gunzipSync(Buffer.from('not gzip')); } catch (e) { return e; } })()`,
  'https.request': `https.request`,
  'a ClientRequest': `(() => { const r = https.request('https://x.example/'); r.on('error', () => {}); return r; })()`,
  console: `console.log`,
  'a util.inspect custom hook in console.log': `(() => { let got; console.log({ [Symbol.for('nodejs.util.inspect.custom')](depth, options, inspect) { got = inspect || options; return 'x'; } }); return got; })()`,
  setTimeout: `setTimeout`,
  'a timer object': `setTimeout(() => {}, 1)`,
  'cache.load': `cache.load`,
  "a lazy global's getter": `Object.getOwnPropertyDescriptor(globalThis, 'xml').get`,
  FormData: `new FormData()`,
  OAuth: `OAuth.OAuth2`,
  lodash: `_`,
  moment: `moment()`,
  xml2js: `xml2js.parseString`,
  jsonwebtoken: `jsonwebtoken.sign`,
  uuidv5: `uuidv5.uuidv5`,
  atob: `atob`,
  'an error class': `new ValidationError('x')`,
  "the handler's caller": `(() => { try { return onTrack.caller; } catch { return undefined; } })()`,
  'stack frames (Error.prepareStackTrace) of a timer callback': `await new Promise((res) => setTimeout(() => { const prev = Error.prepareStackTrace; Error.prepareStackTrace = (e, frames) => frames.map((f) => f.getFunction() || f.getThis()).find((x) => x); const found = new Error().stack; Error.prepareStackTrace = prev; res(found); }, 1))`,
};

const handler = `async function onTrack(event) {
  const results = {};
  const walk = (value) => {
    const F = typeof value === 'function' && value.constructor === undefined ? value : value && value.constructor && value.constructor.constructor;
    if (typeof F !== 'function') return 'no Function: ' + typeof value;
    const p = F('return typeof process === "object" ? process : undefined')();
    return p && typeof p.pid === 'number' ? 'REACHED process ' + p.pid : 'no process';
  };
${Object.entries(ROUTES)
  .map(([name, expr]) => `  try { results[${JSON.stringify(name)}] = walk(${expr}); } catch (e) { results[${JSON.stringify(name)}] = 'blocked: ' + (e && e.name) + ': ' + (e && e.message); }`)
  .join('\n')}
  return results;
}
`;

/** `fnsync run` of the walks, once per code-generation mode. */
async function walks(options: string[]): Promise<Record<string, string>> {
  const dir = hostileProject({}, { 'h.js': handler, 'e.json': '{"type":"track","event":"x","userId":"u"}' });
  const { out } = await runHandler(dir, 'h.js', 'destination', ['--event', 'e.json', ...options]);
  expect(out.outcome).toBe('Success');
  return out.returned as Record<string, string>;
}

describe('without code generation (the default)', () => {
  let results: Record<string, string> = {};
  beforeAll(async () => {
    results = await walks([]);
  });
  it.each(Object.keys(ROUTES))('the constructor walk from %s reaches no process', (name) => {
    expect(results[name]).toBeDefined();
    expect(results[name]).not.toMatch(/REACHED/);
    expect(results[name]).toMatch(/^(blocked: EvalError: Code generation from strings disallowed|no Function|no process)/);
  });
});

describe('with allowCodeGeneration (what eval and _.template need)', () => {
  let results: Record<string, string> = {};
  beforeAll(async () => {
    results = await walks(['--option', 'allowCodeGeneration=true']);
  });
  it.each(Object.keys(ROUTES))('the constructor walk from %s compiles in the function\'s realm, which has no process', (name) => {
    expect(results[name]).toBeDefined();
    expect(results[name]).not.toMatch(/REACHED/);
  });

  it('_.template runs in the function\'s realm: no process there', async () => {
    const dir = hostileProject({}, { 'h.js': `async function onTrack() { return _.template('<%= typeof process %>/<%= typeof require %>')(); }`, 'e.json': '{"type":"track"}' });
    const { out } = await runHandler(dir, 'h.js', 'destination', ['--event', 'e.json', '--option', 'allowCodeGeneration=true']);
    expect(out.returned).toBe('undefined/undefined');
  });
});

describe('what the function gives fnsync', () => {
  it('a returned thenable is settled in the function\'s realm: its then() gets no fnsync function', async () => {
    const code = `async function onTrack() { return { then(resolve) { let r; try { const p = resolve.constructor.constructor('return typeof process')(); r = 'compiled: ' + p; } catch (e) { r = 'blocked: ' + e.name; } resolve(r); } }; }`;
    const dir = hostileProject({}, { 'h.js': code, 'e.json': '{"type":"track"}' });
    const { out } = await runHandler(dir, 'h.js', 'destination', ['--event', 'e.json']);
    expect(out.returned).toBe('blocked: EvalError');
  });

  it('a replaced Promise.prototype.then never receives fnsync\'s resolve functions', async () => {
    const code = `let found = 'nothing';
const realThen = Promise.prototype.then;
Promise.prototype.then = function (a, b) {
  for (const f of [a, b]) { try { if (typeof f === 'function') { const p = f.constructor.constructor('return typeof process === "object" ? process : undefined')(); if (p) found = 'REACHED'; } } catch (e) { if (found === 'nothing') found = 'blocked: ' + e.name; } }
  return realThen.call(this, a, b);
};
async function onTrack(event) { await null; return found; }`;
    const dir = hostileProject({}, { 'h.js': code, 'e.json': '{"type":"track"}' });
    const { out } = await runHandler(dir, 'h.js', 'destination', ['--event', 'e.json', '--option', 'allowCodeGeneration=true']);
    expect(out.returned).not.toMatch(/REACHED/);
  });

  it('Segment\'s methods and the request object of a source function stay in its realm', async () => {
    const code = `async function onRequest(request) {
  const out = [];
  for (const v of [Segment.track, Segment.identify({ userId: 'u' }), request, request.json, request.headers, request.url, request.json()]) {
    try { v.constructor.constructor('return process')(); out.push('compiled'); } catch (e) { out.push(e.name); }
  }
  Segment.track({ event: out.join(','), userId: 'u' });
}`;
    const dir = hostileProject({}, { 'h.js': code, 'r.json': JSON.stringify({ headers: { 'content-type': 'application/json' }, body: '{"a":1}' }) });
    const { out } = await runHandler(dir, 'h.js', 'source', ['--request', 'r.json']);
    const messages = out.messages as { event: string }[];
    expect(messages.at(-1)!.event).toBe(Array(7).fill('EvalError').join(','));
  });
});

describe('loading', () => {
  it('a handler file containing import() is refused before it runs, at the line of the call', async () => {
    const dir = hostileProject({}, { 'h.js': `async function onTrack() {\n  return import('node:fs').catch((e) => e.constructor.constructor('return process')().pid);\n}\n`, 'e.json': '{"type":"track"}' });
    const { cli } = await runCli(['run', 'h.js', '--type', 'destination', '--event', 'e.json'], { cwd: dir }).then((cli) => ({ cli }));
    expect(cli.code).toBe(1);
    expect(cli.stderr).toContain('h.js:2:10: SyntaxError: import() is not available in Segment functions');
  });
});

describe("values Node itself creates in fnsync's realm", () => {
  const walk = `(e) => { try { const p = e.constructor.constructor('return process')(); return 'REACHED ' + p.pid; } catch (x) { return 'blocked'; } }`;

  it('the error of an import() in code generated at run time leads to no Function of fnsync\'s realm', async () => {
    const code = `async function onTrack() { let e; try { await (new Function('return import("node:fs")'))(); } catch (x) { e = x; } return (${walk})(e); }`;
    const dir = hostileProject({}, { 'h.js': code, 'e.json': '{"type":"track"}' });
    const { out } = await runHandler(dir, 'h.js', 'destination', ['--event', 'e.json', '--option', 'allowCodeGeneration=true']);
    expect(out.returned).toBe('blocked');
  });

  it('the error of an import() inside a declared SDK leads to no Function of fnsync\'s realm', async () => {
    const dir = hostileProject({}, {
      'package.json': JSON.stringify({ name: 'p', dependencies: { 'aws-sdk': '2.488.0' } }),
      'node_modules/aws-sdk/package.json': JSON.stringify({ name: 'aws-sdk', version: '2.488.0', main: 'index.js' }),
      'node_modules/aws-sdk/index.js': `module.exports = { tryImport: () => import('node:fs').then(() => 'imported', (e) => (${walk})(e)) };`,
      'h.js': `async function onTrack() { return AWS.tryImport(); }`,
      'e.json': '{"type":"track"}',
    });
    const { out } = await runHandler(dir, 'h.js', 'destination', ['--event', 'e.json']);
    expect(out.returned).toBe('blocked');
  });
});

describe('import() outside the handler file', () => {
  it('code generated at run time cannot contain import(): Function, the function constructors, eval and _.template refuse it', async () => {
    const code = `async function onTrack() {
  const tries = [() => new Function('return import("x")'), () => (async function () {}).constructor('return import("x")'), () => (function* () {}).constructor('import("x")'), () => eval('import("x")'), () => _.template('<% import("x") %>')];
  const out = tries.map((t) => { try { t(); return 'compiled'; } catch (e) { return e instanceof SyntaxError ? 'SyntaxError' : 'other ' + e; } });
  out.push(new Function('a', 'b', 'return a + b')(1, 2), eval('1 + 1'), _.template('<%= a %>!')({ a: 'ok' }));
  return out;
}`;
    const dir = hostileProject({}, { 'h.js': code, 'e.json': '{"type":"track"}' });
    const { out } = await runHandler(dir, 'h.js', 'destination', ['--event', 'e.json', '--option', 'allowCodeGeneration=true']);
    expect(out.returned).toEqual(['SyntaxError', 'SyntaxError', 'SyntaxError', 'SyntaxError', 'SyntaxError', 3, 2, 'ok!']);
  });

  it('a source that answers differently each time it is read is checked and compiled as the same text', async () => {
    // The check must see exactly what is compiled: an object whose toString changes, in the body or a parameter,
    // for each constructor; and Array.prototype's methods or index accessors replaced before the call.
    const code = `async function onTrack() {
  const flip = (first, then) => { let n = 0; return { toString() { n++; return n === 1 ? first : then; } }; };
  const kinds = [Function, (async function () {}).constructor, (function* () {}).constructor, (async function* () {}).constructor];
  const out = [];
  for (const K of kinds) {
    for (const make of [() => K(flip('return 1', 'return import("x")')), () => K(flip('a', 'a = import("x")'), 'return a'), () => new K(flip('return 1', 'return import("x")'))]) {
      try { const f = make(); out.push(String(f).includes('import') ? 'COMPILED IMPORT' : 'benign'); } catch (e) { out.push(e.name); }
    }
  }
  const join = Array.prototype.join, slice = Array.prototype.slice, push = Array.prototype.push;
  Array.prototype.join = function () { return 'return 1'; };
  Array.prototype.slice = function () { return ['return 1']; };
  Array.prototype.push = function () { return 0; };
  let stored;
  Object.defineProperty(Array.prototype, '0', { configurable: true, set(v) { stored = v; }, get() { return stored === undefined ? undefined : (stored = 'return import("x")', 'return 1'); } });
  const add = (v) => { out[out.length] = v; };
  try { const f = Function('return 1 + 1'); add(String(f())); add(String(f).includes('import') ? 'COMPILED IMPORT' : 'benign'); } catch (e) { add(e.name); }
  try { Function('return import("x")'); add('COMPILED IMPORT'); } catch (e) { add(e.name); }
  delete Array.prototype[0];
  Object.assign(Array.prototype, { join, slice, push });
  return out;
}`;
    const dir = hostileProject({}, { 'h.js': code, 'e.json': '{"type":"track"}' });
    const { out } = await runHandler(dir, 'h.js', 'destination', ['--event', 'e.json', '--option', 'allowCodeGeneration=true']);
    const returned = out.returned as string[];
    expect(returned).toHaveLength(15);
    expect(returned).not.toContain('COMPILED IMPORT');
    // What the check saw first is what was compiled: the benign text, each time.
    expect(returned.slice(0, 12)).toEqual(Array(12).fill('benign'));
    expect(returned.slice(12)).toEqual(['2', 'benign', 'SyntaxError']);
  });

  it('code too deeply nested for the import() check is refused, not let through (handler, generated code, library)', async () => {
    const pad = `${'('.repeat(3000)}1${')'.repeat(3000)}`;
    const handlerDir = hostileProject({}, { 'h.js': `async function onTrack() {\n  let z = ${pad};\n  try { await import('x'); return 'imported'; } catch (e) { return 'caught'; }\n}\n`, 'e.json': '{"type":"track"}' });
    const handler = await runCli(['run', 'h.js', '--type', 'destination', '--event', 'e.json'], { cwd: handlerDir });
    expect(handler.code).toBe(1);
    expect(handler.stdout + handler.stderr).toMatch(/import\(\) is not available in Segment functions/);
    const generated = hostileProject({}, { 'h.js': `async function onTrack() { try { new Function(${JSON.stringify(`let z = ${pad}; return import('x');`)}); return 'compiled'; } catch (e) { return e.name; } }`, 'e.json': '{"type":"track"}' });
    const gen = await runHandler(generated, 'h.js', 'destination', ['--event', 'e.json', '--option', 'allowCodeGeneration=true']);
    expect(gen.out.returned).toBe('SyntaxError');
    const library = hostileProject({}, {
      'package.json': JSON.stringify({ name: 'p', dependencies: { 'aws-sdk': '2.488.0' } }),
      'node_modules/aws-sdk/package.json': JSON.stringify({ name: 'aws-sdk', version: '2.488.0', main: 'index.js' }),
      'node_modules/aws-sdk/index.js': `const z = ${pad};\nmodule.exports = { go: () => import('node:fs') };\n`,
      'h.js': `async function onTrack() { try { return typeof AWS.go; } catch (e) { return e.message; } }`,
      'e.json': '{"type":"track"}',
    });
    const lib = await runHandler(library, 'h.js', 'destination', ['--event', 'e.json']);
    expect(lib.out.returned).toMatch(/could not be checked for import\(\) calls/);
  });

  it("a library's import() rejects with an error of the function's own realm", async () => {
    const dir = hostileProject({}, {
      'package.json': JSON.stringify({ name: 'p', dependencies: { 'aws-sdk': '2.488.0' } }),
      'node_modules/aws-sdk/package.json': JSON.stringify({ name: 'aws-sdk', version: '2.488.0', main: 'index.js' }),
      'node_modules/aws-sdk/index.js': `module.exports = { tryImport: () => import('node:fs').then(() => 'imported', (e) => e) };`,
      'h.js': `async function onTrack() { const e = await AWS.tryImport(); return [e instanceof Error, Object.getPrototypeOf(Object.getPrototypeOf(e)) === Object.prototype, e.message]; }`,
      'e.json': '{"type":"track"}',
    });
    const { out } = await runHandler(dir, 'h.js', 'destination', ['--event', 'e.json']);
    expect(out.returned).toEqual([true, true, "import() is not available in Segment functions (import of 'node:fs')"]);
  });
});

describe('heavy SDKs', () => {
  it('a file committed beside the handler as node_modules/aws-sdk is never loaded', async () => {
    const dir = hostileProject({}, {
      'functions/f/h.js': `async function onTrack() { try { return typeof AWS.planted; } catch (e) { return e.message; } }`,
      'functions/f/node_modules/aws-sdk/package.json': JSON.stringify({ name: 'aws-sdk', version: '2.488.0', main: 'index.js' }),
      'functions/f/node_modules/aws-sdk/index.js': `module.exports = { planted: 'loaded the planted file' };`,
      'e.json': '{"type":"track"}',
    });
    const { out } = await runHandler(dir, 'functions/f/h.js', 'destination', ['--event', 'e.json']);
    expect(out.returned).toBe('AWS requires aws-sdk@2.488.0: run npm install aws-sdk@2.488.0');
  });
});
