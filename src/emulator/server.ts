// The local Segment Public API emulator: a real HTTP server on loopback that the official SDK drives
// end to end, with persisted state and fault knobs for resilience tests.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleAdmin } from './admin.js';
import { Faults, type FaultController, type FaultSpec, type RateDecision } from './faults.js';
import { HttpFailure, badRequest, notFound, type WireError } from './http-errors.js';
import { isValidLimit } from './limits.js';
import { DEFAULT_MAX_PAGE_SIZE } from './pagination.js';
import { appendLog, type RequestLogEntry } from './request-log.js';
import { Router } from './router.js';
import { registerDestinationRoutes } from './routes/destinations.js';
import { registerFunctionRoutes } from './routes/functions.js';
import { registerInsertInstanceRoutes } from './routes/insert-instances.js';
import { registerSourceRoutes } from './routes/sources.js';
import { registerWorkspaceRoutes } from './routes/workspace.js';
import { openStore } from './store.js';
import type { EmulatorSeed, EmulatorState } from './types.js';

export type { EmulatorSeed, EmulatorState } from './types.js';
export type { FaultController, FaultRule, FaultSpec, RateLimitSpec } from './faults.js';
export type { RequestLogEntry } from './request-log.js';

/** How to start an emulator. */
export interface EmulatorOptions {
  /** Default '127.0.0.1'. */
  host?: string;
  /** Default 0: a random free port. */
  port?: number;
  /** Persist state here (atomically); loaded when it exists. */
  stateFile?: string;
  /** A seed object or JSON seed file path; applied only when the state file does not exist yet. */
  seed?: EmulatorSeed | string;
  /** The one bearer token accepted; default: any non-empty bearer token. */
  token?: string;
  /** Workspace id/slug/name; default { slug: 'local', name: 'Local Workspace' }. Explicit fields override stored ones. */
  workspace?: { id?: string; slug?: string; name?: string };
  /** Initial fault/load knobs. */
  faults?: FaultSpec;
  /** Largest accepted `pagination.count` (default 200, the strict reading of doc §8; up to 1000 by the SDK's bound). */
  maxPageSize?: number;
  /** When false, lists without `pagination` default to 200 items instead of answering 422 (default true). */
  requirePagination?: boolean;
  /** DESTINATION/INSERT code saves deploy at once (default true); false makes them wait for a deploy like SOURCE. */
  deployOnSave?: boolean;
  /**
   * Functions the workspace may hold, all types together (default: the state's or seed's `limits.maxFunctions`,
   * else Segment's 25). Given here it wins and is written to the state file, as Segment raising the limit would be.
   */
  maxFunctions?: number;
}

/** A started emulator. */
export interface RunningEmulator {
  /** Base URL without trailing slash, e.g. http://127.0.0.1:54321. */
  url: string;
  port: number;
  faults: FaultController;
  requestLog: RequestLogEntry[];
  /** A deep copy of the current state, for assertions. */
  state(): EmulatorState;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 5 * 1024 * 1024;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) reject(new HttpFailure(413, { type: 'payload-too-large', message: 'Payload too large' }));
      else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function rateHeaders(d: RateDecision): Record<string, string> {
  return {
    'X-RateLimit-Consumed': String(d.consumed),
    'X-RateLimit-Remaining': String(d.remaining),
    'X-RateLimit-Reset': new Date(d.resetAt).toUTCString(),
  };
}

