// `crypto` inside a function's realm: Node's API, computed by fnsync (crypto-bridge.ts) on numbered handles.
'use strict';
const host = __fnsync_host__;
const { Buffer } = require('buffer');
const Stream = require('stream');
const { setTimeout } = require('timers');

const lists = JSON.parse(host.cryptoLists());
const fromLatin1 = (text) => Buffer.from(text, 'latin1');
const out = (text, encoding) => (encoding === undefined || encoding === 'buffer' ? fromLatin1(text) : text);
const invalidData = () => {
  const err = new TypeError('The "data" argument must be of type string or an instance of Buffer, TypedArray, or DataView.');
  err.code = 'ERR_INVALID_ARG_TYPE';
  return err;
};
/** Bytes or a string for the bridge: views become Uint8Arrays of this realm. */
const data = (value) => {
  if (typeof value === 'string') return value;
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  throw invalidData();
};
const bytes = (value, encoding) => (typeof value === 'string' ? Buffer.from(value, encoding || 'utf8') : data(value));
const keyArg = (key) => {
  if (key instanceof KeyObject) return KeyObject.handleOf(key);
  if (key && typeof key === 'object' && !ArrayBuffer.isView(key)) {
    const copy = {};
    for (const field of ['passphrase', 'format', 'type', 'encoding', 'padding', 'saltLength', 'dsaEncoding']) {
      if (key[field] !== undefined) copy[field] = typeof key[field] === 'string' || typeof key[field] === 'number' ? key[field] : data(key[field]);
    }
    copy.key = keyArg(key.key);
    return copy;
  }
  return key === undefined || key === null || typeof key === 'string' ? key : data(key);
};

