// `fnsync test`: runs each function's fixture tests in the local runtime and prints one line per case, diffs for
// failures and the `N passed, N failed` summary; exit 1 on any failure. Then it records which functions passed, for
// exactly which code, so apply can refuse code that no test run vouched for.
import type { Command } from 'commander';
import { isAbsolute, relative, resolve } from 'node:path';
import { TEST_RECORD_FILE } from '../../test-record/test-record-types.js';
import type { NotRecordedReason, RecordTestRunResult } from '../../test-record/index.js';
import { UserError } from '../../errors.js';
import type { CliContext } from '../output.js';
import type { CommandRunner } from './index.js';

interface TestOptions {
  config?: string;
  /** `--json`; the deprecated `--json -` / `--json FILE.json` are rewritten before parsing (`rewriteDeprecatedJson`). */
  json?: boolean;
  jsonFile?: string;
  filter?: string;
  watch?: boolean;
  /** False with --no-record. */
  record: boolean;
  /** --strict / --no-strict; undefined: strict when CI is set. */
  strict?: boolean;
  junit?: string;
}

/** Adds the `test` command; the runtime and fixture modules load only when it runs. */
export function register(program: Command, run: CommandRunner): void {
  program
    .command('test')
    .description("run the functions' fixture tests in the local runtime (outbound HTTP is mocked; nothing reaches the network)")
    .argument('[name...]', 'only these functions (default: all)')
    .option('-c, --config <file>', 'config file (default: fnsync.yaml in the current directory)')
    .option('--json', 'print the report as one JSON document on stdout, also on error (the text report goes to stderr)')
    .option('--json-file <file>', 'also write the JSON report to FILE (the text report stays on stdout)')
    .option('--filter <text>', 'only cases whose name contains TEXT (case-insensitive)')
    .option('--watch', 're-run when the config, a handler or a fixture changes')
    .option('--no-record', `do not update the test record (${TEST_RECORD_FILE}) that plan and apply check`)
    .option('--strict', 'fail when a function has no fixture files or --filter matches no case (the default when CI is set)')
    .option('--no-strict', 'under CI too, only warn about functions without fixture files and filters that match nothing')
    .option('--junit <file>', 'also write the results as JUnit XML to FILE, for CI test reporters')
    .addHelpText(
      'after',
      '\nFixture files are found through each function\'s `tests:` glob (default tests/*.yaml beside the handler).\n' +
        'The last line is `N passed, N failed` (`, N skipped` when any were skipped); the exit code is 1 on any failure.\n' +
        'A function with no test files prints a warning and does not fail the run. See docs/fixtures.md for the format.\n' +
        `Each function whose cases all ran and passed is recorded as passed in ${TEST_RECORD_FILE} (one with a failing\n` +
        'case as failed), for exactly its code, settings and fixtures; a --filter run records failures only.\n' +
        'Strict mode (the default when CI is set): a function with no test files, or a --filter matching no case, fails the run.',
    )
    .action((names: string[], options: TestOptions) => {
      return run(async (ctx) => {
        if (options.jsonFile === '-') {
          const { UserError } = await import('../../errors.js');
          // stdout already carries the text report: a JSON document there too could not be parsed by anyone.
          throw new UserError('--json-file - is not a file: use --json for the JSON report on stdout (the text report then goes to stderr)');
        }
        try {
          const { guardFunctionCode } = await import('../token-guard.js');
          guardFunctionCode(ctx, 'test');
          return await (options.watch ? watchTests(ctx, names, options) : runOnce(ctx, names, options));
        } catch (err) {
          // Whatever stopped the run before a report (an invalid or missing fnsync.yaml, the token guard), the JUnit
          // file says why. No secret is known before the config is (its problems name variables, never values).
          const problems = err instanceof UserError ? err.problems.length : 0;
          await junitForProblems(ctx, options, err, problems > 0 ? 'config' : 'run', []);
          throw err;
        }
      }, { json: options.json === true });
    });
}

/** Whether an old `--json VALUE` names its target: `-` (stdout) or a `.json` path, which no function name or option can be. */
const isOldJsonTarget = (value: string | undefined): value is string =>
  value !== undefined && (value === '-' || (!value.startsWith('-') && value.toLowerCase().endsWith('.json')));

/**
 * The old `--json -` (report on stdout) and `--json FILE.json` (report to a file), also written `--json=-` and
 * `--json=FILE.json`, anywhere after `test` (before or after function names), rewritten to today's `--json` and
 * `--json-file FILE` with a deprecation warning each. Done on the raw arguments, before commander parses them, since
 * commander reads `--json` as a flag (the value would become a function name) and refuses `--json=VALUE`. Only `-`
 * and `.json` paths count, so a function name after `--json` is never taken for a file. Other commands' arguments
 * (everything before `test`, and after `--`) are left alone.
 */
