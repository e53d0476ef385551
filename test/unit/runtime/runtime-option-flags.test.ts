// `fnsync run --option NAME=VALUE`: the same names and values as a fixture file's `options:`, strictly checked.
import { describe, expect, it } from 'vitest';
import { UserError } from '../../../src/errors.js';
import { parseOptionFlags } from '../../../src/runtime/runtime-option-flags.js';

describe('parseOptionFlags', () => {
  it('turns NAME=VALUE pairs into typed options (booleans and numbers included)', () => {
    expect(parseOptionFlags(['validation=strict', 'formBodies=decode', 'sortPayloadKeys=true', 'memoryLimitMb=256', 'allowCodeGeneration=false'])).toEqual({
      validation: 'strict',
      formBodies: 'decode',
      sortPayloadKeys: true,
      memoryLimitMb: 256,
      allowCodeGeneration: false,
    });
    expect(parseOptionFlags([])).toEqual({});
  });

  it.each([
    ['validaton=strict', /unknown option 'validaton' \(options: insertUndefined, formBodies, validation/],
    ['insertUndefined=forward', /insertUndefined must be one of drop, pass/],
    ['sortPayloadKeys=yes', /sortPayloadKeys must be one of true, false/],
    ['memoryLimitMb=8', /memoryLimitMb must be a whole number of MB from 16 to 4096/],
    ['memoryLimitMb=1e3', /memoryLimitMb must be a whole number/],
    ['validation', /validation must be one of boreal, strict/],
  ])('%s is refused with the choices', (flag, message) => {
    expect(() => parseOptionFlags([flag])).toThrow(UserError);
    expect(() => parseOptionFlags([flag])).toThrow(message);
  });
});
