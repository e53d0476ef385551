// `net`, `tls` and `dns` as libraries inside a function's realm see them: every connection attempt is recorded
// and refused (fnsync can answer HTTP from fixture mocks, not raw sockets), and nothing can listen.
'use strict';
const { refusedSocket, noServers } = require('fnsync:http-client');
const { setTimeout } = require('timers');

const target = (scheme, a, b) => {
  const o = a && typeof a === 'object' ? a : { port: a, host: b };
  return `${scheme}://${o.host || o.hostname || o.path || 'localhost'}${o.port ? `:${o.port}` : ''}`;
};
const connector = (scheme) =>
  function connect(a, b, c) {
    const { socket } = refusedSocket(target(scheme, a, typeof b === 'string' ? b : undefined));
    const callback = [a, b, c].find((x) => typeof x === 'function');
    if (callback) socket.once('connect', callback);
    return socket;
  };
function Socket() {
  const { socket } = refusedSocket('tcp://(new net.Socket)');
  socket.connect = connector('tcp');
  return socket;
}
const ipv4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const isIPv4 = (s) => ipv4.test(String(s));
const isIPv6 = (s) => /^[0-9a-f:.]+$/i.test(String(s)) && String(s).includes(':');

// `tls` is this module with its connections labelled tls:// (js/tls.js).
module.exports = {
  connector,
  connect: connector('tcp'),
  createConnection: connector('tcp'),
  Socket,
  Stream: Socket,
  TLSSocket: Socket,
  createServer: () => {
    throw noServers();
  },
  Server: function Server() {
    throw noServers();
  },
  isIP: (s) => (isIPv4(s) ? 4 : isIPv6(s) ? 6 : 0),
  isIPv4,
  isIPv6,
  // tls
  createSecureContext: () => ({}),
  checkServerIdentity: () => undefined,
  DEFAULT_MIN_VERSION: 'TLSv1.2',
  DEFAULT_MAX_VERSION: 'TLSv1.3',
  // dns
  lookup: (hostname, options, callback) => {
    const cb = typeof options === 'function' ? options : callback;
    const err = new Error(`getaddrinfo ENOTFOUND ${hostname}: name lookups are not available to functions in fnsync`);
    err.code = 'ENOTFOUND';
    if (typeof cb === 'function') setTimeout(() => cb(err), 0);
  },
};
