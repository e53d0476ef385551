// The one place outbound traffic of function code goes, whichever library made it (fetch, https/http and the
// libraries over them: form-data, oauth, SDKs; raw sockets are refused earlier, in js/net.js). Every attempt is
// recorded in the invocation's `requests`; a fixture mock answers it, or, in `fnsync run --allow-network` only,
// the real network; otherwise it fails as a connection error would.
import { createRequire } from 'node:module';
import type { HttpMock, RecordedRequest } from '../types.js';
import type { InvocationState } from '../invocation-state.js';

const require = createRequire(import.meta.url);
type Fetch = (url: string, init: Record<string, unknown>) => Promise<{ status: number; statusText: string; url: string; headers: { raw(): Record<string, string[]> }; buffer(): Promise<Buffer> }>;
const hostFetch = require('node-fetch') as Fetch;

/** Why an unmatched request failed; tests and docs quote it. */
export const NO_MOCK_REASON = 'no mock matched and the network is off (fnsync run: --allow-network)';
/** Why a raw socket failed. */
export const RAW_SOCKET_REASON = 'raw sockets are not available to functions in fnsync: use fetch or https.request, which fixture mocks can answer';

/** A request as a library in the realm made it. `body` is the bytes sent, as latin1 text. */
export interface ExchangeRequest {
  library: 'fetch' | 'http' | 'https';
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string | undefined;
}

/** The answer the realm's library turns into its own response or error. `body` is latin1 text. */
export interface ExchangeReply {
  error?: { message: string; code: string };
  status?: number;
  statusText?: string;
  headers?: [string, string][];
  body?: string;
  url?: string;
}

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

function mockReply(mock: HttpMock, url: string): ExchangeReply {
  const text = mock.body === undefined ? '' : typeof mock.body === 'string' ? mock.body : JSON.stringify(mock.body);
  const headers: Record<string, string> = { ...(typeof mock.body === 'object' && mock.body !== null ? { 'content-type': 'application/json' } : {}), ...mock.headers };
  const status = mock.status ?? 200;
  return { status, headers: Object.entries(headers), body: Buffer.from(text, 'utf8').toString('latin1'), url };
}

async function realNetwork(req: ExchangeRequest): Promise<ExchangeReply> {
  const viaFetch = req.library === 'fetch';
  const res = await hostFetch(req.url, {
    method: req.method,
    headers: req.headers,
    body: req.body === undefined ? undefined : Buffer.from(req.body, 'latin1'),
    redirect: viaFetch ? 'follow' : 'manual',
    compress: viaFetch,
  });
  const body = await res.buffer();
  const headers: [string, string][] = [];
  for (const [name, values] of Object.entries(res.headers.raw())) {
    // node-fetch has decoded a compressed body already; its size and encoding headers no longer describe it.
    if (viaFetch && (name === 'content-encoding' || name === 'content-length')) continue;
    for (const value of values) headers.push([name, value]);
  }
  return { status: res.status, statusText: res.statusText, headers, body: body.toString('latin1'), url: res.url };
}

/**
 * Records and answers one request. `later(fn, ms)` schedules on the invocation's own timers, so a mock delay
 * still pending when the invocation ends is cancelled with it.
 */
export async function exchange(state: InvocationState, req: ExchangeRequest, later: (fn: () => void, ms: number) => void): Promise<ExchangeReply> {
  const record: RecordedRequest = {
    method: req.method,
    url: req.url,
    headers: req.headers,
    body: req.body === undefined || req.body === '' ? undefined : Buffer.from(req.body, 'latin1').toString('utf8'),
    mockIndex: undefined,
    status: undefined,
    error: undefined,
  };
  state.requests.push(record);
  const failed = (reason: string, code: string): ExchangeReply => {
    record.error = `request to ${req.url} failed, reason: ${reason}`;
    return { error: { message: reason, code } };
  };
  const index = findMock(state, req.method, req.url);
  if (index === undefined) {
    if (!state.allowNetwork) return failed(NO_MOCK_REASON, 'ENOMOCK');
    try {
      const reply = await realNetwork(req);
      record.status = reply.status;
      return reply;
    } catch (err) {
      const e = err as { message?: string; code?: string };
      const reason = String(e.message ?? err).replace(/^request to \S+ failed, reason: /, '');
      return failed(reason, e.code ?? 'ECONNREFUSED');
    }
  }
  state.mockUses[index]!++;
  record.mockIndex = index;
  const mock = state.mocks[index]!;
  if (mock.delayMs) await new Promise<void>((resolve) => later(resolve, mock.delayMs!));
  if (mock.networkError) return failed(mock.networkError, mock.networkError);
  record.status = mock.status ?? 200;
  return mockReply(mock, req.url);
}

/** Records a raw socket a function tried to open; it is always refused. */
export function refuseSocket(state: InvocationState, target: string): string {
  state.requests.push({ method: 'CONNECT', url: target, headers: {}, body: undefined, mockIndex: undefined, status: undefined, error: `connection to ${target} failed, reason: ${RAW_SOCKET_REASON}` });
  return RAW_SOCKET_REASON;
}
