// Fingerprints: a digest of each remote resource a plan was computed from, and `absent` for each one
// it creates, so apply can tell that the workspace moved since the plan and refuse it (a stale plan
// applied blindly is one of Terraform's known pains). Computed the same way at plan and at apply.
import { createHash } from 'node:crypto';
import type { WorkspaceSnapshot } from '../api/types.js';
import type { Config } from '../config/types.js';
import type { FunctionType } from '../vocabulary.js';
import { remoteInstancesOf } from './remote-instances.js';

/** The value recorded for a resource that did not exist when the plan was made. */
export const ABSENT = 'absent';

/** JSON with sorted keys, so equal values always give equal digests. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** `sha256:<hex>` of a value's stable JSON. */
export function digestOf(value: unknown): string {
  return `sha256:${createHash('sha256').update(stableJson(value)).digest('hex')}`;
}

/** Fingerprint keys, one per kind of thing a plan can depend on. */
export const fingerprintKey = {
  function: (id: string) => `function:${id}`,
  source: (id: string) => `source:${id}`,
  destination: (id: string) => `destination:${id}`,
  insert: (id: string) => `insert:${id}`,
  absentFunction: (type: FunctionType, displayName: string) => `absent:function:${type}:${displayName}`,
  absentInstance: (functionId: string, name: string) => `absent:instance:${functionId}:${name}`,
};

/**
 * The current fingerprint for a key: the digest of the resource, `absent` when it does not exist.
 * For an `absent:*` key, `absent` while nothing took that place, else the digest of what did.
 */
export function currentFingerprint(snapshot: WorkspaceSnapshot, key: string): string {
  const [kind, ...rest] = key.split(':');
  const id = rest.join(':');
  switch (kind) {
    case 'function':
      return digestOrAbsent(snapshot.functions.find((f) => f.id === id));
    case 'source':
      return digestOrAbsent(snapshot.sources.find((s) => s.id === id));
    case 'destination':
      return digestOrAbsent(snapshot.destinations.find((d) => d.id === id));
    case 'insert':
      return digestOrAbsent(snapshot.insertInstances.find((i) => i.id === id));
    case 'absent':
      return absentFingerprint(snapshot, rest);
    default:
      return `unknown key ${key}`;
  }
}

function absentFingerprint(snapshot: WorkspaceSnapshot, rest: string[]): string {
  const [what, first, ...others] = rest;
  const name = others.join(':');
  if (what === 'function') {
    return digestOrAbsent(snapshot.functions.find((f) => f.type === first && f.displayName === name));
  }
  if (what === 'instance') {
    const fn = snapshot.functions.find((f) => f.id === first);
    if (!fn) return ABSENT;
    return digestOrAbsent(remoteInstancesOf(snapshot, fn).find((i) => i.name === name)?.resource);
  }
  return `unknown key absent:${rest.join(':')}`;
}

function digestOrAbsent(value: unknown): string {
  return value === undefined ? ABSENT : digestOf(value);
}

/**
 * A digest of what the config declares (not where it sits on disk, which differs between CI jobs),
 * so a plan file is refused when applied with another config or an edited one.
 */
export function configDigest(config: Config): string {
  return digestOf({
    workspace: config.workspace,
    region: config.region,
    functions: config.functions.map((f) => ({
      name: f.name,
      type: f.type,
      displayName: f.displayName,
      description: f.description,
      logoUrl: f.logoUrl,
      code: f.code.replace(/\r\n?/g, '\n'),
      settings: f.settings,
      adopt: f.adopt,
      renamedFrom: f.renamedFrom,
      protected: f.protected,
      instances: f.instances.map((i) => ({ name: i.name, enabled: i.enabled, target: i.target, settings: i.settings, renamedFrom: i.renamedFrom, protected: i.protected })),
    })),
  });
}
