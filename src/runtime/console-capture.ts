// `console` for the sandbox: every line is captured into the invocation's logs instead of the host's stdout.
import { format } from 'node:util';
import type { LogLine } from './types.js';
import type { SessionSlot } from './invocation-state.js';

/** Segment's tester shows only the first 4 KB of console output (segment-runtime.md §8). */
export const LOG_LIMIT_BYTES = 4096;

/** Builds the sandbox console; lines past 4 KB are still kept, with one warning (documented choice, §13.17). */
export function createConsole(slot: SessionSlot): Record<string, (...args: unknown[]) => void> {
  const write = (level: LogLine['level']) => (...args: unknown[]) => {
    const state = slot.current;
    const message = format(...args);
    state.logs.push({ level, message });
    state.logBytes += Buffer.byteLength(message) + 1;
    if (state.logBytes > LOG_LIMIT_BYTES && !state.logLimitWarned) {
      state.logLimitWarned = true;
      state.warnings.push(`console output exceeded 4 KB; Segment's tester shows only the first 4 KB`);
    }
  };
  return { log: write('log'), info: write('info'), warn: write('warn'), error: write('error'), debug: write('debug'), trace: write('debug') };
}
