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
    ['no space after a colon, before another key', 'f:\n  a:\n    type:destination\n    displayName: X\n', 3, 5, "'type' has no space after its ':', so YAML reads the whole line as one text"],
    ['no space after a colon, as the last key', 'f:\n  a:\n    type: source\n    code:functions/a/handler.js\n', 4, 5, "'code' has no space after its ':', so YAML reads the whole line as one text"],
  ])('%s', (_label, text, line, col, message) => {
    const p = firstProblem(text);
    expect({ line: p.line, col: p.col }).toEqual({ line, col });
    expect(p.message.startsWith(`YAML syntax error: ${message}`)).toBe(true);
    expect(p.hint).toBeDefined();
  });

  it('a key dedented between siblings is the line to fix, not the deeper line after it', () => {
    const p = firstProblem('f:\n  x:\n    type: source\n    description: d\n  code: h.js\n    settings:\n      - a\n');
    expect(p).toMatchObject({
      line: 5,
      col: 3,
      message: "YAML syntax error: this line is indented less (2 spaces) than the keys around it ('description' (line 4) and 'settings' (line 6), 4 spaces); YAML uses indentation to nest values, so keys of one mapping start at the same column",
      hint: "indent it by 4 spaces to put it beside 'description'",
    });
  });

  it('a list item without the space after its dash is reported at its own line, whatever follows it', () => {
    const p = firstProblem('instances:\n  -name: stripe-prod\n    enabled: true\n');
    expect(p).toMatchObject({ line: 2, col: 3, message: 'YAML syntax error: a list item needs a space after its dash', hint: "add a space after `-`: write '- name: ...'" });
    expect(p.hint).not.toContain('stripe-prod');
  });

  it('a key between two levels is offered both places it may belong', () => {
    const p = firstProblem('cases:\n  - name: a\n    request:\n      body: {}\n     headers: {}\n      query: {}\n');
    expect(p).toMatchObject({ line: 5, col: 6, hint: "indent it by 6 spaces to put it beside 'body' or by 4 spaces to put it beside 'request'" });
  });

  it('never echoes a quoted value, which may be a secret', () => {
    const p = firstProblem('token: "sk_live_do_not_echo\nother: 1\n');
    expect(`${p.message} ${p.hint}`).not.toContain('sk_live_do_not_echo');
  });
});
