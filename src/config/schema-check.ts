// Checks fnsync.yaml against schemas/fnsync.schema.json (the wording lives in schema-problems.ts).
import { readFileSync } from 'node:fs';
import type { ValidateFunction } from 'ajv';
import type { Problem } from '../errors.js';
import { compileSchemaFile, schemaProblems } from './schema-problems.js';
import type { YamlSource } from './yaml-source.js';

export { describeKind } from './schema-problems.js';

/** Where the schema lives: shipped with the package next to dist/ and src/. */
export const SCHEMA_URL = new URL('../../schemas/fnsync.schema.json', import.meta.url);

/** The schema as a plain object (also read by the config-reference generator). */
export function readSchema(): Record<string, unknown> {
  return JSON.parse(readFileSync(SCHEMA_URL, 'utf8')) as Record<string, unknown>;
}

let compiled: ValidateFunction | undefined;

/** Validates the parsed data; every schema violation becomes one problem with its line and column. */
export function checkSchema(source: YamlSource): Problem[] {
  compiled ??= compileSchemaFile(SCHEMA_URL);
  return schemaProblems(compiled, source);
}
