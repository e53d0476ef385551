// SDK models → fnsync types. Every field the SDK marks optional gets a definite value here, and the
// normalisations of normalise.ts are applied, so nothing downstream handles `undefined` vs `""`.
import type { FunctionType } from '../config/types.js';
import {
  normaliseSettingValues,
  settingTypeFromApi,
  settingTypeToApi,
  sortSettings,
  stripInsertPrefix,
  stripWorkspaceSuffix,
} from './normalise.js';
import type {
  RemoteDestination,
  RemoteFunction,
  RemoteFunctionSummary,
  RemoteFunctionVersion,
  RemoteInsertInstance,
  RemoteSettingDefinition,
  RemoteSource,
} from './types.js';

/** Structural view of the SDK's function models (ListFunctionItemV1, Function, FunctionV1). */
export interface SdkFunctionLike {
  id?: string;
  /** An enum in the SDK typings, a plain string on the wire. */
  resourceType?: unknown;
  createdAt?: string;
  code?: string;
  deployedAt?: string | null;
  settings?: { name: string; label: string; description: string; type: unknown; required: boolean; sensitive: boolean }[];
  displayName?: string;
  description?: string;
  logoUrl?: string;
  catalogId?: string;
  isLatestVersion?: boolean;
}

/** A listed function; `type` comes from the list call because the enum may not know it. */
export function toFunctionSummary(fn: SdkFunctionLike, type: FunctionType, workspaceName: string): RemoteFunctionSummary {
  const rawDisplayName = fn.displayName ?? '';
  return {
    id: fn.id ?? '',
    type,
    displayName: stripWorkspaceSuffix(rawDisplayName, type, workspaceName),
    rawDisplayName,
    description: fn.description ?? '',
    logoUrl: fn.logoUrl ?? '',
    catalogId: fn.catalogId ?? '',
    createdAt: fn.createdAt,
  };
}

/** A function with code and settings. */
export function toRemoteFunction(fn: SdkFunctionLike, type: FunctionType, workspaceName: string): RemoteFunction {
  return {
    ...toFunctionSummary(fn, type, workspaceName),
    code: fn.code ?? '',
    settings: sortSettings(
      (fn.settings ?? []).map((s) => ({
        name: s.name,
        label: s.label ?? '',
        description: s.description ?? '',
        type: settingTypeFromApi(String(s.type ?? 'STRING')),
        required: Boolean(s.required),
        sensitive: Boolean(s.sensitive),
      })),
    ),
    deployedAt: fn.deployedAt ?? null,
    isLatestVersion: fn.isLatestVersion ?? false,
  };
}

/** Setting definitions in the API's spelling, for create/update bodies. */
export function toApiSettings(settings: RemoteSettingDefinition[]) {
  return settings.map((s) => ({
    name: s.name,
    label: s.label,
    description: s.description,
    type: settingTypeToApi(s.type),
    required: s.required,
    sensitive: s.sensitive,
  }));
}

/** A function version. */
export function toVersion(v: {
  id: string;
  author?: string;
  code: string;
  isDeployed?: boolean;
  createdAt?: string;
  updatedAt?: string;
  deployedAt?: string;
}): RemoteFunctionVersion {
  return {
    id: v.id,
    author: v.author,
    code: v.code ?? '',
    isDeployed: Boolean(v.isDeployed),
    createdAt: v.createdAt,
    updatedAt: v.updatedAt,
    deployedAt: v.deployedAt,
  };
}

/** A source. */
export function toSource(s: {
  id: string;
  slug: string;
  name?: string;
  enabled: boolean;
  metadata?: { id?: string; name?: string };
  settings?: object;
}): RemoteSource {
  return {
    id: s.id,
    slug: s.slug,
    name: s.name ?? '',
    enabled: Boolean(s.enabled),
    metadataId: s.metadata?.id ?? '',
    metadataName: s.metadata?.name ?? '',
    settings: normaliseSettingValues(s.settings),
  };
}

/** A destination. */
export function toDestination(d: {
  id: string;
  name?: string;
  enabled: boolean;
  sourceId: string;
  metadata?: { id?: string; name?: string };
  settings?: object;
}): RemoteDestination {
  return {
    id: d.id,
    name: d.name ?? '',
    enabled: Boolean(d.enabled),
    sourceId: d.sourceId,
    metadataId: d.metadata?.id ?? '',
    metadataName: d.metadata?.name ?? '',
    settings: normaliseSettingValues(d.settings),
  };
}

/** An insert function instance; `functionId` is the prefix-less classId. */
export function toInsertInstance(i: {
  id: string;
  name?: string;
  integrationId: string;
  classId: string;
  enabled: boolean;
  createdAt?: string;
  updatedAt?: string;
  settings?: object;
  encryptedSettings?: object;
}): RemoteInsertInstance {
  return {
    id: i.id,
    name: i.name ?? '',
    functionId: stripInsertPrefix(i.classId ?? ''),
    integrationId: i.integrationId,
    enabled: Boolean(i.enabled),
    settings: normaliseSettingValues(i.settings),
    encryptedSettings: normaliseSettingValues(i.encryptedSettings),
    createdAt: i.createdAt,
    updatedAt: i.updatedAt,
  };
}
