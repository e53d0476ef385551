// `console` inside a function's realm: every call is formatted and kept by fnsync (host.log) as the current
// invocation's log, never written to fnsync's own output.
'use strict';
const host = __fnsync_host__;
const log = host.log;
const line = (level) =>
  function (...args) {
    log(level, args);
  };
module.exports = {
  log: line('log'),
  info: line('info'),
  warn: line('warn'),
  error: line('error'),
  debug: line('debug'),
  trace: line('debug'),
};
