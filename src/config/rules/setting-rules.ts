// Rules about setting definitions (a function's settings schema).
import type { Problem } from '../../errors.js';
import { functionEntries, listItems, problemAt, uniquelyNamedItems, type Rule } from './rule-context.js';

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Handlers read `settings.NAME`, so names must be identifiers and unique within the function. */
export const settingNamesValid: Rule = {
  name: 'setting-names-valid',
  check: (ctx) => {
    const problems: Problem[] = [];
    for (const entry of functionEntries(ctx.source.data)) {
      for (const { name, namePath } of uniquelyNamedItems(ctx, entry, 'settings', 'setting', problems)) {
        if (!IDENTIFIER.test(name)) {
          problems.push(
            problemAt(ctx, namePath, `setting name '${name}' is not a valid JavaScript identifier`, {
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
