// `console` for the sandbox: every line is captured into the invocation's logs instead of the host's stdout.
import { format } from 'node:util';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LogLine } from './types.js';
import type { SessionSlot } from './invocation-state.js';

/** Segment's tester shows only the first 4 KB of console output (segment-runtime.md §8). */
export const LOG_LIMIT_BYTES = 4096;

// Stack frames of fnsync's own runtime and of Node internals say nothing to a function author (Segment's logs
// show only the function's frames), so logged errors keep only the others.
const RUNTIME_DIR = dirname(fileURLToPath(import.meta.url));
const RUNTIME_URL = new URL('.', import.meta.url).href;
const isHostFrame = (line: string) =>
  /^\s+at /.test(line) && (line.includes(RUNTIME_DIR) || line.includes(RUNTIME_URL) || line.includes('node:internal') || line.includes('[nodejs.internal'));

function withoutHostFrames(message: string): string {
  if (!message.includes('\n    at ')) return message;
  return message
    .split('\n')
    .filter((line) => !isHostFrame(line))
    .join('\n');
}

/** Builds the sandbox console; lines past 4 KB are still kept, with one warning (documented choice, §13.17). */
export function createConsole(slot: SessionSlot): Record<string, (...args: unknown[]) => void> {
  const write = (level: LogLine['level']) => (...args: unknown[]) => {
    const state = slot.current;
    const message = withoutHostFrames(format(...args));
    state.logs.push({ level, message });
    state.logBytes += Buffer.byteLength(message) + 1;
    if (state.logBytes > LOG_LIMIT_BYTES && !state.logLimitWarned) {
      state.logLimitWarned = true;
      state.warnings.push(`console output exceeded 4 KB; Segment's tester shows only the first 4 KB`);
    }
  };
  return { log: write('log'), info: write('info'), warn: write('warn'), error: write('error'), debug: write('debug'), trace: write('debug') };
}
