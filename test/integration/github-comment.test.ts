// `--github-comment` and the job summary end to end: the spawned CLI plans and applies the example
// project against the embedded local workspace and talks to a fake GitHub API on 127.0.0.1 through
// the standard Actions variables. One comment per workspace, created then edited; apply on push edits
// the merged pull request's comment; a GitHub failure never changes the plan's output or exit code;
// neither the GitHub token nor a secret reaches any output or request body.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, makeTempDir } from '../helpers/cli.js';
import { editFile, exampleProject } from '../helpers/e2e-project.js';
import { startFakeGithub, type FakeGithub } from '../helpers/fake-github.js';

const TOKEN = 'ghs_CLItoken9876543210zyxwvuTSR';
const SECRETS = { STRIPE_SIGNING_SECRET: 'whsec_github_0a1b2c3d4e', SLACK_WEBHOOK_URL: 'https://hooks.slack.com/services/T1/B1/github9z8y' };
const HEAD = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';
const MERGE = 'f00dfeed0123456789abcdef0123456789abcdef';
const T = 90_000;

let gh: FakeGithub;
let dir: string;
let events: string;
let summary: string;
const outputs: string[] = [];

beforeAll(async () => {
  gh = await startFakeGithub({ token: TOKEN, prefix: '/api/v3', pullNumbers: [12, 13] });
  dir = exampleProject();
  events = makeTempDir({
    'pr.json': JSON.stringify({ pull_request: { number: 12, head: { sha: HEAD, repo: { full_name: 'acme/fns' } }, base: { repo: { full_name: 'acme/fns' } } } }),
    'pr13.json': JSON.stringify({ pull_request: { number: 13, head: { sha: HEAD, repo: { full_name: 'acme/fns' } }, base: { repo: { full_name: 'acme/fns' } } } }),
    'push.json': JSON.stringify({ ref: 'refs/heads/main', after: MERGE }),
    'summary.md': '',
  });
  summary = join(events, 'summary.md');
});
afterAll(() => gh.close());

/** The Actions environment of a pull_request (or push) run against the fake. */
const actions = (event: 'pull_request' | 'push' | 'schedule', extra: Record<string, string> = {}) => ({
  GITHUB_ACTIONS: 'true',
  GITHUB_TOKEN: TOKEN,
  GITHUB_REPOSITORY: 'acme/fns',
  GITHUB_EVENT_NAME: event,
  GITHUB_EVENT_PATH: join(events, event === 'pull_request' ? 'pr.json' : 'push.json'),
  GITHUB_SHA: event === 'pull_request' ? 'ffffffffffffffffffffffffffffffffffffffff' : MERGE,
  GITHUB_API_URL: gh.url,
  GITHUB_SERVER_URL: 'https://github.test',
  GITHUB_RUN_ID: '777',
  GITHUB_STEP_SUMMARY: summary,
  ...extra,
});

async function fnsync(args: string[], env: Record<string, string> = {}) {
  const r = await runCli(args, { cwd: dir, env: { ...SECRETS, ...env } });
  outputs.push(r.stdout, r.stderr);
  return r;
}

const comments = () => gh.comments.get(12)!;

