// The file of `fnsync run --settings`: strict JSON read with positions, checked by the rules of fnsync.yaml (known
// setting names, declared types, well-formed `${env:NAME}`, no key written twice) when the function is known, and
// every problem reported at once as FILE:LINE:COL, the way fnsync.yaml's are.
import { UserError, type Problem } from '../errors.js';
import { parseJsonSource, type JsonSource } from './json-source.js';
import { checkPlainSettings, type PlainSettingDefinition } from './plain-settings-check.js';
import { resolvePlainSettings, type Env } from './resolve-settings.js';
import { formatPath, type PathSegment } from './yaml-source.js';

/** The resolved values, and those that came from the environment (masked in output). */
export interface SettingsFileResult {
  settings: Record<string, unknown>;
  fromEnv: string[];
}

/**
 * Parses and checks a settings file, then resolves `${env:NAME}`. With `owner` (a function from fnsync.yaml) unknown
 * names and wrong types are errors, as in a fixture's `settings:`; without it (a bare handler file) only the file's
 * own form is checked.
 */
export function parseSettingsFile(text: string, file: string, env: Env, owner?: { name: string; settings: readonly PlainSettingDefinition[] }): SettingsFileResult {
  const parsed = parseJsonSource(text, file);
  if (!parsed.ok) throw new UserError(`${file} is not valid JSON`, [parsed.problem]);
  const source = parsed.source;
  const data = source.data;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new UserError(`invalid settings file ${file}`, [{ file, ...source.valuePos([]), message: 'settings are a JSON object: { "name": value }' }]);
  }
  const values = data as Record<string, unknown>;
  const problems: Problem[] = source.duplicateKeys().map((d) => ({ file, ...d.at, path: formatPath(d.path), message: `duplicate key '${d.key}' (first written on line ${d.first.line})` }));
  const checks = checkPlainSettings(values, owner ?? { name: '', settings: [] }, 'json').filter((p) => owner !== undefined || p.message.startsWith('malformed'));
  for (const p of checks) problems.push(located(source, p.path, p.key, p.message, p.hint));
  if (problems.length > 0) {
    problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.col ?? 0) - (b.col ?? 0));
    const malformedOnly = problems.every((p) => p.message.startsWith('malformed environment reference'));
    const what = malformedOnly
      ? problems.length === 1 ? 'a malformed environment reference' : `${problems.length} malformed environment references`
      : `${problems.length} problem${problems.length === 1 ? '' : 's'}`;
    throw new UserError(`settings in ${file} have ${what}`, problems);
  }
  const r = resolvePlainSettings(values, env);
  const missing = [...new Set(r.missing.map((m) => m.name))];
  if (missing.length > 0) {
    throw new UserError(
      `settings in ${file} refer to unset environment variables: ${missing.join(', ')}`,
      r.missing.map((m) => located(source, [m.setting], false, `environment variable ${m.name} is not set`)),
    );
  }
  return { settings: r.settings, fromEnv: r.fromEnv };
}

function located(source: JsonSource, path: PathSegment[], key: boolean, message: string, hint?: string): Problem {
  return { file: source.displayFile, ...(key ? source.keyPos(path) : source.valuePos(path)), path: formatPath(path), message, ...(hint ? { hint } : {}) };
}
