// A small fake of the GitHub REST API on 127.0.0.1, for the pull-request comment code: issue comments
// (list with pagination, create as `github-actions[bot]`, edit only that bot's own), the pull requests associated with a commit, bearer-token
// checks, GitHub's body limit, and injected failures. Every request is recorded, bodies included, so
// tests can check what was sent (and that the token never was, outside the Authorization header).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  /** Path after the base URL's prefix, with the query. */
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface FakeComment {
  id: number;
  body: string;
  user: { login: string; type: 'Bot' | 'User' };
  html_url: string;
}

export interface FakePull {
  number: number;
  merged_at: string | null;
  merge_commit_sha: string | null;
  /** Commits the pull request is associated with (its head and, once merged, the merge commit). */
  commits: string[];
}

/** An injected answer for the next `times` requests matching method and path. */
export interface FaultRule {
  method?: string;
  path: RegExp;
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  times?: number;
}

export interface FakeGithub {
  /** The base URL to give octokit (GITHUB_API_URL), the prefix included. */
  url: string;
  requests: RecordedRequest[];
  /** Comments per pull-request number; a number missing here is a pull request that does not exist. */
  comments: Map<number, FakeComment[]>;
  pulls: FakePull[];
  fail(rule: FaultRule): void;
  close(): Promise<void>;
}

// GitHub documents 65,536 characters; the fake counts UTF-8 bytes, the stricter reading fnsync fits to.
const LIMIT = 65_536;

/** Starts the fake; `prefix` mimics GitHub Enterprise's `/api/v3`. */
export async function startFakeGithub(options: { token: string; prefix?: string; pullNumbers?: number[] }): Promise<FakeGithub> {
  const prefix = options.prefix ?? '';
  const requests: RecordedRequest[] = [];
  const comments = new Map<number, FakeComment[]>((options.pullNumbers ?? [1]).map((n) => [n, []]));
  const pulls: FakePull[] = [];
  const faults: FaultRule[] = [];
  let nextId = 1000;
  let base = '';

  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
    res.end(body === undefined ? '' : JSON.stringify(body));
  };

  const handle = (req: IncomingMessage, res: ServerResponse, body: string) => {
    const full = req.url ?? '/';
    if (!full.startsWith(prefix)) return send(res, 404, { message: `Not Found (no ${prefix} prefix)` });
    const url = new URL(full.slice(prefix.length) || '/', 'http://fake');
    requests.push({ method: req.method ?? 'GET', path: `${url.pathname}${url.search}`, headers: req.headers, body });
    const fault = faults.find((f) => (!f.method || f.method === req.method) && f.path.test(url.pathname));
    if (fault) {
      fault.times = (fault.times ?? 1) - 1;
      if (fault.times <= 0) faults.splice(faults.indexOf(fault), 1);
      return send(res, fault.status, fault.body ?? { message: 'injected' }, fault.headers);
    }
    const auth = req.headers.authorization ?? '';
    if (auth !== `token ${options.token}` && auth !== `bearer ${options.token}` && auth !== `Bearer ${options.token}`) {
      return send(res, 401, { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest' });
    }
    const m = (re: RegExp) => re.exec(url.pathname);
    let match: RegExpExecArray | null;
    if (req.method === 'GET' && (match = m(/^\/repos\/[^/]+\/[^/]+\/issues\/(\d+)\/comments$/))) {
      const list = comments.get(Number(match[1]));
      if (!list) return send(res, 404, { message: 'Not Found' });
      return sendPage(res, url, list);
    }
    if (req.method === 'POST' && (match = m(/^\/repos\/[^/]+\/[^/]+\/issues\/(\d+)\/comments$/))) {
      const list = comments.get(Number(match[1]));
      if (!list) return send(res, 404, { message: 'Not Found' });
      const text = (JSON.parse(body) as { body: string }).body;
      if (Buffer.byteLength(text, 'utf8') > LIMIT) return send(res, 422, { message: 'Validation Failed', errors: [{ message: `Body is too long (maximum is ${LIMIT} characters)` }] });
      const comment: FakeComment = { id: nextId++, body: text, user: { login: 'github-actions[bot]', type: 'Bot' }, html_url: `https://github.test/pull/${match[1]}#issuecomment-${nextId - 1}` };
      list.push(comment);
      return send(res, 201, comment);
    }
    if (req.method === 'PATCH' && (match = m(/^\/repos\/[^/]+\/[^/]+\/issues\/comments\/(\d+)$/))) {
      const comment = [...comments.values()].flat().find((c) => c.id === Number(match![1]));
      if (!comment) return send(res, 404, { message: 'Not Found' });
      // As GitHub: the job token may edit only the comments its own identity wrote.
      if (comment.user.login !== 'github-actions[bot]') return send(res, 403, { message: 'Resource not accessible by integration' });
      const text = (JSON.parse(body) as { body: string }).body;
      if (Buffer.byteLength(text, 'utf8') > LIMIT) return send(res, 422, { message: 'Validation Failed', errors: [{ message: `Body is too long (maximum is ${LIMIT} characters)` }] });
      comment.body = text;
      return send(res, 200, comment);
    }
    if (req.method === 'GET' && (match = m(/^\/repos\/[^/]+\/[^/]+\/commits\/([0-9a-f]+)\/pulls$/))) {
      return sendPage(res, url, pulls.filter((p) => p.commits.includes(match![1]!)).map(({ commits: _, ...p }) => p));
    }
    return send(res, 404, { message: `Not Found: ${req.method} ${url.pathname}` });
  };

  /** GitHub's pagination: per_page and page, with a Link header to the next page. */
  const sendPage = (res: ServerResponse, url: URL, all: unknown[]) => {
    const perPage = Number(url.searchParams.get('per_page') ?? 30);
    const page = Number(url.searchParams.get('page') ?? 1);
    const items = all.slice((page - 1) * perPage, page * perPage);
    const headers: Record<string, string> = {};
    if (page * perPage < all.length) {
      const next = new URL(`${base}${url.pathname}`);
      next.searchParams.set('per_page', String(perPage));
      next.searchParams.set('page', String(page + 1));
      headers.link = `<${next.toString()}>; rel="next"`;
    }
    send(res, 200, items, headers);
  };

  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (d: string) => (body += d));
    req.on('end', () => handle(req, res, body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}${prefix}`;
  return {
    url: base,
    requests,
    comments,
    pulls,
    fail: (rule) => faults.push(rule),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
