// Timers for the sandbox: the host's, tracked per instance so a session's leftovers never fire into the next
// one, with a throwing callback logged against the current invocation instead of crashing the worker.
import type { SessionSlot } from './invocation-state.js';

type Fn = (...args: unknown[]) => unknown;

/** setTimeout/clearTimeout/setInterval/clearInterval bound to one instance, plus `clearAll` for its end. */
export function createTimers(slot: SessionSlot): { globals: Record<string, Fn>; clearAll: () => void } {
  const live = new Set<NodeJS.Timeout>();
  const guard = (cb: unknown, args: unknown[]) => () => {
    try {
      if (typeof cb === 'function') cb(...args);
    } catch (err) {
      slot.current.logs.push({ level: 'error', message: `uncaught exception in timer callback: ${(err as Error)?.message ?? String(err)}` });
    }
  };
  const globals: Record<string, Fn> = {
    setTimeout: (cb: unknown, ms?: unknown, ...args: unknown[]) => {
      const t: NodeJS.Timeout = setTimeout(() => {
        live.delete(t);
        guard(cb, args)();
      }, Number(ms) || 0);
      live.add(t);
      return t;
    },
    setInterval: (cb: unknown, ms?: unknown, ...args: unknown[]) => {
      const t = setInterval(guard(cb, args), Number(ms) || 0);
      live.add(t);
      return t;
    },
    clearTimeout: (t: unknown) => {
      clearTimeout(t as NodeJS.Timeout);
      live.delete(t as NodeJS.Timeout);
    },
    clearInterval: (t: unknown) => {
      clearInterval(t as NodeJS.Timeout);
      live.delete(t as NodeJS.Timeout);
    },
  };
  return {
    globals,
    clearAll: () => {
      for (const t of live) clearTimeout(t);
      live.clear();
    },
  };
}
