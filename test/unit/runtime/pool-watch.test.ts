// The pool's own rules over busy workers, with figures instead of real time and memory: the backstop clock
// (pool-backstop.ts) and the memory watch (memory-watch.ts).
import { describe, expect, it } from 'vitest';
import { backstopAt, BACKSTOP_SLACK_MS, stoppedIndex } from '../../../src/runtime/pool-backstop.js';
import { processBudget, STUCK_MS, workersToStop, type WatchedWorker } from '../../../src/runtime/memory-watch.js';

const MB = 1024 * 1024;

describe('the backstop clock', () => {
  it('allows two time limits and some slack between two new results', () => {
    expect(backstopAt(1000, 300)).toBe(1000 + 600 + BACKSTOP_SLACK_MS);
  });

  it('takes the worker\'s word on which input it was running only among inputs that have no result', () => {
    const r = { outcome: 'Success' };
    expect(stoppedIndex(1, [r, undefined, undefined])).toBe(1);
    expect(stoppedIndex(2, [r, undefined, undefined])).toBe(2);
    expect(stoppedIndex(0, [r, undefined, undefined])).toBe(1); // input 0 has its result: not running
    expect(stoppedIndex(99, [r, undefined])).toBe(1);
    expect(stoppedIndex('x', [r, undefined])).toBe(1);
    expect(stoppedIndex(-1, [undefined, undefined])).toBe(-1); // still loading: nothing finished
    expect(stoppedIndex(-1, [r, undefined])).toBe(1); // cannot be loading with a result
  });
});

describe('the memory watch', () => {
  const worker = (over: Partial<WatchedWorker> = {}): WatchedWorker => ({ busy: true, memoryLimitMb: 128, held: 0, beatSince: 0, rssAtBeat: 500 * MB, ...over });
  const now = 10_000;
  const budget = processBudget(50 * MB, [128, 128]);
  const sole = (index: number) => ({ index, shared: false });
  const shared = (index: number) => ({ index, shared: true });
  // What one busy worker with a 128 MB limit may grow the process by: 128 MB of heap and 128 MB outside it.
  const oneAllowance = 256 * MB;

  it('stops a worker whose published memory is over its limit', () => {
    expect(workersToStop([worker(), worker({ held: 129 * MB, beatSince: now })], 600 * MB, budget, now)).toEqual([sole(1)]);
  });

  it('stops the one worker stuck in synchronous code when the process grew by more than it may take', () => {
    const stuck = worker({ beatSince: now - STUCK_MS });
    expect(workersToStop([stuck], 500 * MB + oneAllowance + 1, budget, now)).toEqual([sole(0)]);
    expect(workersToStop([stuck], 500 * MB + oneAllowance, budget, now)).toEqual([]); // grew, but within its allowance
    expect(workersToStop([{ ...stuck, beatSince: now - 10 }], 900 * MB, budget, now)).toEqual([]); // its loop turns
    expect(workersToStop([stuck, worker({ busy: false })], 500 * MB + oneAllowance + 1, budget, now)).toEqual([sole(0)]); // an idle worker takes nothing
  });

  it('counts what every busy worker may grow by, so two large loads at once are not taken for one runaway', () => {
    // Two workers each loading about 130 MB at the same time: 260 MB is more than one may take, but not two.
    const a = worker({ beatSince: now - 800, rssAtBeat: 90 * MB });
    const b = worker({ beatSince: now - 200, rssAtBeat: 290 * MB });
    expect(workersToStop([a, b], 350 * MB, budget, now)).toEqual([]);
    // One stuck and one awaiting: the awaiting one checks itself, but may still have grown meanwhile.
    expect(workersToStop([a, worker({ beatSince: now })], 90 * MB + 2 * oneAllowance, budget, now)).toEqual([]);
    expect(workersToStop([a, worker({ beatSince: now })], 90 * MB + 2 * oneAllowance + 1, budget, now)).toEqual([sole(0)]);
  });

  it('a stop among several stuck workers is shared: the figures cannot say which of them grew', () => {
    const a = worker({ beatSince: now - 800, rssAtBeat: 90 * MB });
    const b = worker({ beatSince: now - 200, rssAtBeat: 290 * MB });
    expect(workersToStop([a, b], 90 * MB + 2 * oneAllowance + 1, budget, now)).toEqual([shared(0), shared(1)]);
  });

  it('over the process budget, stops the stuck workers, or else the biggest holder of memory as a shared stop, never an idle one', () => {
    const over = budget + 1;
    expect(workersToStop([worker({ beatSince: now, held: 5 * MB }), worker({ beatSince: now - STUCK_MS, rssAtBeat: over })], over, budget, now)).toEqual([sole(1)]);
    expect(workersToStop([worker({ beatSince: now, held: 5 * MB }), worker({ beatSince: now, held: 90 * MB })], over, budget, now)).toEqual([shared(1)]);
    expect(workersToStop([worker({ busy: false, held: 120 * MB })], over, budget, now)).toEqual([]);
  });

  it('the budget grows with the main thread\'s own memory and with every worker\'s limit', () => {
    expect(processBudget(100 * MB, [128])).toBe(processBudget(0, [128]) + 100 * MB);
    expect(processBudget(0, [128, 256]) - processBudget(0, [128])).toBe((2 * 256 + 64) * MB);
  });
});
