// The `cache` global (segment-runtime.md §7.4): per-instance, TTL in ms read from the (possibly frozen) clock,
// concurrent loads of one key share one call, rejected loads are not cached.

interface Entry {
  value: Promise<unknown>;
  expiresAt: number; // Infinity when no TTL
}

/** Creates a fresh cache for one function instance; `clock` returns the current time in ms. */
export function createCache(clock: () => number): {
  load: (key: string, ttl: number | undefined, fn: () => unknown) => Promise<unknown>;
  delete: (key: string) => void;
} {
  const entries = new Map<string, Entry>();
  return {
    load(key, ttl, fn) {
      if (typeof fn !== 'function') return Promise.reject(new TypeError('cache.load(key, ttl, fn): fn must be a function'));
      const now = clock();
      const hit = entries.get(key);
      if (hit && hit.expiresAt > now) return hit.value;
      const expiresAt = ttl === undefined || ttl === null || ttl < 0 ? Infinity : now + Number(ttl);
      const value = Promise.resolve().then(fn);
      const entry: Entry = { value, expiresAt };
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
}
