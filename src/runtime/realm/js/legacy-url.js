// Node's `url` module as libraries inside a function's realm see it (node-fetch, form-data and oauth use the
// legacy url.parse/format/resolve): parsed by fnsync's own `node:url` (url-bridge.ts), returned as this realm's
// objects; `URL` and `URLSearchParams` are the realm's own (js/url.js).
'use strict';
const host = __fnsync_host__;
const { URL, URLSearchParams } = require('fnsync:url');

function Url() {
  this.protocol = null;
  this.slashes = null;
  this.auth = null;
  this.host = null;
  this.port = null;
  this.hostname = null;
  this.hash = null;
  this.search = null;
  this.query = null;
  this.pathname = null;
  this.path = null;
  this.href = null;
}
const toUrl = (json) => Object.assign(new Url(), JSON.parse(json));
const fields = (obj) => {
  if (obj instanceof URL) return { href: obj.href };
  const out = {};
  for (const key of ['protocol', 'slashes', 'auth', 'host', 'port', 'hostname', 'hash', 'search', 'query', 'pathname', 'path', 'href']) {
    const v = obj[key];
    if (v !== undefined) out[key] = v !== null && typeof v === 'object' ? { ...v } : v;
  }
  return out;
};

module.exports = {
  Url,
  parse: (text, parseQueryString, slashesDenoteHost) => (text instanceof Url ? text : toUrl(host.legacyUrlParse(String(text), parseQueryString === true, slashesDenoteHost === true))),
  format: (obj) => (typeof obj === 'string' ? host.legacyUrlFormat(JSON.stringify({ href: undefined, string: obj })) : host.legacyUrlFormat(JSON.stringify(fields(obj)))),
  resolve: (from, to) => host.legacyUrlResolve(String(from), String(to)),
  resolveObject: (from, to) => toUrl(host.legacyUrlParse(host.legacyUrlResolve(typeof from === 'string' ? from : module.exports.format(from), String(to)), false, false)),
  URL,
  URLSearchParams,
  domainToASCII: (domain) => host.domainToASCII(String(domain)),
  domainToUnicode: (domain) => host.domainToUnicode(String(domain)),
};
