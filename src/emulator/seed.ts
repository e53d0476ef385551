// Builds a fresh state from a seed, through the same creation rules the HTTP routes use, so a seeded
// workspace is indistinguishable from one built over the API. References may name ids, slugs or names.
import { UserError } from '../errors.js';
import { BUILTIN_CATALOG } from './catalog.js';
import { DEFAULT_BEHAVIOUR, createFunctionRecord, deployLatest } from './function-model.js';
import { HttpFailure } from './http-errors.js';
import { base62, insertClassId, stripFunctionPrefix } from './ids.js';
import { createDestinationRecord, createInsertRecord, createSourceRecord } from './instance-model.js';
import type { PathSegment } from '../config/yaml-source.js';
import type { SeedLocator } from './seed-file.js';
import type { EmulatorSeed, EmulatorState, StoredFunction, WorkspaceLimits } from './types.js';

/** Defaults for the workspace when neither the seed nor the options name it. */
export const DEFAULT_WORKSPACE = { slug: 'local', name: 'Local Workspace' };

/** `settings[0].name` → ['settings', 0, 'name'], to locate an API error's field in the seed file. */
function fieldSegments(field: string | undefined): PathSegment[] {
  if (!field) return [];
  return field.split(/\.|\[(\d+)\]/).filter((s) => s !== undefined && s !== '').map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function seedError(where: string, section: string, index: number, err: unknown, locate: SeedLocator): never {
  if (err instanceof HttpFailure) {
    const field = err.wire.field ? `.${err.wire.field}` : '';
    const position = locate([section, index, ...fieldSegments(err.wire.field)]);
    throw new UserError(`invalid emulator seed ${where}`, [
      { file: where, ...position, path: `${section}[${index}]${field}`, message: err.wire.message },
    ]);
  }
  throw err;
}

/** A seeded function named by its id (with or without prefix), its catalogId, or its display name (as given or suffixed). */
function findFunction(fns: StoredFunction[], ref: string, given: Map<StoredFunction, string>): StoredFunction | undefined {
  const bare = stripFunctionPrefix(ref);
  return fns.find((f) => f.id === ref || stripFunctionPrefix(f.id) === bare || f.catalogId === ref || f.displayName === ref || given.get(f) === ref);
}

/**
 * A fresh state from `seed`; `where` names the seed in error messages and `locate` finds lines in it.
 * `limits` (start options) win over the seed's own, and apply before any seeded function is counted.
 */
export function applySeed(seed: EmulatorSeed, where: string, locate: SeedLocator = () => undefined, limits: WorkspaceLimits = {}): EmulatorState {
  const state: EmulatorState = {
    version: 1,
    workspace: { id: seed.workspace?.id || base62(22), slug: seed.workspace?.slug || DEFAULT_WORKSPACE.slug, name: seed.workspace?.name || DEFAULT_WORKSPACE.name },
    functions: [],
    sources: [],
    destinations: [],
    insertInstances: [],
  };
  const maxFunctions = limits.maxFunctions ?? seed.limits?.maxFunctions;
  if (maxFunctions !== undefined) state.limits = { maxFunctions };
  const given = new Map<StoredFunction, string>();
  const metadataRef = (ref: string, kind: 'source' | 'destination') => {
    const fn = findFunction(state.functions, ref, given);
    if (fn) return fn.catalogId;
    return BUILTIN_CATALOG.find((e) => e.kind === kind && e.slug === ref)?.id ?? ref;
  };

  (seed.functions ?? []).forEach((f, i) => {
    try {
      const fn = createFunctionRecord(state, { ...f }, DEFAULT_BEHAVIOUR, { id: f.id, catalogId: f.catalogId });
      given.set(fn, f.displayName);
      if (f.deployed === false) {
        fn.deployedVersionId = null;
        fn.deployedAt = null;
      } else deployLatest(fn);
    } catch (err) {
      seedError(where, 'functions', i, err, locate);
    }
  });
  (seed.sources ?? []).forEach((s, i) => {
    try {
      // As over the API: create without a name (v1 has none), then name it, as an updateSource would.
      const body = { slug: s.slug, enabled: s.enabled ?? true, metadataId: metadataRef(s.metadataId, 'source'), settings: s.settings };
      const source = createSourceRecord(state, body, s.id);
      if (s.name !== undefined) source.name = s.name;
    } catch (err) {
      seedError(where, 'sources', i, err, locate);
    }
  });
  (seed.destinations ?? []).forEach((d, i) => {
    try {
      const source = state.sources.find((s) => s.id === d.sourceId || s.slug === d.sourceId);
      const body = { ...d, settings: d.settings ?? {}, sourceId: source?.id ?? d.sourceId, metadataId: metadataRef(d.metadataId, 'destination') };
      createDestinationRecord(state, body, d.id);
    } catch (err) {
      seedError(where, 'destinations', i, err, locate);
    }
  });
  (seed.insertInstances ?? []).forEach((ins, i) => {
    try {
      const fn = findFunction(state.functions, ins.functionId, given);
      const integration =
        state.destinations.find((d) => d.id === ins.integrationId || d.name === ins.integrationId) ??
        state.sources.find((s) => s.id === ins.integrationId || s.slug === ins.integrationId);
      const body = { ...ins, settings: ins.settings ?? {}, functionId: fn ? insertClassId(fn) : ins.functionId, integrationId: integration?.id ?? ins.integrationId };
      createInsertRecord(state, body, ins.id);
    } catch (err) {
      seedError(where, 'insertInstances', i, err, locate);
    }
  });
  return state;
}
