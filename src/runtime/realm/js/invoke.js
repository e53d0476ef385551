// Calls a handler and reports how it settled, from inside its realm. fnsync never awaits a value of the realm
// itself: awaiting would hand fnsync's own resolve functions to a `then` the function controls (a thenable, or
// a replaced Promise.prototype.then). Here the realm's Promise, taken before any function code ran, settles it,
// and fnsync only receives the outcome through `done`, once.
(function makeInvoker() {
  'use strict';
  const apply = Reflect.apply;
  const PromiseCtor = Promise;
  const resolve = Promise.resolve;
  const then = Promise.prototype.then;
  return function invoke(handler, args, done) {
    let settled = false;
    const finish = (ok, value) => {
      if (settled) return;
      settled = true;
      done(ok, value);
    };
    let result;
    try {
      result = apply(handler, undefined, args);
    } catch (err) {
      finish(false, err);
      return;
    }
    try {
      apply(then, apply(resolve, PromiseCtor, [result]), [(v) => finish(true, v), (e) => finish(false, e)]);
    } catch (err) {
      finish(false, err);
    }
  };
})()
