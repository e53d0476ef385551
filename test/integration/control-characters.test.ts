// Control characters from a handler (or the workspace) never reach the terminal raw: an ESC sequence in
// a log line or an error message could recolour, move the cursor or rewrite what was printed.
import { describe, expect, it } from 'vitest';
import { escapeControl } from '../../src/render/terminal-safe.js';
import { makeTempDir, runCli } from '../helpers/cli.js';

const HOSTILE = 'async function onTrack(event) {\n  console.log("\\u001b[2J\\u001b[Hcleared\\rover");\n  throw new Error("\\u001b]0;pwned\\u0007 boom\\u009b31m");\n}\n';

describe('control characters in handler output', () => {
  it('are escaped in fnsync test failures: no raw ESC, BEL, CSI or carriage return reaches the terminal', async () => {
    const dir = makeTempDir({
      'fnsync.yaml': 'version: 1\nfunctions:\n  hostile:\n    type: destination\n    displayName: Hostile\n    code: hostile.js\n',
      'hostile.js': HOSTILE,
      'tests/hostile.yaml': 'cases:\n  - name: succeeds\n    event: { type: track, event: E }\n    expect: { outcome: Success, logs: [cleared] }\n',
    });
    const r = await runCli(['test', '--no-record'], { cwd: dir });
    expect(r.code).toBe(1);
    const out = r.stdout + r.stderr;
    expect(out).not.toMatch(/[\u0007\u001b\u009b\r]/);
    expect(out).toContain('\\u001b]0;pwned\\u0007 boom\\u009b31m');
    expect(out).toMatch(/^0 passed, 1 failed$/m);
  }, 60_000);

  it('are escaped in fnsync run output as JSON escapes: no raw C1 control, DEL or bidi override, and the values parse back unchanged', async () => {
    const text = 'a\u009b2J b\u009d0;t\u009c c\u007f d\u202e e';
    const dir = makeTempDir({ 'h.js': `async function onTrack() { console.log(${JSON.stringify(text)}); throw new Error(${JSON.stringify(text)}); }\n`, 'e.json': '{"type":"track"}' });
    const r = await runCli(['run', 'h.js', '--type', 'destination', '--event', 'e.json'], { cwd: dir });
    expect(r.stdout).not.toMatch(/[\u007f-\u009f\u202a-\u202e]/);
    const out = JSON.parse(r.stdout) as { logs: { message: string }[]; error: { message: string } };
    expect(out.logs[0]!.message).toBe(text);
    expect(out.error.message).toBe(text);
  });

  it('escapeControl keeps newlines and tabs, and makes every other control character visible', () => {
    expect(escapeControl('a\tb\nc')).toBe('a\tb\nc');
    expect(escapeControl('\u001b[31mred\r\u0000\u007f\u2028')).toBe('\\u001b[31mred\\u000d\\u0000\\u007f\\u2028');
  });
});
