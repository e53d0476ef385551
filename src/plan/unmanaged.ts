// What fnsync leaves alone: functions without its marker that no entry adopts, and every source,
// destination and insert instance that is not an instance of a function fnsync manages. Listed (count
// and names) so a reviewer sees the whole workspace was considered, and so nobody expects them to move.
import type { WorkspaceSnapshot } from '../api/types.js';
import type { FunctionMatching } from './match-functions.js';
import { remoteInstancesOf } from './remote-instances.js';
import type { UnmanagedResource } from './types.js';

/** The unmanaged resources of a snapshot, functions first, each kind sorted by name. */
export function listUnmanaged(snapshot: WorkspaceSnapshot, matching: FunctionMatching): UnmanagedResource[] {
  const managed = new Set<string>();
  for (const m of matching.matches) {
    if (m.mode === 'create') continue;
    for (const i of remoteInstancesOf(snapshot, m.remote)) managed.add(i.id);
  }
  const byName = (a: UnmanagedResource, b: UnmanagedResource) => a.name.localeCompare(b.name);
  const fnName = (metadataId: string) => snapshot.functions.find((f) => f.catalogId === metadataId || f.id === metadataId)?.displayName;
  return [
    ...matching.unmanaged.map((f): UnmanagedResource => ({ kind: 'function', id: f.id, name: f.displayName, detail: `${f.type} function` })).sort(byName),
    ...snapshot.sources
      .filter((s) => !managed.has(s.id))
      .map((s): UnmanagedResource => ({ kind: 'source', id: s.id, name: s.slug, detail: fnName(s.metadataId) ? `source function ${fnName(s.metadataId)}` : s.metadataName || s.metadataId }))
      .sort(byName),
    ...snapshot.destinations
      .filter((d) => !managed.has(d.id))
      .map((d): UnmanagedResource => ({ kind: 'destination', id: d.id, name: d.name || d.metadataName, detail: fnName(d.metadataId) ? `destination function ${fnName(d.metadataId)}` : d.metadataName || d.metadataId }))
      .sort(byName),
    ...snapshot.insertInstances
      .filter((i) => !managed.has(i.id))
      .map((i): UnmanagedResource => ({ kind: 'insert-instance', id: i.id, name: i.name, detail: `on ${i.integrationId}` }))
      .sort(byName),
  ];
}
