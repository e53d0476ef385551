// Runs one API operation with the retry policy of the API notes §10: waits out rate limits (shared
// gate), retries 429s, 5xx, timeouts and resets with capped exponential backoff on idempotent calls,
// and never blindly repeats a create whose response was lost: it first looks for what it created.
import pRetry, { AbortError } from 'p-retry';
import { ApiError, redact } from '../errors.js';
import { classifyFailure, toApiError, type Failure, type OperationLabel } from './failure.js';
import { RateLimitGate, type Clock } from './rate-limit.js';

/**
 * How an operation may be retried. `read`, `update` (PATCH with the full intended values), `deploy`
 * and `delete` are idempotent; `create` is retried after a lost response only via `findExisting`.
 */
export type CallKind = 'read' | 'update' | 'delete' | 'deploy' | 'create';

/** Retry budgets and backoff shape. */
export interface RetryOptions {
  /** Retries for 5xx, timeouts and resets (default 4). */
  retries: number;
  /** Retries for 429s, counted separately: waiting them out is always safe (default 8). */
  rateLimitRetries: number;
  minDelayMs: number;
  maxDelayMs: number;
  /** Jitter source; injectable so tests are deterministic. */
  random: () => number;
}

/** Defaults used by createSegmentApi. */
export const DEFAULT_RETRY_OPTIONS: RetryOptions = {
  retries: 4,
  rateLimitRetries: 8,
  minDelayMs: 250,
  maxDelayMs: 8_000,
  random: Math.random,
};

/** The part of an SDK result the runner reads. */
export interface SdkResult<B> {
  response?: { headers?: Record<string, string | string[] | undefined> };
  body: B;
}

/** One operation to run. */
export interface CallSpec<B, T> {
  kind: CallKind;
  label: OperationLabel;
  call: () => Promise<SdkResult<B>>;
  map: (body: B) => T;
  /** For creates: finds the resource a lost request may have created (undefined if none). */
  findExisting?: () => Promise<T | undefined>;
  /** For deletes: the value to return when a retried delete finds the resource already gone. */
  goneValue?: T;
}

class RetryableFailure extends Error {
  constructor(readonly failure: Failure, readonly apiError: ApiError) {
    super(apiError.message);
  }
}

/** Executes CallSpecs for one client; shares its rate-limit gate across all concurrent calls. */
export class RequestRunner {
  constructor(
    private readonly options: {
      clock: Clock;
      gate: RateLimitGate;
      retry: RetryOptions;
      timeoutMs: number;
      secrets: string[];
    },
  ) {}

  /** Runs `spec`, returning its mapped result or throwing an ApiError. */
  async run<B, T>(spec: CallSpec<B, T>): Promise<T> {
    const { retry, gate, clock } = this.options;
    let responseMaybeLost = false;
    let failures = 0;
    let rateLimited = 0;
    let nextDelay = 0;

    const attempt = async (): Promise<T> => {
      if (spec.kind === 'create' && responseMaybeLost && spec.findExisting) {
        // The check already ran its own retries; if it still fails we cannot know, so we stop, and
        // say so in the create's name: the check's own error alone would hide that it may exist now.
        const existing = await spec.findExisting().catch((err: unknown) => {
          throw new AbortError(unknownOutcome(spec.label, err, this.options.secrets));
        });
        if (existing !== undefined) return existing;
      }
      // After the lost-create check, whose own calls pass the gate: the gate counts this request in flight.
      await gate.beforeRequest();
      let result: SdkResult<B>;
      try {
        result = await spec.call();
      } catch (err) {
        const failure = classifyFailure(err);
        gate.observe(failure.kind === 'http' ? failure.headers : undefined);
        const apiError = toApiError(failure, spec.label, this.options);
        if (spec.kind === 'delete' && responseMaybeLost && failure.kind === 'http' && failure.status === 404) {
          return spec.goneValue as T;
        }
        const decision = this.decide(spec, failure);
        if (decision === 'stop') throw new AbortError(apiError);
        if (decision === 'rate-limited') {
          rateLimited += 1;
          if (rateLimited > retry.rateLimitRetries) throw new AbortError(apiError);
          const wait = failure.kind === 'http' && failure.msBeforeNext !== undefined ? failure.msBeforeNext : this.backoff(rateLimited);
          gate.block(wait);
          nextDelay = 0;
        } else {
          failures += 1;
          if (failures > retry.retries) throw new AbortError(apiError);
          if (decision === 'retry-lost') responseMaybeLost = true;
          nextDelay = this.backoff(failures);
        }
        throw new RetryableFailure(failure, apiError);
      }
      gate.observe(result.response?.headers);
      try {
        return spec.map(result.body);
      } catch (err) {
        // A malformed success body will not improve on retry.
        const message = err instanceof Error ? err.message : String(err);
        throw new AbortError(toApiError({ kind: 'unknown', message: `unexpected response: ${message}` }, spec.label, this.options));
      }
    };

    try {
      return await pRetry(attempt, {
        retries: retry.retries + retry.rateLimitRetries,
        minTimeout: 0,
        maxTimeout: 0,
        factor: 1,
        randomize: false,
        onFailedAttempt: async () => {
          if (nextDelay > 0) await clock.sleep(nextDelay);
        },
      });
    } catch (err) {
      if (err instanceof RetryableFailure) throw err.apiError;
      throw err;
    }
  }

  private decide<B, T>(spec: CallSpec<B, T>, failure: Failure): 'stop' | 'rate-limited' | 'retry' | 'retry-lost' {
    if (failure.kind === 'unknown') return 'stop';
    if (failure.kind === 'http') {
      if (failure.status === 429) return 'rate-limited';
      if (failure.status < 500) return 'stop';
    }
    if (failure.kind === 'network' && !failure.maybeProcessed) return 'retry';
    // 5xx, a timeout or a reset: the request may have been carried out.
    if (spec.kind === 'create' && !spec.findExisting) return 'stop';
    return 'retry-lost';
  }

  /** Capped exponential backoff with jitter in [d/2, d]. */
  private backoff(attempt: number): number {
    const { minDelayMs, maxDelayMs, random } = this.options.retry;
    const d = Math.min(maxDelayMs, minDelayMs * 2 ** (attempt - 1));
    return Math.round(d / 2 + (random() * d) / 2);
  }
}

/** A create whose response was lost and whose existence check failed: it may or may not have happened. */
function unknownOutcome(label: OperationLabel, err: unknown, secrets: string[]): ApiError {
  const cause = err instanceof Error ? err.message : String(err);
  const message = `${label.description}: outcome unknown: the response was lost and checking whether it was created failed (${cause}); the next plan shows whether it exists`;
  const details = err instanceof ApiError ? { status: err.status, type: err.type } : {};
  return new ApiError(redact(message, secrets), { ...details, operation: label.operation, resource: label.resource });
}
