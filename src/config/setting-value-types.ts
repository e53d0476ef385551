// Whether a setting value has its declared type, in one place for every file that gives values: fnsync.yaml's
// instances, fixture `settings:` and `fnsync run --settings`. A value of the wrong type would reach the handler (or
// Segment) as something it does not expect: YAML turns `100` into a number, JSON `"yes"` is no boolean.
import { describeKind } from './schema-problems.js';
import type { PathSegment } from './yaml-source.js';
import type { SettingType } from '../vocabulary.js';

/** One wrong value: where inside the setting's value (`[]` for the value itself), what is wrong, and the fix. */
export interface SettingValueProblem {
  at: PathSegment[];
  message: string;
  hint?: string;
}

/** The file the value was written in: the fix for a number that should be a string depends on it. */
export type ValueFormat = 'yaml' | 'json';

const QUOTE_HINT: Record<ValueFormat, string> = {
  yaml: 'wrap the value in quotes so YAML reads it as a string',
  json: 'write the value in double quotes: it is a string setting',
};
const ENV_HINT = 'put the secret in an environment variable and write ${env:NAME}';

/** Problems of one value against its declared type; never echoes the value (it may be a secret). */
export function settingValueProblems(value: unknown, type: SettingType, sensitive = false, format: ValueFormat = 'yaml'): SettingValueProblem[] {
  const isString = (v: unknown) => typeof v === 'string';
  switch (type) {
    case 'string':
      return isString(value) ? [] : [stringProblem([], value, format, sensitive)];
    case 'boolean':
      return typeof value === 'boolean'
        ? []
        : [{ at: [], message: `must be a boolean (true or false), not ${describeKind(value)}`, ...(typeof value === 'string' ? { hint: 'write true or false without quotes' } : {}) }];
    case 'array':
      if (!Array.isArray(value)) return [{ at: [], message: `must be a list of strings, not ${describeKind(value)}` }];
      return value.flatMap((item, i) => (isString(item) ? [] : [stringProblem([i], item, format)]));
    case 'text-map': {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return [{ at: [], message: `must be a mapping of strings, not ${describeKind(value)}` }];
      return Object.entries(value).flatMap(([k, v]) => (isString(v) ? [] : [stringProblem([k], v, format)]));
    }
    default:
      return [];
  }
}

function stringProblem(at: PathSegment[], value: unknown, format: ValueFormat, sensitive = false): SettingValueProblem {
  const scalar = typeof value === 'number' || typeof value === 'boolean';
  // Quoting a secret would only swap one error for another: point at the env variable instead.
  const hint = sensitive ? ENV_HINT : scalar ? QUOTE_HINT[format] : undefined;
  return { at, message: `must be a string, not ${describeKind(value)}`, ...(hint ? { hint } : {}) };
}
