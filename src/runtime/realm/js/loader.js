// In-realm CommonJS loader. Evaluated inside each function instance's own realm (never in fnsync's), so every
// library it loads is a fresh copy built from that realm's intrinsics: tampering with it changes nothing for
// another instance, and walking `.constructor` from anything it returns stays in a realm with no `process`,
// no `require` and (by default) no code generation.
//
// `host` is fnsync's narrow bridge (host-bridge.ts). It never leaves this file's closures except as the hidden
// last parameter of fnsync's own facade modules (js/*.js); library and SDK code never receives it.
(function createLoader(host, global) {
  'use strict';
  const apply = Reflect.apply;
  const defineProperty = Object.defineProperty;
  const freeze = Object.freeze;
  const parseJson = JSON.parse;
  const cache = new Map();
  const mapGet = Map.prototype.get;
  const mapSet = Map.prototype.set;
  const mapDelete = Map.prototype.delete;
  const resolveId = host.resolve;
  const compile = host.compile;
  const readJson = host.readJson;
  const isFacade = (id) => id.startsWith('fnsync:');

  // `process` as the libraries see it (a module-level variable, as bundlers inject it): enough for
  // readable-stream, semver and debug, and nothing of fnsync's real process.
  const queueTask = (fn, args) => Promise.resolve().then(() => apply(fn, undefined, args));
  const processShim = freeze({
    env: freeze({}),
    argv: freeze([]),
    version: host.nodeVersion,
    versions: freeze({ node: host.nodeVersion.slice(1) }),
    platform: 'linux',
    arch: 'x64',
    release: freeze({ name: 'node' }),
    title: 'node',
    cwd: () => '/',
    nextTick: (fn, ...args) => {
      if (typeof fn !== 'function') throw new TypeError('The "callback" argument must be of type function');
      queueTask(fn, args);
    },
    emitWarning: () => undefined,
    hrtime: Object.assign(
      (prev) => {
        const ns = Date.now() * 1e6 - (prev ? prev[0] * 1e9 + prev[1] : 0);
        return [Math.floor(ns / 1e9), ns % 1e9];
      },
      { bigint: () => BigInt(Date.now()) * 1000000n },
    ),
    memoryUsage: () => ({ rss: 0, heapTotal: 0, heapUsed: 0, external: 0, arrayBuffers: 0 }),
    uptime: () => 0,
    on: () => processShim,
    once: () => processShim,
    off: () => processShim,
    emit: () => false,
    listeners: () => [],
    binding: (name) => {
      throw new Error(`No such module: ${name}`);
    },
  });

  // What a library's `import()` becomes (module-source.ts rewrites it): a rejection with this realm's error.
  const noImport = (specifier) => Promise.reject(new Error(`import() is not available in Segment functions (import of '${String(specifier)}')`));

  const dirnameOf = (id) => {
    const at = id.lastIndexOf('/');
    return at <= 0 ? '/' : id.slice(0, at);
  };

  function load(id) {
    const hit = apply(mapGet, cache, [id]);
    if (hit) return hit.exports;
    const module = { exports: {}, id, filename: id, loaded: false, children: [], paths: [] };
    apply(mapSet, cache, [id, module]);
    try {
      evaluate(id, module);
    } catch (err) {
      // As Node does: a module that threw is not cached, so the next require runs it again.
      apply(mapDelete, cache, [id]);
      throw err;
    }
    module.loaded = true;
    return module.exports;
  }

  function evaluate(id, module) {
    if (id.endsWith('.json')) {
      module.exports = parseJson(readJson(id));
    } else {
      const wrapper = compile(id);
      const require = makeRequire(id);
      module.require = require;
      const facade = isFacade(id);
      const timers = id === 'fnsync:timers' ? undefined : load('fnsync:timers');
      apply(wrapper, module.exports, [
        module.exports,
        require,
        module,
        id,
        dirnameOf(id),
        processShim,
        global,
        timers && timers.setImmediate,
        timers && timers.clearImmediate,
        facade ? host : undefined,
        noImport,
      ]);
    }
  }

  function makeRequire(fromId) {
    const require = function require(spec) {
      if (typeof spec !== 'string') throw new TypeError('The "id" argument must be of type string');
      if (spec === 'process' || spec === 'node:process') return processShim;
      return load(resolveId(spec, fromId));
    };
    require.resolve = (spec) => resolveId(String(spec), fromId);
    require.cache = Object.create(null);
    return require;
  }

  return freeze({ require: makeRequire(undefined), load });
})
