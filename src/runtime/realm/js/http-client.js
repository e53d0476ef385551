// Node's http/https client inside a function's realm. A request is collected in the realm and handed whole to
// fnsync's exchange (network-exchange.ts), which records it and answers it from the fixture mocks (or the network,
// in `fnsync run --allow-network`); the answer comes back as an IncomingMessage of this realm. Servers and raw
// connections do not exist for function code: listening throws, and an agent's sockets are refused and recorded.
'use strict';
const host = __fnsync_host__;
const { Buffer } = require('buffer');
const { Readable, Writable } = require('stream');
const EventEmitter = require('events');
const { setTimeout } = require('timers');

const STATUS_CODES = JSON.parse(host.httpStatusCodes());
const METHODS = ['ACL', 'BIND', 'CHECKOUT', 'CONNECT', 'COPY', 'DELETE', 'GET', 'HEAD', 'LINK', 'LOCK', 'M-SEARCH', 'MERGE', 'MKACTIVITY', 'MKCALENDAR', 'MKCOL', 'MOVE', 'NOTIFY', 'OPTIONS', 'PATCH', 'POST', 'PROPFIND', 'PROPPATCH', 'PURGE', 'PUT', 'REBIND', 'REPORT', 'SEARCH', 'SOURCE', 'SUBSCRIBE', 'TRACE', 'UNBIND', 'UNLINK', 'UNLOCK', 'UNSUBSCRIBE'];

const noServers = () => {
  const err = new Error('functions cannot listen on a port: Segment runs them behind its own endpoint, and fnsync has no server for them');
  err.code = 'ERR_NOT_AVAILABLE';
  return err;
};

/** The socket-like object an agent hands out: it never connects (net.js records the attempt). */
const refusedSocket = (target) => {
  const reason = host.refuseSocket(target);
  const socket = new EventEmitter();
  Object.assign(socket, { destroyed: false, connecting: true, remoteAddress: undefined, setTimeout: () => socket, setNoDelay: () => socket, setKeepAlive: () => socket, ref: () => socket, unref: () => socket, write: () => false, end: () => socket });
  socket.destroy = (err) => {
    socket.destroyed = true;
    if (err) socket.emit('error', err);
    socket.emit('close', true);
    return socket;
  };
  const err = new Error(`connect ${target} failed: ${reason}`);
  err.code = 'ENOSOCKET';
  setTimeout(() => socket.destroy(err), 0);
  return { socket, err };
};

class Agent extends EventEmitter {
  constructor(options) {
    super();
    this.options = { ...options };
    this.defaultPort = 80;
    this.protocol = 'http:';
    this.keepAlive = Boolean(options && options.keepAlive);
    this.maxSockets = (options && options.maxSockets) || Infinity;
    this.sockets = {};
    this.freeSockets = {};
    this.requests = {};
  }
  createConnection(options, callback) {
    const o = options || {};
    const { socket, err } = refusedSocket(`${this.protocol === 'https:' ? 'tls' : 'tcp'}://${o.host || o.hostname || 'localhost'}:${o.port || this.defaultPort}`);
    if (typeof callback === 'function') setTimeout(() => callback(err), 0);
    return socket;
  }
  destroy() {}
  getName(options) {
    const o = options || {};
    return `${o.host || 'localhost'}:${o.port || ''}:${o.localAddress || ''}`;
  }
}

class IncomingMessage extends Readable {
  constructor(reply) {
    super();
    this.statusCode = reply.status;
    this.statusMessage = reply.statusText || STATUS_CODES[reply.status] || '';
    this.httpVersion = '1.1';
    this.httpVersionMajor = 1;
    this.httpVersionMinor = 1;
    this.rawHeaders = [];
    this.headers = {};
    for (const [name, value] of reply.headers || []) {
      this.rawHeaders.push(name, value);
      const key = name.toLowerCase();
      if (key === 'set-cookie') (this.headers[key] = this.headers[key] || []).push(value);
      else this.headers[key] = key in this.headers ? `${this.headers[key]}, ${value}` : value;
    }
    this.trailers = {};
    this.rawTrailers = [];
    this.url = '';
    this.method = null;
    this.complete = false;
    this.aborted = false;
    this.socket = null;
    this._body = Buffer.from(reply.body || '', 'latin1');
  }
  _read() {
    if (this._body) {
      const body = this._body;
      this._body = undefined;
      if (body.length > 0) this.push(body);
      this.complete = true;
      this.push(null);
    }
  }
  setTimeout() {
    return this;
  }
}

const headerValue = (value) => (Array.isArray(value) ? value.join(', ') : String(value));

