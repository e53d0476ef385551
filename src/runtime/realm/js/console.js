// `console` inside a function's realm: every call is formatted and kept by fnsync (host.log) as the current
// invocation's log, never written to fnsync's own output.
'use strict';
const host = __fnsync_host__;
const log = host.log;
// Node prints a Buffer as `<Buffer 01 02>` through its inspect hook, which fnsync does not call (format-log.ts):
// the realm's Buffer gives the same text itself.
const shown = (arg) => (arg instanceof Uint8Array && arg.constructor && arg.constructor.name === 'Buffer' && typeof arg.inspect === 'function' ? arg.inspect() : arg);
const line = (level) =>
  function (...args) {
    // With a format string (`'%s'`), the placeholders decide how a Buffer is shown, as in Node.
    log(level, typeof args[0] === 'string' && args[0].includes('%') ? args : args.map(shown));
  };
module.exports = {
  log: line('log'),
  info: line('info'),
  warn: line('warn'),
  error: line('error'),
  debug: line('debug'),
  trace: line('debug'),
};
