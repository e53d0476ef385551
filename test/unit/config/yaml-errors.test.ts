// YAML syntax errors in plain words, at the line a person would edit (the parser often notices one line early).
import { describe, expect, it } from 'vitest';
import { parseYamlSource } from '../../../src/config/yaml-source.js';

function firstProblem(text: string) {
  const r = parseYamlSource(text, 'f.yaml');
  if (r.ok) throw new Error('expected a syntax error');
  return r.problems[0]!;
}

describe('YAML syntax errors', () => {
  it.each([
    ['a line indented under a key that has a value', 'a:\n  b: 1\n    c: 2\n', 3, 5, "this line is indented more than 'b' (line 2) above it, which already has a value; YAML uses indentation to nest values"],
    ['a key indented less than its siblings', 'a:\n    b: 1\n   c: 2\n', 3, 4, "this line is indented less (3 spaces) than 'b' (line 2) above it (4 spaces)"],
    ['a value with an unquoted ": "', 'desc: a: b\n', 1, 7, "this value contains ': ', which YAML reads as the start of another key"],
    ['a key among list items', 'items:\n  - a\n  b: 1\n', 3, 3, 'this line is a key where line 2 is a list item: a list and a mapping cannot mix at one level'],
    ['a list item among keys', 'a:\n  b: 1\n  - c\n', 3, 3, 'a list item (-) cannot sit among the keys of a mapping'],
    ['an unclosed [', 'version: 1\nx: [a, b\ny: 2\n', 2, 4, 'the [ on this line is never closed'],
    ["an unclosed ' quote", "a: 'abc\nb: 1\n", 1, 4, 'the single-quoted text that starts here is never closed'],
    ['a reserved first character', 'a: @x\n', 1, 4, 'a value cannot start with @ unless it is quoted'],
  ])('%s', (_label, text, line, col, message) => {
    const p = firstProblem(text);
    expect({ line: p.line, col: p.col }).toEqual({ line, col });
    expect(p.message.startsWith(`YAML syntax error: ${message}`)).toBe(true);
    expect(p.hint).toBeDefined();
  });

  it('never echoes a quoted value, which may be a secret', () => {
    const p = firstProblem('token: "sk_live_do_not_echo\nother: 1\n');
    expect(`${p.message} ${p.hint}`).not.toContain('sk_live_do_not_echo');
  });
});
