// `fnsync run --option NAME=VALUE`: the runtime's choices on Segment's open questions, from the command line.
// Same names and values as a fixture file's `options:` (schemas/fixture.schema.json), checked the same strictly.
import { UserError } from '../errors.js';
import type { RuntimeOptions } from './types.js';

const CHOICES: Record<keyof RuntimeOptions, readonly string[] | 'integer'> = {
  insertUndefined: ['drop', 'pass'],
  formBodies: ['text', 'decode'],
  validation: ['boreal', 'strict'],
  sortPayloadKeys: ['true', 'false'],
  memoryLimitMb: 'integer',
  allowCodeGeneration: ['true', 'false'],
};

/** Parses repeated `NAME=VALUE` flags into RuntimeOptions; any unknown name or value is a UserError listing the choices. */
export function parseOptionFlags(pairs: readonly string[]): RuntimeOptions {
  const out: Record<string, unknown> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    const name = eq < 0 ? pair : pair.slice(0, eq);
    const value = eq < 0 ? '' : pair.slice(eq + 1);
    if (!Object.hasOwn(CHOICES, name)) {
      throw new UserError(`--option ${pair}: unknown option '${name}' (options: ${Object.keys(CHOICES).join(', ')})`);
    }
    const allowed = CHOICES[name as keyof RuntimeOptions];
    if (allowed === 'integer') {
      const n = Number(value);
      if (!/^\d+$/.test(value) || n < 16 || n > 4096) throw new UserError(`--option ${pair}: ${name} must be a whole number of MB from 16 to 4096`);
      out[name] = n;
    } else if (!allowed.includes(value)) {
      throw new UserError(`--option ${pair}: ${name} must be one of ${allowed.join(', ')}`);
    } else {
      out[name] = value === 'true' ? true : value === 'false' ? false : value;
    }
  }
  return out as RuntimeOptions;
}
