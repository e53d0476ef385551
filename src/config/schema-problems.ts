// Turns ajv's errors for a YAML document into readable problems with line and column. Shared by the config
// (fnsync.yaml) and fixture checks so both speak the same words.
import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { Problem } from '../errors.js';
import { closestName } from './closest-name.js';
import { formatPath, type PathSegment, type YamlSource } from './yaml-source.js';

// ajv-formats is CommonJS; depending on the loader its function is the module itself or its `default`.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as unknown as (ajv: Ajv) => Ajv;

/** Compiles a schema file once per call site; `x-pattern-message` carries the readable text for a `pattern`. */
export function compileSchemaFile(url: URL): ValidateFunction {
  const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true, verbose: true });
  ajv.addVocabulary(['x-pattern-message']);
  addFormats(ajv);
  return ajv.compile(JSON.parse(readFileSync(url, 'utf8')) as Record<string, unknown>);
}

/** Validates parsed YAML data; one problem per violation, duplicates removed, in document order. */
export function schemaProblems(validate: ValidateFunction, source: YamlSource): Problem[] {
  if (validate(source.data)) return [];
  const seen = new Set<string>();
  const problems: Problem[] = [];
  for (const error of mergeRequired(validate.errors ?? [])) {
    const problem = translate(error, source);
    const key = `${problem.line}:${problem.col}:${problem.path}:${problem.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      problems.push(problem);
    }
  }
  return problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.col ?? 0) - (b.col ?? 0));
}

/** Describes a value's YAML kind without echoing it (it may be a secret). */
export function describeKind(value: unknown): string {
  if (value === null || value === undefined) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'number') return 'a number';
  if (typeof value === 'boolean') return 'a boolean';
  return 'a string';
}

/** One `required` error per object listing every missing key, instead of one line per key at the same spot. */
function mergeRequired(errors: ErrorObject[]): ErrorObject[] {
  const byPath = new Map<string, ErrorObject>();
  const out: ErrorObject[] = [];
  for (const error of errors) {
    if (error.keyword !== 'required') {
      out.push(error);
      continue;
    }
    const missing = String((error.params as { missingProperty: string }).missingProperty);
    const first = byPath.get(error.instancePath);
    if (first) (first.params as { missing: string[] }).missing.push(missing);
    else {
      const merged = { ...error, params: { ...error.params, missing: [missing] } };
      byPath.set(error.instancePath, merged);
      out.push(merged);
    }
  }
  return out;
}

function joinWith(items: string[], last: string): string {
  return items.length === 1 ? items[0]! : `${items.slice(0, -1).join(', ')} ${last} ${items.at(-1)!}`;
}

/** Converts a JSON pointer into path segments, with array indexes as numbers. */
function pointerToPath(pointer: string, data: unknown): PathSegment[] {
  const path: PathSegment[] = [];
  let node = data;
  for (const raw of pointer.split('/').slice(1)) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node)) {
      path.push(Number(seg));
      node = node[Number(seg)];
    } else {
      path.push(seg);
      node = node && typeof node === 'object' ? (node as Record<string, unknown>)[seg] : undefined;
    }
  }
  return path;
}

function valueAt(data: unknown, path: readonly PathSegment[]): unknown {
  let node = data;
  for (const seg of path) node = node && typeof node === 'object' ? (node as Record<string | number, unknown>)[seg] : undefined;
  return node;
}

const TYPE_NAMES: Record<string, string> = {
  string: 'a string',
  boolean: 'a boolean (true or false)',
  integer: 'a whole number',
  number: 'a number',
  object: 'a mapping',
  array: 'a list',
};

const FORMAT_NAMES: Record<string, string> = {
  uri: 'an absolute URL (https://...)',
  'date-time': 'an ISO 8601 time such as 2024-01-01T00:00:00Z',
  regex: 'a valid regular expression',
};

function typeNames(type: unknown): string {
  return joinWith((Array.isArray(type) ? type : [type]).map((t) => TYPE_NAMES[String(t)] ?? String(t)), 'or');
}

function translate(error: ErrorObject, source: YamlSource): Problem {
  const path = pointerToPath(error.instancePath, source.data);
  const value = valueAt(source.data, path);
  const at = (p: PathSegment[], key = false) => ({
    file: source.displayFile,
    ...(key ? source.keyPos(p) : source.valuePos(p)),
    path: formatPath(p) || undefined,
  });
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const known = Object.keys((error.parentSchema?.properties as Record<string, unknown> | undefined) ?? {});
      const suggestion = closestName(key, known);
      return {
        ...at([...path, key], true),
        message: `unknown key '${key}'${suggestion ? ` (did you mean '${suggestion}'?)` : ''}`,
        hint: suggestion ? undefined : `valid keys here: ${known.join(', ')}`,
      };
    }
    case 'required': {
      const missing = (params.missing as string[]).map((m) => `'${m}'`);
      return { ...at(path, true), message: `missing required key${missing.length === 1 ? '' : 's'} ${joinWith(missing, 'and')}` };
    }
    case 'type':
      return { ...at(path), message: `must be ${typeNames(params.type)}, not ${describeKind(value)}` };
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map(String);
      const suggestion = typeof value === 'string' ? closestName(value, allowed) : undefined;
      return { ...at(path), message: `must be one of ${allowed.join(', ')}${suggestion ? ` (did you mean '${suggestion}'?)` : ''}` };
    }
    case 'const':
      return { ...at(path), message: `must be ${JSON.stringify(params.allowedValue)}` };
    case 'pattern':
      return { ...at(path), message: String(error.parentSchema?.['x-pattern-message'] ?? `must match ${String(params.pattern)}`) };
    case 'format':
      return { ...at(path), message: `must be ${FORMAT_NAMES[String(params.format)] ?? `a valid ${String(params.format)}`}` };
    case 'minLength':
      return { ...at(path), message: 'must not be empty' };
    case 'minimum':
      return { ...at(path), message: `must be at least ${String(params.limit)}` };
    case 'maximum':
      return { ...at(path), message: `must be at most ${String(params.limit)}` };
    default:
      return { ...at(path), message: error.message ?? `fails the ${error.keyword} check` };
  }
}
