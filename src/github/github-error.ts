// GitHub's failures turned into one sentence saying which call failed, why, and what to do: 401 (the
// token), 403 (permissions, a locked conversation, a rate limit that outlasted the retries), 404 (a
// pull request or comment that is not there, or a token that cannot see it). Never the token.
import { GithubError, redact } from '../errors.js';
import { MAX_WAIT_SECONDS, rateLimitWaits } from './client.js';

interface RequestErrorLike {
  status?: number;
  message?: string;
  response?: { data?: unknown; headers?: Record<string, string | undefined> };
  cause?: unknown;
}

/** The HTTP status of an octokit error, if it has one. */
export function statusOf(err: unknown): number | undefined {
  const status = (err as RequestErrorLike | undefined)?.status;
  return typeof status === 'number' ? status : undefined;
}

/** A GithubError for a failed call; `what` names it (`updating comment 12 on pull request #3 of acme/fns`). */
export function githubError(err: unknown, what: string, token: string, client?: object): GithubError {
  const e = (err ?? {}) as RequestErrorLike;
  const status = statusOf(err);
  const data = e.response?.data as { message?: unknown } | undefined;
  const said = typeof data?.message === 'string' ? data.message : (e.message ?? String(err));
  let message: string;
  if (status === 401) {
    message = `GitHub rejected the token while ${what} (401 ${said}): pass the job's token to the step (env: GITHUB_TOKEN: \${{ github.token }})`;
  } else if (status === 403 && /secondary rate limit|rate limit exceeded/i.test(said)) {
    message = `GitHub's rate limit stopped ${what} (403 ${said}): ${rateLimitStory(err, client)}; try the job again later`;
  } else if (status === 403 || status === 429) {
    message = `GitHub refused ${what} (${status} ${said}): the job needs "permissions: pull-requests: write", and a pull request from a fork gets a read-only token`;
  } else if (status === 404) {
    message = `GitHub found nothing while ${what} (404 ${said}): the pull request or comment does not exist, or the token cannot see the repository`;
  } else if (status === 410) {
    message = `GitHub says it is gone while ${what} (410 ${said})`;
  } else if (status !== undefined && status < 500) {
    message = `GitHub refused ${what} (${status} ${said})`;
  } else if (status !== undefined) {
    message = `GitHub failed while ${what} (${status} ${said}), after retries; try the job again later`;
  } else {
    const cause = (e.cause as { code?: string; message?: string } | undefined);
    message = `cannot reach GitHub while ${what} (${cause?.code ?? cause?.message ?? said})`;
  }
  return new GithubError(redact(message, [token]), status, { cause: err });
}

/** What fnsync did about the rate limit before giving up: how long it waited, and how long GitHub asked. */
function rateLimitStory(err: unknown, client: object | undefined): string {
  const header = (err as RequestErrorLike).response?.headers?.['retry-after'];
  const waits = client ? rateLimitWaits(client) : { waitedSeconds: 0 };
  const asked = waits.lastAskedSeconds ?? (header !== undefined && /^\d+$/.test(header) ? Number(header) : undefined);
  const waited = waits.waitedSeconds > 0 ? `fnsync waited ${waits.waitedSeconds}s in all, then gave up` : 'fnsync gave up without waiting';
  if (asked === undefined) return waited;
  const longer = asked > MAX_WAIT_SECONDS ? `, longer than the ${MAX_WAIT_SECONDS}s fnsync waits at most` : '';
  return `${waited}; GitHub last asked to wait ${asked}s${longer}`;
}
