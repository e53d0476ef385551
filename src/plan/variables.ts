// The environment variables a plan's steps send, each with the resources that need it: plan warns
// about the unset ones, apply refuses to start without them (all reported together).
import { envNamesOf, isConfigLiteralRef } from './settings-diff.js';
import type { Step } from './types.js';

/** Variable name -> addresses of the steps whose settings reference it. */
export function variablesNeeded(steps: Step[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const step of steps) {
    if (!('settings' in step) || !step.settings) continue;
    for (const value of Object.values(step.settings)) {
      if (value === null || isConfigLiteralRef(value)) continue;
      for (const name of envNamesOf(value)) {
        if (!out.has(name)) out.set(name, new Set());
        out.get(name)!.add(step.address);
      }
    }
  }
  return out;
}
