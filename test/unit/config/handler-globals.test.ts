// validate's list of what a handler may read is the runtime's: the documented Segment globals per function type,
// compared here with a live sandbox, plus the ECMAScript built-ins of a fresh V8 context.
import vm from 'node:vm';
import { parse } from 'acorn';
import { describe, expect, it } from 'vitest';
import { createSandbox } from '../../../src/runtime/sandbox.js';
import { checkHandlerGlobals, freeReferences } from '../../../src/config/handler-globals.js';
import { ECMASCRIPT_GLOBALS, FUNCTION_TYPES, segmentGlobalsFor } from '../../../src/vocabulary.js';

const program = (code: string) => parse(code, { ecmaVersion: 'latest', sourceType: 'script', locations: true, ranges: true });

describe('the globals validate accepts', () => {
  it.each(FUNCTION_TYPES)('are exactly what the %s sandbox defines besides the ECMAScript built-ins', (type) => {
    const handler = type === 'source' ? 'async function onRequest() {}' : 'async function onTrack() {}';
    const sandbox = createSandbox({ name: 'fn', type, code: handler, codePath: '/virtual/handler.js', timeoutMs: 5000 });
    try {
      const global = vm.runInContext('globalThis', sandbox.context) as object;
      const builtins = new Set<string>(ECMASCRIPT_GLOBALS);
      const defined = Object.getOwnPropertyNames(global).filter((n) => !builtins.has(n) && n !== 'onRequest' && n !== 'onTrack');
      expect(defined.sort()).toEqual([...new Set(segmentGlobalsFor(type))].sort());
    } finally {
      sandbox.dispose();
    }
  });

  it('cover every built-in of a fresh V8 context on this Node version', () => {
    const names = Object.getOwnPropertyNames(vm.runInNewContext('globalThis'));
    const known = new Set<string>([...ECMASCRIPT_GLOBALS, ...segmentGlobalsFor('destination')]);
    expect(names.filter((n) => !known.has(n))).toEqual([]);
  });
});

describe('free references', () => {
  it('leave out declarations, parameters, implicit globals and typeof checks, and keep each use with its position', () => {
    const code = ['var a = 1;', 'b = 2;', 'function f(c) { let d = c + a + b; return typeof e + d + g; }', 'class K { m() { return g; } }'].join('\n');
    expect(freeReferences(program(code))).toEqual([
      { name: 'g', line: 3, col: 58, kind: 'read' },
      { name: 'g', line: 4, col: 24, kind: 'read' },
    ]);
  });

  it('a direct eval in a function leaves its parameters and locals declared, and still finds the free names', () => {
    const code = 'async function onTrack(event) { const m = event.properties.m; let n = 0; n++; return eval("1") + m + n + missing; }';
    // eval itself is a global like any other: checkHandlerGlobals knows it.
    expect(freeReferences(program(code))).toEqual([
      { name: 'eval', line: 1, col: 86, kind: 'read' },
      { name: 'missing', line: 1, col: 106, kind: 'read' },
    ]);
  });

  it('a handler that declares require itself is not reported', () => {
    expect(checkHandlerGlobals(program('function require(x) { return x; }\nasync function onTrack() { return require(1); }'), 'h.js', 'destination')).toEqual([]);
  });

  it('the same name used in a source function is fine where it is defined (Segment) and a warning elsewhere', () => {
    const code = 'async function onRequest() { Segment.track({}); }';
    expect(checkHandlerGlobals(program(code), 'h.js', 'source')).toEqual([]);
    expect(checkHandlerGlobals(program(code), 'h.js', 'destination')).toMatchObject([{ line: 1, col: 30, severity: 'warning' }]);
  });
});
