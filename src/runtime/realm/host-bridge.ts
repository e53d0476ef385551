// The one object through which a function's realm reaches fnsync (and nothing else of it): module loading,
// timers, console, the network exchange, Segment calls, and the crypto/zlib/URL work its facades delegate.
// Every function here takes primitives or the realm's own objects, returns primitives (bytes as latin1, structures
// as JSON text) or realm objects, and throws only realm errors (guardBridge). The realm keeps it in closures
// (js/loader.js, js/prelude.js) and hands it to fnsync's facades only, never to library or function code.
import type vm from 'node:vm';
import { existsSync, readFileSync } from 'node:fs';
import { STATUS_CODES } from 'node:http';
import type { FunctionUnit } from '../types.js';
import type { InvocationState, SessionSlot } from '../invocation-state.js';
import { createResolver, ModuleNotFound, type ProjectModules } from './resolve-module.js';
import { facadePath, moduleWrapper } from './module-source.js';
import { guardBridge, type RealmIntrinsics } from './host-values.js';
import { createCryptoBridge } from './crypto-bridge.js';
import { zlibBridge } from './zlib-bridge.js';
import { urlBridge } from './url-bridge.js';
import { exchange, refuseSocket, type ExchangeRequest } from './network-exchange.js';
import { formatLog, formatForRealm, inspectForRealm } from './format-log.js';
import { hasDynamicImport } from './dynamic-import.js';
import { sdksFor } from '../sdk-table.js';

type Owner = InvocationState | 'instance';
type RealmFn = (...args: unknown[]) => unknown;

/** What an instance's sandbox keeps besides the bridge: lifecycle hooks for its timers and pending callbacks. */
export interface BridgeControl {
  host: Record<string, unknown>;
  /** The code has loaded: timers and requests started from now on belong to the invocation that started them. */
  loaded(): void;
  /** Cancels what an invocation left pending (timers, mock delays, answers still to deliver). */
  endInvocation(state: InvocationState): void;
  dispose(): void;
}

export interface BridgeDeps {
  context: vm.Context;
  realm: RealmIntrinsics;
  slot: SessionSlot;
  unit: FunctionUnit;
  project: ProjectModules;
  segment: Record<string, (input: Record<string, unknown>) => unknown> | undefined;
}

const describe = (err: unknown): string => {
  try {
    return err !== null && typeof err === 'object' && 'message' in err ? String((err as { message: unknown }).message) : String(err);
  } catch {
    return 'a value that cannot be described';
  }
};

export function createHostBridge(deps: BridgeDeps): BridgeControl {
  const { slot, context } = deps;
  let loading = true;
  const owner = (): Owner => (loading ? 'instance' : slot.current);
  const live = (o: Owner) => o === 'instance' || o === slot.current;

  // Timers: fnsync's clock, owned by the instance (started while loading) or by one invocation.
  const timers = new Map<number, { timer: NodeJS.Timeout; owner: Owner }>();
  let nextTimer = 1;
  const callRealm = (fn: RealmFn, args: unknown[], what: string) => {
    try {
      Reflect.apply(fn, undefined, args);
    } catch (err) {
      slot.current.logs.push({ level: 'error', message: `uncaught exception${what ? ` in ${what}` : ''}: ${describe(err)}` });
    }
  };
  const startTimer = (fire: () => void, ms: number, repeat: boolean, by: Owner = owner()): number => {
    const id = nextTimer++;
    const run = () => {
      const entry = timers.get(id);
      if (!entry) return;
      if (!live(entry.owner)) return stopTimer(id);
      if (!repeat) timers.delete(id);
      fire();
    };
    const timer = repeat ? setInterval(run, ms) : setTimeout(run, ms);
    timers.set(id, { timer, owner: by });
    return id;
  };
  const stopTimer = (id: unknown) => {
    const entry = timers.get(Number(id));
    if (entry) {
      clearTimeout(entry.timer);
      timers.delete(Number(id));
    }
  };

  // Module loading: only ids the resolver produced can be compiled or read.
  const resolver = createResolver(deps.project, sdksFor(deps.unit.type));
  const resolved = new Set<string>();
  const resolve = (spec: string, from: string | undefined): string => {
    let id: string;
    if (typeof spec !== 'string') throw new TypeError('The "id" argument must be of type string');
    if (spec.startsWith('fnsync:')) {
      if (!(from ?? 'fnsync:').startsWith('fnsync:') || !existsSync(facadePath(spec))) throw new ModuleNotFound(`Cannot find module '${spec}'`);
      id = spec;
    } else id = resolver(spec, from);
    resolved.add(id);
    return id;
  };
  const known = (id: string) => {
    if (!resolved.has(id) && !(id.startsWith('fnsync:') && existsSync(facadePath(id)))) throw new ModuleNotFound(`Cannot find module '${id}'`);
    return id;
  };

  const crypto = createCryptoBridge();
  const bridge = {
    nodeVersion: process.version,
    resolve,
    compile: (id: string) => moduleWrapper(known(id), context),
    readJson: (id: string) => readFileSync(known(id), 'utf8'),
    timerStart: (fn: RealmFn, ms: number, repeat: boolean) => startTimer(() => callRealm(fn, [], 'timer callback'), Math.max(1, Number(ms) || 1), repeat === true),
    timerStop: stopTimer,
    timerRefresh: (id: unknown) => void timers.get(Number(id))?.timer.refresh(),
    log: (level: string, args: unknown) => formatLog(slot.current, level, args),
    format: formatForRealm,
    inspect: inspectForRealm,
    exchange(specText: string, done: RealmFn): void {
      const by = owner();
      const state = slot.current;
      const spec = JSON.parse(String(specText)) as ExchangeRequest;
      const request: ExchangeRequest = {
        library: spec.library === 'fetch' || spec.library === 'http' ? spec.library : 'https',
        method: String(spec.method),
        url: String(spec.url),
        headers: Object.fromEntries(Object.entries(spec.headers ?? {}).map(([k, v]) => [k, String(v)])),
        body: typeof spec.body === 'string' ? spec.body : undefined,
      };
      exchange(state, request, (fn, ms) => startTimer(fn, ms, false, by)).then(
        (reply) => {
          if (live(by)) callRealm(done, [JSON.stringify(reply)], '');
        },
        (err) => {
          if (live(by)) callRealm(done, [JSON.stringify({ error: { message: describe(err), code: 'ERR_FNSYNC' } })], '');
        },
      );
    },
    refuseSocket: (target: string) => refuseSocket(slot.current, String(target)),
    httpStatusCodes: () => JSON.stringify(STATUS_CODES),
    hasDynamicImport: (source: string) => hasDynamicImport(String(source)),
    segment(method: string, message: Record<string, unknown>) {
      const fn = deps.segment?.[method];
      if (!fn) throw new TypeError(`Segment.${method} is not a function`);
      return fn(message);
    },
    ...crypto.bridge,
    ...zlibBridge,
    ...urlBridge,
  };

  return {
    host: guardBridge(bridge, deps.realm),
    loaded: () => (loading = false),
    endInvocation(state) {
      for (const [id, entry] of timers) if (entry.owner === state) stopTimer(id);
    },
    dispose() {
      for (const id of [...timers.keys()]) stopTimer(id);
      crypto.dispose();
    },
  };
}
