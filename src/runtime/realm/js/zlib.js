// `zlib` inside a function's realm (Segment's docs: `zlib = zlib.zlib`). Whole-buffer calls go to fnsync's zlib
// (zlib-bridge.ts); the callback forms call back on a later turn, and the streams collect their input and
// (de)compress it at the end, which is enough for request and response bodies.
'use strict';
const host = __fnsync_host__;
const { Buffer } = require('buffer');
const { Transform } = require('stream');
const { setTimeout } = require('timers');

const constants = JSON.parse(host.zlibConstants());
const input = (value) => {
  if (typeof value === 'string') value = Buffer.from(value);
  if (value instanceof ArrayBuffer) value = new Uint8Array(value);
  if (!ArrayBuffer.isView(value)) {
    const err = new TypeError('The "buffer" argument must be of type string or an instance of Buffer, TypedArray, DataView, or ArrayBuffer.');
    err.code = 'ERR_INVALID_ARG_TYPE';
    throw err;
  }
  return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
};
const opts = (value) => (value && typeof value === 'object' ? { ...value } : undefined);
const sync = (method) =>
  function (buffer, options) {
    return Buffer.from(host.zlibSync(method, input(buffer), opts(options)), 'latin1');
  };

class ZlibStream extends Transform {
  #method;
  #options;
  #chunks = [];
  constructor(method, options) {
    super();
    this.#method = method;
    this.#options = opts(options);
  }
  _transform(chunk, encoding, callback) {
    this.#chunks.push(typeof chunk === 'string' ? Buffer.from(chunk, encoding) : chunk);
    callback();
  }
  _flush(callback) {
    try {
      this.push(Buffer.from(host.zlibSync(this.#method, input(Buffer.concat(this.#chunks)), this.#options), 'latin1'));
      callback();
    } catch (err) {
      callback(err);
    }
  }
}

const zlib = { constants };
for (const [name, Stream] of [
  ['deflate', 'Deflate'],
  ['inflate', 'Inflate'],
  ['gzip', 'Gzip'],
  ['gunzip', 'Gunzip'],
  ['deflateRaw', 'DeflateRaw'],
  ['inflateRaw', 'InflateRaw'],
  ['unzip', 'Unzip'],
  ['brotliCompress', 'BrotliCompress'],
  ['brotliDecompress', 'BrotliDecompress'],
]) {
  const syncFn = sync(`${name}Sync`);
  zlib[`${name}Sync`] = syncFn;
  zlib[name] = function (buffer, options, callback) {
    if (typeof options === 'function') [options, callback] = [undefined, options];
    let result;
    let error = null;
    try {
      result = syncFn(buffer, options);
    } catch (err) {
      error = err;
    }
    if (typeof callback === 'function') setTimeout(() => callback(error, result), 0);
  };
  const Ctor = { [Stream]: class extends ZlibStream { constructor(options) { super(`${name}Sync`, options); } } }[Stream];
  zlib[Stream] = Ctor;
  zlib[`create${Stream}`] = (options) => new Ctor(options);
}
Object.assign(zlib, constants);
module.exports = zlib;
