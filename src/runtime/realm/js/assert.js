// `assert` for libraries inside a function's realm (uuidv5 uses it): the common checks, as Node words them.
'use strict';
class AssertionError extends Error {
  constructor(options) {
    super(options.message);
    this.name = 'AssertionError';
    this.code = 'ERR_ASSERTION';
    this.actual = options.actual;
    this.expected = options.expected;
    this.operator = options.operator;
  }
}
const fail = (message, actual, expected, operator, fallback) => {
  if (message instanceof Error) throw message;
  throw new AssertionError({ message: message === undefined ? fallback : String(message), actual, expected, operator });
};
const deepEqual = (a, b) => {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && deepEqual(a[k], b[k]));
};
function assert(value, message) {
  if (!value) fail(message, value, true, '==', 'The expression evaluated to a falsy value');
}
Object.assign(assert, {
  AssertionError,
  ok: assert,
  fail: (message) => fail(message, undefined, undefined, 'fail', 'Failed'),
  equal: (a, b, m) => a == b || fail(m, a, b, '==', `${a} == ${b}`),
  notEqual: (a, b, m) => a != b || fail(m, a, b, '!=', `${a} != ${b}`),
  strictEqual: (a, b, m) => Object.is(a, b) || fail(m, a, b, 'strictEqual', `Expected values to be strictly equal: ${a} !== ${b}`),
  notStrictEqual: (a, b, m) => !Object.is(a, b) || fail(m, a, b, 'notStrictEqual', 'Expected values to be not strictly equal'),
  deepEqual: (a, b, m) => deepEqual(a, b) || fail(m, a, b, 'deepEqual', 'Expected values to be loosely deep-equal'),
  deepStrictEqual: (a, b, m) => deepEqual(a, b) || fail(m, a, b, 'deepStrictEqual', 'Expected values to be strictly deep-equal'),
  throws: (fn, expected, m) => {
    try {
      fn();
    } catch {
      return;
    }
    fail(typeof expected === 'string' ? expected : m, undefined, expected, 'throws', 'Missing expected exception.');
  },
});
assert.strict = assert;
module.exports = assert;
