// A workspace function's instances as fnsync.yaml entries, named the way plan matches them: a source
// function's instance by the source's slug, a destination function's by the destination's name, an
// insert function's by its own name; connected by `source:` (a slug) or `destination:` (a name, or the
// id when several destinations share the name). Only the function's declared settings are imported.
import type { RemoteFunction, WorkspaceSnapshot } from '../api/types.js';
import type { SettingValue, WrittenInstance } from '../config/types.js';
import { instanceAddress } from '../plan/instance-plan.js';
import { remoteInstancesOf, type RemoteInstance } from '../plan/remote-instances.js';
import type { EnvNameAllocator } from './env-names.js';
import { convertSettingValue, type ConvertedValue } from './setting-values.js';
import type { EnvVariable } from './types.js';

/** A function's instances as written, or why they cannot be. */
export interface InstancesImport {
  instances: WrittenInstance[];
  env: EnvVariable[];
  notes: string[];
  /** Reasons the function cannot be imported as valid config (empty when it can). */
  problems: string[];
}

/** Converts every instance of `fn` in the snapshot; env names are taken from `envNames` only when there are no problems. */
export function importInstances(snapshot: WorkspaceSnapshot, fn: RemoteFunction, localName: string, envNames: EnvNameAllocator): InstancesImport {
  const remote = remoteInstancesOf(snapshot, fn).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const problems = nameProblems(remote);
  const built = remote.map((r) => ({ r, ...connection(snapshot, fn, r), values: convertValues(fn, r) }));
  for (const b of built) if (b.problem) problems.push(b.problem);
  if (problems.length > 0) return { instances: [], env: [], notes: [], problems };

  const envCount = new Map<string, number>();
  for (const b of built) for (const [name, v] of b.values) if (v.kind === 'env') envCount.set(name, (envCount.get(name) ?? 0) + 1);
  const env: EnvVariable[] = [];
  const notes: string[] = [];
  const instances = built.map(({ r, target, values }): WrittenInstance => {
    const settings: Record<string, SettingValue> = {};
    for (const [name, v] of values) {
      const where = `${instanceAddress(localName, r.name)}.settings.${name}`;
      if (v.kind === 'env') {
        const variable = envNames.allocate(envCount.get(name)! > 1 ? [localName, r.name, name] : [localName, name]);
        settings[name] = `\${env:${variable}}`;
        env.push({ name: variable, address: where, reason: v.reason });
      } else if (v.kind === 'literal') settings[name] = v.value;
      if (v.kind !== 'env' && v.note) notes.push(`${where}: ${v.note}`);
    }
    return {
      name: r.name,
      ...target,
      ...(r.enabled ? {} : { enabled: false }),
      ...(Object.keys(settings).length > 0 ? { settings } : {}),
    };
  });
  return { instances, env, notes, problems: [] };
}

function nameProblems(remote: RemoteInstance[]): string[] {
  const problems: string[] = [];
  const seen = new Map<string, RemoteInstance>();
  for (const r of remote) {
    if (r.name === '') {
      problems.push(`its ${words(r)} ${r.id} has no name, and fnsync matches instances by name; name it in Segment, then import again`);
      continue;
    }
    const first = seen.get(r.name);
    if (first) problems.push(`two of its instances are named '${r.name}' (${first.id} and ${r.id}), and fnsync matches instances by name; rename one in Segment, then import again`);
    else seen.set(r.name, r);
  }
  return problems;
}

function words(r: RemoteInstance): string {
  return r.kind === 'insert-instance' ? 'insert instance' : r.kind;
}

function connection(snapshot: WorkspaceSnapshot, fn: RemoteFunction, r: RemoteInstance): { target: Pick<WrittenInstance, 'source' | 'destination'>; problem?: string } {
  const sourceSlug = (id: string) => snapshot.sources.find((s) => s.id === id)?.slug;
  if (r.kind === 'source') return { target: {} };
  if (r.kind === 'destination') {
    const slug = sourceSlug(r.resource.sourceId);
    return slug ? { target: { source: slug } } : { target: {}, problem: `its destination '${r.name}' is on source ${r.resource.sourceId}, which is not in the workspace` };
  }
  const integration = r.resource.integrationId;
  if (fn.type === 'insert-source') {
    const slug = sourceSlug(integration);
    return slug ? { target: { source: slug } } : { target: {}, problem: `its insert instance '${r.name}' is attached to ${integration}, which is not a source of the workspace` };
  }
  const destination = snapshot.destinations.find((d) => d.id === integration);
  if (!destination) return { target: {}, problem: `its insert instance '${r.name}' is attached to ${integration}, which is not a destination of the workspace` };
  const sameName = snapshot.destinations.filter((d) => d.name === destination.name);
  return { target: { destination: destination.name !== '' && sameName.length === 1 ? destination.name : destination.id } };
}

function convertValues(fn: RemoteFunction, r: RemoteInstance): [string, ConvertedValue][] {
  const own = (key: string) => (Object.prototype.hasOwnProperty.call(r.resource.settings, key) ? r.resource.settings[key] : undefined);
  return fn.settings.map((def) => [def.name, convertSettingValue(def, own(def.name))]);
}
