// Checks fnsync.yaml against schemas/fnsync.schema.json and turns ajv's errors into readable problems.
import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { Problem } from '../errors.js';
import { closestName } from './closest-name.js';
import { formatPath, type PathSegment, type YamlSource } from './yaml-source.js';

/** Where the schema lives: shipped with the package next to dist/ and src/. */
export const SCHEMA_URL = new URL('../../schemas/fnsync.schema.json', import.meta.url);

/** The schema as a plain object (also read by the config-reference generator). */
export function readSchema(): Record<string, unknown> {
  return JSON.parse(readFileSync(SCHEMA_URL, 'utf8')) as Record<string, unknown>;
}

// ajv-formats is CommonJS; depending on the loader its function is the module itself or its `default`.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as unknown as (ajv: Ajv) => Ajv;

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  if (!compiled) {
    const ajv = new Ajv({ allErrors: true, strict: true, verbose: true });
    // Annotation-only keyword: the readable message for a `pattern`, so users never see a raw regex.
    ajv.addVocabulary(['x-pattern-message']);
    addFormats(ajv);
    compiled = ajv.compile(readSchema());
  }
  return compiled;
}

/** Validates the parsed data; every schema violation becomes one problem with its line and column. */
export function checkSchema(source: YamlSource): Problem[] {
  const validate = validator();
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
  return problems;
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

function quotedList(items: string[]): string {
  const quoted = items.map((i) => `'${i}'`);
  return quoted.length === 1 ? quoted[0]! : `${quoted.slice(0, -1).join(', ')} and ${quoted.at(-1)!}`;
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

/** Describes a value's YAML kind without echoing it (it may be a secret). */
export function describeKind(value: unknown): string {
  if (value === null || value === undefined) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'number') return 'a number';
  if (typeof value === 'boolean') return 'a boolean';
  return 'a string';
}

const TYPE_NAMES: Record<string, string> = {
  string: 'a string',
  boolean: 'a boolean (true or false)',
  integer: 'a whole number',
  number: 'a number',
  object: 'a mapping',
  array: 'a list',
};

function translate(error: ErrorObject, source: YamlSource): Problem {
  const path = pointerToPath(error.instancePath, source.data);
  const value = valueAt(source.data, path);
  const at = (p: PathSegment[], key = false) => ({ file: source.displayFile, ...(key ? source.keyPos(p) : source.valuePos(p)), path: formatPath(p) || undefined });
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
    case 'required':
    {
      const missing = params.missing as string[];
      return { ...at(path, true), message: `missing required key${missing.length === 1 ? '' : 's'} ${quotedList(missing)}` };
    }
    case 'type':
      return { ...at(path), message: `must be ${TYPE_NAMES[String(params.type)] ?? String(params.type)}, not ${describeKind(value)}` };
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
      return { ...at(path), message: params.format === 'uri' ? 'must be an absolute URL (https://...)' : `must be a valid ${String(params.format)}` };
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
