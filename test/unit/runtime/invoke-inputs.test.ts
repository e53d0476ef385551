// The input files of `fnsync run` (request, event, settings) and the default webhook URL: what is accepted, and
// the messages for what is not.
import { describe, expect, it } from 'vitest';
import { parseEventFile, parseRequestFile, parseSettingsFile, runExitCode, toRunReport } from '../../../src/runtime/invoke.js';
import { buildWebhookUrl } from '../../../src/runtime/webhook-request.js';
import { UserError, formatProblem } from '../../../src/errors.js';
import type { InvocationResult } from '../../../src/runtime/types.js';

/** The problems of a refused file as the user reads them. */
function located(fn: () => unknown): string[] {
  try {
    fn();
  } catch (err) {
    if (!(err instanceof UserError)) throw err;
    return err.problems.map(formatProblem);
  }
  throw new Error('expected a UserError');
}

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
    expect(r).toEqual({ message: 'settings in s.json have a malformed environment reference', problem: "malformed environment reference '${env:ACME-KEY}'", path: 'apiKey' });
  });

  it('names the line and column of every problem: a malformed reference, invalid JSON, an unset variable', () => {
    const text = '{\n  "channel": "#a",\n  "apiKey": "${env:ACME-KEY}"\n}\n';
    expect(located(() => parseSettingsFile(text, 's2.json', {}))).toEqual([
      "s2.json:3:13 apiKey: malformed environment reference '${env:ACME-KEY}'\n  hint: write ${env:NAME}, where NAME is letters, digits and _ and does not start with a digit",
    ]);
    expect(located(() => parseSettingsFile('{\n  "a": 1,\n}\n', 's3.json', {}))).toEqual([
      's3.json:3:1: invalid JSON: expected a property name in double quotes (a trailing comma before } is not allowed in JSON)',
    ]);
    expect(located(() => parseSettingsFile('{ "a": 1 }\n{', 's4.json', {}))[0]).toMatch(/^s4\.json:2:1: invalid JSON: unexpected text after the JSON value/);
    expect(located(() => parseSettingsFile('{\n "b": "${env:B}"\n}', 's5.json', {}))).toEqual(['s5.json:2:7 b: environment variable B is not set']);
  });

  it('checks a known function\'s settings as a fixture\'s: unknown names, declared types, keys written twice', () => {
    const owner = { name: 'acme', settings: [{ name: 'channel' }, { name: 'verifySignatures', type: 'boolean' as const }, { name: 'signingSecret', sensitive: true }] };
    const text = '{\n  "nope": "x",\n  "channel": 5,\n  "verifySignatures": "yes",\n  "signingSecret": true,\n  "channel": "#b"\n}';
    expect(located(() => parseSettingsFile(text, 's6.json', {}, owner))).toEqual([
      "s6.json:2:3 nope: acme has no setting 'nope'\n  hint: declared: channel, verifySignatures, signingSecret",
      's6.json:4:23 verifySignatures: must be a boolean (true or false), not a string\n  hint: write true or false without quotes',
      's6.json:5:20 signingSecret: must be a string, not a boolean\n  hint: put the secret in an environment variable and write ${env:NAME}',
      // The last `channel` wins in JSON, so the number on line 3 is reported only as the first of two.
      "s6.json:6:3 channel: duplicate key 'channel' (first written on line 3)",
    ]);
    // Without the function (a bare handler file) nothing is known about the names.
    expect(parseSettingsFile('{"nope":"x","channel":5}', 's7.json', {}).settings).toEqual({ nope: 'x', channel: 5 });
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
