// Outbound HTTP for the sandbox: node-fetch 2.6.0 (what Segment injects), wrapped so every request is matched
// against the invocation's mocks, recorded, and refused unless a mock answers or the network is allowed.
import { createRequire } from 'node:module';
import https from 'node:https';
import type { RequestOptions, ClientRequest } from 'node:http';
import type { HttpMock, RecordedRequest } from './types.js';
import type { InvocationState, SessionSlot } from './invocation-state.js';

const require = createRequire(import.meta.url);

/* The parts of node-fetch 2 we use; it ships no types. */
interface NodeFetchHeaders {
  forEach(cb: (value: string, name: string) => void): void;
}
interface NodeFetchRequest {
  url: string;
  method: string;
  headers: NodeFetchHeaders;
  text(): Promise<string>;
}
type NodeFetch = ((req: unknown, init?: unknown) => Promise<{ status: number }>) & {
  Headers: new (init?: unknown) => NodeFetchHeaders;
  Request: new (input: unknown, init?: unknown) => NodeFetchRequest;
  Response: new (body?: unknown, init?: unknown) => unknown;
  FetchError: new (message: string, type: string, systemError?: { code: string }) => Error;
};

/** node-fetch 2.6.0, the classes function code sees as `fetch`, `Headers`, `Request`, `Response`. */
export const nodeFetch = require('node-fetch') as NodeFetch;

/** Message of the FetchError an unmatched request gets; tests and docs quote it. */
export const NO_MOCK_REASON = 'no mock matched and the network is off (fnsync run: --allow-network)';

function findMock(state: InvocationState, method: string, url: string): number | undefined {
  for (let i = 0; i < state.mocks.length; i++) {
    const m = state.mocks[i]!;
    const limit = m.repeat ?? 1;
    if (limit !== 0 && state.mockUses[i]! >= limit) continue;
    if (m.method && m.method.toUpperCase() !== method) continue;
    if (m.url !== undefined && m.url !== url) continue;
    if (m.urlPattern !== undefined && !new RegExp(m.urlPattern).test(url)) continue;
    return i;
  }
  return undefined;
}

function headersToRecord(h: NodeFetchHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  h.forEach((value, name) => (out[name] = value));
  return out;
}

const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The sandbox `fetch`: same signature and errors as node-fetch 2, answered by mocks. */
export function createFetch(slot: SessionSlot): (input: unknown, init?: unknown) => Promise<unknown> {
  return async function fetch(input: unknown, init?: unknown) {
    const state = slot.current;
    const req = new nodeFetch.Request(input, init);
    // node-fetch checks these when it sends, before any I/O; same errors here.
    if (!/^[a-z][a-z0-9+.-]*:\/\/[^/]/i.test(req.url)) throw new TypeError('Only absolute URLs are supported');
    if (!/^https?:/i.test(req.url)) throw new TypeError('Only HTTP(S) protocols are supported');
    const body = await req.text();
    const record: RecordedRequest = {
      method: req.method,
      url: req.url,
      headers: headersToRecord(req.headers),
      body: body === '' ? undefined : body,
      mockIndex: undefined,
      status: undefined,
      error: undefined,
    };
    state.requests.push(record);
    const index = findMock(state, req.method, req.url);
    if (index === undefined) {
      if (state.allowNetwork) {
        try {
          const res = await nodeFetch(req.url, { method: req.method, headers: req.headers, body: record.body });
          record.status = res.status;
          return res;
        } catch (err) {
          record.error = (err as Error).message;
          throw err;
        }
      }
      const message = `request to ${req.url} failed, reason: ${NO_MOCK_REASON}`;
      record.error = message;
      throw new nodeFetch.FetchError(message, 'system', { code: 'ENOMOCK' });
    }
    state.mockUses[index]!++;
    record.mockIndex = index;
    const mock: HttpMock = state.mocks[index]!;
    if (mock.delayMs) await delay(mock.delayMs);
    if (mock.networkError) {
      const message = `request to ${req.url} failed, reason: ${mock.networkError}`;
      record.error = message;
      throw new nodeFetch.FetchError(message, 'system', { code: mock.networkError });
    }
    record.status = mock.status ?? 200;
    const text = mock.body === undefined ? '' : typeof mock.body === 'string' ? mock.body : JSON.stringify(mock.body);
    const headers = { ...(typeof mock.body === 'object' && mock.body !== null ? { 'content-type': 'application/json' } : {}), ...mock.headers };
    return new nodeFetch.Response(text, { status: record.status, headers, url: req.url });
  };
}

/** An agent whose connections never open: https requests fail with ENOMOCK unless the network is allowed. */
function blockedAgent(): https.Agent {
  const agent = new https.Agent();
  (agent as unknown as { createConnection: unknown }).createConnection = (_o: unknown, callback?: (err: Error | null) => void) => {
    const err = Object.assign(new Error(NO_MOCK_REASON), { code: 'ENOMOCK' });
    process.nextTick(() => callback?.(err));
    return undefined;
  };
  return agent;
}

/** The sandbox `https` module: Node's, but `request`/`get` record the call and refuse the network in tests. */
export function createHttps(slot: SessionSlot): typeof https {
  const guard = (fn: typeof https.request) =>
    function guarded(...args: unknown[]): ClientRequest {
      const state = slot.current;
      const first = args[0];
      const opts = (typeof args[1] === 'object' && args[1] !== null ? args[1] : typeof first === 'object' && !(first instanceof URL) ? first : {}) as RequestOptions;
      const url = typeof first === 'string' || first instanceof URL ? String(first) : `https://${opts.hostname ?? opts.host ?? 'localhost'}${opts.path ?? '/'}`;
      const record: RecordedRequest = { method: (opts.method ?? 'GET').toUpperCase(), url, headers: {}, body: undefined, mockIndex: undefined, status: undefined, error: undefined };
      state.requests.push(record);
      if (!state.allowNetwork) {
        record.error = `request to ${url} failed, reason: ${NO_MOCK_REASON}`;
        const blocked = { ...opts, agent: blockedAgent() };
        const rest = typeof args[1] === 'object' && args[1] !== null ? [first, blocked, ...args.slice(2)] : typeof first === 'object' && !(first instanceof URL) ? [blocked, ...args.slice(1)] : [first, blocked, ...args.slice(1)];
        return (fn as (...a: unknown[]) => ClientRequest)(...rest);
      }
      return (fn as (...a: unknown[]) => ClientRequest)(...args);
    };
  return { ...https, request: guard(https.request), get: guard(https.get) } as typeof https;
}
