// One function instance: a fresh `node:vm` context whose global holds exactly the allowlisted names of
// segment-runtime.md §7 (docs/runtime.md lists them), the handler code evaluated once, warm module state.
import vm from 'node:vm';
import { createRequire } from 'node:module';
import nodeCrypto from 'node:crypto';
import nodeZlib from 'node:zlib';
import { join } from 'node:path';
import type { FunctionUnit } from './types.js';
import { FROZEN_CLOCK_SOURCE, type ClockSetter } from './frozen-clock.js';
import { errorClassesSource, type ErrorClasses } from './error-classes.js';
import { newInvocationState, type SessionSlot } from './invocation-state.js';
import { createConsole } from './console-capture.js';
import { createCache } from './cache-store.js';
import { createFetch, createHttps, nodeFetch } from './mock-fetch.js';
import { createSegment } from './segment-object.js';
import { sdksFor, missingSdkMessage, type SdkEntry } from './sdk-table.js';
import { createTimers } from './sandbox-timers.js';

const require = createRequire(import.meta.url);

import { HANDLER_NAMES } from '../vocabulary.js';

/** Handler names by function kind (the shared vocabulary's list); looked up after the code is evaluated. */
export { HANDLER_NAMES } from '../vocabulary.js';

type Handler = (...args: unknown[]) => unknown;

/** A loaded instance, ready for invocations. */
export interface Sandbox {
  context: vm.Context;
  slot: SessionSlot;
  classes: ErrorClasses;
  handlers: Partial<Record<(typeof HANDLER_NAMES)[number], Handler>>;
  /** The sandbox realm's JSON.parse, so values handed to user code belong to its realm. */
  parse: (text: string) => unknown;
  setClock: ClockSetter;
  /** Cancels the instance's pending timers (called when the session ends). */
  dispose: () => void;
}

/** Where a syntax error sits, parsed from V8's `file:LINE\n<source>\n   ^^^` stack. */
export interface CodeLocation {
  line: number;
  col: number;
}

/** Thrown when the handler file does not compile; carries the location for a SandboxError. */
export class CompileError extends Error {
  constructor(message: string, readonly location: CodeLocation | undefined) {
    super(message);
  }
}

function syntaxLocation(err: Error, file: string): CodeLocation | undefined {
  const lines = (err.stack ?? '').split('\n');
  const head = lines[0] ?? '';
  if (!head.startsWith(`${file}:`)) return undefined;
  const line = Number(head.slice(file.length + 1));
  const caret = (lines[2] ?? '').indexOf('^');
  return Number.isFinite(line) ? { line, col: caret >= 0 ? caret + 1 : 1 } : undefined;
}

/** Defines a global that loads on first read and becomes a plain writable value (docs reassign `zlib = zlib.zlib`). */
function lazyGlobal(target: object, name: string, load: () => unknown): void {
  // A failed load is remembered: V8 may call a throwing global getter of a vm context a second time for the same
  // read, and loading again then would wrap the pending error in another.
  let failure: { error: unknown } | undefined;
  Object.defineProperty(target, name, {
    configurable: true,
    enumerable: false,
    get() {
      if (failure) throw failure.error;
      let value: unknown;
      try {
        value = load();
      } catch (error) {
        failure = { error };
        throw error;
      }
      Object.defineProperty(target, name, { value, writable: true, configurable: true, enumerable: false });
      return value;
    },
    set(value) {
      Object.defineProperty(target, name, { value, writable: true, configurable: true, enumerable: false });
    },
  });
}

/**
 * Loads an SDK the way Node would from the handler file (so the project's node_modules is found whatever the
 * working directory), then from the working directory and fnsync's own install. Only "not installed" falls through
 * to the next place; a package that is there but fails to load reports its own error.
 */
function loadSdk(entry: SdkEntry, codePath: string, makeError: (m: string) => Error): unknown {
  for (const base of [codePath, join(process.cwd(), 'package.json'), import.meta.url]) {
    try {
      return createRequire(base)(entry.pkg);
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      const missing = e.code === 'MODULE_NOT_FOUND' && String(e.message).includes(`'${entry.pkg}'`);
      if (!missing) throw makeError(`${entry.path}: loading ${entry.pkg} failed: ${String(e.message).split('\n')[0]}`);
    }
  }
  throw makeError(missingSdkMessage(entry));
}

