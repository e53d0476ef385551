// The settings of a function instance (source, destination or insert instance) measured against the
// function's declared settings: what the server adds on create, and which values it accepts.
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