export function rewriteDeprecatedJson(argv: readonly string[], from: number): { argv: string[]; warnings: string[]; conflict?: string } {
  const commandAt = argv.findIndex((a, i) => i >= from && !a.startsWith('-'));
  if (commandAt === -1 || argv[commandAt] !== 'test') return { argv: [...argv], warnings: [] };
  const out = argv.slice(0, commandAt + 1);
  const warnings: string[] = [];
  const files: string[] = [];
  const deprecate = (value: string, written: string) => {
    if (value === '-') {
      out.push('--json');
      warnings.push(`warning: \`${written}\` is deprecated: use \`--json\` (the report goes to stdout the same way)`);
    } else {
      out.push('--json-file', value);
      files.push(written);
      warnings.push(`warning: \`${written}\` is deprecated: use \`--json-file ${value}\``);
    }
  };
  for (let i = commandAt + 1; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      out.push(...argv.slice(i));
      break;
    }
    const inline = arg.startsWith('--json=') ? arg.slice('--json='.length) : undefined;
    if (isOldJsonTarget(inline)) deprecate(inline, arg);
    else if (arg === '--json' && isOldJsonTarget(argv[i + 1])) {
      deprecate(argv[i + 1]!, `--json ${argv[i + 1]}`);
      i++;
    } else {
      if (arg === '--json-file' || arg.startsWith('--json-file=')) files.push(arg === '--json-file' ? `--json-file ${argv[i + 1] ?? ''}`.trim() : arg);
      out.push(arg);
    }
  }
  // Commander keeps only the last of two report files (old form or not): one would be dropped without a word.
  if (files.length > 1) return { argv: out, warnings, conflict: `${files.map((f) => `\`${f}\``).join(' and ')} both name the JSON report file: give one, as --json-file FILE` };
  return { argv: out, warnings };
}

async function runOnce(ctx: CliContext, names: string[], options: TestOptions): Promise<number> {
  const { createRuntime } = await import('../../runtime/create-runtime.js');
  const runtime = createRuntime();
  try {
    return await runAndReport(ctx, names, options, runtime);
  } finally {
    await runtime.close();
  }
}

/**
 * An invalid fnsync.yaml or fixture file stops the run before any test: the JUnit report says so (as errors), so a
 * CI reporter shows the problem instead of finding no report at all.
 */
async function junitForProblems(ctx: CliContext, options: TestOptions, err: unknown, kind: 'config' | 'fixture' | 'run', secrets: string[]): Promise<void> {
  if (options.junit === undefined || !(err instanceof UserError) || junitWritten.has(err)) return;
  junitWritten.add(err);
  const { renderProblemsJunit } = await import('../../render/test-junit.js');
  const { writeReportFile } = await import('../../runtime/write-report-file.js');
  await writeReportFile(ctx.cwd, options.junit, renderProblemsJunit(err.message, err.problems, { secrets, kind }), { label: 'the JUnit report' });
}
/** Errors whose JUnit report is written already (by the fixture step, which knew the secrets to mask). */
const junitWritten = new WeakSet<object>();

async function runAndReport(ctx: CliContext, names: string[], options: TestOptions, runtime: import('../../runtime/types.js').Runtime): Promise<number> {
  const { findConfigFile, loadConfig } = await import('../../config/load-config.js');
  const { runTests, selectFunctions } = await import('../../runtime/fixtures/run-tests.js');
  const { renderTestReportText, renderTestReportJson } = await import('../../render/test-report.js');
  const config = await loadConfig(findConfigFile(ctx.cwd, options.config), { cwd: ctx.cwd });
  const { noticeWarnings } = await import('../config-warnings.js');
  await noticeWarnings(ctx, config);
  const record = options.record ? await import('../../test-record/index.js') : undefined;
  // Taken before the run, and compared after it: a file saved mid-run must not be recorded as tested.
  const before = record && (await record.digestFunctions(selectFunctions(config, names), config.rootDir));
  let tested: Awaited<ReturnType<typeof runTests>>;
  try {
    tested = await runTests(config, { runtime, names, filter: options.filter, env: ctx.env, cwd: ctx.cwd });
  } catch (err) {
    // Invalid fixture files: reported here, where the secrets to mask are known.
    if (err instanceof UserError && err.problems.length > 0) await junitForProblems(ctx, options, err, 'fixture', config.envReferences.flatMap((r) => (r.sensitive && ctx.env[r.name] ? [ctx.env[r.name]!] : [])));
    throw err;
  }
  const { report, secrets } = tested;
  const toStdout = options.json === true;
  const { useColor } = await import('../use-color.js');
  const text = renderTestReportText(report, { color: useColor(ctx, toStdout ? process.stderr : process.stdout), secrets });
  (toStdout ? ctx.stderr : ctx.stdout)(text);
  if (options.filter !== undefined && report.passed + report.failed + report.skipped === 0) {
    ctx.stderr(`warning: no case name contains "${options.filter}"`);
  }
  if (toStdout || options.jsonFile !== undefined) {
    const json = renderTestReportJson(report, { secrets });
    if (toStdout) ctx.stdout(json);
    if (options.jsonFile !== undefined) {
      const { writeReportFile } = await import('../../runtime/write-report-file.js');
      await writeReportFile(ctx.cwd, options.jsonFile, json);
    }
  }
  const { isStrict, strictFailures } = await import('../strict-tests.js');
  const strict = isStrict(options.strict, ctx.env) ? strictFailures(report, options.filter) : [];
  if (options.junit !== undefined) {
    const { renderTestReportJunit } = await import('../../render/test-junit.js');
    const { writeReportFile } = await import('../../runtime/write-report-file.js');
    await writeReportFile(ctx.cwd, options.junit, renderTestReportJunit(report, { secrets, strictFailures: strict }), { label: 'the JUnit report' });
  }
  if (record && before) {
    const recorded = await record.recordTestRun(config, report, { before, filtered: options.filter !== undefined, now: new Date() });
    ctx.stderr(recordLine(recorded, ctx.cwd));
  }
  for (const why of strict) ctx.stderr(`error: strict mode: ${why} (--no-strict to allow)`);
  return report.failed > 0 || strict.length > 0 ? 1 : 0;
}

// Why a function that did run cases got no entry; a function that ran none is already visible in the report.
const NOT_RECORDED: Record<Exclude<NotRecordedReason, 'no-cases-ran'>, string> = {
  filtered: '--filter run',
  only: '`only:` skipped cases',
  changed: 'changed during the run',
};

/** One stderr line saying where the record is and what this run put in it (never stdout: `--json` owns it). */
function recordLine(r: RecordTestRunResult, cwd: string): string {
  const rel = relative(cwd, r.path);
  const where = rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : r.path;
  const functions = (n: number) => `${n} function${n === 1 ? '' : 's'}`;
  const counts: string[] = [];
  if (r.passed.length > 0) counts.push(`${functions(r.passed.length)} passed`);
  if (r.failed.length > 0) counts.push(`${counts.length > 0 ? r.failed.length : functions(r.failed.length)} failed`);
  const left = Object.entries(NOT_RECORDED).flatMap(([reason, why]) => {
    const names = r.notRecorded.filter((n) => n.reason === reason).map((n) => n.name);
    return names.length > 0 ? [`${names.join(', ')} (${why})`] : [];
  });
  const notRecorded = left.length > 0 ? `not recorded: ${left.join('; ')}` : '';
  if (!r.written) return `Test record: ${where} not updated (${notRecorded || 'no function ran any case'})`;
  return `Test record: ${where} (${[counts.join(', '), notRecorded].filter(Boolean).join('; ')})`;
}

/**
 * Which changed paths (relative to the watched root) start no new run: dependencies and build output, and what a run
 * writes itself (.fnsync/: the test record, the local workspace; the --json report), which would otherwise re-run the
 * tests for ever.
 */
export function watchIgnores(root: string, cwd: string, jsonFile?: string): (file: string) => boolean {
  const ignored = /(^|[\\/])(node_modules|\.git|dist|\.fnsync)([\\/]|$)/;
  const report = jsonFile !== undefined && jsonFile !== '-' ? relative(root, resolve(cwd, jsonFile)) : undefined;
  // write-file-atomic writes `<file>.<number>` beside the report, then renames it over the report.
  const isReport = (file: string) => report !== undefined && (file === report || (file.startsWith(`${report}.`) && /^\d+$/.test(file.slice(report.length + 1))));
  return (file) => ignored.test(file) || isReport(file);
}

/** Runs, then re-runs on every change under the project directory until interrupted. */
async function watchTests(ctx: CliContext, names: string[], options: TestOptions): Promise<number> {
  const { watch } = await import('node:fs');
  const { dirname } = await import('node:path');
  const { findConfigFile } = await import('../../config/load-config.js');
  const { createRuntime } = await import('../../runtime/create-runtime.js');
  const { reportError } = await import('../main.js');
  const root = dirname(findConfigFile(ctx.cwd, options.config));
  const runtime = createRuntime();
  let running = false;
  let again = false;
  const cycle = async () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    do {
      again = false;
      try {
        await runAndReport(ctx, names, options, runtime);
      } catch (err) {
        reportError(err, ctx);
      }
      ctx.stderr('watching for changes (Ctrl-C to stop)');
    } while (again);
    running = false;
  };
  let timer: NodeJS.Timeout | undefined;
  const ignored = watchIgnores(root, ctx.cwd, options.jsonFile);
  watch(root, { recursive: true }, (_event, file) => {
    if (file && ignored(String(file))) return;
    clearTimeout(timer);
    timer = setTimeout(() => void cycle(), 150);
  });
  await cycle();
  // Watching ends only when the user interrupts the process, so the exit code is never decided here.
  return new Promise<number>(() => {});
}
