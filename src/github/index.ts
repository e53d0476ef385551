// src/github: the only place that imports octokit. It receives rendered markdown and knows nothing of
// plans: the Actions context, the one sticky comment per key on a pull request, the pull requests
// merged in a commit, the job summary, and annotations.
export { readActionsContext, type ActionsContext, type CommentPurpose, type EventPullRequest } from './actions-env.js';
export { createGithubClient, type GithubClient } from './client.js';
export { ACTIONS_BOT, publishComment, type CommentAuthor, type CommentResult, type CommentTarget } from './sticky-comment.js';
export { pullsMergedIn } from './merged-pulls.js';
export { appendStepSummary, STEP_SUMMARY_LIMIT } from './step-summary.js';
