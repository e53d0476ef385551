// Reads and shape-checks an emulator seed before it is applied, so a typo in a hand-written seed file
// is reported at its line and column (not silently ignored, not a TypeError from deep inside).
import { readFile } from 'node:fs/promises';
import { parseYamlSource, type PathSegment } from '../config/yaml-source.js';
import { UserError, type Problem } from '../errors.js';
import { parseJsonText } from './json-text.js';
import { isValidLimit } from './limits.js';
import type { EmulatorSeed } from './types.js';

/** Turns a path inside the seed into a line and column of its file (undefined for a seed object). */
export type SeedLocator = (path: readonly PathSegment[]) => { line: number; col: number } | undefined;

/** A seed ready for `applySeed`, with the name and locator its error messages use. */
export interface LoadedSeed {
  seed: EmulatorSeed;
  where: string;
  locate: SeedLocator;
}

const STR = 'string';
const BOOL = 'boolean';
const ARR = 'array';
const OBJ = 'object';

/** Every key a seed may hold, with its JSON type; required keys marked with `!`. */
const SHAPES: Record<string, Record<string, string>> = {
  workspace: { id: STR, slug: STR, name: STR },
  limits: { maxFunctions: 'number' },
  functions: { id: STR, catalogId: STR, 'resourceType!': STR, 'displayName!': STR, 'code!': STR, description: STR, logoUrl: STR, settings: ARR, deployed: BOOL },
  sources: { id: STR, 'slug!': STR, name: STR, enabled: BOOL, 'metadataId!': STR, settings: OBJ },
  destinations: { id: STR, 'name!': STR, enabled: BOOL, 'sourceId!': STR, 'metadataId!': STR, settings: OBJ },
  insertInstances: { id: STR, 'functionId!': STR, 'integrationId!': STR, 'name!': STR, enabled: BOOL, settings: OBJ },
};

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? ARR : typeof value;
}

function pathText(path: readonly PathSegment[]): string {
  return path.reduce<string>((out, seg) => (typeof seg === 'number' ? `${out}[${seg}]` : out ? `${out}.${seg}` : seg), '');
}

/** The problems of one object against its key table. */
function checkObject(value: unknown, path: PathSegment[], shape: Record<string, string>, problem: (p: PathSegment[], m: string) => void): void {
  if (jsonType(value) !== OBJ) return problem(path, `must be an object, got ${jsonType(value)}`);
  const entry = value as Record<string, unknown>;
  const keys = new Map(Object.entries(shape).map(([k, type]) => [k.replace(/!$/, ''), { type, required: k.endsWith('!') }]));
  for (const [key, v] of Object.entries(entry)) {
    const rule = keys.get(key);
    if (!rule) problem([...path, key], `unknown key '${key}' (expected one of ${[...keys.keys()].join(', ')})`);
    else if (jsonType(v) !== rule.type) problem([...path, key], `must be ${rule.type === ARR || rule.type === OBJ ? 'an' : 'a'} ${rule.type}, got ${jsonType(v)}`);
  }
  for (const [key, rule] of keys) {
    if (rule.required && !(key in entry)) problem(path, `'${key}' is required`);
  }
}

/** Checks the structure of a seed; throws a UserError listing every problem with its position. */
export function checkSeedShape(data: unknown, where: string, locate: SeedLocator): EmulatorSeed {
  const problems: Problem[] = [];
  const problem = (path: PathSegment[], message: string) =>
    problems.push({ file: where, ...locate(path), ...(path.length ? { path: pathText(path) } : {}), message });
  if (jsonType(data) !== OBJ) problem([], `a seed must be a JSON object, got ${jsonType(data)}`);
  else {
    for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
      const shape = SHAPES[key];
      if (!shape) problem([key], `unknown key '${key}' (expected one of ${Object.keys(SHAPES).join(', ')})`);
      else if (key === 'workspace' || key === 'limits') checkObject(value, [key], shape, problem);
      else if (!Array.isArray(value)) problem([key], `must be an array, got ${jsonType(value)}`);
      else value.forEach((item, i) => checkObject(item, [key, i], shape, problem));
    }
  }
  const maxFunctions = (data as EmulatorSeed | null)?.limits?.maxFunctions;
  if (typeof maxFunctions === 'number' && !isValidLimit(maxFunctions)) problem(['limits', 'maxFunctions'], `must be a positive whole number, got ${maxFunctions}`);
  if (problems.length) throw new UserError(`invalid emulator seed ${where}`, problems);
  return data as EmulatorSeed;
}

/** Reads a seed given as an object or a JSON file path, checked and ready to apply. */
export async function loadSeed(seed: EmulatorSeed | string | undefined): Promise<LoadedSeed> {
  if (typeof seed !== 'string') {
    const where = '<seed object>';
    return { seed: checkSeedShape(seed ?? {}, where, () => undefined), where, locate: () => undefined };
  }
  let text: string;
  try {
    text = await readFile(seed, 'utf8');
  } catch (err) {
    throw new UserError(`cannot read emulator seed file ${seed}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  const data = parseJsonText(text, seed, `emulator seed file ${seed} is not valid JSON`);
  // Valid JSON is YAML, so the config's position-keeping parser can point at any path inside it.
  const parsed = parseYamlSource(text, seed);
  const locate: SeedLocator = (path) => (parsed.ok ? parsed.source.keyPos(path) : undefined);
  return { seed: checkSeedShape(data, seed, locate), where: seed, locate };
}
