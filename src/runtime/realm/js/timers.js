// `setTimeout` and friends for one instance (module `fnsync:timers`, also the globals). The clock lives in fnsync
// (host.timerStart): a timer started during an invocation is cancelled when that invocation ends, one started
// while the code loads lives as long as the instance, as on Segment's warm instances.
'use strict';
const host = __fnsync_host__;
const apply = Reflect.apply;
const start = host.timerStart;
const stop = host.timerStop;
const refresh = host.timerRefresh;

class Timeout {
  #id;
  #ref = true;
  constructor(id) {
    this.#id = id;
  }
  ref() {
    this.#ref = true;
    return this;
  }
  unref() {
    this.#ref = false;
    return this;
  }
  hasRef() {
    return this.#ref;
  }
  refresh() {
    refresh(this.#id);
    return this;
  }
  close() {
    stop(this.#id);
    return this;
  }
  [Symbol.toPrimitive]() {
    return this.#id;
  }
  static idOf(value) {
    return value instanceof Timeout ? value.#id : typeof value === 'number' ? value : undefined;
  }
}
class Immediate extends Timeout {}

const schedule = (Kind, callback, ms, repeat, args) => {
  if (typeof callback !== 'function') {
    const err = new TypeError(`The "callback" argument must be of type function. Received ${callback === null ? 'null' : typeof callback}`);
    err.code = 'ERR_INVALID_ARG_TYPE';
    throw err;
  }
  const delay = Number(ms);
  return new Kind(start(() => apply(callback, undefined, args), delay >= 1 && delay <= 2147483647 ? delay : 1, repeat));
};
const clear = (value) => {
  const id = Timeout.idOf(value);
  if (id !== undefined) stop(id);
};

module.exports = {
  setTimeout: function setTimeout(callback, ms, ...args) {
    return schedule(Timeout, callback, ms, false, args);
  },
  setInterval: function setInterval(callback, ms, ...args) {
    return schedule(Timeout, callback, ms, true, args);
  },
  setImmediate: function setImmediate(callback, ...args) {
    return schedule(Immediate, callback, 0, false, args);
  },
  clearTimeout: function clearTimeout(timer) {
    clear(timer);
  },
  clearInterval: function clearInterval(timer) {
    clear(timer);
  },
  clearImmediate: function clearImmediate(timer) {
    clear(timer);
  },
};
