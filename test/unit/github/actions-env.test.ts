// The Actions context `--github-comment` reads, and the annotations config and fixture errors become.
import { describe, expect, it } from 'vitest';
import { readActionsContext } from '../../../src/github/actions-env.js';
import { errorAnnotations } from '../../../src/github/annotations.js';
import { UserError } from '../../../src/errors.js';
import { makeTempDir } from '../../helpers/cli.js';
import { join } from 'node:path';

const dir = makeTempDir({
  'pr.json': JSON.stringify({ pull_request: { number: 7, head: { sha: 'abc', repo: { full_name: 'fork/fns' } }, base: { repo: { full_name: 'acme/fns' } } } }),
  'bad.json': '{',
});
const BASE = { GITHUB_TOKEN: 't0k3n-value', GITHUB_REPOSITORY: 'acme/fns', GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: join(dir, 'pr.json') };

describe('the Actions context', () => {
  it('names every missing variable, and the token hint, outside Actions', () => {
    expect(() => readActionsContext({}, 'plan')).toThrow(/not set: GITHUB_TOKEN, GITHUB_REPOSITORY, GITHUB_EVENT_NAME \(pass the job token/);
    expect(() => readActionsContext({ ...BASE, GITHUB_EVENT_PATH: undefined }, 'plan')).toThrow(/not set: GITHUB_EVENT_PATH\./);
    expect(() => readActionsContext({ ...BASE, GITHUB_EVENT_NAME: 'push' }, 'apply')).toThrow(/not set: GITHUB_SHA\./);
  });

  it('reads the pull request from the event payload, a fork included, and a GHE base URL with its path', () => {
    const c = readActionsContext({ ...BASE, GITHUB_API_URL: 'https://ghe.example.com/api/v3/', GITHUB_SERVER_URL: 'https://ghe.example.com', GITHUB_RUN_ID: '9' }, 'plan');
    expect(c).toMatchObject({ owner: 'acme', repo: 'fns', pullRequest: { number: 7, headSha: 'abc', fromFork: true }, apiUrl: 'https://ghe.example.com/api/v3', runUrl: 'https://ghe.example.com/acme/fns/actions/runs/9' });
    expect(readActionsContext({ ...BASE, GITHUB_EVENT_NAME: 'schedule' }, 'plan').apiUrl).toBe('https://api.github.com');
  });

  it('an unreadable payload or a malformed repository is a UserError naming it', () => {
    expect(() => readActionsContext({ ...BASE, GITHUB_EVENT_PATH: join(dir, 'bad.json') }, 'plan')).toThrow(/bad\.json \(not JSON\)/);
    expect(() => readActionsContext({ ...BASE, GITHUB_REPOSITORY: 'acme' }, 'plan')).toThrow(UserError);
  });
});

describe('annotations', () => {
  it('one ::error per problem, the path relative to the checkout, properties and data escaped', () => {
    const lines = errorAnnotations(
      [
        { file: 'fnsync.yaml', line: 4, col: 11, path: 'functions.x.type', message: "must be one of: a, b\nnext 100%" },
        { file: 'functions/a,b/tests/t.yaml', message: 'bad: file' },
      ],
      { cwd: '/checkout/sub', workspace: '/checkout' },
    );
    expect(lines).toEqual([
      '::error file=sub/fnsync.yaml,line=4,col=11::functions.x.type: must be one of: a, b%0Anext 100%25',
      '::error file=sub/functions/a%2Cb/tests/t.yaml::bad: file',
    ]);
  });
});
