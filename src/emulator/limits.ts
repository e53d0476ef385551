// Workspace limits: Segment allows 25 functions per workspace by default and raises that on request, so
// the emulator enforces the same ceiling (a state/seed field or a start option raises it).
import { HttpFailure } from './http-errors.js';
import type { EmulatorState } from './types.js';

/** Segment's default ceiling on functions per workspace, all types together. */
export const DEFAULT_MAX_FUNCTIONS = 25;

/** Whether `value` can be a limit: a positive whole number. */
export function isValidLimit(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1;
}

/** The function ceiling of this workspace: the stored limit, else Segment's default. */
export function maxFunctionsOf(state: EmulatorState): number {
  return state.limits?.maxFunctions ?? DEFAULT_MAX_FUNCTIONS;
}

/**
 * Refuses a create that would pass the ceiling. The real answer is unrecorded; 422 `input-validation` is
 * the most plausible (createFunction documents 200, 404, 422 and 429 only, §4.2), without a `field`
 * because no input field is wrong (docs/emulator.md).
 */
export function assertRoomForFunction(state: EmulatorState): void {
  const max = maxFunctionsOf(state);
  if (state.functions.length < max) return;
  throw new HttpFailure(422, {
    type: 'input-validation',
    message: `Function limit reached: this workspace already has ${state.functions.length} functions and may have at most ${max}.`,
  });
}
