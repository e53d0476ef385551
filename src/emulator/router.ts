// A minimal method + path-pattern router: the emulator's surface is small and fixed, so no framework.
import type { EmulatorState } from './types.js';
import type { FunctionBehaviour } from './function-model.js';
import type { PaginationRules } from './pagination.js';

/** What a route handler gets. */
export interface RouteContext {
  method: string;
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  /** Parsed JSON body, or undefined when there was none. */
  body: unknown;
  state: EmulatorState;
  pagination: PaginationRules;
  behaviour: FunctionBehaviour;
}

/** What a handler returns: the `data` of the envelope, its status (default 200), and whether state changed. */
export interface RouteResult {
  status?: number;
  data: unknown;
  mutated?: boolean;
}

/** A route handler; throws HttpFailure for error responses. */
export type Handler = (ctx: RouteContext) => RouteResult;

interface Route {
  method: string;
  parts: string[];
  handler: Handler;
}

/** Routes requests by method and `/segment/:param` patterns. */
export class Router {
  private routes: Route[] = [];

  /** Registers a handler; returns this for chaining. */
  add(method: string, pattern: string, handler: Handler): this {
    this.routes.push({ method, parts: split(pattern), handler });
    return this;
  }

  /** The handler and path params for a request, if any route matches. */
  match(method: string, path: string): { handler: Handler; params: Record<string, string> } | undefined {
    const parts = split(path);
    for (const route of this.routes) {
      if (route.method !== method || route.parts.length !== parts.length) continue;
      const params: Record<string, string> = {};
      const ok = route.parts.every((p, i) => {
        const actual = parts[i]!;
        if (p.startsWith(':')) {
          try {
            params[p.slice(1)] = decodeURIComponent(actual);
          } catch {
            return false; // malformed %-escape: no such resource rather than a server error
          }
          return actual.length > 0;
        }
        return p === actual;
      });
      if (ok) return { handler: route.handler, params };
    }
    return undefined;
  }
}

function split(path: string): string[] {
  return path.split('/').filter((p, i) => i > 0 || p !== '').filter((p, i, all) => !(p === '' && i === all.length - 1));
}
