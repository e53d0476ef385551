// One gate shared by every concurrent call of a client: it reads the rate-limit headers of each
// response and, when the budget is nearly spent (or a 429 said so), holds every next request until
// the window resets. The API publishes no numbers (§10), so we follow what it tells us.

/** Injectable clock and sleep so tests run in microseconds and can record waits. */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

/** The real clock. */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** Options for the shared gate. */
export interface RateLimitGateOptions {
  clock: Clock;
  /** Wait for the reset when `X-RateLimit-Remaining` is at or below this (default 1). */
  lowWater?: number;
  /** Below this many remaining points, spread the rest evenly until the reset (default 10). */
  paceBelow?: number;
  /** Never wait longer than this at once, whatever a header claims (default 60 s). */
  maxWaitMs?: number;
}

/**
 * Shared limiter state: `observe` records the budget a response announced, `beforeRequest` spends it
 * (so concurrent calls see it shrink before their responses arrive), paces the last points across
 * the time to the reset, and holds everyone when it is spent or a 429 said so (`block`).
 */
export class RateLimitGate {
  private blockedUntil = 0;
  private remaining: number | undefined;
  private resetAt = 0;
  private nextSlot = 0;
  /** Requests sent whose response has not been observed: a header's budget does not count them yet. */
  private inFlight = 0;
  private readonly lowWater: number;
  private readonly paceBelow: number;
  private readonly maxWaitMs: number;

  constructor(private readonly options: RateLimitGateOptions) {
    this.lowWater = options.lowWater ?? 1;
    this.paceBelow = Math.max(options.paceBelow ?? 10, this.lowWater);
    this.maxWaitMs = options.maxWaitMs ?? 60_000;
  }

  /** Resolves when the next request may go out, and counts it against the known budget. */
  async beforeRequest(): Promise<void> {
    const { clock } = this.options;
    for (;;) {
      const now = clock.now();
      if (this.remaining !== undefined && now >= this.resetAt) {
        this.remaining = undefined; // a new window: its budget is unknown until a response says
        this.nextSlot = 0;
      }
      if (this.remaining !== undefined && this.remaining <= this.lowWater) this.blockUntil(this.resetAt);
      const wait = this.blockedUntil - now;
      if (wait <= 0) break;
      await clock.sleep(Math.min(wait, this.maxWaitMs));
    }
    this.inFlight += 1;
    if (this.remaining === undefined) return;
    const now = clock.now();
    if (this.remaining <= this.paceBelow) {
      // Few points left: one request per (time to reset / points left), not a burst then a stall.
      const slot = Math.max(now, this.nextSlot);
      this.nextSlot = slot + (this.resetAt - now) / Math.max(this.remaining - this.lowWater, 1);
      this.remaining -= 1;
      if (slot > now) await clock.sleep(Math.min(slot - now, this.maxWaitMs));
      return;
    }
    this.remaining -= 1;
  }

  /**
   * Reads `X-RateLimit-Remaining` / `X-RateLimit-Reset` (RFC 5322 date, or seconds / epoch) of one
   * response. Called once per request that got an answer (or none: `headers` undefined).
   */
  observe(headers: Record<string, string | string[] | undefined> | undefined): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
    if (!headers) return;
    // The header was computed before the requests still in flight reached the server: count them too,
    // or concurrent callers spend the same last points and meet a 429.
    const remaining = Number(first(headers['x-ratelimit-remaining'])) - this.inFlight;
    const resetAt = parseReset(first(headers['x-ratelimit-reset']), this.options.clock.now());
    if (!Number.isFinite(remaining) || resetAt === undefined) return;
    const windowEnd = Math.min(resetAt, this.options.clock.now() + this.maxWaitMs);
    if (windowEnd > this.resetAt + 1_000) this.nextSlot = 0; // a later window: old pacing no longer applies
    this.remaining = remaining;
    this.resetAt = windowEnd;
    if (remaining <= this.lowWater) this.blockUntil(resetAt);
  }

  /** Blocks everyone for `ms` (a 429's `msBeforeNext`). */
  block(ms: number): void {
    this.blockUntil(this.options.clock.now() + ms);
  }

  private blockUntil(at: number): void {
    const capped = Math.min(at, this.options.clock.now() + this.maxWaitMs);
    if (capped > this.blockedUntil) this.blockedUntil = capped;
  }
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Reset as a timestamp: an RFC 5322 date (documented), else a number of seconds or an epoch. */
export function parseReset(value: string | undefined, now: number): number | undefined {
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) {
    const n = Number(value);
    if (n > 1e12) return n; // epoch milliseconds
    if (n > 1e9) return n * 1000; // epoch seconds
    return now + n * 1000; // seconds from now
  }
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : date;
}
