// The error hierarchy as main.ts prints it: problem format, secret redaction, exit codes, stack traces only with --debug.
import { describe, expect, it } from 'vitest';
import { reportError } from '../../../src/cli/main.js';
import type { CliContext } from '../../../src/cli/output.js';
import { ApiError, InternalError, SandboxError, UserError, formatProblem, redact } from '../../../src/errors.js';

function capture(debug = false): { ctx: CliContext; err: string[]; out: string[] } {
  const err: string[] = [];
  const out: string[] = [];
  return { ctx: { stdout: (t) => out.push(t), stderr: (t) => err.push(t), env: {}, cwd: '/', debug }, err, out };
}

const STACK_LINE = /\n\s+at .+:\d+:\d+\)?/;

describe('formatProblem', () => {
  it('keeps a problem on its own lines: a newline or control character from a key in the user\'s file is shown, never obeyed', () => {
    const text = formatProblem({ file: 'fnsync.yaml', line: 2, col: 3, path: 'functions.x\n::warning file=evil.js::pwned', message: "unknown key 'x\n::warning file=evil.js::pwned\u001b[2J'" });
    expect(text.split('\n')).toHaveLength(1);
    expect(text).toBe("fnsync.yaml:2:3 functions.x\\n::warning file=evil.js::pwned: unknown key 'x\\n::warning file=evil.js::pwned\\u001b[2J'");
    expect(formatProblem({ file: 'a.yaml', message: 'm', hint: 'h' })).toBe('a.yaml: m\n  hint: h');
  });

  it('renders file:line:col path: message, dropping parts that are unknown', () => {
    expect(formatProblem({ file: 'fnsync.yaml', line: 3, col: 5, path: 'functions.a', message: 'bad' })).toBe('fnsync.yaml:3:5 functions.a: bad');
    expect(formatProblem({ file: 'fnsync.yaml', line: 3, message: 'bad' })).toBe('fnsync.yaml:3: bad');
    expect(formatProblem({ file: 'h.js', message: 'bad', hint: 'do this' })).toBe('h.js: bad\n  hint: do this');
  });
});

describe('redact', () => {
  it('masks every occurrence of every secret', () => {
    expect(redact('token abcd1234 and again abcd1234', ['abcd1234'])).toBe('token ******** and again ********');
  });

  it('masks a secret that contains another one whole, whatever the order given', () => {
    expect(redact('key=sk_live_12345678', ['sk_live', 'sk_live_12345678'])).toBe('key=********');
  });

  it('leaves values shorter than 4 characters alone', () => {
    expect(redact('a b c', ['a', ''])).toBe('a b c');
  });
});

describe('reportError (the only place errors are printed)', () => {
  it('prints every problem of a UserError, then the message, exit 1, no stack trace', () => {
    const { ctx, err, out } = capture();
    const code = reportError(new UserError('fnsync.yaml is not valid: 2 problems', [
      { file: 'fnsync.yaml', line: 2, col: 1, message: 'first' },
      { file: 'h.js', line: 9, col: 4, path: 'functions.x.code', message: 'second' },
    ]), ctx);
    expect(code).toBe(1);
    expect(out).toEqual([]);
    expect(err).toEqual(['fnsync.yaml:2:1: first', 'h.js:9:4 functions.x.code: second', 'error: fnsync.yaml is not valid: 2 problems']);
  });

  it('prints API, sandbox and internal errors without a stack trace', () => {
    const api = capture();
    expect(reportError(new ApiError('updating function Slack (dfn_1): 422 taken', { status: 422, operation: 'update' }), api.ctx)).toBe(1);
    expect(api.err).toEqual(['error: updating function Slack (dfn_1): 422 taken']);
    const sandbox = capture();
    reportError(new SandboxError('worker died'), sandbox.ctx);
    expect(sandbox.err).toEqual(['error: worker died']);
    const internal = capture();
    reportError(new InternalError('plan out of order'), internal.ctx);
    expect(internal.err[0]).toMatch(/^internal error: plan out of order \(this is a bug in fnsync/);
    expect([...api.err, ...sandbox.err, ...internal.err].join('\n')).not.toMatch(STACK_LINE);
  });

  it('points at --debug for an unexpected error, and --debug adds the stack trace', () => {
    const plain = capture();
    expect(reportError(new TypeError('x is undefined'), plain.ctx)).toBe(1);
    expect(plain.err).toEqual(['unexpected error: x is undefined (run with --debug for details)']);
    const debug = capture(true);
    reportError(new TypeError('x is undefined'), debug.ctx);
    expect(debug.err[0]).toBe('unexpected error: x is undefined');
    expect(debug.err.join('\n')).toMatch(STACK_LINE);
  });

  it('reports a thrown non-Error value', () => {
    const { ctx, err } = capture();
    expect(reportError('boom', ctx)).toBe(1);
    expect(err).toEqual(['unexpected error: boom (run with --debug for details)']);
  });
});