function send(res: ServerResponse, status: number, payload: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(payload);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

const errorBody = (e: WireError) => ({ errors: [e] });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Starts an emulator and resolves once it listens. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  if (options.maxFunctions !== undefined && !isValidLimit(options.maxFunctions)) {
    throw new RangeError(`maxFunctions must be a positive whole number, got ${options.maxFunctions}`);
  }
  const store = await openStore({ ...options, limits: options.maxFunctions === undefined ? undefined : { maxFunctions: options.maxFunctions } });
  const faults = new Faults(options.faults);
  const requestLog: RequestLogEntry[] = [];
  const pagination = { maxCount: options.maxPageSize ?? DEFAULT_MAX_PAGE_SIZE, required: options.requirePagination ?? true };
  const behaviour = { deployOnSave: options.deployOnSave ?? true };
  const router = new Router();
  registerWorkspaceRoutes(router);
  registerFunctionRoutes(router);
  registerInsertInstanceRoutes(router);
  registerSourceRoutes(router);
  registerDestinationRoutes(router);

  const authorized = (req: IncomingMessage): boolean => {
    const m = /^Bearer\s+(\S.*)$/i.exec(req.headers.authorization ?? '');
    if (!m) return false;
    return options.token === undefined ? m[1]!.trim().length > 0 : m[1]!.trim() === options.token;
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = Date.now();
    // Split by hand: `new URL('//functions', base)` would read a double slash as a host and serve `GET /`.
    const rawUrl = req.url ?? '/';
    const q = rawUrl.indexOf('?');
    const path = q < 0 ? rawUrl : rawUrl.slice(0, q);
    const url = { searchParams: new URLSearchParams(q < 0 ? '' : rawUrl.slice(q + 1)) };
    const method = (req.method ?? 'GET').toUpperCase();
    const unauthorized = { type: 'unauthorized', message: 'Unauthorized: missing or invalid bearer token' };

    if (path.startsWith('/__emulator/')) {
      if (!authorized(req)) return send(res, 401, errorBody(unauthorized));
      try {
        const raw = await readBody(req);
        const body = raw ? (JSON.parse(raw) as unknown) : undefined;
        return send(res, 200, { data: handleAdmin(method, path, body, { faults, log: requestLog, state: () => store.state }) });
      } catch (err) {
        const f = err instanceof HttpFailure ? err : badRequest(`Invalid request: ${(err as Error).message}`);
        return send(res, f.status, errorBody(f.wire));
      }
    }

    const entry: RequestLogEntry = {
      method, path, query: Object.fromEntries(url.searchParams), status: 0, durationMs: 0, time: new Date(started).toISOString(),
    };
    const finish = (status: number, fault?: string) => {
      entry.status = status;
      entry.durationMs = Date.now() - started;
      if (fault) entry.fault = fault;
      appendLog(requestLog, entry);
    };

    if (faults.latencyMs > 0) await sleep(faults.latencyMs);
    // Counted before the token check: the real limits also key on the sender's IP, and 401s carry the headers too.
    const rate = faults.consume();
    const headers = rateHeaders(rate);
    if (!authorized(req)) {
      finish(401);
      return send(res, 401, errorBody(unauthorized), headers);
    }
    if (!rate.allowed) {
      finish(429, 'rate-limit');
      const data = { remainingPoints: rate.remaining, msBeforeNext: rate.msBeforeNext, consumedPoints: rate.consumed };
      return send(res, 429, errorBody({ type: 'RequestError', message: 'Too many requests', data }), headers);
    }
    const fault = faults.take(method, path);
    if (fault?.kind === 'hang') return finish(0, 'hang');
    if (fault?.kind === 'reset') {
      finish(0, 'reset');
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'status') {
      const status = fault.status ?? 500;
      finish(status, 'status');
      return send(res, status, errorBody({ type: status === 503 ? 'service-unavailable' : 'internal-server-error', message: `Injected fault: HTTP ${status}` }), headers);
    }

    let status = 200;
    let payload: unknown;
    try {
      const raw = await readBody(req);
      let body: unknown;
      if (raw.trim()) {
        try {
          body = JSON.parse(raw);
        } catch {
          throw badRequest('Request body is not valid JSON.');
        }
      }
      const match = router.match(method, path);
      if (!match) throw notFound(`No route for ${method} ${path}.`);
      const result = match.handler({ method, path, params: match.params, query: url.searchParams, body, state: store.state, pagination, behaviour });
      if (result.mutated) await store.save();
      status = result.status ?? 200;
      payload = { data: result.data };
    } catch (err) {
      const f = err instanceof HttpFailure ? err : new HttpFailure(500, { type: 'internal-server-error', message: 'Internal emulator error' });
      if (!(err instanceof HttpFailure)) process.emitWarning(`fnsync emulator: ${(err as Error).message}`);
      status = f.status;
      payload = errorBody(f.wire);
    }
    if (fault?.kind === 'reset-after') {
      finish(0, 'reset-after');
      req.socket.destroy();
      return;
    }
    finish(status);
    send(res, status, payload, headers);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) send(res, 500, errorBody({ type: 'internal-server-error', message: (err as Error).message }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    port: address.port,
    faults,
    requestLog,
    state: () => structuredClone(store.state),
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await store.flush();
    },
  };
}
