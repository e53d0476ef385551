// One read of the whole workspace for a plan: each list fetched once (functions per type, sources,
// destinations, one insert-instance list per insert function), one GET per function for its code and
// settings (§14.8), joined locally. Costs list pages + functions + insert functions requests, whatever
// the number of functions, instead of one full source/destination list per function.
import pLimit from 'p-limit';
import type { SegmentApi, WorkspaceReader, WorkspaceSnapshot, SnapshotOptions } from './types.js';

/** Reads the snapshot through a SegmentApi's read methods; bounded concurrency shares the rate limit. */
export async function readWorkspaceSnapshot(
  api: Pick<SegmentApi, 'getWorkspace' | 'listFunctions' | 'getFunction' | 'listSources' | 'listDestinations' | 'listInsertInstances'>,
  concurrency: number,
  options: SnapshotOptions = {},
): Promise<WorkspaceSnapshot> {
  const progress = options.onProgress ?? (() => {});
  const workspace = await api.getWorkspace();
  const [summaries, sources, destinations] = await Promise.all([api.listFunctions(), api.listSources(), api.listDestinations()]);
  const inserts = summaries.filter((f) => f.type === 'insert-destination' || f.type === 'insert-source');
  const total = summaries.length + inserts.length;
  let done = 0;
  const tick = () => progress({ done: ++done, total });
  progress({ done, total });
  const limit = pLimit(concurrency);
  const [functions, instanceLists] = await Promise.all([
    Promise.all(summaries.map((s) => limit(async () => {
      const fn = await api.getFunction(s.id, { name: s.displayName });
      tick();
      return fn;
    }))),
    Promise.all(inserts.map((s) => limit(async () => {
      const list = await api.listInsertInstances(s.id);
      tick();
      return list;
    }))),
  ]);
  return { workspace, functions, sources, destinations, insertInstances: instanceLists.flat() };
}

/** Only the read side of a client: what `fnsync plan` and `fnsync import` hold, so they can never write. */
export function readOnlyView(api: Pick<SegmentApi, 'getWorkspace' | 'readSnapshot'>): WorkspaceReader {
  return Object.freeze({
    getWorkspace: () => api.getWorkspace(),
    readSnapshot: (options?: SnapshotOptions) => api.readSnapshot(options),
  });
}
