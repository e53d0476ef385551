// Parses `fnsync emulator start` option strings into EmulatorOptions values, with user-facing errors.
import { UserError } from '../errors.js';
import type { RateLimitSpec } from './faults.js';

/** A port number 0–65535 (0 = any free port). */
export function parsePort(text: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n > 65535) throw new UserError(`--port must be a number from 0 to 65535, got "${text}"`);
  return n;
}

/** Milliseconds of added latency. */
export function parseLatency(text: string): number {
  const m = /^(\d+)(ms)?$/.exec(text.trim());
  if (!m) throw new UserError(`--latency must be a number of milliseconds (e.g. 250 or 250ms), got "${text}"`);
  return Number(m[1]);
}

/** `N/WINDOW` with WINDOW in ms (default unit), or with an `ms`, `s` or `m` unit: `100/60s`, `5/1000ms`. */
export function parseRateLimit(text: string): RateLimitSpec {
  const m = /^(\d+)\/(\d+)(ms|s|m)?$/.exec(text.trim());
  const points = m ? Number(m[1]) : 0;
  const unit = m?.[3] === 's' ? 1000 : m?.[3] === 'm' ? 60_000 : 1;
  const windowMs = m ? Number(m[2]) * unit : 0;
  if (!m || points < 1 || windowMs < 1) {
    throw new UserError(`--rate-limit must look like POINTS/WINDOW, e.g. 600/60s or 10/1000ms, got "${text}"`);
  }
  return { points, windowMs };
}

/** The workspace's function limit (Segment's default is 25; it raises it on request). */
export function parseMaxFunctions(text: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || n < 1) throw new UserError(`--max-functions must be a whole number of at least 1, got "${text}"`);
  return n;
}
