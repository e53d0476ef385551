// The pull-request comment code against a fake GitHub API on 127.0.0.1 (octokit with a loopback base
// URL, GitHub Enterprise's /api/v3 prefix included): one comment per workspace, created then edited,
// the merged pull request found for apply, the token kept out of every body and log line, and
// GitHub's 401 / 403 / 404 / secondary-rate-limit answers turned into clear errors or retries.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GithubError } from '../../../src/errors.js';
import { ACTIONS_BOT, createGithubClient, publishComment, pullsMergedIn, type GithubClient } from '../../../src/github/index.js';
import { GITHUB_COMMENT_LIMIT } from '../../../src/render/comment-fit.js';
import { markerKey, readMarker, renderMarker } from '../../../src/render/comment-marker.js';
import { renderPlanMarkdown } from '../../../src/render/plan-markdown.js';
import { config, fnDef, workspace } from '../plan/builders.js';
import { plan } from '../plan/run-plan.js';
import { startFakeGithub, type FakeGithub } from '../../helpers/fake-github.js';

const TOKEN = 'ghs_TESTtoken0123456789abcdefXYZ';
const REPO = { owner: 'acme', repo: 'fns' };

let gh: FakeGithub;
let client: GithubClient;
const log: string[] = [];

beforeAll(async () => {
  gh = await startFakeGithub({ token: TOKEN, prefix: '/api/v3', pullNumbers: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] });
  client = createGithubClient({ token: TOKEN, baseUrl: gh.url, log: (l) => log.push(l), retryDelayScale: 1 });
});
afterAll(() => gh.close());

const body = (workspace: string, text: string) => `${renderMarker({ workspace, planned: `sha256:${text}` })}\n${text}`;
const publish = (pullNumber: number, workspace: string, text: string, seen?: (previous: string | undefined) => void) =>
  publishComment(client, { ...REPO, pullNumber }, markerKey(workspace), (previous) => {
    seen?.(previous);
    return body(workspace, text);
  }, TOKEN, ACTIONS_BOT);

