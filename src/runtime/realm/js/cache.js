// The `cache` global (segment-runtime.md §7.4): per instance, TTL in ms read from the (possibly frozen) clock,
// concurrent loads of one key share one call, rejected loads are not cached.
'use strict';
const entries = new Map();
module.exports = {
  load(key, ttl, fn) {
    if (typeof fn !== 'function') return Promise.reject(new TypeError('cache.load(key, ttl, fn): fn must be a function'));
    const now = Date.now();
    const hit = entries.get(key);
    if (hit && hit.expiresAt > now) return hit.value;
    const expiresAt = ttl === undefined || ttl === null || ttl < 0 ? Infinity : now + Number(ttl);
    const value = Promise.resolve().then(fn);
    const entry = { value, expiresAt };
    entries.set(key, entry);
    value.catch(() => {
      if (entries.get(key) === entry) entries.delete(key);
    });
    return value;
  },
  delete(key) {
    entries.delete(key);
  },
};
