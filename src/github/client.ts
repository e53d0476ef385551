// The one octokit client fnsync uses: the token, the base URL (api.github.com, a GitHub Enterprise
// URL with a path, or a loopback fake in tests), octokit's own retry of 5xx answers and throttling of
// rate limits (waiting out `retry-after` on a secondary rate limit, twice at most), and a log that
// never shows the token.
import { Octokit } from 'octokit';
import { redact } from '../errors.js';

/** How to build the client. */
export interface GithubClientOptions {
  token: string;
  baseUrl: string;
  /** Where warnings go (a rate limit being waited out); the token is masked first. */
  log: (line: string) => void;
  /** Milliseconds per second of `retry-after` and of the 5xx backoff (tests shrink it). */
  retryDelayScale?: number;
}

/** The client, an octokit instance with fnsync's settings. */
export type GithubClient = InstanceType<typeof Octokit>;

/** Waits out this many seconds of `retry-after` at most before giving up on a rate limit. */
export const MAX_WAIT_SECONDS = 120;

/** What the rate limits cost one client so far, so an error can say what fnsync did before giving up. */
export interface RateLimitWaits {
  /** Seconds of `retry-after` waited out, in all. */
  waitedSeconds: number;
  /** The last `retry-after` GitHub asked for (also when fnsync did not wait it out). */
  lastAskedSeconds?: number;
}

const waits = new WeakMap<object, RateLimitWaits>();

/** The rate-limit waits of `client` (none for a client not made here). */
export function rateLimitWaits(client: object): RateLimitWaits {
  return waits.get(client) ?? { waitedSeconds: 0 };
}

/** Builds the client. */
export function createGithubClient(options: GithubClientOptions): GithubClient {
  const scale = options.retryDelayScale ?? 1000;
  const say = (line: string) => options.log(redact(line, [options.token]));
  const quiet = () => {};
  const state: RateLimitWaits = { waitedSeconds: 0 };
  const decide = (kind: string, retryAfter: number, request: { method: string; url: string }, retry: boolean) => {
    state.lastAskedSeconds = retryAfter;
    if (retry) state.waitedSeconds += retryAfter;
    const why = retry ? `: retrying after ${retryAfter}s` : retryAfter > MAX_WAIT_SECONDS ? `: it asks to wait ${retryAfter}s, more than fnsync waits (${MAX_WAIT_SECONDS}s): giving up` : `: giving up after ${state.waitedSeconds}s of waiting`;
    say(`GitHub's ${kind} answered ${request.method} ${request.url}${why}`);
    return retry;
  };
  const client = new Octokit({
    auth: options.token,
    baseUrl: options.baseUrl,
    userAgent: 'fnsync',
    log: { debug: quiet, info: quiet, warn: say, error: say },
    retry: { retryAfterBaseValue: scale },
    throttle: {
      retryAfterBaseValue: scale,
      onSecondaryRateLimit: (retryAfter: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number) =>
        decide('secondary rate limit', retryAfter, request, retryCount < 2 && retryAfter <= MAX_WAIT_SECONDS),
      onRateLimit: (retryAfter: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number) =>
        decide('rate limit', retryAfter, request, retryCount < 1 && retryAfter <= MAX_WAIT_SECONDS),
    },
  });
  waits.set(client, state);
  return client;
}
