// What every group of adapter operations shares: the SDK clients, the request runner, the cached
// workspace (its name is the display-name suffix) and the pagination loop.
import type { OperationLabel } from './failure.js';
import type { CallKind, RequestRunner, SdkResult } from './request-runner.js';
import type { SdkClients } from './sdk-clients.js';
import type { Workspace } from './types.js';

/** Page size for every list: the provider's maximum, and within every documented limit (§8). */
export const PAGE_SIZE = 200;

/** Appended to malformed-answer messages: the usual cause is a base URL that is not the API. */
const NOT_THE_API = ' (is the API URL right?)';

/** A safety net against a server that keeps returning a `next` cursor. */
const MAX_PAGES = 10_000;

/** Shared state of one client. */
export class AdapterContext {
  private workspace: Promise<Workspace> | undefined;

  constructor(
    readonly clients: SdkClients,
    readonly runner: RequestRunner,
    /** Max concurrent getFunction calls in listFunctionsWithDetails. */
    readonly concurrency: number,
  ) {}

  /** `GET /`, once per client (the name never changes within a command). */
  getWorkspace(): Promise<Workspace> {
    this.workspace ??= this.runner
      .run({
        kind: 'read',
        label: label('reading the workspace', 'getWorkspace'),
        call: () => this.clients.workspaces.getWorkspace(),
        map: (body) => {
          const ws = body.data?.workspace;
          // An HTML page or another service answering 200 must not pass for an empty workspace.
          if (typeof ws?.id !== 'string' || typeof ws.slug !== 'string' || ws.id === '' || ws.slug === '') {
            throw new Error(`the API returned no workspace${NOT_THE_API}`);
          }
          return { id: ws.id, slug: ws.slug, name: ws.name ?? '' };
        },
      })
      .catch((err: unknown) => {
        this.workspace = undefined;
        throw err;
      });
    return this.workspace;
  }

  /** Runs one call through the retry policy. */
  run<B, T>(
    kind: CallKind,
    opLabel: OperationLabel,
    call: () => Promise<SdkResult<B>>,
    map: (body: B) => T,
    extra: { findExisting?: () => Promise<T | undefined>; goneValue?: T } = {},
  ): Promise<T> {
    return this.runner.run({ kind, label: opLabel, call, map, ...extra });
  }

  /** Fetches every page of a list, following `pagination.next` until it is absent or null. */
  async paginate<B, I>(
    opLabel: OperationLabel,
    fetchPage: (pagination: { count: number; cursor?: string }) => Promise<SdkResult<B>>,
    extract: (body: B) => { items: I[] | undefined; next: string | null | undefined },
  ): Promise<I[]> {
    const all: I[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const pagination = cursor === undefined ? { count: PAGE_SIZE } : { cursor, count: PAGE_SIZE };
      const { items, next } = await this.run('read', opLabel, () => fetchPage(pagination), (body) => {
        const page = extract(body);
        // A body without the list is not "no items": treating it so would make plan recreate everything.
        if (!Array.isArray(page.items)) throw new Error(`the API returned no list${NOT_THE_API}`);
        // Every listed resource has an id; one without would be matched to nothing and planned as new.
        const bad = page.items.findIndex((item) => typeof (item as { id?: unknown } | null)?.id !== 'string' || !(item as { id: string }).id);
        if (bad >= 0) throw new Error(`item ${bad} of the list has no id`);
        return { items: page.items, next: page.next };
      });
      all.push(...items);
      if (!next || next === cursor) return all;
      cursor = next;
    }
    return all;
  }
}

/** An OperationLabel: `description` starts every error message. */
export function label(description: string, operation: string, resource?: string): OperationLabel {
  return { description, operation, resource };
}

/** How a function is named in messages: `function Slack Alerts (dfn_1)` or `function dfn_1`. */
export function functionRef(id: string, name?: string): string {
  return name ? `function ${name} (${id})` : `function ${id}`;
}

/** How any other resource is named in messages. */
export function resourceRef(kind: string, id: string, name?: string): string {
  return name ? `${kind} ${name} (${id})` : `${kind} ${id}`;
}
