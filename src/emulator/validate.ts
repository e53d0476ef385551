// Request-body checks that answer like the API: 422 `input-validation` naming the field.
import { invalid } from './http-errors.js';
import type { FunctionSettingDef, SettingsObject } from './types.js';

/** The body as an object; anything else is a 422. */
export function bodyObject(body: unknown): Record<string, unknown> {
  if (body === undefined) return {};
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw invalid('body', 'request body must be a JSON object');
  return body as Record<string, unknown>;
}

/**
 * Rejects fields an update input does not have because they cannot change (doc §5, §6.2, §13): a lenient
 * server would ignore them and let the client believe the change happened. `remedy` says what to do instead.
 */
export function rejectImmutable(body: Record<string, unknown>, fields: readonly string[], remedy: string): void {
  const field = fields.find((f) => f in body);
  if (field) throw invalid(field, `"${field}" is not allowed: it cannot be changed; ${remedy}`);
}

/** A required non-empty string field. */
export function requireString(body: Record<string, unknown>, field: string): string {
  const v = body[field];
  if (v === undefined || v === null) throw invalid(field, `"${field}" is required`);
  if (typeof v !== 'string' || v.length === 0) throw invalid(field, `"${field}" must be a non-empty string`);
  return v;
}

/** An optional string field (null counts as absent). */
export function optionalString(body: Record<string, unknown>, field: string): string | undefined {
  const v = body[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw invalid(field, `"${field}" must be a string`);
  return v;
}

/** An optional boolean field. */
export function optionalBoolean(body: Record<string, unknown>, field: string): boolean | undefined {
  const v = body[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean') throw invalid(field, `"${field}" must be a boolean`);
  return v;
}

/** An optional settings object (instance settings). */
export function optionalSettings(body: Record<string, unknown>, field = 'settings'): SettingsObject | undefined {
  const v = body[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'object' || Array.isArray(v)) throw invalid(field, `"${field}" must be an object`);
  return v as SettingsObject;
}

const SETTING_TYPES = ['ARRAY', 'BOOLEAN', 'STRING', 'TEXT_MAP'];

/** Function setting definitions: all six fields required, known type, unique names. */
export function functionSettings(value: unknown): FunctionSettingDef[] {
  if (!Array.isArray(value)) throw invalid('settings', '"settings" must be an array');
  const seen = new Set<string>();
  return value.map((raw, i) => {
    const at = `settings[${i}]`;
    if (typeof raw !== 'object' || raw === null) throw invalid(at, `"${at}" must be an object`);
    const s = raw as Record<string, unknown>;
    for (const key of ['name', 'label', 'description', 'type'] as const) {
      if (typeof s[key] !== 'string') throw invalid(`${at}.${key}`, `"${at}.${key}" is required and must be a string`);
    }
    for (const key of ['required', 'sensitive'] as const) {
      if (typeof s[key] !== 'boolean') throw invalid(`${at}.${key}`, `"${at}.${key}" is required and must be a boolean`);
    }
    if (!SETTING_TYPES.includes(s.type as string)) {
      throw invalid(`${at}.type`, `"${at}.type" must be one of ${SETTING_TYPES.join(', ')}`);
    }
    const name = s.name as string;
    if (!name) throw invalid(`${at}.name`, `"${at}.name" must not be empty`);
    if (seen.has(name)) throw invalid(`${at}.name`, `duplicate setting name "${name}"`);
    seen.add(name);
    return {
      name, label: s.label as string, description: s.description as string,
      type: s.type as FunctionSettingDef['type'], required: s.required as boolean, sensitive: s.sensitive as boolean,
    };
  });
}
