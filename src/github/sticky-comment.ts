// One comment per workspace per pull request, found by the hidden marker it starts with (the caller's
// key; this module knows nothing of plans): created on the first run, edited in place on every later
// one, never a second. The body is rendered once the old one is known, so apply can compare digests.
// A create is never blindly retried: after a lost answer the comments are read again first.
//
// Only a comment fnsync itself wrote is fnsync's: its author is the token's own identity AND its first
// line is the marker. Anyone can write a marker into their own comment (or into code a plan shows in a
// diff), and editing that would either fail (403: no plan comment at all) or overwrite someone else's
// text. The identity is not looked up (`GET /user` fails for the Actions installation token): it is
// the Actions token's bot, `github-actions[bot]` of type Bot, unless the caller names another login.
import type { GithubClient } from './client.js';
import { githubError, statusOf } from './github-error.js';

/** The pull request to comment on. */
export interface CommentTarget {
  owner: string;
  repo: string;
  pullNumber: number;
}

/** Whose comments are fnsync's: the login the token comments as. */
export interface CommentAuthor {
  login: string;
  /** When set, the author's account type must match too (the Actions bot is a `Bot`). */
  type?: 'Bot' | 'User';
}

/** The identity of the GitHub Actions job token (GITHUB_TOKEN). */
export const ACTIONS_BOT: CommentAuthor = { login: 'github-actions[bot]', type: 'Bot' };

/** What was done. */
export interface CommentResult {
  action: 'created' | 'updated';
  id: number;
  url: string;
}

interface FoundComment {
  id: number;
  body: string;
}

/**
 * Creates or edits the comment holding `key`. `render` gets the current body (undefined when there is
 * no comment yet) and returns the new one.
 */
export async function publishComment(
  client: GithubClient,
  target: CommentTarget,
  key: string,
  render: (previous: string | undefined) => string,
  token: string,
  author: CommentAuthor,
): Promise<CommentResult> {
  const where = `pull request #${target.pullNumber} of ${target.owner}/${target.repo}`;
  const found = await findComment(client, target, key, token, author);
  const body = render(found?.body);
  if (found) {
    try {
      return await update(client, target, found.id, body);
    } catch (err) {
      // Deleted since it was read: make a new one rather than fail.
      if (statusOf(err) !== 404) throw githubError(err, `updating fnsync's comment ${found.id} on ${where}`, token, client);
    }
  }
  try {
    const { data } = await client.rest.issues.createComment({ owner: target.owner, repo: target.repo, issue_number: target.pullNumber, body, request: { retries: 0 } });
    return { action: 'created', id: data.id, url: data.html_url };
  } catch (err) {
    const status = statusOf(err);
    if (status !== undefined && status < 500) throw githubError(err, `commenting on ${where}`, token, client);
    // The answer was lost or GitHub failed: the comment may exist all the same. Look before trying again.
    const again = await findComment(client, target, key, token, author);
    if (!again) throw githubError(err, `commenting on ${where}`, token, client);
    try {
      return await update(client, target, again.id, body);
    } catch (retryErr) {
      throw githubError(retryErr, `updating fnsync's comment ${again.id} on ${where}`, token, client);
    }
  }
}

async function update(client: GithubClient, target: CommentTarget, id: number, body: string): Promise<CommentResult> {
  const { data } = await client.rest.issues.updateComment({ owner: target.owner, repo: target.repo, comment_id: id, body });
  return { action: 'updated', id: data.id, url: data.html_url };
}

/** True when `body`'s first line is the marker starting with `key` (a whole `<!-- … -->` line). */
export function startsWithMarker(body: string, key: string): boolean {
  const firstLine = body.split('\n', 1)[0]!.replace(/\r$/, '');
  return firstLine.startsWith(key) && firstLine.endsWith('-->') && firstLine.indexOf('-->') === firstLine.length - 3;
}

/** True when `user` is the identity fnsync comments as (login compared case-insensitively, as GitHub does). */
function isAuthor(user: { login?: string; type?: string } | null | undefined, author: CommentAuthor): boolean {
  if (!user?.login || user.login.toLowerCase() !== author.login.toLowerCase()) return false;
  return author.type === undefined || user.type === author.type;
}

/** fnsync's own comment holding `key`: written by `author`, the marker its first line (the oldest, if several). */
async function findComment(client: GithubClient, target: CommentTarget, key: string, token: string, author: CommentAuthor): Promise<FoundComment | undefined> {
  try {
    const comments = await client.paginate(client.rest.issues.listComments, { owner: target.owner, repo: target.repo, issue_number: target.pullNumber, per_page: 100 });
    const chosen = comments.find((c) => typeof c.body === 'string' && isAuthor(c.user, author) && startsWithMarker(c.body, key));
    return chosen ? { id: chosen.id, body: chosen.body ?? '' } : undefined;
  } catch (err) {
    throw githubError(err, `reading the comments of pull request #${target.pullNumber} of ${target.owner}/${target.repo}`, token, client);
  }
}
