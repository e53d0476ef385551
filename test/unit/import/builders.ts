// Builders for hand-made workspace snapshots and import inputs, so import is tested as plain data.
import { resolve } from 'node:path';
import type { RemoteDestination, RemoteFunction, RemoteInsertInstance, RemoteSource, WorkspaceSnapshot } from '../../../src/api/types.js';
import type { CodeFile } from '../../../src/config/rules/index.js';
import { normaliseConfig } from '../../../src/config/normalise-config.js';
import type { Config } from '../../../src/config/types.js';
import { parseYamlSource } from '../../../src/config/yaml-source.js';
import { buildImport, type BuildImportInput } from '../../../src/import/build-import.js';
import type { ImportPlan } from '../../../src/import/types.js';
import type { SettingDefinition } from '../../../src/vocabulary.js';

let counter = 0;
const hex = () => (++counter).toString(16).padStart(24, '0');
const PREFIX = { source: 'sfnc_', destination: 'dfn_', 'insert-destination': 'ifnd_', 'insert-source': 'ifns_' } as const;

/** A deployed, unmarked workspace function; override what a test is about. */
export function fn(overrides: Partial<RemoteFunction> & Pick<RemoteFunction, 'type' | 'displayName'>): RemoteFunction {
  const id = overrides.id ?? `${PREFIX[overrides.type]}${hex()}`;
  const code = overrides.type === 'source' ? 'async function onRequest(request, settings) {}\n' : 'async function onTrack(event, settings) {}\n';
  return {
    id, rawDisplayName: overrides.displayName, description: '', logoUrl: 'https://example.com/logo.png', catalogId: id.replace(/^[a-z]+_/, ''),
    createdAt: undefined, code, settings: [], deployedAt: '2024-01-01T00:00:00.000Z', isLatestVersion: true, ...overrides,
  };
}

/** A setting definition with every field at its default. */
export function setting(name: string, overrides: Partial<SettingDefinition> = {}): SettingDefinition {
  return { name, label: name, type: 'string', description: '', required: false, sensitive: false, ...overrides };
}

/** A source; `of` makes it an instance of a source function. */
export function source(slug: string, overrides: Partial<RemoteSource> & { of?: RemoteFunction } = {}): RemoteSource {
  const { of, ...rest } = overrides;
  return { id: `src_${slug}`, slug, name: slug, enabled: true, metadataId: of?.catalogId ?? 'javascript', metadataName: of ? '' : 'Javascript', settings: {}, ...rest };
}

/** A destination on `sourceId`; `of` makes it an instance of a destination function. */
export function destination(name: string, sourceId: string, overrides: Partial<RemoteDestination> & { of?: RemoteFunction } = {}): RemoteDestination {
  const { of, ...rest } = overrides;
  return { id: `dst_${name}_${hex()}`, name, enabled: true, sourceId, metadataId: of?.catalogId ?? 'amplitude', metadataName: of ? '' : 'Amplitude', settings: {}, ...rest };
}

/** An insert instance of `of` attached to `integrationId`. */
export function insert(name: string, of: RemoteFunction, integrationId: string, overrides: Partial<RemoteInsertInstance> = {}): RemoteInsertInstance {
  return {
    id: `ins_${hex()}`, name, functionId: of.catalogId, integrationId, enabled: true, settings: {}, encryptedSettings: {},
    createdAt: undefined, updatedAt: undefined, ...overrides,
  };
}

/** A snapshot of the given parts. */
export function snapshot(parts: Partial<Omit<WorkspaceSnapshot, 'workspace'>>): WorkspaceSnapshot {
  return { workspace: { id: 'ws1', slug: 'acme-prod', name: 'Acme Prod' }, functions: [], sources: [], destinations: [], insertInstances: [], ...parts };
}

/** Runs buildImport with an empty project (no config, no files) unless told otherwise. */
export function runImport(snap: WorkspaceSnapshot, overrides: Partial<BuildImportInput> = {}): ImportPlan {
  return buildImport({
    snapshot: snap,
    existing: { names: [], adopted: new Map(), envNames: [] },
    selectors: [],
    pathExists: () => false,
    config: { path: 'fnsync.yaml', text: undefined },
    schemaDir: 'node_modules/fnsync/schemas',
    ...overrides,
  });
}

/** The normalised config an import would write, with its code files in memory (rooted at /project). */
export function configOf(plan: ImportPlan, extraCode: Record<string, string> = {}): Config {
  const parsed = parseYamlSource(plan.config.text, 'fnsync.yaml');
  if (!parsed.ok) throw new Error(parsed.problems.map((p) => p.message).join('\n'));
  const codeFiles = new Map<string, CodeFile>();
  for (const f of plan.functions) codeFiles.set(f.name, { absPath: resolve('/project', f.code.path), displayPath: f.code.path, ok: true, text: f.code.text });
  for (const [name, text] of Object.entries(extraCode)) codeFiles.set(name, { absPath: resolve('/project', `${name}.js`), displayPath: `${name}.js`, ok: true, text });
  return normaliseConfig(parsed.source.data as never, { file: '/project/fnsync.yaml', source: parsed.source, codeFiles });
}
