// Installs a function instance's globals (the allowlist of segment-runtime.md §7, docs/runtime.md) in its own
// realm. Libraries load on first use, through the in-realm loader, so each instance has its own copies and an
// instance that never touches `moment` never pays for it. Getters and setters here are this realm's functions.
(function installGlobals(host, global, loader, sdkPaths, segmentMethods, codeGeneration) {
  'use strict';
  const defineProperty = Object.defineProperty;
  const hasOwn = Object.prototype.hasOwnProperty;
  const apply = Reflect.apply;

  const value = (target, name, v) => defineProperty(target, name, { value: v, writable: true, configurable: true, enumerable: false });
  /** A global that loads on first read and then is a plain writable value (docs reassign `zlib = zlib.zlib`). */
  const lazy = (target, name, load) => {
    // A failed load is remembered: V8 may call a throwing global getter of a vm context a second time for the
    // same read, and loading again then would wrap the pending error in another.
    let failure;
    defineProperty(target, name, {
      configurable: true,
      enumerable: false,
      get() {
        if (failure) throw failure.error;
        let v;
        try {
          v = load();
        } catch (error) {
          failure = { error };
          throw error;
        }
        value(target, name, v);
        return v;
      },
      set(v) {
        value(target, name, v);
      },
    });
  };
  const req = loader.require;
  const timers = loader.load('fnsync:timers');
  value(global, 'console', loader.load('fnsync:console'));
  for (const name of ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval']) value(global, name, timers[name]);
  lazy(global, 'cache', () => loader.load('fnsync:cache'));
  lazy(global, '_', () => req('lodash'));
  lazy(global, 'fetch', () => loader.load('fnsync:fetch').fetch);
  for (const name of ['Headers', 'Request', 'Response']) lazy(global, name, () => loader.load('fnsync:fetch')[name]);
  lazy(global, 'URL', () => loader.load('fnsync:url').URL);
  lazy(global, 'URLSearchParams', () => loader.load('fnsync:url').URLSearchParams);
  lazy(global, 'Buffer', () => req('buffer').Buffer);
  lazy(global, 'crypto', () => req('crypto'));
  lazy(global, 'https', () => req('https'));
  lazy(global, 'zlib', () => ({ zlib: req('zlib') }));
  lazy(global, 'atob', () => req('atob'));
  lazy(global, 'btoa', () => req('btoa'));
  lazy(global, 'FormData', () => req('form-data'));
  lazy(global, 'xml', () => req('xml'));
  lazy(global, 'xml2js', () => req('xml2js'));
  lazy(global, 'moment', () => req('moment-timezone'));
  lazy(global, 'jsonwebtoken', () => req('jsonwebtoken'));
  lazy(global, 'uuidv5', () => ({ uuidv5: req('uuidv5') }));
  lazy(global, 'OAuth', () => req('oauth'));

  // Segment's heavy SDKs, at their documented paths (`google.cloud.bigquery`), from the project's own packages.
  for (const [path, pkg] of sdkPaths) {
    const parts = path.split('.');
    let target = global;
    for (const part of parts.slice(0, -1)) {
      if (!apply(hasOwn, target, [part])) defineProperty(target, part, { value: {}, writable: true, configurable: true, enumerable: target !== global });
      target = target[part];
    }
    lazy(target, parts[parts.length - 1], () => {
      try {
        return req(`sdk:${pkg}`);
      } catch (err) {
        if (err && err.code === 'ERR_SDK_MISSING') throw err;
        throw new Error(`${path}: loading ${pkg} failed: ${String(err && err.message).split('\n')[0]}`);
      }
    });
  }

  // With code generation allowed (`allowCodeGeneration`, for eval and _.template), code built from strings may not
  // contain `import()`: on Node 20 its rejection is an error Node creates in fnsync's realm. Every way to compile
  // goes through these wrappers: the global Function and eval, and the constructor of the four function kinds.
  if (codeGeneration) {
    const refuse = () => new SyntaxError('import() is not available in Segment functions (no require or import)');
    const check = host.hasDynamicImport;
    const construct = Reflect.construct;
    const kinds = [
      [Function, 'function'],
      [Object.getPrototypeOf(async function () {}).constructor, 'async function'],
      [Object.getPrototypeOf(function* () {}).constructor, 'function*'],
      [Object.getPrototypeOf(async function* () {}).constructor, 'async function*'],
    ];
    // Each argument is turned into text once, and exactly that text is checked and compiled: an object whose
    // toString answers differently the second time must not show the check one source and the compiler another.
    // The texts are kept as own data properties and joined by hand, since by the time this runs function code may
    // have replaced Array.prototype's methods or put accessors on its indices.
    for (const [Ctor, keyword] of kinds) {
      const guarded = function (...args) {
        const texts = [];
        let params = '';
        let body = '';
        for (let i = 0; i < args.length; i++) {
          const text = `${args[i]}`;
          defineProperty(texts, i, { __proto__: null, value: text, writable: true, enumerable: true, configurable: true });
          if (i === args.length - 1) body = text;
          else params += i === 0 ? text : `,${text}`;
        }
        if (check(`(${keyword} anonymous(${params}\n) {\n${body}\n})`)) throw refuse();
        return construct(Ctor, texts, new.target || Ctor);
      };
      defineProperty(guarded, 'name', { value: Ctor.name });
      guarded.prototype = Ctor.prototype;
      defineProperty(Ctor.prototype, 'constructor', { value: guarded, writable: false, configurable: false, enumerable: false });
      if (Ctor === Function) value(global, 'Function', guarded);
    }
    const realEval = global.eval;
    // A call through this global is an indirect eval: generated code sees the global scope, not the caller's.
    const guardedEval = {
      eval(source) {
        if (typeof source === 'string' && check(source)) throw refuse();
        return realEval(source);
      },
    }.eval;
    value(global, 'eval', guardedEval);
  }

  if (segmentMethods) {
    const emit = host.segment;
    const segment = {};
    for (const method of segmentMethods) {
      // Named as the method, and taking one argument, like Segment's.
      segment[method] = { [method](message) { return emit(method, message); } }[method];
    }
    value(global, 'Segment', segment);
  }
})
