// Instance setting values: config (templates with ${env:NAME}) against what the API returned. Only the
// function's declared settings are compared (the API adds keys of its own, §14.3). Secrets are
// write-only: the API returns them masked (`••••••••••abcd`), so a secret whose variable is set is
// compared by its last four characters; one whose variable is not set is not compared and left alone.
import { isMaskedValue } from '../api/normalise.js';
import type { RemoteSettingValue } from '../api/types.js';
import { credentialName, credentialShape } from '../config/credential-shapes.js';
import { envNamesOf } from '../config/env-references.js';
import { resolveConfigValue as resolveValue } from '../config/resolve-settings.js';
import { stringsOf } from '../config/secret-values.js';
import type { ConfigValue } from '../config/types.js';
import type { SettingDefinition } from '../vocabulary.js';
import { stableJson } from './fingerprint.js';
import type { ConfigLiteralRef, SettingsPayload, SettingValueChange } from './types.js';

/** Whether a payload value is a reference to a literal in fnsync.yaml rather than a template. */
export function isConfigLiteralRef(value: unknown): value is ConfigLiteralRef {
  return value !== null && typeof value === 'object' && (value as { kind?: unknown }).kind === 'from-config';
}

/** An environment, as data (plan never reads the process environment itself). */
export type PlanEnv = Record<string, string | undefined>;

/** What the values of one instance need. */
export interface SettingsDiff {
  /** Every value that is not plainly unchanged (secrets are listed whatever happened to them). */
  changes: SettingValueChange[];
  /** What to send: only changed keys, `null` for removed ones. */
  payload: SettingsPayload;
  /** Plain values that are equal, for the "unchanged" count. */
  unchanged: number;
}

// One resolver and one walk over values, the config layer's: plan, apply and run resolve alike.
export { envNamesOf } from '../config/env-references.js';
export { resolveConfigValue as resolveValue } from '../config/resolve-settings.js';

/**
 * Compares one instance's values. `remote` undefined means the instance is being created: every
 * configured value is sent.
 */
export function diffSettings(
  definitions: SettingDefinition[],
  desired: Record<string, ConfigValue>,
  remote: Record<string, RemoteSettingValue> | undefined,
  env: PlanEnv,
  refreshSecrets: boolean,
  /** Which instance the values are of: a credential-looking literal is sent by reference to it, not copied. */
  owner?: { function: string; instance: string },
): SettingsDiff {
  const out: SettingsDiff = { changes: [], payload: {}, unchanged: 0 };
  for (const def of [...definitions].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const want = desired[def.name];
    const has = remote !== undefined && Object.prototype.hasOwnProperty.call(remote, def.name);
    const current = has ? remote![def.name] : undefined;
    if (want === undefined) {
      // The server fills declared settings an instance leaves out with empty values (§14.3): those are
      // "not set", not a value to remove. A real value left behind is removed (sent as null).
      if (has && !isEmptyValue(current!)) removeValue(out, def, current!);
      continue;
    }
    compareValue(out, def, want, remote === undefined ? undefined : has ? current : undefined, env, refreshSecrets, owner);
  }
  return out;
}

function removeValue(out: SettingsDiff, def: SettingDefinition, current: RemoteSettingValue): void {
  const credential = looksLikeCredential(def, [current]);
  const hidden = def.sensitive || isMaskedValue(current) || credential;
  out.payload[def.name] = null;
  out.changes.push({ name: def.name, action: 'remove', hidden, sensitive: def.sensitive, env: [], ...(credential ? { credential } : {}), ...(hidden ? {} : { old: current }) });
}

/**
 * A value `fnsync run` would mask although its setting is not sensitive: the setting's name says credential
 * (`apiKey`, `token`) or a value, old or new, is shaped like one (`sk_live_…`, `?api_key=…`). A plan shows such a value
 * as hidden too, in its text, its JSON and the plan file (validate warns about the setting).
 */
function looksLikeCredential(def: SettingDefinition, values: readonly unknown[]): boolean {
  if (def.sensitive) return false;
  return credentialName(def.name) || values.some((v) => stringsOf(v).some((text) => credentialShape(text) !== undefined));
}

function compareValue(
  out: SettingsDiff,
  def: SettingDefinition,
  want: ConfigValue,
  current: RemoteSettingValue | undefined,
  env: PlanEnv,
  refresh: boolean,
  owner: { function: string; instance: string } | undefined,
): void {
  const names = envNamesOf(want);
  const resolved = resolveValue(want, env);
  const credential = looksLikeCredential(def, [resolved.value, current]);
  const hidden = def.sensitive || names.length > 0 || credential;
  const base = { name: def.name, hidden, sensitive: def.sensitive, env: names, ...(credential ? { credential } : {}) };
  const send = () => {
    // A literal that looks like a credential stays in fnsync.yaml: the plan names where apply reads it.
    out.payload[def.name] = credential && names.length === 0 && owner ? { kind: 'from-config', ...owner, setting: def.name } : want;
  };
  if (current === undefined) {
    send();
    out.changes.push({ ...base, action: 'add', ...(hidden ? {} : { new: resolved.value }), ...(def.sensitive ? { secret: 'new' as const } : {}) });
    return;
  }
  if (resolved.missing.length > 0) {
    out.changes.push({ ...base, action: 'unchanged', secret: 'not-compared' });
    return;
  }
  const masked = isMaskedValue(current);
  if (def.sensitive || masked) {
    if (refresh && def.sensitive) {
      send();
      out.changes.push({ ...base, action: 'change', secret: 'refreshed' });
      return;
    }
    const same = masked ? lastFour(resolved.value) === current.last4 : stableJson(resolved.value) === stableJson(current);
    if (same) out.changes.push({ ...base, action: 'unchanged', secret: 'last4-match' });
    else {
      send();
      out.changes.push({ ...base, action: 'change', secret: 'last4-differ' });
    }
    return;
  }
  if (stableJson(resolved.value) === stableJson(current)) {
    out.unchanged++;
    return;
  }
  send();
  out.changes.push({ ...base, action: 'change', ...(hidden ? {} : { old: current, new: resolved.value }) });
}

/** '', false, [], {} and null: what a server puts in a setting nobody set. */
function isEmptyValue(value: RemoteSettingValue): boolean {
  if (value === null || value === '' || value === false) return true;
  if (Array.isArray(value)) return value.length === 0;
  return typeof value === 'object' && !isMaskedValue(value) && Object.keys(value).length === 0;
}

function lastFour(value: unknown): string {
  return typeof value === 'string' ? value.slice(-4) : '';
}
