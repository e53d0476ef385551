// `util` as libraries inside a function's realm see it: the parts they use (inherits, deprecate, promisify,
// format, inspect, the type checks). Formatting is done by fnsync's own util (host.format), with the function's
// inspection hooks ignored, as for console.log.
'use strict';
const host = __fnsync_host__;
const custom = Symbol.for('nodejs.util.inspect.custom');
const promisifyCustom = Symbol.for('nodejs.util.promisify.custom');
const toString = (v) => Object.prototype.toString.call(v);
const TypedArray = Object.getPrototypeOf(Uint8Array);

function inherits(ctor, superCtor) {
  if (superCtor) {
    ctor.super_ = superCtor;
    Object.setPrototypeOf(ctor.prototype, superCtor.prototype);
  }
}
function promisify(original) {
  if (typeof original !== 'function') throw new TypeError('The "original" argument must be of type function');
  if (original[promisifyCustom]) return original[promisifyCustom];
  function fn(...args) {
    return new Promise((resolve, reject) => {
      original.call(this, ...args, (err, ...values) => (err ? reject(err) : resolve(values.length > 1 ? values : values[0])));
    });
  }
  Object.setPrototypeOf(fn, Object.getPrototypeOf(original));
  return Object.defineProperties(fn, Object.getOwnPropertyDescriptors(original));
}
promisify.custom = promisifyCustom;
function callbackify(original) {
  return function (...args) {
    const callback = args.pop();
    original.apply(this, args).then((v) => callback(null, v), (e) => callback(e || new Error('Promise was rejected with a falsy value')));
  };
}
const inspect = (value, options) => host.inspect(value, options && typeof options === 'object' ? Number(options.depth ?? 2) : 2);
inspect.custom = custom;
inspect.defaultOptions = { depth: 2 };

const types = {
  isTypedArray: (v) => v instanceof TypedArray,
  isUint8Array: (v) => v instanceof Uint8Array,
  isArrayBuffer: (v) => v instanceof ArrayBuffer,
  isAnyArrayBuffer: (v) => v instanceof ArrayBuffer || toString(v) === '[object SharedArrayBuffer]',
  isArrayBufferView: (v) => ArrayBuffer.isView(v),
  isDataView: (v) => v instanceof DataView,
  isDate: (v) => v instanceof Date,
  isRegExp: (v) => v instanceof RegExp,
  isMap: (v) => v instanceof Map,
  isSet: (v) => v instanceof Set,
  isWeakMap: (v) => v instanceof WeakMap,
  isWeakSet: (v) => v instanceof WeakSet,
  isPromise: (v) => v instanceof Promise,
  isNativeError: (v) => v instanceof Error,
  isAsyncFunction: (v) => toString(v) === '[object AsyncFunction]',
  isGeneratorFunction: (v) => /^\[object (Async)?GeneratorFunction\]$/.test(toString(v)),
  isBoxedPrimitive: (v) => v instanceof Number || v instanceof String || v instanceof Boolean,
};

module.exports = {
  inherits,
  promisify,
  callbackify,
  deprecate: (fn) => fn,
  debuglog: () => Object.assign(() => undefined, { enabled: false }),
  debug: () => () => undefined,
  format: (...args) => host.format(args),
  formatWithOptions: (options, ...args) => host.format(args),
  inspect,
  types,
  isArray: Array.isArray,
  isBoolean: (v) => typeof v === 'boolean',
  isNull: (v) => v === null,
  isNullOrUndefined: (v) => v === null || v === undefined,
  isNumber: (v) => typeof v === 'number',
  isString: (v) => typeof v === 'string',
  isSymbol: (v) => typeof v === 'symbol',
  isUndefined: (v) => v === undefined,
  isRegExp: types.isRegExp,
  isObject: (v) => v !== null && typeof v === 'object',
  isDate: types.isDate,
  isError: (v) => v instanceof Error,
  isFunction: (v) => typeof v === 'function',
  isPrimitive: (v) => v === null || (typeof v !== 'object' && typeof v !== 'function'),
  isBuffer: (v) => Boolean(v && v.constructor && typeof v.constructor.isBuffer === 'function' && v.constructor.isBuffer(v)),
  isDeepStrictEqual: (a, b) => host.format([a]) === host.format([b]),
  _extend: (target, source) => Object.assign(target, source),
};
