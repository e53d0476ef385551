// Rules about instance setting values: their types, secrets, and `${env:NAME}` references.
// Messages never echo a value: it may be a secret written by mistake.
import type { Problem } from '../../errors.js';
import { credentialName, credentialShape } from '../credential-shapes.js';
import { findMalformedReference, isPureReference, parseTemplate } from '../env-references.js';
import { settingValueProblems } from '../setting-value-types.js';
import type { PathSegment } from '../yaml-source.js';
import { asRecord, declaredSettings, declaredValues, functionEntries, listItems, problemAt, type Rule, type RuleContext } from './rule-context.js';

const ENV_HINT = 'put the secret in an environment variable and write ${env:NAME}';

/** Values must match the declared setting type exactly: YAML would otherwise turn `100` into a number. */
export const settingValuesTyped: Rule = {
  name: 'setting-values-typed',
  check: (ctx) =>
    functionEntries(ctx.source.data).flatMap((entry) =>
      declaredValues(entry).flatMap(({ path, value, setting }) =>
        setting.type === undefined
          ? []
          : settingValueProblems(value, setting.type, setting.sensitive).map((p) => problemAt(ctx, [...path, ...p.at], p.message, { hint: p.hint })),
      ),
    ),
};

/** A secret written in fnsync.yaml ends up in git; sensitive values may only name an env variable. */
export const sensitiveValuesFromEnv: Rule = {
  name: 'sensitive-values-from-env',
  check: (ctx) =>
    functionEntries(ctx.source.data).flatMap((entry) =>
      declaredValues(entry).flatMap(({ path, value, setting }) => {
        if (!setting.sensitive || typeof value !== 'string' || findMalformedReference(value) !== undefined) return [];
        if (isPureReference(parseTemplate(value))) return [];
        return [
          problemAt(ctx, path, `'${setting.name}' is sensitive: its value must be exactly one \${env:NAME} reference, not a literal`, {
            hint: ENV_HINT,
          }),
        ];
      }),
    ),
};

/** Every string in an instance's settings, with its path (lists and mappings included). */
function stringsIn(value: unknown, path: PathSegment[]): { path: PathSegment[]; text: string }[] {
  if (typeof value === 'string') return [{ path, text: value }];
  if (Array.isArray(value)) return value.flatMap((v, i) => stringsIn(v, [...path, i]));
  const map = asRecord(value);
  return map ? Object.entries(map).flatMap(([k, v]) => stringsIn(v, [...path, k])) : [];
}

/** `${...}` that is not a valid `${env:NAME}` would be sent to Segment as literal text; almost always a typo. */
export const envReferencesWellFormed: Rule = {
  name: 'env-references-well-formed',
  check: (ctx) =>
    functionEntries(ctx.source.data).flatMap((entry) => {
      const settings = declaredSettings(entry);
      return listItems(entry, 'instances').flatMap(({ path, item }) =>
        stringsIn(item.settings, [...path, 'settings']).flatMap(({ path: valuePath, text }) => {
          const bad = findMalformedReference(text);
          if (bad === undefined) return [];
          // Echo the broken reference to help find it, unless it belongs to a secret or runs on unterminated.
          const sensitive = settings.get(String(valuePath[path.length + 1]))?.sensitive ?? false;
          const shown = !sensitive && bad.length <= 40 && bad.endsWith('}') ? ` '${bad}'` : '';
          return [
            problemAt(ctx, valuePath, `malformed environment reference${shown}`, {
              hint: 'write ${env:NAME}, where NAME is letters, digits and _ and does not start with a digit',
            }),
          ];
        }),
      );
    }),
};

const SENSITIVE_HINT = 'add `sensitive: true` to the setting and give its value as ${env:NAME}; if it is not a secret, write `sensitive: false`';

/**
 * A credential in a setting not marked sensitive is printed by `fnsync run`, shown in plans and, as a literal, kept
 * in git: warn at the setting's name when the name says so, and at each value shaped like a key. Values are never
 * echoed. An explicit `sensitive: false` is the author saying it is not a secret, and silences both.
 */
export const credentialsMarkedSensitive: Rule = {
  name: 'credentials-marked-sensitive',
  check: (ctx) =>
    functionEntries(ctx.source.data).flatMap((entry) => {
      const problems: Problem[] = [];
      const suspects = new Set<string>();
      for (const { path, item } of listItems(entry, 'settings')) {
        if (typeof item.name !== 'string' || item.sensitive !== undefined || (item.type !== undefined && item.type !== 'string')) continue;
        suspects.add(item.name);
        if (!credentialName(item.name)) continue;
        problems.push({
          ...problemAt(ctx, [...path, 'name'], `setting '${item.name}' looks like a credential but is not marked sensitive: its values are plain text in git and readable in the workspace (fnsync run and plans mask them)`, { hint: SENSITIVE_HINT }),
          severity: 'warning',
        });
      }
      for (const { path, value, setting } of declaredValues(entry)) {
        if (!suspects.has(setting.name)) continue;
        for (const { path: at, text } of stringsIn(value, path)) {
          // Only the literal text is in the file; a reference's value comes from the environment.
          const literal = parseTemplate(text).flatMap((p) => (p.kind === 'literal' ? [p.text] : [])).join(' ');
          const what = credentialShape(literal);
          if (!what) continue;
          problems.push({
            ...problemAt(ctx, at, `this value of '${setting.name}' looks like ${what}, but '${setting.name}' is not marked sensitive: it is plain text in git and readable in the workspace (fnsync run and plans mask it)`, {
              hint: SENSITIVE_HINT,
            }),
            severity: 'warning',
          });
        }
      }
      return problems;
    }),
};