function installSdks(global: Record<string, unknown>, entries: SdkEntry[], codePath: string, makeError: (m: string) => Error): void {
  for (const entry of entries) {
    const parts = entry.path.split('.');
    let target: Record<string, unknown> = global;
    for (const part of parts.slice(0, -1)) {
      if (!Object.prototype.hasOwnProperty.call(target, part)) {
        Object.defineProperty(target, part, { value: {}, writable: true, configurable: true, enumerable: target !== global });
      }
      target = target[part] as Record<string, unknown>;
    }
    lazyGlobal(target, parts[parts.length - 1]!, () => loadSdk(entry, codePath, makeError));
  }
}

/**
 * Evaluates the handler code in a fresh context with the allowlisted globals. Throws CompileError on syntax errors.
 * `onCodeStart` gets the built context just before the handler file's top level runs in it: the caller arms its
 * time limit there, so only the function's own code is timed, as vm's `timeout` times it.
 */
export function createSandbox(unit: FunctionUnit, onCodeStart: (context: vm.Context) => void = () => undefined): Sandbox {
  const options = unit.options ?? {};
  const context = vm.createContext({}, {
    name: unit.name,
    codeGeneration: { strings: options.allowCodeGeneration === true, wasm: false },
  });
  const global = vm.runInContext('globalThis', context) as Record<string, unknown>;
  const setClock = vm.runInContext(FROZEN_CLOCK_SOURCE, context) as ClockSetter;
  const classes = vm.runInContext(errorClassesSource(unit.type), context) as ErrorClasses;
  const SandboxError = vm.runInContext('Error', context) as new (m: string) => Error;
  const parse = vm.runInContext('JSON.parse', context) as (t: string) => unknown;
  const slot: SessionSlot = { current: newInvocationState(), messageCounter: 0 };
  const timers = createTimers(slot);

  const define = (name: string, value: unknown) =>
    Object.defineProperty(global, name, { value, writable: true, configurable: true, enumerable: false });
  for (const [name, cls] of Object.entries(classes)) define(name, cls);
  const lodash = require('lodash') as { runInContext(): unknown };
  define('_', lodash.runInContext()); // a private lodash per instance, so `_.mixin` cannot leak between functions
  define('fetch', createFetch(slot));
  define('Headers', nodeFetch.Headers);
  define('Request', nodeFetch.Request);
  define('Response', nodeFetch.Response);
  define('URL', URL);
  define('URLSearchParams', URLSearchParams);
  define('Buffer', Buffer);
  define('crypto', nodeCrypto);
  define('https', createHttps(slot));
  define('zlib', { zlib: nodeZlib });
  define('console', createConsole(slot));
  define('cache', createCache(() => Date.now()));
  for (const [name, fn] of Object.entries(timers.globals)) define(name, fn);
  lazyGlobal(global, 'atob', () => require('atob'));
  lazyGlobal(global, 'btoa', () => require('btoa'));
  lazyGlobal(global, 'FormData', () => require('form-data'));
  lazyGlobal(global, 'xml', () => require('xml'));
  lazyGlobal(global, 'xml2js', () => require('xml2js'));
  lazyGlobal(global, 'moment', () => require('moment-timezone'));
  lazyGlobal(global, 'jsonwebtoken', () => require('jsonwebtoken'));
  lazyGlobal(global, 'uuidv5', () => ({ uuidv5: require('uuidv5') }));
  lazyGlobal(global, 'OAuth', () => require('oauth'));
  installSdks(global, sdksFor(unit.type), unit.codePath, (m) => new SandboxError(m));
  if (unit.type === 'source') {
    define(
      'Segment',
      createSegment({
        slot,
        strict: options.validation === 'strict',
        ValidationError: classes.ValidationError!,
        nowIso: () => new Date().toISOString(),
      }),
    );
  }

  let script: vm.Script;
  try {
    script = new vm.Script(unit.code, { filename: unit.codePath });
  } catch (err) {
    const e = err as Error;
    throw new CompileError(`${e.name}: ${e.message}`, syntaxLocation(e, unit.codePath));
  }
  onCodeStart(context);
  script.runInContext(context, { timeout: unit.timeoutMs, displayErrors: false });
  const lookup = `(() => ({ ${HANDLER_NAMES.map((n) => `${n}: typeof ${n} === 'function' ? ${n} : undefined`).join(', ')} }))()`;
  const handlers = vm.runInContext(lookup, context) as Sandbox['handlers'];
  return { context, slot, classes, handlers, parse, setClock, dispose: timers.clearAll };
}
