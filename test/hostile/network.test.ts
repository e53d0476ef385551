// Hostile handlers against the network promise: in `fnsync test` every HTTP library is answered by the fixture
// mocks or fails the case, in `fnsync run` nothing leaves without --allow-network, every attempt is recorded
// whichever library made it, raw sockets are refused and nothing can listen. A loopback listener counts every
// TCP connection, so an attempt that slipped past the recorder would still show.
import { describe, expect, it } from 'vitest';
import { hostileProject, runHandler, testProject, useListener } from './harness.js';

const listener = useListener();

/** Each way a handler can open a connection, as a statement settling when the attempt has finished. */
const ATTEMPTS: Record<string, (url: string, port: number) => string> = {
  'form-data': (url) => `const fd = new FormData(); fd.append('a', 'b'); await new Promise((res) => fd.submit('${url}/upload', (err, r) => { if (r) r.resume(); res(err ? err.message : 'status ' + r.statusCode); }));`,
  'oauth2': (url) => `await new Promise((res) => new OAuth.OAuth2('id', 'secret', '${url}/', null, 'token').getOAuthAccessToken('code', {}, (err) => res(err)));`,
  'oauth1': (url) => `await new Promise((res) => new OAuth.OAuth('${url}/req', '${url}/acc', 'key', 'secret', '1.0', null, 'HMAC-SHA1').get('${url}/resource', 't', 's', (err) => res(err)));`,
  'https.request': (_url, port) => `await new Promise((res) => { const r = https.request({ host: '127.0.0.1', port: ${port}, path: '/x', method: 'POST' }, (m) => { m.resume(); res(m.statusCode); }); r.on('error', (e) => res(e.message)); r.end('body'); });`,
  'https.get': (_url, port) => `await new Promise((res) => https.get('https://127.0.0.1:${port}/get', (m) => { m.resume(); res(m.statusCode); }).on('error', (e) => res(e.message)));`,
  'https.globalAgent.createConnection': (_url, port) => `await new Promise((res) => { const s = https.globalAgent.createConnection({ host: '127.0.0.1', port: ${port} }); s.on('error', (e) => res(e.message)); s.on('connect', () => res('connected')); });`,
  'new https.Agent().createConnection': (_url, port) => `await new Promise((res) => new https.Agent().createConnection({ host: '127.0.0.1', port: ${port} }, (e) => res(e && e.message)));`,
  fetch: (url) => `await fetch('${url}/fetch').then((r) => r.status, (e) => e.message);`,
};

const handlerFor = (body: string) => `async function onTrack(event) { ${body} return 'done'; }\n`;

describe('fnsync run without --allow-network', () => {
  it.each(Object.keys(ATTEMPTS))('a request made with %s never reaches the network and is recorded', async (name) => {
    const dir = hostileProject({}, { 'h.js': handlerFor(ATTEMPTS[name]!(listener.url, listener.port)), 'e.json': '{"type":"track","event":"x","userId":"u"}' });
    const before = listener.connections();
    const { out } = await runHandler(dir, 'h.js', 'destination', ['--event', 'e.json']);
    expect(out.outcome).toBe('Success');
    expect(listener.connections()).toBe(before);
    const requests = out.requests as { url: string; error?: string; mockIndex?: number }[];
    expect(requests.length).toBeGreaterThan(0);
    for (const r of requests) {
      expect(r.url).toContain(`127.0.0.1:${listener.port}`);
      expect(r.error).toMatch(/failed, reason: (no mock matched and the network is off|raw sockets are not available)/);
    }
  });

  it('no handler can listen on a port', async () => {
    const dir = hostileProject({}, {
      'h.js': handlerFor(`const s = []; for (const make of [() => https.createServer().listen(0), () => new https.Server(), () => https.createServer]) { try { const v = make(); s.push(typeof v); } catch (e) { s.push(e.message); } } return s;`.replace('return s;', 'event.s = s; return event;')),
      'e.json': '{"type":"track"}',
    });
    const { out } = await runHandler(dir, 'h.js', 'insert-destination', ['--event', 'e.json']);
    const seen = (out.returned as { s: string[] }).s;
    expect(seen.slice(0, 2)).toEqual([expect.stringMatching(/cannot listen on a port/), expect.stringMatching(/cannot listen on a port/)]);
  });
});

