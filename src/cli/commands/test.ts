// `fnsync test`: runs each function's fixture tests in the local runtime and prints one line per case, diffs for
// failures and the `N passed, N failed` summary; exit 1 on any failure.
import type { Command } from 'commander';
import { relative, resolve } from 'node:path';
import type { CliContext } from '../output.js';
import type { CommandRunner } from './index.js';

interface TestOptions {
  config?: string;
  json?: string;
  filter?: string;
  watch?: boolean;
}

/** Adds the `test` command; the runtime and fixture modules load only when it runs. */
export function register(program: Command, run: CommandRunner): void {
  program
    .command('test')
    .description("run the functions' fixture tests in the local runtime (outbound HTTP is mocked; nothing reaches the network)")
    .argument('[name...]', 'only these functions (default: all)')
    .option('-c, --config <file>', 'config file (default: fnsync.yaml in the current directory)')
    .option('--json <file>', "also write a machine-readable report to FILE ('-' for stdout; the text report then goes to stderr)")
    .option('--filter <text>', 'only cases whose name contains TEXT (case-insensitive)')
    .option('--watch', 're-run when the config, a handler or a fixture changes')
    .addHelpText(
      'after',
      '\nFixture files are found through each function\'s `tests:` glob (default tests/*.yaml beside the handler).\n' +
        'The last line is `N passed, N failed` (`, N skipped` when any were skipped); the exit code is 1 on any failure.\n' +
        'A function with no test files prints a warning and does not fail the run. See docs/fixtures.md for the format.',
    )
    .action((names: string[], options: TestOptions) => run((ctx) => (options.watch ? watchTests(ctx, names, options) : runOnce(ctx, names, options))));
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

async function runAndReport(ctx: CliContext, names: string[], options: TestOptions, runtime: import('../../runtime/types.js').Runtime): Promise<number> {
  const { findConfigFile, loadConfig } = await import('../../config/load-config.js');
  const { runTests } = await import('../../runtime/fixtures/run-tests.js');
  const { renderTestReportText, renderTestReportJson } = await import('../../render/test-report.js');
  const { default: picocolors } = await import('picocolors');
  const config = await loadConfig(findConfigFile(ctx.cwd, options.config), { cwd: ctx.cwd });
  const { report, secrets } = await runTests(config, { runtime, names, filter: options.filter, env: ctx.env, cwd: ctx.cwd });
  const toStdout = options.json === '-';
  const text = renderTestReportText(report, { color: picocolors.isColorSupported && !toStdout, secrets });
  (toStdout ? ctx.stderr : ctx.stdout)(text);
  if (options.filter !== undefined && report.passed + report.failed + report.skipped === 0) {
    ctx.stderr(`warning: no case name contains "${options.filter}"`);
  }
  if (options.json !== undefined) {
    const json = renderTestReportJson(report, { secrets });
    if (toStdout) ctx.stdout(json);
    else {
      const { writeReportFile } = await import('../../runtime/write-report-file.js');
      await writeReportFile(ctx.cwd, options.json, json);
    }
  }
  return report.failed > 0 ? 1 : 0;
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
  const ignored = watchIgnores(root, ctx.cwd, options.json);
  watch(root, { recursive: true }, (_event, file) => {
    if (file && ignored(String(file))) return;
    clearTimeout(timer);
    timer = setTimeout(() => void cycle(), 150);
  });
  await cycle();
  // Watching ends only when the user interrupts the process, so the exit code is never decided here.
  return new Promise<number>(() => {});
}
