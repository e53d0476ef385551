// The instances a remote function has, found the way the API notes (§11) describe: sources and
// destinations by their metadata id, insert instances by the function's prefix-less id. One place,
// so plan and the stale-plan check always agree on what belongs to a function.
import { instanceMetadataIds, stripInsertPrefix } from '../api/normalise.js';
import type { RemoteDestination, RemoteFunctionSummary, RemoteInsertInstance, RemoteSource, WorkspaceSnapshot } from '../api/types.js';
import type { InstanceKind } from './types.js';

/** A remote instance with the name fnsync matches it by (a source's slug, a destination's or insert's name). */
export type RemoteInstance =
  | { kind: 'source'; id: string; name: string; enabled: boolean; resource: RemoteSource }
  | { kind: 'destination'; id: string; name: string; enabled: boolean; resource: RemoteDestination }
  | { kind: 'insert-instance'; id: string; name: string; enabled: boolean; resource: RemoteInsertInstance };

/** Which API object an instance of each function type is. */
export function instanceKindOf(type: RemoteFunctionSummary['type']): InstanceKind {
  return type === 'source' ? 'source' : type === 'destination' ? 'destination' : 'insert-instance';
}

/** Every instance of one remote function, in the snapshot. */
export function remoteInstancesOf(snapshot: WorkspaceSnapshot, fn: Pick<RemoteFunctionSummary, 'id' | 'catalogId' | 'type'>): RemoteInstance[] {
  const ids = instanceMetadataIds(fn);
  switch (instanceKindOf(fn.type)) {
    case 'source':
      return snapshot.sources
        .filter((s) => ids.has(s.metadataId))
        .map((s) => ({ kind: 'source', id: s.id, name: s.slug, enabled: s.enabled, resource: s }));
    case 'destination':
      return snapshot.destinations
        .filter((d) => ids.has(d.metadataId))
        .map((d) => ({ kind: 'destination', id: d.id, name: d.name, enabled: d.enabled, resource: d }));
    case 'insert-instance': {
      const classIds = new Set([stripInsertPrefix(fn.id), fn.catalogId].filter((v) => v !== ''));
      return snapshot.insertInstances
        .filter((i) => classIds.has(i.functionId))
        .map((i) => ({ kind: 'insert-instance', id: i.id, name: i.name, enabled: i.enabled, resource: i }));
    }
  }
}
