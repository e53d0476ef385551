// The one SegmentApi implementation: the official SDK underneath, fnsync's types on top, with the
// retry/rate-limit policy and error mapping applied to every call.
import { AdapterContext } from './adapter-context.js';
import { ConnectionOps } from './connection-ops.js';
import { FunctionOps } from './function-ops.js';
import { RateLimitGate, systemClock, type Clock } from './rate-limit.js';
import { DEFAULT_RETRY_OPTIONS, RequestRunner, type RetryOptions } from './request-runner.js';
import { createSdkClients, fnsyncUserAgent } from './sdk-clients.js';
import { readWorkspaceSnapshot } from './snapshot.js';
import type { SegmentApi } from './types.js';

/** How to build a client. Only `baseUrl` and `token` are required. */
export interface SegmentApiOptions {
  /** e.g. `https://api.segmentapis.com` or the emulator's URL; a trailing slash is removed. */
  baseUrl: string;
  token: string;
  /** fnsync's version, for the User-Agent. */
  version?: string;
  /** Per-request timeout in ms (default 30 s). */
  timeoutMs?: number;
  /** Concurrent getFunction calls when fetching details (default 4). */
  concurrency?: number;
  retry?: Partial<RetryOptions>;
  /** Injectable clock/sleep: tests record waits instead of sleeping. */
  clock?: Clock;
  /** `X-RateLimit-Remaining` at or below which requests wait for the reset (default 1). */
  rateLimitLowWater?: number;
}

/** Default per-request timeout. */
export const DEFAULT_TIMEOUT_MS = 30_000;

/** Creates a SegmentApi over the official SDK. */
export function createSegmentApi(options: SegmentApiOptions): SegmentApi {
  const clock = options.clock ?? systemClock;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const clients = createSdkClients({
    baseUrl: options.baseUrl,
    token: options.token,
    userAgent: fnsyncUserAgent(options.version ?? '0.1.0'),
    timeoutMs,
  });
  const runner = new RequestRunner({
    clock,
    gate: new RateLimitGate({ clock, lowWater: options.rateLimitLowWater }),
    retry: { ...DEFAULT_RETRY_OPTIONS, ...options.retry },
    timeoutMs,
    secrets: [options.token],
  });
  const ctx = new AdapterContext(clients, runner, options.concurrency ?? 4);
  const fns = new FunctionOps(ctx);
  const conns = new ConnectionOps(ctx);

  const api: SegmentApi = {
    getWorkspace: () => ctx.getWorkspace(),
    listFunctions: () => fns.listFunctions(),
    getFunction: (id, hint) => fns.getFunction(id, hint),
    listFunctionsWithDetails: () => fns.listFunctionsWithDetails(),
    createFunction: (input) => fns.createFunction(input),
    updateFunction: (id, update, hint) => fns.updateFunction(id, update, hint),
    deleteFunction: (id, hint) => fns.deleteFunction(id, hint),
    deployFunction: (id, hint) => fns.deployFunction(id, hint),
    listFunctionVersions: (id) => fns.listFunctionVersions(id),
    getFunctionVersion: (id, versionId) => fns.getFunctionVersion(id, versionId),
    restoreFunctionVersion: (id, versionId) => fns.restoreFunctionVersion(id, versionId),
    listSources: () => conns.listSources(),
    getSource: (id) => conns.getSource(id),
    createSource: (input) => conns.createSource(input),
    updateSource: (id, update, hint) => conns.updateSource(id, update, hint),
    deleteSource: (id, hint) => conns.deleteSource(id, hint),
    listDestinations: () => conns.listDestinations(),
    getDestination: (id) => conns.getDestination(id),
    createDestination: (input) => conns.createDestination(input),
    updateDestination: (id, update, hint) => conns.updateDestination(id, update, hint),
    deleteDestination: (id, hint) => conns.deleteDestination(id, hint),
    listInsertInstances: (functionId) => conns.listInsertInstances(functionId),
    getInsertInstance: (id) => conns.getInsertInstance(id),
    createInsertInstance: (input) => conns.createInsertInstance(input),
    updateInsertInstance: (id, update, hint) => conns.updateInsertInstance(id, update, hint),
    deleteInsertInstance: (id, hint) => conns.deleteInsertInstance(id, hint),
    listFunctionInstances: (fn) => conns.listFunctionInstances(fn),
    readSnapshot: (snapshotOptions) => readWorkspaceSnapshot(api, snapshotConcurrency(options), snapshotOptions),
  };
  return api;
}

/** Concurrent reads of a snapshot: enough in flight to cover latency, paced by the shared rate-limit gate. */
function snapshotConcurrency(options: SegmentApiOptions): number {
  return Math.max(options.concurrency ?? 4, 8);
}
