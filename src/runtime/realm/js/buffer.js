// `buffer` (and the `Buffer` global) inside a function's realm: the `buffer` npm package, Node's Buffer API in
// pure JS, plus what Node 20 has and it lacks: the `base64url` encoding.
'use strict';
const pkg = require('buffer/');
const { Buffer } = pkg;
const isBase64url = (encoding) => typeof encoding === 'string' && encoding.toLowerCase() === 'base64url';
const toBase64 = (text) => text.replace(/-/g, '+').replace(/_/g, '/');
const toBase64url = (text) => text.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

const { toString, write } = Buffer.prototype;
const { from, byteLength, isEncoding } = Buffer;
Buffer.prototype.toString = function (encoding, start, end) {
  return isBase64url(encoding) ? toBase64url(toString.call(this, 'base64', start, end)) : toString.apply(this, arguments);
};
Buffer.prototype.write = function (text, offset, length, encoding) {
  const args = [...arguments];
  const at = args.findIndex((a, i) => i > 0 && isBase64url(a));
  if (at < 0) return write.apply(this, arguments);
  args[0] = toBase64(String(text));
  args[at] = 'base64';
  return write.apply(this, args);
};
Buffer.from = function (value, encodingOrOffset, length) {
  return typeof value === 'string' && isBase64url(encodingOrOffset) ? from.call(this, toBase64(value), 'base64') : from.apply(this, arguments);
};
Buffer.byteLength = function (value, encoding) {
  return typeof value === 'string' && isBase64url(encoding) ? byteLength.call(this, toBase64(value), 'base64') : byteLength.apply(this, arguments);
};
Buffer.isEncoding = function (encoding) {
  return isBase64url(encoding) || isEncoding.call(this, encoding);
};
module.exports = pkg;
