// One function's own fields against the workspace: display name, description, logo, code (marker
// stripped, line endings normalised) and setting definitions (name-keyed: the API reorders them).
import type { RemoteFunction } from '../api/types.js';
import type { FunctionDefinition } from '../config/types.js';
import type { SettingDefinition } from '../vocabulary.js';
import { comparableCode, markerMeaningDiffers, withMarker, type MarkerData } from './marker.js';
import type { FieldChange, FunctionPayload, SettingDefinitionChange } from './types.js';

/** What differs in one function, and the update that would make it match. */
export interface FunctionDiff {
  fields: FieldChange[];
  code: { old: string; new: string } | undefined;
  settings: SettingDefinitionChange[];
  /** The marker's meaning (owner, protection) differs, so the code is re-sent with a new one. */
  markerChanged: boolean;
  unchanged: number;
  /** Only the changed fields; `code` carries the marker. Empty when nothing differs. */
  update: FunctionPayload;
}

const SETTING_FIELDS: (keyof SettingDefinition)[] = ['label', 'type', 'description', 'required', 'sensitive'];

/** Compares setting definitions by name. */
export function diffSettingDefinitions(want: SettingDefinition[], have: SettingDefinition[]): { changes: SettingDefinitionChange[]; unchanged: number } {
  const old = new Map(have.map((s) => [s.name, s]));
  const changes: SettingDefinitionChange[] = [];
  let unchanged = 0;
  for (const s of want) {
    const o = old.get(s.name);
    old.delete(s.name);
    if (!o) changes.push({ name: s.name, action: 'add', new: s });
    else {
      const fields = SETTING_FIELDS.filter((f) => o[f] !== s[f]);
      if (fields.length > 0) changes.push({ name: s.name, action: 'change', old: o, new: s, fields });
      else unchanged++;
    }
  }
  for (const o of old.values()) changes.push({ name: o.name, action: 'remove', old: o });
  changes.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { changes, unchanged };
}

/** Compares a config function with its workspace counterpart. */
export function diffFunction(fn: FunctionDefinition, remote: RemoteFunction, marker: MarkerData | undefined, desired: MarkerData): FunctionDiff {
  const fields: FieldChange[] = [];
  let unchanged = 0;
  const update: FunctionPayload = {};
  const field = (name: 'displayName' | 'description' | 'logoUrl', want: string | undefined, have: string) => {
    if (want === undefined) return; // not set in fnsync.yaml: not managed (§14.5)
    if (want === have) unchanged++;
    else {
      fields.push({ field: name, old: have, new: want });
      update[name] = want;
    }
  };
  field('displayName', fn.displayName, remote.displayName);
  field('description', fn.description, remote.description);
  field('logoUrl', fn.logoUrl, remote.logoUrl);

  const oldCode = comparableCode(remote.code);
  const newCode = comparableCode(fn.code);
  const code = oldCode === newCode ? undefined : { old: oldCode, new: newCode };
  if (!code) unchanged++;
  const markerChanged = markerMeaningDiffers(marker, desired);
  if (code || markerChanged) update.code = withMarker(fn.code, desired);

  const settings = diffSettingDefinitions(fn.settings, remote.settings);
  unchanged += settings.unchanged;
  if (settings.changes.length > 0) update.settings = fn.settings;
  return { fields, code, settings: settings.changes, markerChanged, unchanged, update };
}
