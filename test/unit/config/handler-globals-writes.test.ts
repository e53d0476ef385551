// Assignments and updates are references too: `missing++` of a name nothing assigns fails at run time like a read,
// a plain assignment inside a function creates an implicit global, and the module system is never declared by
// assigning it (`module = {}` is still CommonJS).
import { parse } from 'acorn';
import { describe, expect, it } from 'vitest';
import { checkHandlerGlobals } from '../../../src/config/handler-globals.js';

const program = (code: string) => parse(code, { ecmaVersion: 'latest', sourceType: 'script', locations: true, ranges: true });
const check = (code: string) => checkHandlerGlobals(program(code), 'h.js', 'destination');

describe('free names that a handler writes', () => {
  it.each([
    ['missing++', 32],
    ['missing += 1', 32],
    ['++missing', 34],
  ])('%s of a name nothing assigns is a ReferenceError warning at its position', (expr, col) => {
    const problems = check(`async function onTrack(e, s) { ${expr}; return 1 }`);
    expect(problems).toEqual([
      expect.objectContaining({ line: 1, col, severity: 'warning', message: "'missing' is not declared in this file and is not a Segment global: this line fails with a ReferenceError" }),
    ]);
    expect(problems[0]!.hint).toMatch(/^declare it \(let missing = \.\.\.\)/);
  });

  it('a plain assignment inside a function warns that it creates an implicit global, and a later update of it is not a ReferenceError', () => {
    const problems = check('async function onTrack(e, s) { counter = 1; counter++; return counter }\nasync function onPage() { counter = 2 }');
    expect(problems).toEqual([
      {
        file: 'h.js',
        line: 1,
        col: 32,
        severity: 'warning',
        message: "assigning to 'counter', which is not declared in this file, creates an implicit global: it works (Segment runs handlers as sloppy scripts) but keeps its value between events (also used on line 2)",
        hint: 'declare it where it is used (let counter = ...), or at the top level if it should persist between events',
      },
    ]);
  });

  it('a top-level plain assignment is a declaration (the sloppy-script way to define handlers and state)', () => {
    expect(check('counter = 0;\nonTrack = async function (e) { counter++; counter = counter + 1; return counter };')).toEqual([]);
  });

  it.each([
    ['process = {}', 'process', 1],
    ['module = 1', 'module', 1],
    ['function f() { exports = {} }', 'exports', 16],
  ])('%s is a module-system error, as a read would be', (code, name, col) => {
    expect(check(`${code};\nasync function onTrack() {}`)).toEqual([
      expect.objectContaining({ line: 1, col, message: `'${name}' is not defined in Segment functions, so Segment will not run this code` }),
    ]);
  });

  it('an unknown name close to a Segment global suggests it', () => {
    expect(check('async function onTrack() { return fetc("x") }')[0]!.hint).toBe("did you mean 'fetch'? Otherwise declare it (let fetc = ...) before this line runs");
  });
});
