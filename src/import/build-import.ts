// The import, computed before anything is written: each selected workspace function becomes a
// config entry (with `adopt:` its id, its settings and instances), a code file with the deployed code
// and a fixture skeleton, under a local name derived from its display name. Pure: the file system is
// asked only through `pathExists`, so every decision is unit-tested with plain data.
import { deployStateOf } from '../api/normalise.js';
import type { RemoteFunction, WorkspaceSnapshot } from '../api/types.js';
import type { WrittenFunction } from '../config/types.js';
import { stripMarker } from '../plan/marker.js';
import { EnvNameAllocator } from './env-names.js';
import { fixtureSkeleton } from './fixture-skeleton.js';
import { importInstances } from './instances.js';
import { allocateName, deriveLocalName } from './local-names.js';
import { remoteRef, selectFunctions, type ExistingConfig } from './select-functions.js';
import { writtenSettingDefinition } from './setting-values.js';
import type { ImportedFunction, ImportPlan, SkippedFunction } from './types.js';
import { appendFunctions, newConfigText, type NewEntry } from './yaml-append.js';

/** Everything an import is computed from. */
export interface BuildImportInput {
  snapshot: WorkspaceSnapshot;
  existing: ExistingConfig;
  /** `--function` values (display names or ids); empty for every unmanaged function. */
  selectors: string[];
  /** Whether a path relative to the config file's directory exists. */
  pathExists: (path: string) => boolean;
  /** The config file as shown, and its text (undefined when import creates it). */
  config: { path: string; text: string | undefined };
  /** Where fnsync's schemas are, relative to the config file's directory (`node_modules/fnsync/schemas`). */
  schemaDir: string;
  /** Written into a new config (`workspace:`), for a remote workspace only. */
  workspaceSlug?: string;
  /** Function ids to leave out, with the reason (found by validating an earlier attempt). */
  excluded?: Map<string, string>;
}

/** Where an imported function's files go, relative to the config file's directory. */
export function importPaths(name: string): { code: string; fixture: string; folder: string } {
  return { folder: `functions/${name}`, code: `functions/${name}/handler.js`, fixture: `functions/${name}/tests/${name}.yaml` };
}

/** Computes the whole import. Throws a UserError when a --function selector matches nothing importable. */
export function buildImport(input: BuildImportInput): ImportPlan {
  const { snapshot, existing } = input;
  const selection = selectFunctions(snapshot.functions, existing, input.selectors);
  const skipped: SkippedFunction[] = [...selection.skipped];
  const functions: ImportedFunction[] = [];
  const envNames = new EnvNameAllocator(existing.envNames);
  const allocated = new Map<string, string>();
  const takenBy = (name: string) => {
    if (existing.names.includes(name)) return `functions.${name} is already in ${input.config.path}`;
    const other = allocated.get(name);
    if (other !== undefined) return `the ${other} imported above is ${name}`;
    if (input.pathExists(importPaths(name).folder)) return `${importPaths(name).folder}/ exists (import never overwrites files)`;
    return undefined;
  };
  for (const fn of selection.candidates) {
    const excluded = input.excluded?.get(fn.id);
    if (excluded !== undefined) {
      skipped.push({ remote: remoteRef(fn), kind: 'problem', reason: excluded });
      continue;
    }
    const { name, collision } = allocateName(deriveLocalName(fn.displayName), takenBy);
    const instances = importInstances(snapshot, fn, name, envNames);
    if (instances.problems.length > 0) {
      skipped.push({ remote: remoteRef(fn), kind: 'problem', reason: instances.problems.join('; ') });
      continue;
    }
    allocated.set(name, `${fn.type} function ${fn.displayName}`);
    const paths = importPaths(name);
    const code = stripMarker(fn.code);
    const entry: WrittenFunction = {
      type: fn.type,
      displayName: fn.displayName,
      ...(fn.description !== '' ? { description: fn.description } : {}),
      code: paths.code,
      adopt: fn.id,
      ...(fn.settings.length > 0 ? { settings: fn.settings.map(writtenSettingDefinition) } : {}),
      ...(instances.instances.length > 0 ? { instances: instances.instances } : {}),
    };
    const fixture = fixtureSkeleton({
      type: fn.type, code, displayName: fn.displayName, id: fn.id, settingNames: fn.settings.map((s) => s.name), schemaRef: `../../../${input.schemaDir}/fixture.schema.json`,
    });
    functions.push({
      name, ...(collision ? { collision } : {}), remote: remoteRef(fn), entry,
      code: { path: paths.code, text: code },
      fixture: { path: paths.fixture, text: fixture.text, cases: fixture.cases },
      instances: instances.instances.length, env: instances.env, notes: [...sourceNotes(fn), ...instances.notes],
    });
  }
  return { functions, skipped, config: configText(input, functions.map((f): NewEntry => [f.name, f.entry])) };
}

/** Why the plan after import deploys a source function as well as adding the marker. */
function sourceNotes(fn: RemoteFunction): string[] {
  if (fn.type !== 'source') return [];
  const state = deployStateOf(fn);
  const why = state === 'latest' ? 'saving the marker makes the saved code newer than what runs' : `its saved code is ${state === 'never-deployed' ? 'not deployed yet' : 'newer than what runs'}`;
  return [`a source function: ${why}, so the next plan also deploys it`];
}

function configText(input: BuildImportInput, entries: NewEntry[]): ImportPlan['config'] {
  if (input.config.text !== undefined) {
    const appended = appendFunctions(input.config.text, entries);
    return { path: input.config.path, created: false, text: appended.text, reformatted: appended.reformatted };
  }
  const header = {
    schemaRef: `./${input.schemaDir}/fnsync.schema.json`,
    workspace: input.workspaceSlug,
    comment: `Written by fnsync import${input.workspaceSlug ? ` from workspace ${input.workspaceSlug}` : ''}. Reference: docs/config-reference.md in the fnsync package.`,
  };
  return { path: input.config.path, created: true, text: newConfigText(header, entries), reformatted: false };
}
