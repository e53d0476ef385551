// The pool checks every message from a worker and every entry of its result log (worker-reply.ts): a compromised
// worker can send anything, and nothing it sends may throw in the main thread or fail more than its own session.
import { describe, expect, it } from 'vitest';
import { acceptEntries, acceptReply, acceptResult, decodeLog } from '../../../src/runtime/worker-reply.js';
import { encodeEntry, readResultLog } from '../../../src/runtime/result-log.js';
import type { InvocationResult } from '../../../src/runtime/types.js';

const ok: InvocationResult = { outcome: 'Success', messages: [], objects: [], logs: [], requests: [], warnings: [], durationMs: 0.002, returned: 'u1' };
const bytesOf = (text: string) => new TextEncoder().encode(text);
const reply = (raw: unknown, total = 3) => acceptReply(raw, 7, total, readResultLog);

describe('results', () => {
  it('an honest result is accepted as a copy of its known fields only', () => {
    const full: InvocationResult = {
      ...ok,
      outcome: 'Retry',
      error: { type: 'RetryError', message: 'later', at: 'handler.js:1:2' },
      logs: [{ level: 'warn', message: 'w' }],
      requests: [{ method: 'POST', url: 'https://x/', headers: { a: 'b' }, body: undefined, mockIndex: 0, status: 200, error: undefined }],
      warnings: ['careful'],
    };
    expect(acceptResult(JSON.parse(JSON.stringify(full)))).toEqual(JSON.parse(JSON.stringify(full)));
    const extra = acceptResult({ ...ok, injected: 'x', __proto__: { polluted: true } }) as unknown as Record<string, unknown>;
    expect(Object.keys(extra).sort()).toEqual(['durationMs', 'logs', 'messages', 'objects', 'outcome', 'requests', 'returned', 'warnings']);
    expect(Object.getPrototypeOf(extra)).toBe(Object.prototype);
  });

  it.each([
    ['not an object', null],
    ['unknown outcome', { ...ok, outcome: 'Fine' }],
    ['messages is not a list of objects', { ...ok, messages: [1] }],
    ['logs are not log lines', { ...ok, logs: [{ level: 'shout', message: 'x' }] }],
    ['requests are not recorded requests', { ...ok, requests: [{ method: 'GET' }] }],
    ['warnings are not strings', { ...ok, warnings: [{}] }],
    ['no duration', { ...ok, durationMs: -1 }],
    ['error is not an error', { ...ok, error: { type: 1, message: 'm' } }],
  ])('a result whose %s is refused', (reason, value) => {
    expect(acceptResult(value)).toBe(reason);
  });
});

describe('messages', () => {
  it('garbage of any shape is malformed, never a throw', () => {
    const garbage: unknown[] = [null, undefined, 42, 'done', [], { type: 7 }, { type: 'bogus', id: 7 }, { type: 'result', id: 7, text: 3 }, { type: 'result', id: 7, text: '{' },
      { type: 'chunk', id: 7, bytes: 'not bytes' }, { type: 'chunk', id: 7, bytes: bytesOf('{{,') }, { type: 'crash', id: 7, message: { toString: null } },
      { type: 'compile-error', id: 7 }, { type: 'result', id: 7, text: '{"index":99,"result":{}}' }, { type: 'result', id: 7, text: '{"index":-1}' },
      { type: 'result', id: 7, text: ' '.repeat(7 * 1024 * 1024) }, { type: 'chunk', id: 7, bytes: new Uint8Array(2 * 1024 * 1024) }];
    for (const raw of garbage) expect(reply(raw).kind, JSON.stringify(raw) ?? String(raw)).toBe('malformed');
  });

  it('replies for another session are ignored, and so is anything sent while no session runs', () => {
    expect(reply({ type: 'done', id: 6 })).toEqual({ kind: 'ignore' });
    expect(acceptReply({ type: 'bogus' }, undefined, 0, readResultLog)).toEqual({ kind: 'ignore' });
    expect(acceptReply({ type: 'ready' }, undefined, 0, readResultLog)).toEqual({ kind: 'ready' });
  });

  it('a well-formed result with a bad body fails only the case it names', () => {
    const r = reply({ type: 'result', id: 7, text: JSON.stringify({ index: 1, result: { outcome: 'Success' } }) });
    expect(r).toMatchObject({ kind: 'results', entries: [{ index: 1, result: { outcome: 'Bad Request', error: { type: 'SandboxError' } } }] });
  });

  it('chunks of the result log decode to checked entries', () => {
    const text = encodeEntry({ index: 0, result: ok }) + ',' + encodeEntry({ index: 2, result: { ...ok, outcome: 'Nope' as never } }) + ',';
    const r = reply({ type: 'chunk', id: 7, bytes: bytesOf(text) });
    expect(r.kind).toBe('results');
    const entries = (r as { entries: { index: number; result: InvocationResult }[] }).entries;
    expect(entries.map((e) => [e.index, e.result.outcome])).toEqual([[0, 'Success'], [2, 'Bad Request']]);
    expect(entries[0]!.result).toEqual(ok);
  });

  it('compile errors and crash reports keep only sane fields, with texts cut to size', () => {
    expect(reply({ type: 'compile-error', id: 7, message: 'SyntaxError: x', line: 3, col: -2 })).toEqual({ kind: 'compile-error', message: 'SyntaxError: x', line: 3, col: undefined });
    const long = reply({ type: 'crash', id: 7, message: 'x'.repeat(1e6) }) as { message: string };
    expect(long.message.length).toBeLessThan(70_000);
  });

  it('the live log of a stopped worker is read within its bounds', () => {
    const log = bytesOf(encodeEntry({ index: 0, result: ok }) + ',');
    expect(decodeLog(readResultLog, log, log.length, 1)).toEqual([{ index: 0, result: ok }]);
    expect(decodeLog(readResultLog, log, log.length + 1, 1)).toEqual({ malformed: 'a result log length out of range' });
    expect(decodeLog(readResultLog, log, -4, 1)).toEqual({ malformed: 'a result log length out of range' });
    expect(decodeLog(readResultLog, log, 0, 1)).toEqual([]);
    expect(acceptEntries({ length: 1 }, 1)).toEqual({ malformed: 'the result log is not a list' });
  });
});
