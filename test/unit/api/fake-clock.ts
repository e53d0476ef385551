// A clock whose sleeps return at once and are recorded, so retry and rate-limit waits are asserted
// exactly and tests take milliseconds.
import type { Clock } from '../../../src/api/rate-limit.js';

export interface FakeClock extends Clock {
  waits: number[];
  /** Total simulated time slept. */
  slept(): number;
}

export const FAKE_EPOCH = Date.parse('2026-03-02T10:00:00.000Z');

export function fakeClock(start = FAKE_EPOCH): FakeClock {
  let t = start;
  const waits: number[] = [];
  return {
    waits,
    now: () => t,
    sleep: async (ms: number) => {
      waits.push(ms);
      t += ms;
    },
    slept: () => waits.reduce((a, b) => a + b, 0),
  };
}