describe('fnsync run --allow-network', () => {
  it.each(['form-data', 'oauth2', 'https.request', 'fetch'])('a request made with %s reaches the network through the recorder', async (name) => {
    // https:// to a plain TCP listener fails the TLS handshake, so the http:// forms are used where a library allows it.
    const code = name === 'https.request' ? `await new Promise((res) => { const r = https.request({ host: '127.0.0.1', port: ${listener.port}, path: '/x' }, (m) => { m.resume(); res(m.statusCode); }); r.on('error', (e) => res(e.message)); r.end(); });` : ATTEMPTS[name]!(listener.url, listener.port);
    const dir = hostileProject({}, { 'h.js': handlerFor(code), 'e.json': '{"type":"track"}' });
    const before = listener.connections();
    const { out } = await runHandler(dir, 'h.js', 'destination', ['--event', 'e.json', '--allow-network']);
    expect(listener.connections()).toBeGreaterThan(before);
    const requests = out.requests as { url: string }[];
    expect(requests.length).toBeGreaterThan(0);
    expect(requests[0]!.url).toContain(`127.0.0.1:${listener.port}`);
  });

  it('raw sockets stay refused even with --allow-network', async () => {
    const dir = hostileProject({}, { 'h.js': handlerFor(ATTEMPTS['https.globalAgent.createConnection']!(listener.url, listener.port)), 'e.json': '{"type":"track"}' });
    const before = listener.connections();
    const { out } = await runHandler(dir, 'h.js', 'destination', ['--event', 'e.json', '--allow-network']);
    expect(listener.connections()).toBe(before);
    expect((out.requests as { method: string }[])[0]!.method).toBe('CONNECT');
  });
});

describe('sockets inside libraries', () => {
  it("a library's tls.connect is refused and recorded as a tls:// connection", async () => {
    const dir = hostileProject({}, {
      'package.json': JSON.stringify({ name: 'p', dependencies: { stripe: '8.115.0' } }),
      'node_modules/stripe/package.json': JSON.stringify({ name: 'stripe', version: '8.115.0', main: 'index.js' }),
      'node_modules/stripe/index.js': `module.exports = () => new Promise((res) => require('tls').connect(${listener.port}, '127.0.0.1').on('error', (e) => res(e.message)));`,
      'h.js': handlerFor('event.r = await stripe();').replace("return 'done';", 'return event.r;'),
      'e.json': '{"type":"track"}',
    });
    const before = listener.connections();
    const { out } = await runHandler(dir, 'h.js', 'destination', ['--event', 'e.json', '--allow-network']);
    expect(listener.connections()).toBe(before);
    expect(out.requests).toEqual([expect.objectContaining({ method: 'CONNECT', url: `tls://127.0.0.1:${listener.port}` })]);
  });
});

describe('fnsync test', () => {
  const mocked = (url: string) => `
cases:
  - name: every library is answered by the same mock
    event: { type: track, event: x, userId: u }
    http:
      - { urlPattern: "^${url.replace(/\./g, '\\\\.')}/", status: 201, body: { ok: true }, repeat: 0 }
    expect:
      outcome: Success
      returned: [201, 201, 201, "token-from-mock"]
`;

  it('fixture mocks answer form-data, oauth, https and fetch alike, and nothing reaches the network', async () => {
    const code = `async function onTrack() {
      const fd = new FormData(); fd.append('a', 'b');
      const viaForm = await new Promise((res) => fd.submit('${listener.url}/upload', (err, r) => res(err ? err.message : r.statusCode)));
      const viaHttp = await fetch('${listener.url}/f').then((r) => r.status);
      const viaHttps = await new Promise((res) => https.get('${listener.url.replace('http:', 'https:')}/h', (m) => res(m.statusCode)).on('error', (e) => res(e.message)));
      const token = await new Promise((res) => new OAuth.OAuth2('id', 'secret', '${listener.url}/', null, 'token').getOAuthAccessToken('code', {}, (err, access) => res(err ? JSON.stringify(err) : access || 'token-from-mock')));
      return [viaForm, viaHttp, viaHttps, token];
    }`;
    const dir = hostileProject({ all: { type: 'destination', code, fixtures: { 'all.yaml': mocked(`http://127.0.0.1:${listener.port}`).replace('urlPattern: "^http://', 'urlPattern: "^https?://') } } });
    const before = listener.connections();
    const { report } = await testProject(dir);
    expect(report.functions[0]!.cases[0]).toMatchObject({ status: 'passed' });
    expect(listener.connections()).toBe(before);
  });

  it('an unmocked attempt from any library fails the case and is printed, even when the function catches it', async () => {
    const attempts = ['form-data', 'oauth2', 'https.request', 'https.globalAgent.createConnection'];
    const code = `async function onTrack(event) { const which = event.event; ${attempts.map((a) => `if (which === '${a}') { ${ATTEMPTS[a]!(listener.url, listener.port)} }`).join(' ')} return 'caught'; }`;
    const fixture = `cases:\n${attempts.map((a) => `  - name: ${a}\n    event: { type: track, event: "${a}" }\n    expect: { returned: caught }\n`).join('')}`;
    const dir = hostileProject({ unmocked: { type: 'destination', code, fixtures: { 'u.yaml': fixture } } });
    const before = listener.connections();
    const { cli, report } = await testProject(dir);
    expect(cli.code).toBe(1);
    expect(listener.connections()).toBe(before);
    const cases = report.functions[0]!.cases;
    expect(cases.map((c) => c.status)).toEqual(attempts.map(() => 'failed'));
    for (const c of cases) expect(c.failures.map((f) => f.section)).toContain('unmocked-request');
    expect(cli.stderr).toContain(`127.0.0.1:${listener.port}`);
  });
});
