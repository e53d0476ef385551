// One function instance: a fresh `node:vm` context that is its own world. Its global object is created from a
// null-prototype object, so nothing on it leads back to fnsync's realm; every global and library on it is built
// inside the realm (js/prelude.js, through the in-realm loader), so changing any of them changes nothing for
// another instance; and fnsync is reached only through the narrow bridge (realm/host-bridge.ts). Then the handler
// code is evaluated once and its handlers are looked up for warm invocations.
import vm from 'node:vm';
import type { FunctionUnit } from './types.js';
import type { InvocationState } from './invocation-state.js';
import { FROZEN_CLOCK_SOURCE, type ClockSetter } from './frozen-clock.js';
import { errorClassesSource, type ErrorClasses } from './error-classes.js';
import { newInvocationState, type SessionSlot } from './invocation-state.js';
import { createSegment } from './segment-object.js';
import { sdksFor } from './sdk-table.js';
import { realmIntrinsics } from './realm/host-values.js';
import { createHostBridge } from './realm/host-bridge.js';
import { runRealmScript } from './realm/module-source.js';
import { projectModules } from './realm/resolve-module.js';
import { dynamicImportAt, DYNAMIC_IMPORT_MESSAGE } from './realm/dynamic-import.js';

import { HANDLER_NAMES } from '../vocabulary.js';
import { withContextLock } from './context-lock.js';

/** Handler names by function kind (the shared vocabulary's list); looked up after the code is evaluated. */
export { HANDLER_NAMES } from '../vocabulary.js';

type Handler = (...args: unknown[]) => unknown;
type Invoker = (handler: Handler, args: unknown[], done: (ok: boolean, value: unknown) => void) => void;
type RequestFactory = (url: string, headersJson: string, body: string, jsonText: string) => unknown;

/** A loaded instance, ready for invocations. */
export interface Sandbox {
  context: vm.Context;
  slot: SessionSlot;
  classes: ErrorClasses;
  handlers: Partial<Record<(typeof HANDLER_NAMES)[number], Handler>>;
  /** The sandbox realm's JSON.parse, so values handed to user code belong to its realm. */
  parse: (text: string) => unknown;
  setClock: ClockSetter;
  /**
   * Calls a handler and settles with what it returned or threw, without fnsync ever awaiting a realm value
   * (js/invoke.js says why). Resolves to `{ value }` so a returned thenable is never adopted either.
   */
  invoke: (handler: Handler, args: unknown[]) => Promise<{ value: unknown }>;
  /** The `request` object of `onRequest`, built in the realm. */
  makeRequest: RequestFactory;
  /** Cancels what an invocation left pending: its timers and callbacks never run into the next one. */
  endInvocation: (state: InvocationState) => void;
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

/**
 * Evaluates the handler code in a fresh context with the allowlisted globals. Throws CompileError on syntax errors.
 * `onCodeStart` gets the built context just before the handler file's top level runs in it: the caller arms its
 * time limit there, so only the function's own code is timed, as vm's `timeout` times it.
 */
export function createSandbox(unit: FunctionUnit, onCodeStart: (context: vm.Context) => void = () => undefined): Sandbox {
  const options = unit.options ?? {};
  // Under the context lock: never while another worker has --expose-gc on (context-lock.ts).
  const context = withContextLock(() =>
    vm.createContext(Object.create(null), {
      name: unit.name,
      codeGeneration: { strings: options.allowCodeGeneration === true, wasm: false },
    }),
  );
  const run = (code: string) => vm.runInContext(code, context);
  const global = run('globalThis') as Record<string, unknown>;
  const realm = realmIntrinsics(run);
  const setClock = run(FROZEN_CLOCK_SOURCE) as ClockSetter;
  const classes = run(errorClassesSource(unit.type)) as ErrorClasses;
  const slot: SessionSlot = { current: newInvocationState(), messageCounter: 0 };
  const segment =
    unit.type === 'source'
      ? createSegment({ slot, strict: options.validation === 'strict', ValidationError: classes.ValidationError!, nowIso: () => new Date().toISOString(), parse: realm.parse })
      : undefined;
  const bridge = createHostBridge({ context, realm, slot, unit, project: projectModules(unit.projectDir ?? process.cwd()), segment });

  for (const [name, cls] of Object.entries(classes)) Object.defineProperty(global, name, { value: cls, writable: true, configurable: true, enumerable: false });
  const loader = (runRealmScript('loader', context) as (host: unknown, global: unknown) => { load(id: string): unknown })(bridge.host, global);
  const install = runRealmScript('prelude', context) as (host: unknown, global: unknown, loader: unknown, sdks: unknown, segment: unknown, codeGeneration: boolean) => void;
  install(
    bridge.host,
    global,
    loader,
    realm.parse(JSON.stringify(sdksFor(unit.type).map((e) => [e.path, e.pkg]))),
    segment ? realm.parse(JSON.stringify(Object.keys(segment))) : undefined,
    options.allowCodeGeneration === true,
  );
  const invoker = runRealmScript('invoke', context) as Invoker;
  let requestFactory: RequestFactory | undefined;

  let script: vm.Script;
  try {
    script = new vm.Script(unit.code, { filename: unit.codePath });
  } catch (err) {
    const e = err as Error;
    throw new CompileError(`${e.name}: ${e.message}`, syntaxLocation(e, unit.codePath));
  }
  const importAt = dynamicImportAt(unit.code);
  if (importAt) throw new CompileError(DYNAMIC_IMPORT_MESSAGE, importAt);
  onCodeStart(context);
  script.runInContext(context, { timeout: unit.timeoutMs, displayErrors: false });
  bridge.loaded();
  const lookup = `(() => ({ ${HANDLER_NAMES.map((n) => `${n}: typeof ${n} === 'function' ? ${n} : undefined`).join(', ')} }))()`;
  const handlers = vm.runInContext(lookup, context) as Sandbox['handlers'];
  return {
    context,
    slot,
    classes,
    handlers,
    parse: realm.parse,
    setClock,
    invoke(handler, args) {
      let settle: (ok: boolean, value: unknown) => void = () => undefined;
      const settled = new Promise<{ value: unknown }>((resolve, reject) => (settle = (ok, value) => (ok ? resolve({ value }) : reject(value))));
      // Called outside the promise executor, so a stack captured by the handler shows no frame of fnsync's.
      invoker(handler, args, settle);
      return settled;
    },
    makeRequest: (...args) => (requestFactory ??= loader.load('fnsync:webhook-request') as RequestFactory)(...args),
    endInvocation: bridge.endInvocation,
    dispose: bridge.dispose,
  };
}
