// `fetch`, `Headers`, `Request`, `Response` inside a function's realm: node-fetch 2.6.0 (what Segment injects),
// evaluated in this realm, with `fetch` itself answered through fnsync's exchange (network-exchange.ts), which
// records every request and answers it from the fixture mocks.
'use strict';
const host = __fnsync_host__;
const { Buffer } = require('buffer');
const nodeFetch = require('node-fetch');
const { Headers, Request, Response, FetchError } = nodeFetch;

const headersRecord = (headers) => {
  const out = {};
  headers.forEach((value, name) => (out[name] = value));
  return out;
};

async function fetch(input, init) {
  const req = new Request(input, init);
  // node-fetch checks these when it sends, before any I/O; same errors here.
  if (!/^[a-z][a-z0-9+.-]*:\/\/[^/]/i.test(req.url)) throw new TypeError('Only absolute URLs are supported');
  if (!/^https?:/i.test(req.url)) throw new TypeError('Only HTTP(S) protocols are supported');
  const body = Buffer.from(await req.arrayBuffer());
  const spec = JSON.stringify({ library: 'fetch', method: req.method, url: req.url, headers: headersRecord(req.headers), body: body.length > 0 ? body.toString('latin1') : undefined });
  const reply = await new Promise((resolve) => host.exchange(spec, (text) => resolve(JSON.parse(text))));
  if (reply.error) throw new FetchError(`request to ${req.url} failed, reason: ${reply.error.message}`, 'system', { code: reply.error.code });
  const headers = new Headers();
  for (const [name, value] of reply.headers) headers.append(name, value);
  return new Response(Buffer.from(reply.body, 'latin1'), { status: reply.status, statusText: reply.statusText, headers, url: reply.url });
}

module.exports = { fetch, Headers, Request, Response, FetchError };
