// One comment per workspace per pull request, found by the hidden marker it starts with (the caller's
// key; this module knows nothing of plans): created on the first run, edited in place on every later
// one, never a second. The body is rendered once the old one is known, so apply can compare digests.
// A create is never blindly retried: after a lost answer the comments are read again first.
import type { GithubClient } from './client.js';
import { githubError, statusOf } from './github-error.js';

/** The pull request to comment on. */
export interface CommentTarget {
  owner: string;
  repo: string;
  pullNumber: number;
}

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
export async function publishComment(client: GithubClient, target: CommentTarget, key: string, render: (previous: string | undefined) => string, token: string): Promise<CommentResult> {
  const where = `pull request #${target.pullNumber} of ${target.owner}/${target.repo}`;
  const found = await findComment(client, target, key, token);
  const body = render(found?.body);
  if (found) {
    try {
      return await update(client, target, found.id, body);
    } catch (err) {
      // Deleted since it was read: make a new one rather than fail.
      if (statusOf(err) !== 404) throw githubError(err, `updating fnsync's comment ${found.id} on ${where}`, token);
    }
  }
  try {
    const { data } = await client.rest.issues.createComment({ owner: target.owner, repo: target.repo, issue_number: target.pullNumber, body, request: { retries: 0 } });
    return { action: 'created', id: data.id, url: data.html_url };
  } catch (err) {
    const status = statusOf(err);
    if (status !== undefined && status < 500) throw githubError(err, `commenting on ${where}`, token);
    // The answer was lost or GitHub failed: the comment may exist all the same. Look before trying again.
    const again = await findComment(client, target, key, token);
    if (!again) throw githubError(err, `commenting on ${where}`, token);
    try {
      return await update(client, target, again.id, body);
    } catch (retryErr) {
      throw githubError(retryErr, `updating fnsync's comment ${again.id} on ${where}`, token);
    }
  }
}

async function update(client: GithubClient, target: CommentTarget, id: number, body: string): Promise<CommentResult> {
  const { data } = await client.rest.issues.updateComment({ owner: target.owner, repo: target.repo, comment_id: id, body });
  return { action: 'updated', id: data.id, url: data.html_url };
}

/** fnsync's comment holding `key`, preferring one a bot wrote (anyone can paste a marker into their own comment). */
async function findComment(client: GithubClient, target: CommentTarget, key: string, token: string): Promise<FoundComment | undefined> {
  try {
    const comments = await client.paginate(client.rest.issues.listComments, { owner: target.owner, repo: target.repo, issue_number: target.pullNumber, per_page: 100 });
    const mine = comments.filter((c) => typeof c.body === 'string' && c.body.includes(key));
    const chosen = mine.find((c) => c.user?.type === 'Bot') ?? mine[0];
    return chosen ? { id: chosen.id, body: chosen.body ?? '' } : undefined;
  } catch (err) {
    throw githubError(err, `reading the comments of pull request #${target.pullNumber} of ${target.owner}/${target.repo}`, token);
  }
}
