// Fault and load knobs for resilience tests: added latency, a real rate limit (429 + headers), and
// injected failures on chosen routes. Changeable at run time, in-process or over the admin HTTP routes.

/** How an injected fault behaves. */
export type FaultKind = 'status' | 'hang' | 'reset' | 'reset-after';

/** One injection rule; it fires on the next `times` matching requests. */
export interface FaultRule {
  method?: string;
  /** A RegExp, or a string: a RegExp source when it starts with `^`, else a path prefix. */
  path: string | RegExp;
  kind: FaultKind;
  /** For kind 'status' (default 500). */
  status?: number;
  /** Default 1. */
  times?: number;
}

/** A rate limit: `points` requests per fixed window of `windowMs`. */
export interface RateLimitSpec {
  points: number;
  windowMs: number;
}

/** The knobs as one object (EmulatorOptions.faults, POST /__emulator/faults). */
export interface FaultSpec {
  latencyMs?: number;
  rateLimit?: RateLimitSpec | null;
  inject?: FaultRule[];
}

/** Run-time control of the knobs. */
export interface FaultController {
  setLatency(ms: number): void;
  setRateLimit(limit: RateLimitSpec | null): void;
  inject(rule: FaultRule): void;
  /** Removes latency, rate limit and every pending injection. */
  clear(): void;
}

/** The rate-limit figures of one request (headers and, when throttled, the 429 body). */
export interface RateDecision {
  allowed: boolean;
  consumed: number;
  remaining: number;
  resetAt: number;
  msBeforeNext: number;
}

// Without a configured limit the headers still appear (the real API always sends them) with a budget
// too large to matter, so clients that pace themselves on `Remaining` never slow down needlessly.
const UNLIMITED: RateLimitSpec = { points: 1_000_000, windowMs: 60_000 };

/** The live knob state used by the server. */
export class Faults implements FaultController {
  latencyMs = 0;
  private limit: RateLimitSpec | null = null;
  private rules: Array<FaultRule & { remaining: number }> = [];
  private windowStart = 0;
  private consumed = 0;

  constructor(spec?: FaultSpec) {
    if (spec) this.apply(spec);
  }

  /** Applies a spec: latency and rateLimit when present, injections appended. */
  apply(spec: FaultSpec): void {
    if (spec.latencyMs !== undefined) this.setLatency(spec.latencyMs);
    if (spec.rateLimit !== undefined) this.setRateLimit(spec.rateLimit);
    for (const rule of spec.inject ?? []) this.inject(rule);
  }

  setLatency(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError('latency must be a non-negative number of milliseconds');
    this.latencyMs = ms;
  }

  setRateLimit(limit: RateLimitSpec | null): void {
    if (limit && (!(limit.points > 0) || !(limit.windowMs > 0))) throw new RangeError('rate limit needs points > 0 and windowMs > 0');
    this.limit = limit;
    this.windowStart = 0;
    this.consumed = 0;
  }

  inject(rule: FaultRule): void {
    const kinds: FaultKind[] = ['status', 'hang', 'reset', 'reset-after'];
    if (!kinds.includes(rule.kind)) throw new RangeError(`unknown fault kind ${String(rule.kind)}`);
    if (typeof rule.path !== 'string' && !(rule.path instanceof RegExp)) throw new RangeError('fault rule needs a path');
    this.rules.push({ ...rule, remaining: rule.times ?? 1 });
  }

  clear(): void {
    this.latencyMs = 0;
    this.setRateLimit(null);
    this.rules = [];
  }

  /** Counts one request against the window and says whether it may proceed. */
  consume(now = Date.now()): RateDecision {
    const limit = this.limit ?? UNLIMITED;
    if (now >= this.windowStart + limit.windowMs) {
      this.windowStart = now;
      this.consumed = 0;
    }
    this.consumed += 1;
    const resetAt = this.windowStart + limit.windowMs;
    return {
      allowed: this.consumed <= limit.points,
      consumed: this.consumed,
      remaining: Math.max(0, limit.points - this.consumed),
      resetAt,
      msBeforeNext: Math.max(0, resetAt - now),
    };
  }

  /** Takes the first matching rule (using up one of its `times`), if any. */
  take(method: string, path: string): FaultRule | undefined {
    const idx = this.rules.findIndex((r) => (!r.method || r.method.toUpperCase() === method) && pathMatches(r.path, path));
    if (idx < 0) return undefined;
    const rule = this.rules[idx]!;
    rule.remaining -= 1;
    if (rule.remaining <= 0) this.rules.splice(idx, 1);
    return rule;
  }

  /** The pending rules, for the admin route. */
  snapshot(): { latencyMs: number; rateLimit: RateLimitSpec | null; inject: FaultRule[] } {
    return {
      latencyMs: this.latencyMs,
      rateLimit: this.limit,
      inject: this.rules.map(({ remaining, path, ...r }) => ({ ...r, path: path instanceof RegExp ? path.source : path, times: remaining })),
    };
  }
}

function pathMatches(pattern: string | RegExp, path: string): boolean {
  if (pattern instanceof RegExp) return pattern.test(path);
  if (pattern.startsWith('^')) return new RegExp(pattern).test(path);
  return path.startsWith(pattern);
}