describe('fnsync plan --github-comment', () => {
  it('outside Actions is a clear error naming what is missing, before any work', async () => {
    const r = await fnsync(['plan', '--local', '--skip-tests', '--github-comment']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error: --github-comment needs the GitHub Actions environment; not set: GITHUB_TOKEN, GITHUB_REPOSITORY, GITHUB_EVENT_NAME');
    expect(r.stderr).toContain('env: GITHUB_TOKEN: ${{ github.token }}');
    expect(r.stdout).toBe('');
  }, T);

  it('the first run creates the comment and the job summary; its output and exit code are the plan\'s', async () => {
    const plain = await fnsync(['plan', '--local', '--skip-tests', '--detailed-exitcode']);
    const r = await fnsync(['plan', '--local', '--skip-tests', '--detailed-exitcode', '--github-comment'], actions('pull_request'));
    expect(r.code).toBe(2);
    expect(r.stdout).toBe(plain.stdout);
    expect(r.stderr).toMatch(/Created fnsync's comment for workspace local on pull request #12: \S+/);
    expect(comments()).toHaveLength(1);
    const body = comments()[0]!.body;
    expect(body.startsWith('<!-- fnsync-comment workspace=local planned=sha256')).toBe(true);
    expect(body).toContain('**Plan: 8 to add, 0 to change, 0 to destroy.**');
    expect(body).toContain(`Planned at commit \`${HEAD.slice(0, 12)}\``);
    expect(body).toContain('[workflow run](https://github.test/acme/fns/actions/runs/777)');
    expect(body.match(/<details><summary><code>\+ function\./g)).toHaveLength(8);
    const written = readFileSync(summary, 'utf8');
    expect(written).toContain('### fnsync plan · workspace <code>local</code>');
    expect(written).toContain('**Plan: 8 to add, 0 to change, 0 to destroy.**');
  }, T);

  it('a later run edits the same comment, never a second one', async () => {
    const id = comments()[0]!.id;
    editFile(dir, 'fnsync.yaml', 'Posts big orders and new signups to Slack', 'Posts big orders to Slack');
    const r = await fnsync(['plan', '--local', '--skip-tests', '--github-comment'], actions('pull_request'));
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("Updated fnsync's comment for workspace local on pull request #12");
    expect(comments()).toHaveLength(1);
    expect(comments()[0]!.id).toBe(id);
    expect(comments()[0]!.body).toContain('Posts big orders to Slack');
  }, T);

  it('a GitHub failure is a warning: the plan prints and exits as it would have', async () => {
    gh.fail({ method: 'GET', path: /\/issues\/12\/comments$/, status: 403, body: { message: 'Resource not accessible by integration' } });
    const before = comments()[0]!.body;
    const plain = await fnsync(['plan', '--local', '--skip-tests', '--detailed-exitcode']);
    const r = await fnsync(['plan', '--local', '--skip-tests', '--detailed-exitcode', '--github-comment'], actions('pull_request'));
    expect(r.code).toBe(2);
    expect(r.stdout).toBe(plain.stdout);
    expect(r.stderr).toContain("warning: fnsync's comment on pull request #12 was not updated: GitHub refused reading the comments of pull request #12 of acme/fns (403 Resource not accessible by integration)");
    expect(r.stderr).toContain('::warning::fnsync');
    expect(comments()[0]!.body).toBe(before);
  }, T);

  it('a marker in someone else\'s comment is never taken: fnsync makes its own comment and leaves theirs alone', async () => {
    const pr13 = gh.comments.get(13)!;
    pr13.push({ id: 900, body: 'nice PR!\n<!-- fnsync-comment workspace=local -->', user: { login: 'mallory', type: 'User' }, html_url: 'x' });
    pr13.push({ id: 901, body: '<!-- fnsync-comment workspace=local planned=sha256%3Aforged -->\nforged', user: { login: 'mallory', type: 'User' }, html_url: 'x' });
    const r = await fnsync(['plan', '--local', '--skip-tests', '--github-comment'], actions('pull_request', { GITHUB_EVENT_PATH: join(events, 'pr13.json') }));
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("Created fnsync's comment for workspace local on pull request #13");
    expect(r.stderr).not.toContain('warning:');
    expect(gh.requests.filter((q) => q.method === 'PATCH' && /\/comments\/90\d$/.test(q.path))).toHaveLength(0);
    expect(pr13.map((c) => c.user.login)).toEqual(['mallory', 'mallory', 'github-actions[bot]']);
    expect(pr13[1]!.body).toContain('forged');
    expect(pr13[2]!.body).toMatch(/^<!-- fnsync-comment workspace=local planned=sha256%3A[0-9a-f]+ -->\n/);
  }, T);

  it('a scheduled run is a drift check: the job summary says so, and no comment is made', async () => {
    writeFileSync(summary, '');
    const r = await fnsync(['plan', '--local', '--skip-tests', '--detailed-exitcode'], actions('schedule'));
    expect(r.code).toBe(2);
    const written = readFileSync(summary, 'utf8');
    expect(written).toContain('### fnsync drift check · workspace <code>local</code>');
    expect(written).toContain('**The workspace no longer matches the configuration: Plan: 8 to add');
  }, T);
});

describe('fnsync apply --github-comment on push to main', () => {
  it('edits the merged pull request\'s comment with the result, saying the plan applied is the one shown', async () => {
    gh.pulls.push({ number: 12, merged_at: '2026-01-02T00:00:00Z', merge_commit_sha: MERGE, commits: [HEAD, MERGE] });
    writeFileSync(summary, '');
    const r = await fnsync(['apply', '--local', '--skip-tests', '--auto-approve', '--github-comment'], actions('push'));
    expect({ code: r.code, stderr: r.stderr }).toMatchObject({ code: 0 });
    expect(r.stdout).toContain('Apply complete! Resources: 8 added, 0 changed, 0 destroyed.');
    expect(r.stderr).toContain("Updated fnsync's comment for workspace local on pull request #12");
    expect(comments()).toHaveLength(1);
    const body = comments()[0]!.body;
    expect(body).toContain('### fnsync apply · workspace <code>local</code>');
    expect(body).toContain('**Apply complete! Resources: 8 added, 0 changed, 0 destroyed.**');
    expect(body).toContain('| <code>function.slack-alerts</code> | create | applied |  |');
    expect(body).toContain('The plan applied is the last plan this pull request showed');
    expect(body).toMatch(/^<!-- fnsync-comment workspace=local planned=sha256%3A[0-9a-f]+ applied=sha256%3A[0-9a-f]+ -->/);
    expect(readFileSync(summary, 'utf8')).toContain('**Apply complete! Resources: 8 added, 0 changed, 0 destroyed.**');
  }, T);

  it('says when the plan applied differs from the last plan the pull request showed', async () => {
    editFile(dir, 'fnsync.yaml', 'Posts big orders to Slack', 'Posts only big orders to Slack');
    const r = await fnsync(['apply', '--local', '--skip-tests', '--auto-approve', '--github-comment'], actions('push'));
    expect(r.code).toBe(0);
    expect(comments()[0]!.body).toContain('differs from the last plan this pull request showed');
  }, T);

  it('a refused apply (untested code) says so on the comment and in the summary, and still fails', async () => {
    editFile(dir, 'functions/slack-alerts/handler.js', 'async function onTrack', '// changed on main\nasync function onTrack');
    writeFileSync(summary, '');
    const r = await fnsync(['apply', '--local', '--auto-approve', '--github-comment'], actions('push'));
    expect(r.code).toBe(1);
    const body = comments()[0]!.body;
    expect(body).toContain('**Apply refused: nothing was changed.**');
    expect(body).toContain(`Apply refused at commit \`${MERGE.slice(0, 12)}\``);
    expect(body).not.toContain('Applied at commit');
    expect(body).toMatch(/test record|fnsync test/);
    expect(body).not.toContain('applied=');
    expect(readFileSync(summary, 'utf8')).toContain('**Apply refused: nothing was changed.**');
  }, T);

  it('a push with no merged pull request only writes the summary', async () => {
    const r = await fnsync(['apply', '--local', '--skip-tests', '--auto-approve', '--github-comment'], actions('push', { GITHUB_SHA: '1111111111111111111111111111111111111111' }));
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('--github-comment: no pull request was merged in 111111111111: no comment; the result is in the job summary');
  });
});

describe('annotations and secrets', () => {
  it('config problems become ::error annotations on the file and line in Actions', async () => {
    const bad = makeTempDir({ 'fnsync.yaml': 'version: 1\nfunctions:\n  x:\n    type: nope\n' });
    const r = await runCli(['validate'], { cwd: bad, env: { GITHUB_ACTIONS: 'true' } });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^::error file=fnsync\.yaml,line=4,col=\d+::functions\.x\.type: /m);
    const quiet = await runCli(['validate'], { cwd: bad });
    expect(quiet.stderr).not.toContain('::error');
  }, T);

  it('an error that names no file (a missing token) is one ::error annotation on the run, once, and only in Actions', async () => {
    const dir = makeTempDir({ 'fnsync.yaml': 'version: 1\nfunctions: {}\n' });
    const env = { CI: 'true', GITHUB_ACTIONS: 'true', SEGMENT_PUBLIC_API_TOKEN: '' };
    const r = await runCli(['plan'], { cwd: dir, env });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: SEGMENT_PUBLIC_API_TOKEN is empty or not set in CI: /m);
    expect(r.stderr.match(/^::error::SEGMENT_PUBLIC_API_TOKEN is empty or not set in CI: set the repository secret/gm)).toHaveLength(1);
    const quiet = await runCli(['plan'], { cwd: dir, env: { ...env, GITHUB_ACTIONS: '' } });
    expect(quiet.code).toBe(1);
    expect(quiet.stderr).not.toContain('::error');
  }, T);

  it('fixture problems become ::error annotations too, the path relative to the checkout', async () => {
    const root = makeTempDir({
      'app/fnsync.yaml': 'version: 1\nfunctions:\n  hook:\n    type: destination\n    displayName: Hook\n    code: hook/handler.js\n',
      'app/hook/handler.js': 'async function onTrack(event) {}\n',
      'app/hook/tests/cases.yaml': 'cases:\n  - name: one\n    event: { type: track }\n    expect: { outcomee: Success }\n',
    });
    const r = await runCli(['test', '--no-record'], { cwd: join(root, 'app'), env: { GITHUB_ACTIONS: 'true', GITHUB_WORKSPACE: root } });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^::error file=app\/hook\/tests\/cases\.yaml,line=4,col=\d+::/m);
  }, T);

  it('the token and the secrets never appear in any output or request body', () => {
    expect(outputs.length).toBeGreaterThan(10);
    expect(gh.requests.length).toBeGreaterThan(8);
    for (const value of [TOKEN, ...Object.values(SECRETS)]) {
      for (const o of outputs) expect(o).not.toContain(value);
      for (const r of gh.requests) expect(r.body).not.toContain(value);
    }
    expect(readFileSync(summary, 'utf8')).not.toContain(TOKEN);
  });
});
