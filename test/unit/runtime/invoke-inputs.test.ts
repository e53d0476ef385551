// The input files of `fnsync run` (request, event, settings) and the default webhook URL: what is accepted, and
// the messages for what is not.
import { describe, expect, it } from 'vitest';
import { parseEventFile, parseRequestFile, parseSettingsFile, runExitCode, toRunReport } from '../../../src/runtime/invoke.js';
import { buildWebhookUrl } from '../../../src/runtime/webhook-request.js';
import { UserError } from '../../../src/errors.js';
import type { InvocationResult } from '../../../src/runtime/types.js';

function problemOf(fn: () => unknown): { message: string; problem: string | undefined; path: string | undefined } {
  try {
    fn();
  } catch (err) {
    if (!(err instanceof UserError)) throw err;
    return { message: err.message, problem: err.problems[0]?.message, path: err.problems[0]?.path };
  }
  throw new Error('expected a UserError');
}

describe('buildWebhookUrl (boreal\'s rule)', () => {
  it('builds https://fn.segmentapis.com/ plus the query; arrays repeat the key; spaces become +', () => {
    expect(buildWebhookUrl()).toBe('https://fn.segmentapis.com/');
    expect(buildWebhookUrl('a=1')).toBe('https://fn.segmentapis.com/?a=1');
    expect(buildWebhookUrl('?a=1')).toBe('https://fn.segmentapis.com/?a=1');
    expect(buildWebhookUrl({ a: ['1', '2'], b: 'x y' })).toBe('https://fn.segmentapis.com/?a=1&a=2&b=x+y');
  });
});

describe('request files', () => {
  it('a JSON body is encoded, content-type defaults to JSON, method to POST, the URL from query', () => {
    expect(parseRequestFile(JSON.stringify({ body: { a: 1 }, query: { name: 'ada' } }), 'r.json')).toEqual({
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      url: 'https://fn.segmentapis.com/?name=ada',
      body: '{"a":1}',
    });
  });

  it('a string body is sent as is, with the given headers, method and url', () => {
    const req = parseRequestFile(JSON.stringify({ method: 'put', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, url: 'https://x.test/?a=1', body: 'a=1' }), 'r.json');
    expect(req).toEqual({ method: 'PUT', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, url: 'https://x.test/?a=1', body: 'a=1' });
  });

  it.each([
    ['[]', '', 'a request file is an object'],
    ['{"headers":{}}', 'body', 'body is required'],
    ['{"body":1,"extra":1}', 'extra', 'unknown key "extra"'],
    ['{"body":1,"url":"https://a/","query":"x"}', 'query', 'give either url or query, not both'],
    ['{"body":1,"url":"/relative"}', 'url', 'not an absolute URL: /relative'],
    ['{"body":1,"headers":{"x":1}}', 'headers.x', 'header values must be strings'],
  ])('%s is refused at %s', (text, path, problem) => {
    const r = problemOf(() => parseRequestFile(text, 'r.json'));
    expect(r.message).toBe('invalid request file r.json');
    expect(r.path).toBe(path);
    expect(r.problem).toContain(problem);
  });

  it('invalid JSON names the file', () => {
    expect(problemOf(() => parseRequestFile('{ nope', 'r.json')).message).toBe('r.json is not valid JSON');
  });
});

describe('event files', () => {
  it('an object is one event and an array a batch', () => {
    expect(parseEventFile('{"type":"track"}', 'e.json')).toEqual({ kind: 'event', event: { type: 'track' } });
    expect(parseEventFile('[{"type":"track"},{"type":"page"}]', 'e.json')).toEqual({ kind: 'batch', events: [{ type: 'track' }, { type: 'page' }] });
  });

  it('refuses events without a type, non-objects and batches of non-objects', () => {
    expect(problemOf(() => parseEventFile('{}', 'e.json'))).toMatchObject({ path: 'type' });
    expect(problemOf(() => parseEventFile('"x"', 'e.json')).problem).toMatch(/one event object, or an array/);
    expect(problemOf(() => parseEventFile('[{"type":"track"}, 3]', 'e.json'))).toMatchObject({ path: '[1]', problem: 'each event of a batch must be an object' });
  });
});

describe('settings files', () => {
  it('resolves ${env:NAME} in strings, deeply, and reports which values came from the environment', () => {
    const r = parseSettingsFile(JSON.stringify({ key: '${env:K}', list: ['a', 'x-${env:K}'], map: { h: '${env:H}' }, flag: true }), 's.json', { K: 'sekret', H: 'hv' });
    expect(r.settings).toEqual({ key: 'sekret', list: ['a', 'x-sekret'], map: { h: 'hv' }, flag: true });
    expect(r.fromEnv).toEqual(['sekret', 'x-sekret', 'hv']);
  });

  it('refuses a malformed reference, as fnsync.yaml does, naming the key and never sending it as text', () => {
    const r = problemOf(() => parseSettingsFile(JSON.stringify({ apiKey: '${env:ACME-KEY}', ok: '${env:OK}' }), 's.json', { OK: 'v' }));
    expect(r).toEqual({ message: 'settings in s.json have a malformed environment reference', problem: 'malformed environment reference', path: 'apiKey' });
  });

  it('lists every unset variable at once', () => {
    expect(problemOf(() => parseSettingsFile('{"a":"${env:A}","b":"${env:B}"}', 's.json', {})).message).toBe('settings in s.json refer to unset environment variables: A, B');
  });
});

describe('the printed report and the exit code', () => {
  const base: InvocationResult = { outcome: 'Success', messages: [], objects: [], logs: [], requests: [], warnings: [], durationMs: 1 };
  it('has a stable shape with null for absent values and no timing', () => {
    const report = toRunReport({ ...base, requests: [{ method: 'GET', url: 'u', headers: {}, body: undefined, mockIndex: undefined, status: undefined, error: 'e' }] });
    expect(Object.keys(report)).toEqual(['outcome', 'messages', 'objects', 'returned', 'logs', 'requests', 'warnings']);
    expect(report.returned).toBeNull();
    expect(report.requests[0]).toMatchObject({ mockIndex: null, status: null, error: 'e' });
    expect(Object.keys(toRunReport({ ...base, outcome: 'Retry', error: { type: 'RetryError', message: 'm' } }))[1]).toBe('error');
  });

  it('exits 0 for Success and Dropped, 1 otherwise', () => {
    expect(['Success', 'Dropped', 'Retry', 'Bad Request', 'Timeout'].map((outcome) => runExitCode({ ...base, outcome: outcome as InvocationResult['outcome'] }))).toEqual([0, 0, 1, 1, 1]);
  });
});
