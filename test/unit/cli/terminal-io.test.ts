// The terminal-only parts of plan and apply: the live progress line (nothing of it when piped) and
// the approval prompt (only the literal answer `yes` approves; no terminal means no approval).
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { confirmApply } from '../../../src/cli/confirm.js';
import type { CliContext } from '../../../src/cli/output.js';
import { progressLine } from '../../../src/cli/progress.js';
import { UserError } from '../../../src/errors.js';

function fakeStream(isTTY: boolean): NodeJS.WriteStream & { text: () => string } {
  const s = new PassThrough() as unknown as NodeJS.WriteStream & { text: () => string };
  let written = '';
  s.on('data', (d) => (written += d));
  Object.assign(s, { isTTY, columns: 40, text: () => written });
  return s;
}

function ctx(env: Record<string, string> = {}): CliContext & { lines: string[] } {
  const lines: string[] = [];
  return { stdout: () => {}, stderr: (t) => lines.push(t), env, cwd: '/', debug: false, lines };
}

describe('progress line', () => {
  it('rewrites one line in place on a terminal and clears it when done', () => {
    const stream = fakeStream(true);
    const c = ctx();
    const line = progressLine(c, stream);
    line.update('Reading workspace: 1/200');
    line.update('Reading workspace: 2/200');
    line.done();
    expect(stream.text()).toBe('Reading workspace: 1/200\r\x1b[2KReading workspace: 2/200\r\x1b[2K');
    expect(c.lines).toEqual([]);
  });

  it('writes nothing of it when piped or under CI, but keeps the permanent lines', () => {
    for (const [tty, env] of [[false, {}], [true, { CI: 'true' }]] as const) {
      const stream = fakeStream(tty);
      const c = ctx(env);
      const line = progressLine(c, stream);
      line.update('Reading workspace: 1/200');
      line.print('function.x: create function X: done');
      line.done();
      expect(stream.text()).toBe('');
      expect(c.lines).toEqual(['function.x: create function X: done']);
    }
  });

  it('never lets a long line wrap (a wrapped line cannot be rewritten in place)', () => {
    const stream = fakeStream(true);
    progressLine(ctx(), stream).update('x'.repeat(100));
    expect(stream.text().length).toBeLessThanOrEqual(39);
  });
});

describe('approval', () => {
  async function answer(text: string): Promise<boolean> {
    const input = new PassThrough() as unknown as NodeJS.ReadStream;
    Object.assign(input, { isTTY: true });
    const output = fakeStream(true);
    const pending = confirmApply(false, input, output);
    (input as unknown as PassThrough).write(`${text}\n`);
    return pending;
  }

  it('approves only on the literal answer yes', async () => {
    expect(await answer('yes')).toBe(true);
    expect(await answer('y')).toBe(false);
    expect(await answer('YES')).toBe(false);
    expect(await answer('')).toBe(false);
  });

  it('takes Ctrl-D (input closed) as a no, not as a crash', async () => {
    const input = new PassThrough() as unknown as NodeJS.ReadStream;
    Object.assign(input, { isTTY: true });
    const pending = confirmApply(false, input, fakeStream(true));
    (input as unknown as PassThrough).end();
    expect(await pending).toBe(false);
  });

  it('refuses without a terminal unless --auto-approve', async () => {
    const input = new PassThrough() as unknown as NodeJS.ReadStream;
    await expect(confirmApply(false, input, fakeStream(false))).rejects.toThrow(UserError);
    await expect(confirmApply(false, input, fakeStream(false))).rejects.toThrow(/--auto-approve/);
    expect(await confirmApply(true, input, fakeStream(false))).toBe(true);
  });
});
