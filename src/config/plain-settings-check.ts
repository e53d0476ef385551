// The checks on setting values written as plain data, outside fnsync.yaml: a fixture's `settings:` and the file of
// `fnsync run --settings`. The same rules as fnsync.yaml's instances (known names, declared types, well-formed
// `${env:NAME}`), so a value that would be refused in the config is not quietly accepted in a test or a run.
import { closestName } from './closest-name.js';
import { resolvePlainSettings } from './resolve-settings.js';
import { settingValueProblems, type ValueFormat } from './setting-value-types.js';
import type { PathSegment } from './yaml-source.js';
import type { SettingType } from '../vocabulary.js';

/** What the checks need of a declared setting (fnsync.yaml's default type is string). */
export interface PlainSettingDefinition {
  name: string;
  type?: SettingType;
  sensitive?: boolean;
}

/** One problem, at a path inside the settings object; `key` when it is about the key, not the value. */
export interface PlainSettingsProblem {
  path: PathSegment[];
  key: boolean;
  message: string;
  hint?: string;
}

const ENV_REFERENCE_HINT = 'write ${env:NAME}, where NAME is letters, digits and _ and does not start with a digit';

/** Every problem of `settings` against the function's declared settings, in the order of the keys. */
export function checkPlainSettings(
  settings: Record<string, unknown>,
  owner: { name: string; settings: readonly PlainSettingDefinition[] },
  format: ValueFormat,
): PlainSettingsProblem[] {
  const declared = new Map(owner.settings.map((s) => [s.name, s]));
  const names = owner.settings.map((s) => s.name);
  const malformed = resolvePlainSettings(settings, {}).malformed;
  const problems: PlainSettingsProblem[] = [];
  for (const [key, value] of Object.entries(settings)) {
    const setting = declared.get(key);
    if (!setting) {
      const suggestion = closestName(key, names);
      const known = names.length > 0 ? `declared: ${names.join(', ')}` : 'it declares no settings';
      problems.push({ path: [key], key: true, message: `${owner.name} has no setting '${key}'${suggestion ? ` (did you mean '${suggestion}'?)` : ''}`, ...(suggestion ? {} : { hint: known }) });
      continue;
    }
    for (const p of settingValueProblems(value, setting.type ?? 'string', setting.sensitive ?? false, format)) {
      problems.push({ path: [key, ...p.at], key: false, message: p.message, ...(p.hint ? { hint: p.hint } : {}) });
    }
  }
  for (const m of malformed) {
    // Echo the broken reference to help find it, unless it belongs to a secret or runs on unterminated (as fnsync.yaml).
    const shown = !declared.get(m.setting)?.sensitive && m.text.length <= 40 && m.text.endsWith('}') ? ` '${m.text}'` : '';
    problems.push({ path: pathSegments(m.path), key: false, message: `malformed environment reference${shown}`, hint: ENV_REFERENCE_HINT });
  }
  return problems;
}

/** `key[0].sub` (resolvePlainSettings' path) as path segments. */
function pathSegments(path: string): PathSegment[] {
  return [...path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((m) => (m[2] !== undefined ? Number(m[2]) : m[1]!));
}
