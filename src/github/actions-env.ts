// What `--github-comment` needs, read only from the standard GitHub Actions environment: the token, the
// repository, the event (its payload file holds the pull request's number and head commit), the commit,
// the API's base URL (GitHub Enterprise's has a path, e.g. https://ghe.example.com/api/v3) and the run's
// link. Outside Actions (or with the token not passed to the step) it is an error naming what is missing.
import { readFileSync } from 'node:fs';
import { UserError } from '../errors.js';
import { ACTIONS_BOT, type CommentAuthor } from './sticky-comment.js';

/** A pull request as the event payload describes it. */
export interface EventPullRequest {
  number: number;
  headSha: string;
  /** Opened from a fork: the job gets no secrets and a read-only token. */
  fromFork: boolean;
}

/** The Actions context of one run. */
export interface ActionsContext {
  token: string;
  owner: string;
  repo: string;
  eventName: string;
  /** For pull_request events. */
  pullRequest?: EventPullRequest;
  /** GITHUB_SHA: for a push, the commit pushed (the merge commit on main). */
  sha?: string;
  apiUrl: string;
  /** Link to this workflow run, when GITHUB_SERVER_URL and GITHUB_RUN_ID are set. */
  runUrl?: string;
  /** Whose comments are fnsync's: the Actions bot, or FNSYNC_GITHUB_COMMENT_AUTHOR (a GitHub App's or a user's token). */
  commentAuthor: CommentAuthor;
}

/** Which command wants the context: plan comments on a pull request; apply on push finds the merged one. */
export type CommentPurpose = 'plan' | 'apply';

const PULL_REQUEST_EVENTS = new Set(['pull_request', 'pull_request_target']);

/** The context, or a UserError naming every variable that is missing. */
export function readActionsContext(env: Record<string, string | undefined>, purpose: CommentPurpose): ActionsContext {
  const missing = ['GITHUB_TOKEN', 'GITHUB_REPOSITORY', 'GITHUB_EVENT_NAME'].filter((name) => !env[name]);
  const eventName = env.GITHUB_EVENT_NAME ?? '';
  const isPullRequest = PULL_REQUEST_EVENTS.has(eventName);
  if (isPullRequest && !env.GITHUB_EVENT_PATH) missing.push('GITHUB_EVENT_PATH');
  if (purpose === 'apply' && !isPullRequest && !env.GITHUB_SHA) missing.push('GITHUB_SHA');
  if (missing.length > 0) {
    const tokenHint = missing.includes('GITHUB_TOKEN') ? ' (pass the job token to the step: env: GITHUB_TOKEN: ${{ github.token }})' : '';
    throw new UserError(
      `--github-comment needs the GitHub Actions environment; not set: ${missing.join(', ')}${tokenHint}. Run it in a GitHub Actions job, or leave out --github-comment`,
    );
  }
  const [owner, repo, ...rest] = env.GITHUB_REPOSITORY!.split('/');
  if (!owner || !repo || rest.length > 0) throw new UserError(`GITHUB_REPOSITORY must be owner/name, not '${env.GITHUB_REPOSITORY}'`);
  const apiUrl = (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, '');
  const server = env.GITHUB_SERVER_URL?.replace(/\/+$/, '');
  return {
    token: env.GITHUB_TOKEN!,
    owner,
    repo,
    eventName,
    ...(isPullRequest ? { pullRequest: readEventPullRequest(env.GITHUB_EVENT_PATH!) } : {}),
    ...(env.GITHUB_SHA ? { sha: env.GITHUB_SHA } : {}),
    apiUrl,
    ...(server && env.GITHUB_RUN_ID ? { runUrl: `${server}/${owner}/${repo}/actions/runs/${env.GITHUB_RUN_ID}` } : {}),
    // Another token than the job's comments as its own login; name it (e.g. `my-app[bot]`, `octocat`).
    commentAuthor: env.FNSYNC_GITHUB_COMMENT_AUTHOR?.trim() ? { login: env.FNSYNC_GITHUB_COMMENT_AUTHOR.trim() } : ACTIONS_BOT,
  };
}

/** The pull request of a pull_request event payload (GITHUB_EVENT_PATH). */
export function readEventPullRequest(file: string): EventPullRequest {
  let payload: unknown;
  try {
    payload = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    const why = err instanceof SyntaxError ? 'not JSON' : ((err as NodeJS.ErrnoException).code ?? 'unreadable');
    throw new UserError(`cannot read the GitHub event payload GITHUB_EVENT_PATH=${file} (${why})`);
  }
  const pr = (payload as { pull_request?: { number?: unknown; head?: { sha?: unknown; repo?: { full_name?: unknown } | null }; base?: { repo?: { full_name?: unknown } } } }).pull_request;
  if (!pr || typeof pr.number !== 'number' || typeof pr.head?.sha !== 'string') {
    throw new UserError(`the GitHub event payload ${file} has no pull_request.number and pull_request.head.sha`);
  }
  const head = pr.head.repo?.full_name;
  const base = pr.base?.repo?.full_name;
  return { number: pr.number, headSha: pr.head.sha, fromFork: typeof head === 'string' && typeof base === 'string' && head !== base };
}