describe('the sticky comment', () => {
  it('the first run creates the comment, later runs edit the same one, never a second', async () => {
    const first = await publish(1, 'acme-prod', 'plan one');
    const seen: (string | undefined)[] = [];
    const second = await publish(1, 'acme-prod', 'plan two', (p) => seen.push(p));
    const third = await publish(1, 'acme-prod', 'plan three');
    expect([first.action, second.action, third.action]).toEqual(['created', 'updated', 'updated']);
    expect(new Set([first.id, second.id, third.id]).size).toBe(1);
    expect(gh.comments.get(1)).toHaveLength(1);
    expect(gh.comments.get(1)![0]!.body).toContain('plan three');
    expect(seen[0]).toContain('plan one');
    // Octokit went through the base URL's path: every request the fake saw had the /api/v3 prefix.
    expect(gh.requests.filter((r) => r.path.startsWith('/repos/acme/fns/issues/')).length).toBeGreaterThanOrEqual(5);
  });

  it('two workspaces keep two comments on one pull request, each edited in place', async () => {
    await publish(2, 'acme-prod', 'prod v1');
    await publish(2, 'acme-staging', 'staging v1');
    await publish(2, 'acme-prod', 'prod v2');
    const list = gh.comments.get(2)!;
    expect(list).toHaveLength(2);
    expect(readMarker(list[0]!.body, 'acme-prod')?.planned).toBe('sha256:prod v2');
    expect(readMarker(list[1]!.body, 'acme-staging')?.planned).toBe('sha256:staging v1');
  });

  it('finds its comment among many (pagination) and prefers the bot\'s over a human one quoting the marker', async () => {
    const list = gh.comments.get(3)!;
    for (let i = 0; i < 130; i++) list.push({ id: 5000 + i, body: `chatter ${i}`, user: { login: 'dev', type: 'User' }, html_url: 'x' });
    list.push({ id: 6000, body: body('acme-prod', 'pasted by a human'), user: { login: 'dev', type: 'User' }, html_url: 'x' });
    list.push({ id: 6001, body: body('acme-prod', 'old bot plan'), user: { login: 'github-actions[bot]', type: 'Bot' }, html_url: 'x' });
    const done = await publish(3, 'acme-prod', 'new plan');
    expect(done).toMatchObject({ action: 'updated', id: 6001 });
    expect(list.find((c) => c.id === 6000)!.body).toContain('pasted by a human');
  });

  it('never takes someone else\'s comment holding the marker: a user\'s, or a bot\'s of another login', async () => {
    const list = gh.comments.get(10)!;
    list.push({ id: 7000, body: `${renderMarker({ workspace: 'local' })}\nmallory's text`, user: { login: 'mallory', type: 'User' }, html_url: 'x' });
    list.push({ id: 7001, body: `nice PR!\n${renderMarker({ workspace: 'local' })}`, user: { login: 'mallory', type: 'User' }, html_url: 'x' });
    list.push({ id: 7002, body: `${renderMarker({ workspace: 'local' })}\nother bot`, user: { login: 'renovate[bot]', type: 'Bot' }, html_url: 'x' });
    const seen: (string | undefined)[] = [];
    const done = await publish(10, 'local', 'the real plan', (p) => seen.push(p));
    expect(done.action).toBe('created');
    expect(seen).toEqual([undefined]);
    expect(gh.requests.filter((r) => r.method === 'PATCH' && /comments\/700\d$/.test(r.path))).toHaveLength(0);
    expect(list.slice(0, 3).map((c) => c.body)).toEqual([`${renderMarker({ workspace: 'local' })}\nmallory's text`, `nice PR!\n${renderMarker({ workspace: 'local' })}`, `${renderMarker({ workspace: 'local' })}\nother bot`]);
    // The next run edits the comment it made, not any of those.
    const again = await publish(10, 'local', 'plan two');
    expect(again).toMatchObject({ action: 'updated', id: done.id });
  });

  it('a marker inside the body (a diff of code showing one) is not the comment\'s marker', async () => {
    const local = await publishComment(client, { ...REPO, pullNumber: 11 }, markerKey('local'), () => `${renderMarker({ workspace: 'local', planned: 'sha256:l' })}\n\n\`\`\`diff\n+ // ${renderMarker({ workspace: 'emulator', planned: 'sha256:x' })}\n\`\`\``, TOKEN, ACTIONS_BOT);
    const emulator = await publish(11, 'emulator', 'emulator plan');
    expect(emulator.action).toBe('created');
    expect(emulator.id).not.toBe(local.id);
    expect(gh.comments.get(11)).toHaveLength(2);
    expect(readMarker(gh.comments.get(11)![0]!.body, 'local')?.planned).toBe('sha256:l');
    expect(readMarker(gh.comments.get(11)![0]!.body, 'emulator')).toBeUndefined();
  });

  it('a configured login (another token than the job\'s) is matched instead of the Actions bot', async () => {
    const list = gh.comments.get(12)!;
    list.push({ id: 7100, body: body('local', 'bot plan'), user: { login: 'github-actions[bot]', type: 'Bot' }, html_url: 'x' });
    let previous: string | undefined = 'unset';
    // Listing only: the fake lets just github-actions[bot] edit, so stop before writing.
    await publishComment(client, { ...REPO, pullNumber: 12 }, markerKey('local'), (p) => {
      previous = p;
      throw new Error('stop');
    }, TOKEN, { login: 'My-App[bot]' }).catch(() => undefined);
    expect(previous).toBeUndefined();
    list.push({ id: 7101, body: body('local', 'app plan'), user: { login: 'my-app[bot]', type: 'Bot' }, html_url: 'x' });
    await publishComment(client, { ...REPO, pullNumber: 12 }, markerKey('local'), (p) => {
      previous = p;
      throw new Error('stop');
    }, TOKEN, { login: 'My-App[bot]' }).catch(() => undefined);
    expect(previous).toContain('app plan');
  });

  it('a plan over GitHub\'s limit is collapsed, then cut, with a notice, and GitHub accepts it', async () => {
    // 80 functions whose 300 lines all change: several times 65,536 characters when shown whole.
    const fns = Array.from({ length: 80 }, (_, i) =>
      fnDef(`fn-${i}`, 'destination', { code: `async function onTrack() {\n${Array.from({ length: 300 }, (_, j) => `  // line ${j} of function ${i}`).join('\n')}\n}\n` }),
    );
    const ws = workspace();
    for (const f of fns) ws.managed(f);
    const big = plan(config(...fns.map((f) => ({ ...f, code: f.code.replace(/line/g, 'row') }))), ws, { testStatus: {} });
    const options = { marker: renderMarker({ workspace: 'big', planned: 'sha256:big' }), purpose: 'plan' as const, wholeAt: 'the job summary', limit: GITHUB_COMMENT_LIMIT };
    expect(renderPlanMarkdown(big, { ...options, limit: 10_000_000 }).text.length).toBeGreaterThan(3 * GITHUB_COMMENT_LIMIT);
    const fitted = renderPlanMarkdown(big, options);
    expect(fitted.collapsed).toBeGreaterThan(0);
    const done = await publishComment(client, { ...REPO, pullNumber: 6 }, markerKey('big'), () => fitted.text, TOKEN, ACTIONS_BOT);
    expect(done.action).toBe('created');
    const stored = gh.comments.get(6)!.find((c) => c.id === done.id)!.body;
    expect(stored.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(stored).toContain("This is shortened to fit GitHub's size limit");
    expect(stored).toContain('The whole plan: the job summary.');
    // And a tiny limit leaves resources out, counting them, still under the limit GitHub enforces.
    const tiny = renderPlanMarkdown(big, { ...options, limit: 4000 });
    expect(tiny.omitted).toBeGreaterThan(0);
    expect(tiny.text).toContain(`${tiny.omitted} more resources, left out here: the job summary.`);
  });

  it('1,500 unmanaged sources with multi-byte names: GitHub (counting bytes) accepts it, both changes and next steps shown', async () => {
    const ws = workspace();
    for (let i = 0; i < 1500; i++) ws.source(`источник-${String(i).padStart(4, '0')}-веб-приложение`);
    const before = fnDef('alpha', 'destination', { displayName: 'Alpha' });
    ws.managed(before);
    const p = plan(config({ ...before, displayName: 'Alpha v2' }, fnDef('beta', 'destination')), ws, { testStatus: { alpha: 'tested', beta: 'tested' } });
    const fitted = renderPlanMarkdown(p, { marker: renderMarker({ workspace: 'uni', planned: 'sha256:u' }), purpose: 'plan', wholeAt: 'the plan artifact', limit: GITHUB_COMMENT_LIMIT });
    const done = await publishComment(client, { ...REPO, pullNumber: 6 }, markerKey('uni'), () => fitted.text, TOKEN, ACTIONS_BOT);
    const stored = gh.comments.get(6)!.find((c) => c.id === done.id)!.body;
    expect(Buffer.byteLength(stored, 'utf8')).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(stored).not.toContain('left out');
    expect(stored.match(/<details><summary><code>[+~] function\./g)).toHaveLength(2);
    expect(stored).toContain('**Next steps:**');
  });

  it('a comment deleted between reading and editing is created again', async () => {
    await publish(4, 'acme-prod', 'v1');
    gh.fail({ method: 'PATCH', path: /\/issues\/comments\/\d+$/, status: 404, body: { message: 'Not Found' } });
    const done = await publish(4, 'acme-prod', 'v2');
    expect(done.action).toBe('created');
    expect(gh.comments.get(4)!.at(-1)!.body).toContain('v2');
  });

  it('apply finds the pull request merged in the commit and edits its comment, seeing the planned digest', async () => {
    await publish(5, 'acme-prod', 'reviewed');
    gh.pulls.push({ number: 5, merged_at: '2026-01-01T00:00:00Z', merge_commit_sha: 'abc123', commits: ['abc123', 'def456'] });
    gh.pulls.push({ number: 6, merged_at: null, merge_commit_sha: null, commits: ['abc123'] });
    const pulls = await pullsMergedIn(client, REPO, 'abc123', TOKEN, ACTIONS_BOT);
    expect(pulls).toEqual([5]);
    let planned: string | undefined;
    const done = await publishComment(client, { ...REPO, pullNumber: 5 }, markerKey('acme-prod'), (previous) => {
      planned = previous ? readMarker(previous, 'acme-prod')?.planned : undefined;
      return `${renderMarker({ workspace: 'acme-prod', planned, applied: 'sha256:x' })}\napplied`;
    }, TOKEN, ACTIONS_BOT);
    expect(done.action).toBe('updated');
    expect(planned).toBe('sha256:reviewed');
    expect(gh.comments.get(5)).toHaveLength(1);
    expect(gh.comments.get(5)![0]!.body).toContain('applied');
    expect(await pullsMergedIn(client, REPO, 'fff999', TOKEN)).toEqual([]);
  });

  it('the token is sent only in the Authorization header: never in a request body, a path or a log line', () => {
    expect(gh.requests.length).toBeGreaterThan(10);
    for (const r of gh.requests) {
      expect(r.body).not.toContain(TOKEN);
      expect(r.path).not.toContain(TOKEN);
    }
    expect(gh.requests.every((r) => r.headers.authorization === `token ${TOKEN}`)).toBe(true);
    expect(log.join('\n')).not.toContain(TOKEN);
  });
});

describe('GitHub failures', () => {
  const failure = async (run: () => Promise<unknown>): Promise<GithubError> => {
    try {
      await run();
    } catch (err) {
      expect(err).toBeInstanceOf(GithubError);
      expect((err as Error).message).not.toContain(TOKEN);
      return err as GithubError;
    }
    throw new Error('expected a GitHub error');
  };

  it('403 (no permission): a clear error naming the call and the permission', async () => {
    gh.fail({ method: 'POST', path: /\/issues\/7\/comments$/, status: 403, body: { message: 'Resource not accessible by integration' } });
    const err = await failure(() => publish(7, 'acme-prod', 'x'));
    expect(err.status).toBe(403);
    expect(err.message).toBe(
      'GitHub refused commenting on pull request #7 of acme/fns (403 Resource not accessible by integration): the job needs "permissions: pull-requests: write", and a pull request from a fork gets a read-only token',
    );
  });

  it('404 (no such pull request): a clear error, nothing created', async () => {
    const err = await failure(() => publish(404, 'acme-prod', 'x'));
    expect(err.status).toBe(404);
    expect(err.message).toContain('reading the comments of pull request #404 of acme/fns (404 Not Found)');
    expect(err.message).toContain('does not exist, or the token cannot see the repository');
  });

  it('401 (bad token): says to pass the job token, and never shows the token sent', async () => {
    const wrong = createGithubClient({ token: `${TOKEN}-wrong`, baseUrl: gh.url, log: (l) => log.push(l), retryDelayScale: 1 });
    const err = await failure(() => publishComment(wrong, { ...REPO, pullNumber: 8 }, markerKey('w'), () => 'x', `${TOKEN}-wrong`, ACTIONS_BOT));
    expect(err.status).toBe(401);
    expect(err.message).toContain('GitHub rejected the token while reading the comments of pull request #8');
    expect(err.message).toContain('GITHUB_TOKEN: ${{ github.token }}');
  });

  it('a secondary rate limit with retry-after is waited out and retried', async () => {
    const before = gh.requests.length;
    gh.fail({ method: 'POST', path: /\/issues\/8\/comments$/, status: 403, headers: { 'retry-after': '3' }, body: { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.' } });
    const done = await publish(8, 'acme-prod', 'after the limit');
    expect(done.action).toBe('created');
    const posts = gh.requests.slice(before).filter((r) => r.method === 'POST');
    expect(posts).toHaveLength(2);
    expect(log.some((l) => l.includes("GitHub's secondary rate limit answered POST") && l.includes('retrying after 3s'))).toBe(true);
  });

  it('a secondary rate limit that outlasts the retries is a clear error', async () => {
    gh.fail({ method: 'POST', path: /\/issues\/9\/comments$/, status: 403, times: 3, headers: { 'retry-after': '1' }, body: { message: 'You have exceeded a secondary rate limit.' } });
    const err = await failure(() => publish(9, 'acme-prod', 'x'));
    expect(err.message).toContain("GitHub's rate limit stopped commenting on pull request #9 of acme/fns (403 You have exceeded a secondary rate limit.)");
    expect(gh.comments.get(9)).toHaveLength(0);
    expect(err.message).toMatch(/: fnsync waited \d+s in all, then gave up; GitHub last asked to wait 1s; try the job again later$/);
  });

  it('a retry-after longer than fnsync waits: it says it gave up without waiting, and how long GitHub asked', async () => {
    const lines: string[] = [];
    const fresh = createGithubClient({ token: TOKEN, baseUrl: gh.url, log: (l) => lines.push(l), retryDelayScale: 1 });
    gh.fail({ method: 'POST', path: /\/issues\/10\/comments$/, status: 403, times: 1, headers: { 'retry-after': '3600' }, body: { message: 'You have exceeded a secondary rate limit.' } });
    const err = await failure(() => publishComment(fresh, { ...REPO, pullNumber: 10 }, markerKey('long'), () => 'x', TOKEN, ACTIONS_BOT));
    expect(err.message).toContain('fnsync gave up without waiting; GitHub last asked to wait 3600s, longer than the 120s fnsync waits at most; try the job again later');
    expect(err.message).not.toContain('waiting it out');
    expect(lines.some((l) => l.includes('it asks to wait 3600s, more than fnsync waits (120s): giving up'))).toBe(true);
  });
});
