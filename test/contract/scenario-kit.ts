// What every contract scenario shares: the workspace both backends present, the Scenario shape, seeds,
// and the assertions on ApiErrors and raw error envelopes.
import { expect } from 'vitest';
import type { RemoteSettingDefinition, SegmentApi } from '../../src/api/types.js';
import { ApiError } from '../../src/errors.js';
import type { EmulatorSeed } from '../../src/emulator/types.js';
import type { RawReply, RawRequest } from './raw-request.js';

/** The workspace both backends present. */
export const CONTRACT_WORKSPACE = { id: '9aQ1Lj62S4bomZKLF4DPqW', slug: 'acme-prod', name: 'Acme Prod' };

/** One behaviour, run against the emulator and against recorded/<id>.json. */
export interface Scenario {
  /** Also the name of the recorded fixture: recorded/<id>.json. */
  id: string;
  title: string;
  /** What the emulator starts with; the recorded fixture reflects the same workspace. */
  seed: EmulatorSeed;
  /** `raw` sends bodies the SDK would drop fields from, to check what the API itself rejects. */
  run(api: SegmentApi, raw: RawRequest): Promise<void>;
}

/** A string setting definition in fnsync's spelling. */
export const setting = (name: string, sensitive = false, type: RemoteSettingDefinition['type'] = 'string'): RemoteSettingDefinition => ({
  name,
  label: name,
  description: `${name} setting`,
  type,
  required: false,
  sensitive,
});

/** The same definition in the API's spelling, for raw bodies. */
export const apiSetting = (name: string, type: 'STRING' | 'BOOLEAN' | 'ARRAY' | 'TEXT_MAP' = 'STRING', sensitive = false) => ({
  name,
  label: name,
  description: `${name} setting`,
  type,
  required: false,
  sensitive,
});

/** Awaits a call that must fail with an ApiError of this status and type, whose message starts with `prefix`. */
export async function expectApiError(promise: Promise<unknown>, status: number, type: string, prefix: string): Promise<ApiError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ApiError);
  const apiError = err as ApiError;
  expect(apiError.status).toBe(status);
  expect(apiError.type).toBe(type);
  expect(apiError.message.startsWith(`${prefix}: ${status} `)).toBe(true);
  return apiError;
}

/** Checks a raw reply is the API's error envelope with one error of this status, type and (optional) field. */
export function expectRejected(reply: RawReply, status: number, type: string, field?: string): void {
  expect(reply.status).toBe(status);
  expect(Object.keys(reply.body ?? {})).toEqual(['errors']);
  expect(reply.body.errors).toHaveLength(1);
  const error = reply.body.errors[0];
  expect(error.type).toBe(type);
  expect(typeof error.message).toBe('string');
  if (field === undefined) expect(error.field).toBeUndefined();
  else expect(error.field).toBe(field);
}

/** An empty workspace. */
export const baseSeed: EmulatorSeed = { workspace: CONTRACT_WORKSPACE };

/** A workspace with one Javascript source and an Amplitude destination on it. */
export const webSeed: EmulatorSeed = {
  workspace: CONTRACT_WORKSPACE,
  sources: [{ slug: 'web-prod', name: 'Web (prod)', metadataId: 'javascript', enabled: true }],
  destinations: [{ name: 'amplitude-prod', sourceId: 'web-prod', metadataId: 'amplitude', enabled: true, settings: {} }],
};

/** Finds an item by a field, failing the scenario when it is missing. */
export function findOrFail<T>(items: T[], match: (item: T) => boolean, what: string): T {
  const found = items.find(match);
  expect(found, `${what} should exist`).toBeDefined();
  return found!;
}

