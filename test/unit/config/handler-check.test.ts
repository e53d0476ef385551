// Handler code is parsed, never run: syntax errors point into the handler file, declarations are found at top level only.
import { describe, expect, it } from 'vitest';
import { HANDLERS_BY_TYPE, checkHandlerCode } from '../../../src/config/handler-check.js';

const check = (code: string, type: Parameters<typeof checkHandlerCode>[2] = 'destination') => checkHandlerCode(code, 'fn/handler.js', type);

describe('checkHandlerCode', () => {
  it('reports a syntax error with the handler file line and 1-based column', () => {
    const code = 'async function onTrack(event) {\n  return event.\n}\n';
    expect(check(code)).toEqual([{ file: 'fn/handler.js', line: 3, col: 1, message: 'syntax error: Unexpected token' }]);
  });

  it('reports the column of an error inside a line', () => {
    const problems = check('var a = 1;\nvar b = a +* 2;\n');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ line: 2, col: 12, message: 'syntax error: Unexpected token' });
  });

  it('parses as a classic script, as Segment does (no import/export)', () => {
    expect(check('export async function onTrack() {}')[0]?.message).toMatch(/^syntax error: 'import' and 'export' may appear only with 'sourceType: module'/);
  });

  it.each([
    ['function declaration', 'function onTrack(event) {}'],
    ['async function declaration', 'async function onTrack(event) {}'],
    ['var with a function expression', 'var onTrack = async function (event) {};'],
    ['let with an arrow function', 'let onTrack = async (event) => event;'],
    ['const with an arrow function', 'const onTrack = (event) => event;'],
    ['plain assignment', 'onTrack = async function (event) {};'],
    ['chained assignment', 'onPage = onTrack = async (event) => event;'],
  ])('recognises a handler declared by %s', (_label, code) => {
    expect(check(code)).toEqual([]);
  });

  it('does not count comments, strings, nested functions or declarations without a value', () => {
    const code = [
      '// function onTrack(event) {}',
      '/* async function onTrack() {} */',
      "const text = 'function onTrack() {}';",
      'const tpl = `onTrack = ${text}`;',
      'function helper() { function onTrack() {} var onPage = 1; }',
      'var onIdentify;',
      'if (true) { onGroup(); }',
    ].join('\n');
    const problems = check(code);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.message).toBe(
      'fn/handler.js defines none of onIdentify, onTrack, onPage, onScreen, onGroup, onAlias, onDelete, onBatch (a destination function needs at least one)',
    );
    expect(problems[0]!.line).toBeUndefined();
  });

  it('requires onRequest for a source function, whatever else it defines', () => {
    expect(check('async function onBatch() {}\nconst x = 1;', 'source')[0]!.message).toBe(
      "fn/handler.js does not define onRequest (a source function needs it): it defines 'onBatch', which only destination and insert-destination functions receive",
    );
    expect(check('const helper = 1;', 'source')[0]!.message).toBe('fn/handler.js does not define onRequest (a source function needs it)');
  });

  it('names the handler of another function type that it found, where it is, with both fixes', () => {
    expect(check('const a = 1;\nasync function onTrack(e) {}', 'source')).toEqual([
      {
        file: 'fn/handler.js',
        line: 2,
        col: 16,
        message: "fn/handler.js does not define onRequest (a source function needs it): it defines 'onTrack', which only destination, insert-destination and insert-source functions receive",
        hint: "if this is a source function, declare onRequest (async function onRequest(request, settings) { ... }); if 'onTrack' is right, change type: to destination",
      },
    ]);
    expect(check('async function onRequest(request) {}', 'destination')[0]).toMatchObject({
      line: 1,
      message: "fn/handler.js defines none of onIdentify, onTrack, onPage, onScreen, onGroup, onAlias, onDelete, onBatch (a destination function needs at least one): it defines 'onRequest', which only source functions receive",
    });
    expect(check('async function onRequest(request) {}', 'source')).toEqual([]);
  });

  it('accepts onBatch alone for destinations and insert-destinations, not for insert-sources', () => {
    const code = 'async function onBatch(events) { return events; }';
    expect(check(code, 'destination')).toEqual([]);
    expect(check(code, 'insert-destination')).toEqual([]);
    expect(check(code, 'insert-source')).toHaveLength(1);
  });

  it('checks only the syntax when the function type is unknown (the schema reports the type)', () => {
    expect(checkHandlerCode('const helper = 1;', 'fn/handler.js', undefined)).toEqual([]);
    expect(checkHandlerCode('var a = ;', 'fn/handler.js', undefined)).toEqual([{ file: 'fn/handler.js', line: 1, col: 9, message: 'syntax error: Unexpected token' }]);
  });

  it('never runs the code', () => {
    const code = 'globalThis.__fnsyncRan = true; throw new Error("ran"); async function onTrack() {}';
    expect(check(code)).toEqual([]);
    expect((globalThis as Record<string, unknown>).__fnsyncRan).toBeUndefined();
  });

  it('exports the handler names per type for the runtime', () => {
    expect(HANDLERS_BY_TYPE.source).toEqual(['onRequest']);
    expect(HANDLERS_BY_TYPE['insert-source']).not.toContain('onBatch');
    expect(HANDLERS_BY_TYPE.destination).toContain('onBatch');
  });
});
