// `fnsync import` as text: what was (or, with --dry-run, would be) imported and written, what was left
// out and why, the environment variables the new entries refer to, and what to run next. Pure: it
// only words the import plan; nothing here decides anything.
import type { EnvReason, ImportPlan, SkippedFunction } from '../import/types.js';

/** What the report needs besides the plan. */
export interface ImportReportOptions {
  workspace: string;
  dryRun: boolean;
  /** The config file's directory as shown (relative to the working directory; '' for the same). */
  dir: string;
}

const ENV_WORDS: Record<EnvReason, string> = {
  sensitive: 'a secret',
  masked: 'masked by the API',
  template: "its value contains '${': set the variable to the value as it is in Segment",
  missing: 'required, but the workspace has no value',
};

/** The report, one line per element. */
export function renderImportText(plan: ImportPlan, options: ImportReportOptions): string[] {
  const lines: string[] = [];
  const n = plan.functions.length;
  const verb = options.dryRun ? 'Would import' : 'Imported';
  if (n === 0) lines.push(`Nothing to import: workspace ${options.workspace} has no function that fnsync does not manage yet.`);
  else lines.push(`${verb} ${count(n, 'function')} from workspace ${options.workspace} into ${plan.config.path}:`);
  const width = Math.max(0, ...plan.functions.map((f) => f.name.length));
  for (const f of plan.functions) {
    lines.push(`  + ${f.name.padEnd(width)}  ${f.remote.type} function ${f.remote.displayName} (${f.remote.id}), ${count(f.instances, 'instance')}`);
    if (f.collision) lines.push(`      named ${f.name}, not ${f.collision.wanted}: ${f.collision.takenBy}`);
    for (const note of f.notes) lines.push(`      note: ${note}`);
  }
  if (n > 0) lines.push('', options.dryRun ? 'Would write:' : 'Wrote:', ...fileLines(plan, options.dir));
  lines.push(...skippedLines(plan.skipped));
  const env = plan.functions.flatMap((f) => f.env);
  if (env.length > 0) {
    const w = Math.max(...env.map((e) => e.name.length));
    lines.push(
      '',
      'Values import cannot write are ${env:NAME} references. Set these where you run fnsync plan and apply',
      '(until one is set, plan does not compare that value and apply leaves it as it is in Segment):',
      ...env.map((e) => `  ${e.name.padEnd(w)}  ${e.address} (${ENV_WORDS[e.reason]})`),
    );
  }
  if (n > 0) lines.push('', ...nextSteps(plan));
  if (options.dryRun) lines.push('', 'Dry run: nothing was written.');
  return lines;
}

function count(n: number, word: string, plural = `${word}s`): string {
  return `${n} ${n === 1 ? word : plural}`;
}

function fileLines(plan: ImportPlan, dir: string): string[] {
  const shown = (path: string) => (dir === '' ? path : `${dir}/${path}`);
  const config = plan.config;
  const how = config.created
    ? 'new'
    : `${count(plan.functions.length, 'entry', 'entries')} added at the end of functions:; ${config.reformatted ? 'reprinted by the YAML library: comments kept, layout changed' : 'the rest of the file is unchanged'}`;
  return [
    ...plan.functions.flatMap((f) => [`  ${shown(f.code.path)}`, `  ${shown(f.fixture.path)} (${count(f.fixture.cases, 'skipped case')} to write)`]),
    `  ${config.path} (${how})`,
  ];
}

function skippedLines(skipped: SkippedFunction[]): string[] {
  const managed = skipped.filter((s) => s.kind === 'managed');
  const listed = skipped.filter((s) => s.kind !== 'managed');
  const lines: string[] = [];
  if (listed.length > 0) {
    lines.push('', 'Not imported:');
    for (const s of listed) lines.push(`  ${s.remote.displayName} (${s.remote.type}, ${s.remote.id}): ${s.reason}`);
  }
  if (managed.length > 0) lines.push('', `${count(managed.length, 'function')} fnsync already manages ${managed.length === 1 ? 'was' : 'were'} left alone.`);
  return lines;
}

function nextSteps(plan: ImportPlan): string[] {
  const cases = plan.functions.reduce((sum, f) => sum + f.fixture.cases, 0);
  return [
    'Next:',
    `  npx fnsync test    the ${count(cases, 'fixture case')} written ${cases === 1 ? 'is' : 'are'} skipped until you write ${cases === 1 ? 'it' : 'them'}`,
    '  npx fnsync plan    shows only the adoptions: fnsync adds its marker to each imported function',
    '  npx fnsync apply   adds the markers (no code or setting changes); from then on fnsync manages them',
  ];
}
