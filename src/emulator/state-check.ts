// Checks a state file's structure when it is loaded, so a hand-edited or damaged file stops the start
// with its line and path instead of surfacing later as 500s from whichever route reads the bad record.
import { parseYamlSource, type PathSegment } from '../config/yaml-source.js';
import { UserError, type Problem } from '../errors.js';
import { isValidLimit } from './limits.js';
import type { EmulatorState } from './types.js';

const S = 'string';
const B = 'boolean';
const A = 'array';
const O = 'object';
const S_OR_NULL = 'string|null';

/** The fields every stored record needs, with their JSON types (extra fields are tolerated). */
const RECORDS: Record<string, Record<string, string>> = {
  functions: {
    id: S, catalogId: S, resourceType: S, displayName: S, description: S, logoUrl: S, code: S, settings: A,
    createdAt: S, createdBy: S, versions: A, deployedVersionId: S_OR_NULL, deployedAt: S_OR_NULL,
  },
  sources: { id: S, slug: S, name: S, enabled: B, metadataId: S, settings: O, writeKeys: A, createdAt: S },
  destinations: { id: S, name: S, enabled: B, metadataId: S, sourceId: S, settings: O, createdAt: S },
  insertInstances: { id: S, classId: S, integrationId: S, name: S, enabled: B, settings: O, createdAt: S, updatedAt: S },
};
const WORKSPACE = { id: S, slug: S, name: S };
const VERSION = { id: S, code: S };

/** Stop listing after this many: one bad edit can break every record after it. */
const MAX_PROBLEMS = 10;

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? A : typeof value;
}

function pathText(path: readonly PathSegment[]): string {
  return path.reduce<string>((out, seg) => (typeof seg === 'number' ? `${out}[${seg}]` : out ? `${out}.${seg}` : seg), '');
}

/**
 * Returns `data` as a state, or throws a UserError naming the file, line and path of each broken field.
 * `text` is the file's content, used only to find lines.
 */
export function checkState(data: unknown, file: string, text: string): EmulatorState {
  const problems: Array<{ path: PathSegment[]; message: string }> = [];
  const fields = (value: unknown, path: PathSegment[], shape: Record<string, string>) => {
    if (jsonType(value) !== O) return problems.push({ path, message: `must be an object, got ${jsonType(value)}` });
    for (const [key, type] of Object.entries(shape)) {
      const actual = jsonType((value as Record<string, unknown>)[key]);
      if (!type.split('|').includes(actual)) {
        problems.push({ path: [...path, key], message: actual === 'undefined' ? 'is missing' : `must be ${type.replace('|', ' or ')}, got ${actual}` });
      }
    }
  };
  const state = data as Record<string, unknown> | null;
  if (jsonType(state) !== O || state!.version !== 1) {
    problems.push({ path: [], message: 'not an fnsync emulator state (version 1)' });
  } else {
    fields(state!.workspace, ['workspace'], WORKSPACE);
    const limits = state!.limits;
    if (limits !== undefined) {
      const max = (limits as { maxFunctions?: unknown } | null)?.maxFunctions;
      if (jsonType(limits) !== O) problems.push({ path: ['limits'], message: `must be an object, got ${jsonType(limits)}` });
      else if (max !== undefined && !isValidLimit(max)) problems.push({ path: ['limits', 'maxFunctions'], message: 'must be a positive whole number' });
    }
    for (const [collection, shape] of Object.entries(RECORDS)) {
      const items = state![collection];
      if (!Array.isArray(items)) {
        problems.push({ path: [collection], message: `must be an array, got ${jsonType(items)}` });
        continue;
      }
      items.forEach((item, i) => {
        fields(item, [collection, i], shape);
        const versions = (item as { versions?: unknown } | null)?.versions;
        if (collection === 'functions' && Array.isArray(versions)) versions.forEach((v, j) => fields(v, [collection, i, 'versions', j], VERSION));
      });
    }
  }
  if (problems.length === 0) return data as EmulatorState;

  const parsed = parseYamlSource(text, file);
  const located: Problem[] = problems.slice(0, MAX_PROBLEMS).map((p) => ({
    file,
    ...(parsed.ok ? parsed.source.keyPos(p.path) : {}),
    ...(p.path.length ? { path: pathText(p.path) } : {}),
    message: p.message,
  }));
  located.at(-1)!.hint = 'fix the file, or delete it to start from the seed again';
  const more = problems.length > MAX_PROBLEMS ? ` (first ${MAX_PROBLEMS} of ${problems.length} problems)` : '';
  throw new UserError(`emulator state file ${file} is not a valid fnsync emulator state${more}`, located);
}
