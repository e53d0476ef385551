// The workspace (`GET /`) and a minimal read-only catalog (`/catalog/sources|destinations[/id]`).
import { catalogEntries, findCatalogEntry, renderMetadata } from '../catalog.js';
import { notFound } from '../http-errors.js';
import { paginate, parsePagination } from '../pagination.js';
import type { Router } from '../router.js';

/** Registers the workspace and catalog routes. */
export function registerWorkspaceRoutes(router: Router): void {
  router.add('GET', '/', ({ state }) => ({ data: { workspace: { ...state.workspace } } }));

  for (const kind of ['source', 'destination'] as const) {
    const list = kind === 'source' ? 'sourcesCatalog' : 'destinationsCatalog';
    const one = kind === 'source' ? 'sourceMetadata' : 'destinationMetadata';
    router.add('GET', `/catalog/${kind}s`, ({ state, query, pagination }) => {
      const { items, pagination: out } = paginate(catalogEntries(state, kind), parsePagination(query, pagination));
      return { data: { [list]: items.map(renderMetadata), pagination: out } };
    });
    router.add('GET', `/catalog/${kind}s/:id`, ({ state, params }) => {
      const entry = findCatalogEntry(state, kind, params.id!);
      if (!entry) throw notFound(`Catalog ${kind} with id '${params.id}' not found.`);
      return { data: { [one]: renderMetadata(entry) } };
    });
  }
}
