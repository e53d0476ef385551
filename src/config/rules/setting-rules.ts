// Rules about setting definitions (a function's settings schema).
import type { Problem } from '../../errors.js';
import { functionEntries, listItems, problemAt, type Rule } from './rule-context.js';

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Handlers read `settings.NAME`, so names must be identifiers and unique within the function. */
export const settingNamesValid: Rule = {
  name: 'setting-names-valid',
  check: (ctx) => {
    const problems: Problem[] = [];
    for (const entry of functionEntries(ctx.source.data)) {
      const seen = new Map<string, number>();
      for (const { path, item } of listItems(entry, 'settings')) {
        if (typeof item.name !== 'string') continue;
        const namePath = [...path, 'name'];
        const first = seen.get(item.name);
        if (first !== undefined) {
          problems.push(problemAt(ctx, namePath, `duplicate setting name '${item.name}' (first defined on line ${first})`));
          continue;
        }
        seen.set(item.name, ctx.source.valuePos(namePath).line);
        if (!IDENTIFIER.test(item.name)) {
          problems.push(
            problemAt(ctx, namePath, `setting name '${item.name}' is not a valid JavaScript identifier`, {
              hint: 'handlers read it as settings.NAME: use letters, digits, _ and $, not starting with a digit',
            }),
          );
        }
      }
    }
    return problems;
  },
};

/** Types other than these are the schema's problem; reporting them here too would say the same thing twice. */
const NON_STRING_TYPES: readonly unknown[] = ['boolean', 'array', 'text-map'];

/** fnsync only takes secrets from env variables, which are strings; a sensitive list or flag has no safe form. */
export const sensitiveSettingsAreStrings: Rule = {
  name: 'sensitive-settings-are-strings',
  check: (ctx) =>
    functionEntries(ctx.source.data).flatMap((entry) =>
      listItems(entry, 'settings').flatMap(({ path, item }) =>
        item.sensitive === true && NON_STRING_TYPES.includes(item.type)
          ? [problemAt(ctx, [...path, 'sensitive'], `only string settings can be sensitive (this one is ${String(item.type)})`)]
          : [],
      ),
    ),
};
