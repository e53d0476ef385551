// Contract scenarios for the API's rules on functions that a lenient emulator would let pass.
import type { Scenario } from './scenario-kit.js';

/** Function rules, each checked against the emulator and the recorded replies. */
export const functionRuleScenarios: Scenario[] = [];
