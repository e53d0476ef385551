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
const MAX_WAIT_SECONDS = 120;

/** Builds the client. */
export function createGithubClient(options: GithubClientOptions): GithubClient {
  const scale = options.retryDelayScale ?? 1000;
  const say = (line: string) => options.log(redact(line, [options.token]));
  const quiet = () => {};
  return new Octokit({
    auth: options.token,
    baseUrl: options.baseUrl,
    userAgent: 'fnsync',
    log: { debug: quiet, info: quiet, warn: say, error: say },
    retry: { retryAfterBaseValue: scale },
    throttle: {
      retryAfterBaseValue: scale,
      onSecondaryRateLimit: (retryAfter: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
        const retry = retryCount < 2 && retryAfter <= MAX_WAIT_SECONDS;
        say(`GitHub's secondary rate limit answered ${request.method} ${request.url}${retry ? `: retrying after ${retryAfter}s` : ''}`);
        return retry;
      },
      onRateLimit: (retryAfter: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
        const retry = retryCount < 1 && retryAfter <= MAX_WAIT_SECONDS;
        say(`GitHub's rate limit answered ${request.method} ${request.url}${retry ? `: retrying after ${retryAfter}s` : ''}`);
        return retry;
      },
    },
  });
}
