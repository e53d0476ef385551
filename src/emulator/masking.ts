// Sensitive setting values are stored in full but returned masked, like the real API
// (10 bullets + last 4 characters, doc §14.4), so clients must never diff or echo them.
import type { SettingsObject } from './types.js';

const BULLETS = '••••••••••';

/** Masks one value: strings keep their last 4 characters (none when shorter than 8); other values are fully hidden. */
export function maskValue(value: unknown): unknown {
  if (value === null || value === undefined) return value;
  if (typeof value === 'string') return value.length >= 8 ? BULLETS + value.slice(-4) : BULLETS;
  return BULLETS;
}

/** Returns a copy of `settings` with every key in `sensitive` masked. */
export function maskSettings(settings: SettingsObject, sensitive: ReadonlySet<string>): SettingsObject {
  const out: SettingsObject = {};
  for (const [key, value] of Object.entries(settings)) out[key] = sensitive.has(key) ? maskValue(value) : value;
  return out;
}

/** Per-key merge used by every PATCH of instance settings: `null` deletes a key, other values replace it. */
export function mergeSettings(current: SettingsObject, patch: SettingsObject): SettingsObject {
  const out: SettingsObject = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else out[key] = value;
  }
  return out;
}

