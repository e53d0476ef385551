// `URL` and `URLSearchParams` inside a function's realm, with fnsync's WHATWG parser behind them (url-bridge.ts).
'use strict';
const host = __fnsync_host__;
const kLink = Symbol('url');

const invalidUrl = (input) => {
  const err = new TypeError('Invalid URL');
  err.code = 'ERR_INVALID_URL';
  err.input = input;
  return err;
};
const parse = (input, base) => {
  try {
    return JSON.parse(host.urlParse(input, base));
  } catch (err) {
    if (err && err.code === 'ERR_INVALID_URL') throw invalidUrl(input);
    throw err;
  }
};

class URLSearchParams {
  #pairs = [];
  constructor(init) {
    if (init === undefined || init === null) return;
    if (typeof init === 'object' || typeof init === 'function') {
      if (typeof init[Symbol.iterator] === 'function') {
        for (const pair of init) {
          const entry = [...pair];
          if (entry.length !== 2) throw new TypeError('Each query pair must be an iterable [name, value] tuple');
          this.#pairs.push([String(entry[0]), String(entry[1])]);
        }
      } else {
        for (const key of Object.keys(init)) this.#pairs.push([key, String(init[key])]);
      }
      return;
    }
    this.#pairs = JSON.parse(host.formDecode(String(init)));
  }
  #changed() {
    const url = this[kLink];
    if (url) url[kLink](this.toString());
  }
  static _assign(params, text) {
    params.#pairs = JSON.parse(host.formDecode(text));
  }
  get size() {
    return this.#pairs.length;
  }
  append(name, value) {
    this.#pairs.push([String(name), String(value)]);
    this.#changed();
  }
  delete(name, value) {
    name = String(name);
    this.#pairs = this.#pairs.filter(([n, v]) => n !== name || (value !== undefined && v !== String(value)));
    this.#changed();
  }
  get(name) {
    const hit = this.#pairs.find(([n]) => n === String(name));
    return hit ? hit[1] : null;
  }
  getAll(name) {
    return this.#pairs.filter(([n]) => n === String(name)).map(([, v]) => v);
  }
  has(name, value) {
    return this.#pairs.some(([n, v]) => n === String(name) && (value === undefined || v === String(value)));
  }
  set(name, value) {
    name = String(name);
    const at = this.#pairs.findIndex(([n]) => n === name);
    if (at < 0) this.#pairs.push([name, String(value)]);
    else {
      this.#pairs[at] = [name, String(value)];
      this.#pairs = this.#pairs.filter(([n], i) => n !== name || i <= at);
    }
    this.#changed();
  }
  sort() {
    this.#pairs = this.#pairs.map((p, i) => [p, i]).sort((a, b) => (a[0][0] < b[0][0] ? -1 : a[0][0] > b[0][0] ? 1 : a[1] - b[1])).map(([p]) => p);
    this.#changed();
  }
  forEach(callback, thisArg) {
    for (const [n, v] of this.#pairs) callback.call(thisArg, v, n, this);
  }
  *entries() {
    for (const [n, v] of this.#pairs) yield [n, v];
  }
  *keys() {
    for (const [n] of this.#pairs) yield n;
  }
  *values() {
    for (const [, v] of this.#pairs) yield v;
  }
  [Symbol.iterator]() {
    return this.entries();
  }
  toString() {
    return this.#pairs.length === 0 ? '' : host.formEncode(JSON.stringify(this.#pairs));
  }
  get [Symbol.toStringTag]() {
    return 'URLSearchParams';
  }
}

class URL {
  #parts;
  #params;
  constructor(input, base) {
    if (arguments.length === 0) {
      const err = new TypeError('The "url" argument must be specified');
      err.code = 'ERR_MISSING_ARGS';
      throw err;
    }
    this.#parts = parse(String(input), base === undefined ? undefined : String(base));
    this.#params = new URLSearchParams(this.#parts.search);
    Object.defineProperty(this.#params, kLink, { value: this, enumerable: false });
  }
  static canParse(input, base) {
    try {
      parse(String(input), base === undefined ? undefined : String(base));
      return true;
    } catch {
      return false;
    }
  }
  [kLink](search) {
    this.#parts = JSON.parse(host.urlSet(this.#parts.href, 'search', search));
  }
  #set(field, value) {
    this.#parts = JSON.parse(host.urlSet(this.#parts.href, field, String(value)));
    if (field === 'href' || field === 'search') URLSearchParams._assign(this.#params, this.#parts.search);
  }
  get href() { return this.#parts.href; }
  set href(v) {
    const parts = parse(String(v));
    this.#parts = parts;
    URLSearchParams._assign(this.#params, parts.search);
  }
  get origin() { return this.#parts.origin; }
  get protocol() { return this.#parts.protocol; }
  set protocol(v) { this.#set('protocol', v); }
  get username() { return this.#parts.username; }
  set username(v) { this.#set('username', v); }
  get password() { return this.#parts.password; }
  set password(v) { this.#set('password', v); }
  get host() { return this.#parts.host; }
  set host(v) { this.#set('host', v); }
  get hostname() { return this.#parts.hostname; }
  set hostname(v) { this.#set('hostname', v); }
  get port() { return this.#parts.port; }
  set port(v) { this.#set('port', v); }
  get pathname() { return this.#parts.pathname; }
  set pathname(v) { this.#set('pathname', v); }
  get search() { return this.#parts.search; }
  set search(v) { this.#set('search', v); }
  get searchParams() { return this.#params; }
  get hash() { return this.#parts.hash; }
  set hash(v) { this.#set('hash', v); }
  toString() { return this.#parts.href; }
  toJSON() { return this.#parts.href; }
  get [Symbol.toStringTag]() { return 'URL'; }
}

module.exports = { URL, URLSearchParams };