class KeyObject {
  #handle;
  #info;
  constructor(handle) {
    this.#handle = handle;
    this.#info = JSON.parse(host.cryptoKeyInfo(handle));
  }
  get type() {
    return this.#info.type;
  }
  get asymmetricKeyType() {
    return this.#info.asymmetricKeyType;
  }
  get symmetricKeySize() {
    return this.#info.symmetricKeySize;
  }
  export(options) {
    const result = JSON.parse(host.cryptoKeyExport(this.#handle, options && typeof options === 'object' ? { ...options } : undefined));
    return result.text !== undefined ? result.text : fromLatin1(result.bytes);
  }
  static handleOf(key) {
    return key.#handle;
  }
}

/** Hash, Hmac: update() chains, digest() ends; also usable as a stream, as in Node. */
class Digest extends Stream.Transform {
  #handle;
  constructor(handle) {
    super();
    this.#handle = handle;
  }
  update(value, encoding) {
    host.cryptoUpdate(this.#handle, data(value), encoding, undefined);
    return this;
  }
  digest(encoding) {
    return out(host.cryptoFinal(this.#handle, undefined, undefined, encoding), encoding);
  }
  _transform(chunk, encoding, callback) {
    this.update(chunk, encoding);
    callback();
  }
  _flush(callback) {
    this.push(this.digest());
    callback();
  }
  copy() {
    return new Hash(host.cryptoCopy(this.#handle));
  }
}
class Hash extends Digest {}
class Hmac extends Digest {}

class Sign extends Stream.Writable {
  #handle;
  constructor(handle) {
    super();
    this.#handle = handle;
  }
  update(value, encoding) {
    host.cryptoUpdate(this.#handle, data(value), encoding, undefined);
    return this;
  }
  _write(chunk, encoding, callback) {
    this.update(chunk, encoding);
    callback();
  }
  sign(key, encoding) {
    return out(host.cryptoFinal(this.#handle, keyArg(key), undefined, encoding), encoding);
  }
  verify(key, signature, encoding) {
    return host.cryptoFinal(this.#handle, keyArg(key), data(typeof signature === 'string' ? Buffer.from(signature, encoding || 'utf8') : signature), undefined);
  }
}
class Verify extends Sign {}

class Cipher extends Stream.Transform {
  #handle;
  constructor(handle) {
    super();
    this.#handle = handle;
  }
  update(value, inputEncoding, outputEncoding) {
    return out(host.cryptoUpdate(this.#handle, data(value), inputEncoding, outputEncoding), outputEncoding);
  }
  final(outputEncoding) {
    return out(host.cryptoFinal(this.#handle, undefined, undefined, outputEncoding), outputEncoding);
  }
  setAAD(value) {
    host.cryptoCipher(this.#handle, 'setAAD', data(value));
    return this;
  }
  setAuthTag(value) {
    host.cryptoCipher(this.#handle, 'setAuthTag', data(value));
    return this;
  }
  getAuthTag() {
    return fromLatin1(host.cryptoCipher(this.#handle, 'getAuthTag'));
  }
  setAutoPadding(flag) {
    host.cryptoCipher(this.#handle, 'setAutoPadding', undefined, flag);
    return this;
  }
  _transform(chunk, encoding, callback) {
    this.push(this.update(chunk, encoding));
    callback();
  }
  _flush(callback) {
    this.push(this.final());
    callback();
  }
}

const create = (kind, Ctor) =>
  function (algorithm, key, options) {
    return new Ctor(host.cryptoCreate(kind, String(algorithm), keyArg(key), options && typeof options === 'object' ? { ...options } : undefined));
  };
const createCipheriv = (kind) =>
  function (algorithm, key, iv, options) {
    const opts = options && typeof options === 'object' ? { ...options } : {};
    opts.iv = iv === null || iv === undefined ? null : bytes(iv);
    return new Cipher(host.cryptoCreate(kind, String(algorithm), keyArg(typeof key === 'string' ? Buffer.from(key) : key), opts));
  };
const withCallback = (fn) =>
  function (...args) {
    const callback = args.pop();
    if (typeof callback !== 'function') return fn(...args, callback);
    let result;
    try {
      result = fn(...args);
    } catch (err) {
      setTimeout(() => callback(err), 0);
      return undefined;
    }
    setTimeout(() => callback(null, result), 0);
    return undefined;
  };

const randomBytes = (size, callback) => {
  const result = fromLatin1(host.cryptoRandomBytes(Number(size)));
  if (typeof callback === 'function') {
    setTimeout(() => callback(null, result), 0);
    return undefined;
  }
  return result;
};
const pbkdf2Sync = (password, salt, iterations, keylen, digest) => fromLatin1(host.cryptoPbkdf2(bytes(password), bytes(salt), iterations, keylen, digest));
const scryptSync = (password, salt, keylen, options) => fromLatin1(host.cryptoScrypt(bytes(password), bytes(salt), keylen, options && { ...options }));
const hkdfSync = (digest, ikm, salt, info, keylen) => fromLatin1(host.cryptoHkdf(digest, bytes(ikm), bytes(salt), bytes(info), keylen)).buffer;
const randomFillSync = (view, offset = 0, size) => {
  const whole = ArrayBuffer.isView(view) ? new Uint8Array(view.buffer, view.byteOffset, view.byteLength) : new Uint8Array(view);
  host.cryptoRandomFill(whole.subarray(offset, size === undefined ? undefined : offset + size));
  return view;
};

const cryptoModule = {
  createHash: create('hash', Hash),
  createHmac: create('hmac', Hmac),
  createSign: create('sign', Sign),
  createVerify: create('verify', Verify),
  createCipheriv: createCipheriv('cipheriv'),
  createDecipheriv: createCipheriv('decipheriv'),
  createSecretKey: (key, encoding) => new KeyObject(host.cryptoKey('secret', data(bytes(key, encoding)))),
  createPublicKey: (key) => new KeyObject(host.cryptoKey('public', keyArg(key))),
  createPrivateKey: (key) => new KeyObject(host.cryptoKey('private', keyArg(key))),
  KeyObject,
  Hash,
  Hmac,
  Sign,
  Verify,
  randomBytes,
  pseudoRandomBytes: randomBytes,
  randomFillSync,
  randomFill: withCallback(randomFillSync),
  randomUUID: () => host.cryptoRandomUUID(),
  randomInt: (min, max, callback) => {
    if (typeof max !== 'number') [min, max, callback] = [0, min, max];
    const value = host.cryptoRandomInt(min, max);
    if (typeof callback === 'function') {
      setTimeout(() => callback(null, value), 0);
      return undefined;
    }
    return value;
  },
  getRandomValues: (view) => randomFillSync(view),
  timingSafeEqual: (a, b) => host.cryptoTimingSafeEqual(data(a), data(b)),
  pbkdf2Sync,
  pbkdf2: withCallback(pbkdf2Sync),
  scryptSync,
  scrypt: withCallback(scryptSync),
  hkdfSync,
  hkdf: withCallback(hkdfSync),
  sign: (algorithm, value, key, callback) => {
    const result = fromLatin1(host.cryptoSignOnce(algorithm, data(value), keyArg(key)));
    if (typeof callback === 'function') return void setTimeout(() => callback(null, result), 0);
    return result;
  },
  verify: (algorithm, value, key, signature, callback) => {
    const result = host.cryptoVerifyOnce(algorithm, data(value), keyArg(key), data(signature));
    if (typeof callback === 'function') return void setTimeout(() => callback(null, result), 0);
    return result;
  },
  getHashes: () => lists.hashes.slice(),
  getCiphers: () => lists.ciphers.slice(),
  getCurves: () => lists.curves.slice(),
  constants: lists.constants,
};
cryptoModule.webcrypto = { getRandomValues: cryptoModule.getRandomValues, randomUUID: cryptoModule.randomUUID };
module.exports = cryptoModule;
