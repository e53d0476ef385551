// Loading handler code: declaration styles that work, syntax errors located by file:line:col, the legacy
// `exports.processEvents` format, and failures at the top level.
import { afterAll, describe, expect, it } from 'vitest';
import { closeRuntime, eventInput, runtime, unit } from './runtime-harness.js';
import { SandboxError } from '../../../src/errors.js';

afterAll(closeRuntime);
const track = eventInput({ type: 'track' });

describe('handler declarations', () => {
  it.each([
    ['async function', `async function onTrack() { return 'ok'; }`],
    ['var', `var onTrack = async () => 'ok';`],
    ['assignment', `onTrack = async () => 'ok';`],
    ['top-level const (boreal rejects it; fnsync accepts it)', `const onTrack = async () => 'ok';`],
    ['top-level let', `let onTrack = async function () { return 'ok'; };`],
  ])('%s', async (_style, code) => {
    const [r] = await runtime().runSession(unit('destination', code), [track]);
    expect(r).toMatchObject({ outcome: 'Success', returned: 'ok' });
  });

  it('code runs in sloppy mode unless it says "use strict"', async () => {
    const [sloppy] = await runtime().runSession(unit('destination', `async function onTrack() { undeclared = 1; return undeclared; }`), [track]);
    expect(sloppy!.returned).toBe(1);
    const [strict] = await runtime().runSession(unit('destination', `'use strict'; async function onTrack() { undeclared = 1; }`), [track]);
    expect(strict).toMatchObject({ outcome: 'Bad Request', error: { type: 'ReferenceError' } });
  });
});

describe('code that cannot run', () => {
  it('a syntax error is a SandboxError naming file:line:col', async () => {
    const code = `async function onTrack() {\n  return 1 +;\n}`;
    const run = runtime().runSession({ ...unit('destination', code), codePath: '/project/functions/x/handler.js' }, [track]);
    await expect(run).rejects.toThrow(SandboxError);
    await expect(run).rejects.toThrow(/^\/project\/functions\/x\/handler\.js:2:13: SyntaxError: Unexpected token ';'$/);
  });

  it('a syntax error is reported even with no inputs', async () => {
    await expect(runtime().runSession(unit('destination', `function (`), [])).rejects.toThrow(/handler\.js:1:\d+: SyntaxError/);
  });

  it('legacy exports.processEvents gets a clear error', async () => {
    const code = `exports.processEvents = async (event) => event;`;
    await expect(runtime().runSession(unit('destination', code), [track])).rejects.toThrow(/exports\.processEvents is the legacy handler format/);
  });

  it('an exception at the top level fails each input as Bad Request with the cause', async () => {
    const results = await runtime().runSession(unit('destination', `const client = require('x'); async function onTrack() {}`), [track, track]);
    expect(results).toHaveLength(2);
    for (const r of results) {
      expect(r).toMatchObject({ outcome: 'Bad Request', error: { type: 'ReferenceError', message: 'the function failed to load: require is not defined', at: '/virtual/handler.js:1:16' } });
    }
  });

  it('a session with no inputs still loads the code and returns no results', async () => {
    await expect(runtime().runSession(unit('destination', `async function onTrack() {}`), [])).resolves.toEqual([]);
  });
});
