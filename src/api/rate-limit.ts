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
  /** Never wait longer than this at once, whatever a header claims (default 60 s). */
  maxWaitMs?: number;
}

/** Shared limiter state: `beforeRequest` waits while blocked; `observe` / `block` set the block. */
export class RateLimitGate {
  private blockedUntil = 0;
  private readonly lowWater: number;
  private readonly maxWaitMs: number;

  constructor(private readonly options: RateLimitGateOptions) {
    this.lowWater = options.lowWater ?? 1;
    this.maxWaitMs = options.maxWaitMs ?? 60_000;
  }

  /** Resolves when the next request may go out. */
  async beforeRequest(): Promise<void> {
    for (;;) {
      const wait = this.blockedUntil - this.options.clock.now();
      if (wait <= 0) return;
      await this.options.clock.sleep(Math.min(wait, this.maxWaitMs));
    }
  }

  /** Reads `X-RateLimit-Remaining` / `X-RateLimit-Reset` (RFC 5322 date, or seconds / epoch). */
  observe(headers: Record<string, string | string[] | undefined> | undefined): void {
    if (!headers) return;
    const remaining = Number(first(headers['x-ratelimit-remaining']));
    if (!Number.isFinite(remaining) || remaining > this.lowWater) return;
    const resetAt = parseReset(first(headers['x-ratelimit-reset']), this.options.clock.now());
    if (resetAt !== undefined) this.blockUntil(resetAt);
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
