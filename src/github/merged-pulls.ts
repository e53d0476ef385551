// On push to main, the pull request(s) whose merge made this commit, so apply can report on the same
// comment the plan was shown in. GitHub lists the pull requests associated with a commit; those merged
// as exactly this commit come first (a merge or squash commit), else any merged one that contains it
// (a rebase merge, or a push of several merges at once).
import type { GithubClient } from './client.js';
import { githubError } from './github-error.js';

/** The numbers of the pull requests merged in `sha`, none when it was pushed directly. */
export async function pullsMergedIn(client: GithubClient, repo: { owner: string; repo: string }, sha: string, token: string): Promise<number[]> {
  try {
    const pulls = await client.paginate(client.rest.repos.listPullRequestsAssociatedWithCommit, { owner: repo.owner, repo: repo.repo, commit_sha: sha, per_page: 100 });
    const merged = pulls.filter((p) => p.merged_at);
    const exact = merged.filter((p) => p.merge_commit_sha === sha);
    return (exact.length > 0 ? exact : merged).map((p) => p.number);
  } catch (err) {
    throw githubError(err, `finding the pull requests merged in ${sha.slice(0, 12)} of ${repo.owner}/${repo.repo}`, token, client);
  }
}