class ClientRequest extends Writable {
  #chunks = [];
  #headers = new Map();
  #url;
  #library;
  #aborted = false;
  constructor(protocol, url, options, callback) {
    super();
    this.#library = protocol === 'https:' ? 'https' : 'http';
    this.#url = url;
    this.method = String(options.method || 'GET').toUpperCase();
    this.path = options.path || '/';
    this.host = options.hostname || options.host || 'localhost';
    this.protocol = protocol;
    this.reusedSocket = false;
    this.headersSent = false;
    this.aborted = false;
    this.socket = null;
    for (const [name, value] of Object.entries(options.headers || {})) this.setHeader(name, value);
    if (options.auth && !this.hasHeader('authorization')) this.setHeader('Authorization', `Basic ${Buffer.from(String(options.auth)).toString('base64')}`);
    if (typeof callback === 'function') this.once('response', callback);
    this.once('finish', () => this.#send());
  }
  setHeader(name, value) {
    this.#headers.set(String(name).toLowerCase(), [String(name), headerValue(value)]);
    return this;
  }
  getHeader(name) {
    const hit = this.#headers.get(String(name).toLowerCase());
    return hit ? hit[1] : undefined;
  }
  getHeaders() {
    const out = {};
    for (const [key, [, value]] of this.#headers) out[key] = value;
    return out;
  }
  getHeaderNames() {
    return [...this.#headers.keys()];
  }
  hasHeader(name) {
    return this.#headers.has(String(name).toLowerCase());
  }
  removeHeader(name) {
    this.#headers.delete(String(name).toLowerCase());
  }
  flushHeaders() {}
  setNoDelay() {}
  setSocketKeepAlive() {}
  setTimeout(ms, callback) {
    if (typeof callback === 'function') this.once('timeout', callback);
    return this;
  }
  abort() {
    this.destroy();
  }
  _write(chunk, encoding, callback) {
    this.#chunks.push(typeof chunk === 'string' ? Buffer.from(chunk, encoding) : Buffer.from(chunk));
    callback();
  }
  _destroy(err, callback) {
    this.#aborted = true;
    this.aborted = true;
    callback(err);
  }
  #send() {
    this.headersSent = true;
    const body = this.#chunks.length > 0 ? Buffer.concat(this.#chunks).toString('latin1') : undefined;
    const headers = {};
    for (const [key, [, value]] of this.#headers) headers[key] = value;
    const spec = JSON.stringify({ library: this.#library, method: this.method, url: this.#url, headers, body });
    host.exchange(spec, (replyText) => {
      if (this.#aborted) return;
      const reply = JSON.parse(replyText);
      if (reply.error) {
        const err = new Error(reply.error.message);
        err.code = reply.error.code;
        this.emit('error', err);
        return;
      }
      const res = new IncomingMessage(reply);
      res.req = this;
      this.res = res;
      if (!this.emit('response', res)) res.resume();
      res.once('end', () => this.emit('close'));
    });
  }
}

/** `http.request` / `https.request` argument handling: (url[, options][, callback]) or (options[, callback]). */
function createRequest(protocol, defaultPort, a, b, c) {
  let options;
  let callback;
  if (typeof a === 'string' || (a && typeof a === 'object' && typeof a.href === 'string' && typeof a.searchParams === 'object')) {
    const u = new (require('fnsync:url').URL)(String(a));
    options = { protocol: u.protocol, hostname: u.hostname, port: u.port, path: `${u.pathname}${u.search}` };
    if (u.username || u.password) options.auth = `${decodeURIComponent(u.username)}:${decodeURIComponent(u.password)}`;
    if (typeof b === 'function') callback = b;
    else {
      options = { ...options, ...b };
      callback = c;
    }
  } else {
    options = { ...a };
    callback = b;
  }
  const proto = options.protocol || protocol;
  if (proto !== protocol) {
    const err = new TypeError(`Protocol "${proto}" not supported. Expected "${protocol}"`);
    err.code = 'ERR_INVALID_PROTOCOL';
    throw err;
  }
  let hostname = options.hostname || options.host || 'localhost';
  let port = options.port;
  if (!options.hostname && typeof options.host === 'string' && /:\d+$/.test(options.host) && !options.host.startsWith('[')) {
    [hostname, port] = [options.host.replace(/:\d+$/, ''), port || options.host.split(':').pop()];
  }
  const portText = port && Number(port) !== defaultPort ? `:${port}` : '';
  const url = `${protocol}//${hostname}${portText}${options.path || '/'}`;
  return new ClientRequest(protocol, url, options, callback);
}

/** The module object for `http` or `https`. */
function httpModule(protocol) {
  const defaultPort = protocol === 'https:' ? 443 : 80;
  class ProtocolAgent extends Agent {
    constructor(options) {
      super(options);
      this.defaultPort = defaultPort;
      this.protocol = protocol;
    }
  }
  const request = (a, b, c) => createRequest(protocol, defaultPort, a, b, c);
  return {
    Agent: ProtocolAgent,
    globalAgent: new ProtocolAgent(),
    ClientRequest,
    IncomingMessage,
    METHODS: METHODS.slice(),
    STATUS_CODES: { ...STATUS_CODES },
    request,
    get: (a, b, c) => {
      const req = request(a, b, c);
      req.end();
      return req;
    },
    createServer: () => {
      throw noServers();
    },
    Server: function Server() {
      throw noServers();
    },
    maxHeaderSize: 16384,
    validateHeaderName: () => undefined,
    validateHeaderValue: () => undefined,
  };
}

module.exports = { httpModule, refusedSocket, noServers };
