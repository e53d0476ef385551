// Measuring a result before it is serialised (result-size.ts): string lengths only, so a 200 MB rope costs nothing
// to measure, and the walk stops as soon as the budget is exceeded.
import { describe, expect, it } from 'vitest';
import { jsonSize, RESULT_LIMIT_BYTES, resultSizeOver, UnserialisableValue } from '../../../src/runtime/result-size.js';

describe('jsonSize', () => {
  it('estimates the JSON length of plain data within the bounds the limit relies on', () => {
    for (const value of [{ a: 'x', b: [1, true, null], c: { d: 'éé' } }, ['a', 'b'], 'text', 12, '\u0001'.repeat(100)]) {
      const real = JSON.stringify(value).length;
      expect(jsonSize(value, 1e6)).toBeGreaterThanOrEqual(real / 6);
      expect(jsonSize(value, 1e6)).toBeLessThanOrEqual(real + 24 * 3);
    }
  });

  it('is Infinity past the budget, for a huge string anywhere in the value, without flattening it', () => {
    const rope = 'r'.repeat(200e6);
    expect(jsonSize({ nested: [rope] }, RESULT_LIMIT_BYTES)).toBe(Infinity);
    expect(jsonSize(Array.from({ length: 1000 }, () => 'x'.repeat(10_000)), RESULT_LIMIT_BYTES)).toBe(Infinity);
  });

  it('follows toJSON as JSON.stringify does, and refuses cycles and absurd nesting', () => {
    expect(jsonSize({ toJSON: () => 'r'.repeat(7e6) }, RESULT_LIMIT_BYTES)).toBe(Infinity);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => jsonSize(cyclic, RESULT_LIMIT_BYTES)).toThrow(UnserialisableValue);
    let deep: unknown = 1;
    for (let i = 0; i < 3000; i++) deep = [deep];
    expect(() => jsonSize(deep, RESULT_LIMIT_BYTES)).toThrow(UnserialisableValue);
  });
});

describe('resultSizeOver', () => {
  const base = { outcome: 'Success' as const, messages: [], objects: [], logs: [], requests: [], warnings: [], durationMs: 1 };
  it('counts logs and errors with the returned value', () => {
    expect(resultSizeOver(base, 100)).toBe(false);
    expect(resultSizeOver(base, RESULT_LIMIT_BYTES + 1)).toBe(true);
    expect(resultSizeOver({ ...base, logs: [{ level: 'log', message: 'l'.repeat(4e6) }] }, 3e6)).toBe(true);
    expect(resultSizeOver({ ...base, error: { type: 'Error', message: 'e'.repeat(200e6) } }, 0)).toBe(true);
  });
});
