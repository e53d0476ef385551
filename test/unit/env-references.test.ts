import { describe, expect, it } from 'vitest';
import { findMalformedReference, isPureReference, parseTemplate, referencedNames, resolveParts } from '../../src/config/env-references.js';

describe('env references', () => {
  it('splits literals and references', () => {
    expect(parseTemplate('Bearer ${env:TOKEN}!')).toEqual([
      { kind: 'literal', text: 'Bearer ' },
      { kind: 'env', name: 'TOKEN' },
      { kind: 'literal', text: '!' },
    ]);
    expect(parseTemplate('')).toEqual([{ kind: 'literal', text: '' }]);
  });

  it('recognises a value that is exactly one reference', () => {
    expect(isPureReference(parseTemplate('${env:A}'))).toBe(true);
    expect(isPureReference(parseTemplate('x${env:A}'))).toBe(false);
    expect(isPureReference(parseTemplate('plain'))).toBe(false);
  });

  it('lists every missing variable at once', () => {
    const parts = parseTemplate('${env:A}-${env:B}-${env:C}');
    expect(referencedNames(parts)).toEqual(['A', 'B', 'C']);
    expect(resolveParts(parts, { B: 'b' })).toEqual({ value: '-b-', missing: ['A', 'C'] });
    expect(resolveParts(parts, { A: 'a', B: 'b', C: 'c' })).toEqual({ value: 'a-b-c', missing: [] });
  });

  it('flags malformed references', () => {
    expect(findMalformedReference('${ENV:X}')).toBe('${ENV:X}');
    expect(findMalformedReference('${env:1X}')).toBe('${env:1X}');
    expect(findMalformedReference('${env:X')).toBe('${env:X');
    expect(findMalformedReference('fine ${env:X_1}')).toBeUndefined();
  });
});
