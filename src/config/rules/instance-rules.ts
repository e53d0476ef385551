// Rules about instances: names, where each is connected, and which settings it fills in.
import type { Problem } from '../../errors.js';
import type { FunctionType } from '../types.js';
import { closestName } from '../closest-name.js';
import { asRecord, declaredSettings, functionEntries, listItems, problemAt, uniquelyNamedItems, type Rule } from './rule-context.js';

/** Instances are addressed by name in plans; two alike in one function would be indistinguishable. */
export const instanceNamesUnique: Rule = {
  name: 'instance-names-unique',
  check: (ctx) => {
    const problems: Problem[] = [];
    for (const entry of functionEntries(ctx.source.data)) uniquelyNamedItems(ctx, entry, 'instances', 'instance', problems);
    return problems;
  },
};

/** Which connection key each function type's instances need, and why (shown when it is missing). */
const TARGETS: Record<FunctionType, { needs?: 'source' | 'destination'; why: string }> = {
  source: { why: 'a source function instance is the source itself: its name is the source slug' },
  destination: { needs: 'source', why: 'a destination function instance names the source (slug or id) that feeds it' },
  'insert-destination': { needs: 'destination', why: 'an insert-destination instance names the destination (name or id) it runs before' },
  'insert-source': { needs: 'source', why: 'an insert-source instance names the source (slug or id) it runs on' },
};

/** Each function type is connected differently in Segment; the wrong key would silently do nothing. */
export const instanceTargetsMatchType: Rule = {
  name: 'instance-targets-match-type',
  check: (ctx) =>
    functionEntries(ctx.source.data).flatMap((entry) => {
      const type = entry.type;
      if (!type) return [];
      const target = TARGETS[type];
      return listItems(entry, 'instances').flatMap(({ path, item }) => {
        const problems: Problem[] = [];
        if (target.needs && item[target.needs] === undefined) {
          problems.push(problemAt(ctx, path, `missing '${target.needs}': ${target.why}`));
        }
        for (const key of ['source', 'destination'] as const) {
          if (key !== target.needs && item[key] !== undefined) {
            const instead = target.needs ? ` (use '${target.needs}')` : '';
            problems.push(problemAt(ctx, [...path, key], `${article(type)} ${type} function instance takes no '${key}'${instead}`, { key: true, hint: target.why }));
          }
        }
        return problems;
      });
    }),
};

function article(word: string): string {
  return /^[aeiou]/.test(word) ? 'an' : 'a';
}

/** A value for a setting the function does not declare would be dropped by Segment; usually a typo. */
export const instanceSettingsDeclared: Rule = {
  name: 'instance-settings-declared',
  check: (ctx) =>
    functionEntries(ctx.source.data).flatMap((entry) => {
      // Settings written in the wrong shape are the schema's problem; flagging every value too would only add noise.
      if (entry.fn.settings !== undefined && !Array.isArray(entry.fn.settings)) return [];
      const declared = [...declaredSettings(entry).keys()];
      return listItems(entry, 'instances').flatMap(({ path, item }) =>
        Object.keys(asRecord(item.settings) ?? {})
          .filter((key) => !declared.includes(key))
          .map((key) => {
            const suggestion = closestName(key, declared);
            return problemAt(ctx, [...path, 'settings', key], `setting '${key}' is not declared by function '${entry.name}'${suggestion ? ` (did you mean '${suggestion}'?)` : ''}`, {
              key: true,
              hint: suggestion ? undefined : `declare it under functions.${entry.name}.settings, or remove it`,
            });
          }),
      );
    }),
};

/** Segment rejects an instance without its required settings; catch it before apply. */
export const requiredSettingsPresent: Rule = {
  name: 'required-settings-present',
  check: (ctx) =>
    functionEntries(ctx.source.data).flatMap((entry) => {
      const required = [...declaredSettings(entry).values()].filter((s) => s.required).map((s) => s.name);
      return listItems(entry, 'instances').flatMap(({ path, item }) => {
        const values = asRecord(item.settings) ?? {};
        return required.filter((name) => values[name] === undefined).map((name) => problemAt(ctx, path, `missing required setting '${name}'`));
      });
    }),
};
