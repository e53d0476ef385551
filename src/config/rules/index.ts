// The registry of named cross-field rules, run in this order after the schema check.
import { codeFileReadable, displayNamesUnique, functionNamesSafe, handlerCodeValid, handlerGlobalsDefined, handlerNamesCallable, uniqueKeys } from './function-rules.js';
import { instanceNamesUnique, instanceSettingsDeclared, instanceTargetsMatchType, requiredSettingsPresent } from './instance-rules.js';
import type { Problem } from '../../errors.js';
import type { Rule, RuleContext } from './rule-context.js';
import { sensitiveSettingsAreStrings, settingNamesValid } from './setting-rules.js';
import { credentialsMarkedSensitive, envReferencesWellFormed, sensitiveValuesFromEnv, settingValuesTyped } from './value-rules.js';

/** Every rule fnsync checks; docs and tests refer to them by name. */
export const RULES: readonly Rule[] = [
  uniqueKeys,
  functionNamesSafe,
  displayNamesUnique,
  codeFileReadable,
  handlerCodeValid,
  handlerNamesCallable,
  handlerGlobalsDefined,
  settingNamesValid,
  sensitiveSettingsAreStrings,
  instanceNamesUnique,
  instanceTargetsMatchType,
  instanceSettingsDeclared,
  requiredSettingsPresent,
  settingValuesTyped,
  sensitiveValuesFromEnv,
  envReferencesWellFormed,
  credentialsMarkedSensitive,
];

/** Runs every rule and gathers all problems, so one run reports everything. */
export function runRules(ctx: RuleContext, rules: readonly Rule[] = RULES): Problem[] {
  return rules.flatMap((rule) => rule.check(ctx));
}

export type { Rule, RuleContext, CodeFile } from './rule-context.js';
