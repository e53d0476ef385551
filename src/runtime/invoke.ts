// One-off invocation for `fnsync run`: turns the user's request/event/settings files into an InvocationInput,
// runs it once in a fresh instance, and shapes the printed document. Input mistakes are UserErrors naming the file.
import { UserError } from '../errors.js';
import { parseJsonSource } from '../config/json-source.js';
import { createRuntime } from './create-runtime.js';
import { buildWebhookRequest, type WebhookQuery } from './webhook-request.js';
import type { FunctionUnit, Invocation, InvocationInput, InvocationResult, WebhookRequest } from './types.js';

/** What `fnsync run` prints: the result without timing, in a stable key order. */
export interface RunReport {
  outcome: InvocationResult['outcome'];
  error?: InvocationResult['error'];
  messages: InvocationResult['messages'];
  objects: InvocationResult['objects'];
  returned: unknown;
  logs: InvocationResult['logs'];
  requests: InvocationResult['requests'];
  warnings: string[];
}

/** Strict JSON; a syntax error names its line and column. */
function parseJson(text: string, file: string): unknown {
  const parsed = parseJsonSource(text, file);
  if (!parsed.ok) throw new UserError(`${file} is not valid JSON`, [parsed.problem]);
  return parsed.source.data;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A request file: `{ method?, headers?, url? | query?, body }`; a non-string body is sent as JSON. */
export function parseRequestFile(text: string, file: string): WebhookRequest {
  const data = parseJson(text, file);
  const bad = (path: string, message: string) => new UserError(`invalid request file ${file}`, [{ file, path, message }]);
  if (!isRecord(data)) throw bad('', 'a request file is an object: { "method"?, "headers"?, "url"? | "query"?, "body" }');
  const allowed = new Set(['method', 'headers', 'url', 'query', 'body']);
  for (const key of Object.keys(data)) if (!allowed.has(key)) throw bad(key, `unknown key "${key}" (allowed: ${[...allowed].join(', ')})`);
  if (!('body' in data)) throw bad('body', 'body is required (a JSON value, or a string sent as is)');
  if (data.url !== undefined && data.query !== undefined) throw bad('query', 'give either url or query, not both');
  if (data.method !== undefined && typeof data.method !== 'string') throw bad('method', 'method must be a string');
  if (data.url !== undefined && typeof data.url !== 'string') throw bad('url', 'url must be a string');
  const headers: Record<string, string | string[]> = {};
  if (data.headers !== undefined) {
    if (!isRecord(data.headers)) throw bad('headers', 'headers must be an object of strings');
    for (const [k, v] of Object.entries(data.headers)) {
      if (typeof v !== 'string' && !(Array.isArray(v) && v.every((x) => typeof x === 'string'))) throw bad(`headers.${k}`, 'header values must be strings');
      headers[k] = v as string | string[];
    }
  }
  const query = data.query;
  if (query !== undefined && typeof query !== 'string' && !isRecord(query)) throw bad('query', 'query must be a string or an object');
  // A string body is sent as is (bodyRaw); any other value as JSON: then the one builder `fnsync test` uses too.
  const request = buildWebhookRequest({
    method: data.method as string | undefined,
    headers,
    url: data.url as string | undefined,
    query: query as WebhookQuery | undefined,
    ...(typeof data.body === 'string' ? { bodyRaw: data.body } : { body: data.body }),
  });
  try {
    new URL(request.url);
  } catch {
    throw bad('url', `not an absolute URL: ${request.url}`);
  }
  return request;
}

/** An event file: an object is one event, an array is a batch (onBatch). */
export function parseEventFile(text: string, file: string): Invocation {
  const data = parseJson(text, file);
  if (Array.isArray(data)) {
    data.forEach((e, i) => {
      if (!isRecord(e)) throw new UserError(`invalid event file ${file}`, [{ file, path: `[${i}]`, message: 'each event of a batch must be an object' }]);
    });
    return { kind: 'batch', events: data as Record<string, unknown>[] };
  }
  if (!isRecord(data)) throw new UserError(`invalid event file ${file}`, [{ file, message: 'an event file holds one event object, or an array of events for a batch' }]);
  if (typeof data.type !== 'string') throw new UserError(`invalid event file ${file}`, [{ file, path: 'type', message: 'the event needs a "type" (track, identify, page, screen, group, alias, delete)' }]);
  return { kind: 'event', event: data };
}

// The settings file is config-shaped (names, types, env references): it is read and checked in src/config.
export { parseSettingsFile } from '../config/settings-file.js';

/** Runs one input in a fresh instance and closes the pool. */
export async function invokeOnce(unit: FunctionUnit, input: InvocationInput): Promise<InvocationResult> {
  const runtime = createRuntime({ maxWorkers: 1 });
  try {
    const [result] = await runtime.runSession(unit, [input]);
    return result!;
  } finally {
    await runtime.close();
  }
}

/** The document `fnsync run` prints. */
export function toRunReport(result: InvocationResult): RunReport {
  const report: RunReport = {
    outcome: result.outcome,
    ...(result.error ? { error: result.error } : {}),
    messages: result.messages,
    objects: result.objects,
    returned: result.returned ?? null,
    logs: result.logs,
    requests: result.requests.map((r) => ({ ...r, mockIndex: r.mockIndex ?? null, status: r.status ?? null, error: r.error ?? null })) as InvocationResult['requests'],
    warnings: result.warnings,
  };
  return report;
}

/** Exit code of `fnsync run`: 0 when the function succeeded or (insert) dropped the event, 1 otherwise. */
export function runExitCode(result: InvocationResult): number {
  return result.outcome === 'Success' || result.outcome === 'Dropped' ? 0 : 1;
}
