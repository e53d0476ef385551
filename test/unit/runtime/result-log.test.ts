// The worker's side of the result log (result-log.ts): results go out at least every 100 ms, so the pool's own clock
// (pool-backstop.ts) sees an honest worker's progress, and nothing over the result limit is ever sent.
import { describe, expect, it } from 'vitest';
import { ResultLogWriter, LOG_BYTES, readResultLog } from '../../../src/runtime/result-log.js';
import { CTRL_BYTES } from '../../../src/runtime/worker-control.js';
import type { InvocationResult } from '../../../src/runtime/types.js';

const ok: InvocationResult = { outcome: 'Success', messages: [], objects: [], logs: [], requests: [], warnings: [], durationMs: 0.002 };

function writer() {
  const chunks: unknown[][] = [];
  const direct: string[] = [];
  const w = new ResultLogWriter(new SharedArrayBuffer(LOG_BYTES), new Int32Array(new SharedArrayBuffer(CTRL_BYTES)), (bytes) => chunks.push(readResultLog(bytes) as unknown[]), (text) => direct.push(text));
  return { w, chunks, direct };
}

describe('the result log writer', () => {
  it('flushes small results once 100 ms have passed since the last flush, not before', () => {
    const { w, chunks } = writer();
    w.flush(1000);
    w.append({ index: 0, result: ok }, 1010);
    w.append({ index: 1, result: ok }, 1090);
    expect(chunks).toHaveLength(0);
    w.append({ index: 2, result: ok }, 1100);
    expect(chunks).toHaveLength(1);
    expect(chunks[0]!.map((e) => (e as { index: number }).index)).toEqual([0, 1, 2]);
  });

  it('sends a result bigger than the log on its own, and one whose encoding is over 6 MB as a too-large error', () => {
    const { w, chunks, direct } = writer();
    w.append({ index: 0, result: { ...ok, returned: 'x'.repeat(2e6) } }, 0);
    w.append({ index: 1, result: { ...ok, returned: '\u0001'.repeat(2e6) } }, 0); // 2 M characters, 12 MB of JSON escapes
    w.flush(0);
    expect(direct).toHaveLength(1);
    expect((JSON.parse(direct[0]!) as { result: InvocationResult }).result.returned).toHaveLength(2e6);
    expect(chunks).toEqual([[{ index: 1, result: expect.objectContaining({ outcome: 'Bad Request', error: expect.objectContaining({ type: 'ResultTooLargeError' }) }) }]]);
  });
});
