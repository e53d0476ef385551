// The settings of a function instance (source, destination or insert instance) measured against the
// function's declared settings: what the server adds on create, and which values it accepts.
import { invalid } from './http-errors.js';
import type { FunctionSettingDef, SettingsObject } from './types.js';

/** The value a declared setting starts with when the caller leaves it out. */
function emptyValue(type: FunctionSettingDef['type']): unknown {
  switch (type) {
    case 'BOOLEAN':
      return false;
    case 'ARRAY':
      return [];
    case 'TEXT_MAP':
      return {};
    default:
      return '';
  }
}

/**
 * Fills in every declared, non-sensitive setting the caller did not send with its type's empty value:
 * the server-added keys of function instances (doc §14.3), so a client comparing whole settings objects
 * sees a diff. Sensitive ones stay absent: an empty secret would come back masked and mislead.
 */
export function withDeclaredDefaults(defs: readonly FunctionSettingDef[], settings: SettingsObject): SettingsObject {
  const out: SettingsObject = { ...settings };
  for (const def of defs) if (!def.sensitive && !(def.name in out)) out[def.name] = emptyValue(def.type);
  return out;
}

const EXPECTED: Record<FunctionSettingDef['type'], { words: string; ok: (v: unknown) => boolean }> = {
  STRING: { words: 'a string', ok: (v) => typeof v === 'string' },
  BOOLEAN: { words: 'a boolean', ok: (v) => typeof v === 'boolean' },
  ARRAY: { words: 'an array of strings', ok: (v) => Array.isArray(v) && v.every((x) => typeof x === 'string') },
  TEXT_MAP: {
    words: 'an object of strings',
    ok: (v) => typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every((x) => typeof x === 'string'),
  },
};

/**
 * Checks the values of declared settings against their declared types; 422 naming `settings.<name>`
 * otherwise, so a wrongly typed value fails here as it would against the API instead of reaching the
 * function. `null` passes (it deletes a key on PATCH). Undeclared keys and missing required settings
 * are allowed: the API notes document neither check (docs/emulator.md).
 */
export function checkSettingValues(defs: readonly FunctionSettingDef[], settings: SettingsObject): void {
  for (const [name, value] of Object.entries(settings)) {
    const def = defs.find((d) => d.name === name);
    if (!def || value === null) continue;
    const expected = EXPECTED[def.type];
    if (expected && !expected.ok(value)) {
      throw invalid(`settings.${name}`, `"settings.${name}" must be ${expected.words} (the function declares it ${def.type})`);
    }
  }
}
