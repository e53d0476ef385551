// What `fnsync validate` reports: a summary of a valid config or the list of problems, as text or JSON.
// Kept apart from the command so the wording is tested without spawning a process.
import { formatProblem, type Problem } from '../errors.js';
import type { Config } from './types.js';

/** The facts `fnsync validate` prints about a valid config. */
export interface ValidateSummary {
  file: string;
  functions: number;
  instances: number;
  /** Every env variable referenced, in first-use order, and whether it is set in this environment. */
  env: { name: string; set: boolean; sensitive: boolean }[];
}

/** Counts and env information for a loaded config (env values are only tested for presence, never read out). */
export function summariseConfig(config: Config, displayFile: string, env: Record<string, string | undefined>): ValidateSummary {
  const seen = new Map<string, { name: string; set: boolean; sensitive: boolean }>();
  for (const ref of config.envReferences) {
    const known = seen.get(ref.name);
    if (known) known.sensitive ||= ref.sensitive;
    else seen.set(ref.name, { name: ref.name, set: env[ref.name] !== undefined, sensitive: ref.sensitive });
  }
  return {
    file: displayFile,
    functions: config.functions.length,
    instances: config.functions.reduce((n, f) => n + f.instances.length, 0),
    env: [...seen.values()],
  };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The human summary lines for a valid config. */
export function renderSummary(s: ValidateSummary, warnings = 0): string[] {
  const counted = warnings > 0 ? ` (${plural(warnings, 'warning')}, above)` : '';
  const lines = [`${s.file} is valid: ${plural(s.functions, 'function')}, ${plural(s.instances, 'instance')}${counted}`];
  if (s.env.length === 0) return lines;
  lines.push(`environment variables referenced: ${s.env.map((e) => e.name).join(', ')}`);
  const unset = s.env.filter((e) => !e.set).map((e) => e.name);
  if (unset.length > 0) lines.push(`not set in this environment (needed by apply, not by validate or test): ${unset.join(', ')}`);
  return lines;
}

/** The `--json` document: one shape for valid and invalid configs. */
export function renderJson(
  result: { valid: true; summary: ValidateSummary; warnings?: Problem[] } | { valid: false; file: string; error?: string; problems: Problem[]; warnings?: Problem[] },
): string {
  const withText = (list: Problem[]) => list.map((p) => ({ ...p, text: formatProblem(p) }));
  if (result.valid) return JSON.stringify({ ok: true, valid: true, ...result.summary, problems: [], warnings: withText(result.warnings ?? []) }, null, 2);
  return JSON.stringify(
    {
      ok: false,
      valid: false,
      file: result.file,
      ...(result.error !== undefined ? { error: result.error } : {}),
      problems: withText(result.problems),
      warnings: withText(result.warnings ?? []),
    },
    null,
    2,
  );
}

/**
 * The one line `fnsync test`, `plan` and `apply` print on stderr when the config has warnings, so a mistake such as
 * a credential not marked sensitive is seen before anything runs or leaves for a workspace; validate shows them.
 */
export function warningsNotice(config: Config, displayFile: string): string | undefined {
  const n = config.warnings?.length ?? 0;
  if (n === 0) return undefined;
  return `warning: ${displayFile} has ${plural(n, 'warning')}: run fnsync validate to see ${n === 1 ? 'it' : 'them'}`;
}
