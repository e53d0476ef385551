// The `/__emulator/*` admin routes: change fault knobs, read the request log and the state of a
// standalone emulator over HTTP (the in-process API offers the same through RunningEmulator).
import { insertSensitiveKeys, sensitiveKeys } from './catalog.js';
import type { Faults, FaultSpec } from './faults.js';
import { badRequest, notFound } from './http-errors.js';
import { maskSettings } from './masking.js';
import type { RequestLogEntry } from './request-log.js';
import type { EmulatorState } from './types.js';

/** What an admin route can reach. */
export interface AdminDeps {
  faults: Faults;
  log: RequestLogEntry[];
  state: () => EmulatorState;
}

/** The state with instance secrets masked: the admin view is output, and output never shows secrets. */
function maskedState(state: EmulatorState): EmulatorState {
  const mask = <T extends { settings: Record<string, unknown> }>(item: T, sensitive: Set<string>): T => ({
    ...item, settings: maskSettings(item.settings, sensitive),
  });
  return {
    ...state,
    sources: state.sources.map((s) => mask(s, sensitiveKeys(state, s.metadataId))),
    destinations: state.destinations.map((d) => mask(d, sensitiveKeys(state, d.metadataId))),
    insertInstances: state.insertInstances.map((i) => mask(i, insertSensitiveKeys(state, i.classId))),
  };
}

/** Handles one admin request; returns the response `data`. */
export function handleAdmin(method: string, path: string, body: unknown, deps: AdminDeps): unknown {
  const route = `${method} ${path.replace(/\/$/, '')}`;
  switch (route) {
    case 'GET /__emulator/faults':
      return deps.faults.snapshot();
    case 'POST /__emulator/faults': {
      if (typeof body !== 'object' || body === null || Array.isArray(body)) throw badRequest('body must be a JSON FaultSpec');
      try {
        deps.faults.apply(body as FaultSpec);
      } catch (err) {
        throw badRequest((err as Error).message);
      }
      return deps.faults.snapshot();
    }
    case 'DELETE /__emulator/faults':
      deps.faults.clear();
      return deps.faults.snapshot();
    case 'GET /__emulator/requests':
      return { requests: deps.log };
    case 'DELETE /__emulator/requests':
      deps.log.length = 0;
      return { requests: [] };
    case 'GET /__emulator/state':
      return { state: maskedState(deps.state()) };
    default:
      throw notFound(`No emulator admin route ${route}.`);
  }
}
