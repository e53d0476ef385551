// `fnsync validate`: checks fnsync.yaml and the handler code, printing every problem with file:line:col.
// Warnings (a misspelt handler, an unknown global, a credential not marked sensitive) are printed on stderr and
// leave the exit code 0, unless --strict makes them errors.
import type { Command } from 'commander';
import type { CommandRunner } from './index.js';

interface ValidateOptions {
  config?: string;
  json?: boolean;
  strict?: boolean;
}

/** Adds the `validate` command; the config modules load only when it runs so `fnsync --help` stays fast. */
export function register(program: Command, run: CommandRunner): void {
  program
    .command('validate')
    .description('check fnsync.yaml against its schema and rules, and compile every handler (runs no code, needs no secrets)')
    .option('-c, --config <file>', 'config file to check (default: fnsync.yaml in the current directory)')
    .option('--json', 'print the result as one JSON document on stdout, also on error (human text goes to stderr)')
    .option('--strict', 'treat warnings as errors (exit code 1 when there is any)')
    .addHelpText(
      'after',
      '\nProblems are printed as FILE:LINE:COL path.to.field: message, and the exit code is 1.\n' +
        'Warnings (FILE:LINE:COL path: warning: message) go to stderr and keep the exit code 0 unless --strict.\n' +
        'Environment variables referenced as ${env:NAME} are listed; unset ones are not an error here.',
    )
    .action((options: ValidateOptions) =>
      run(async (ctx) => {
        const { findConfigFile, loadConfig } = await import('../../config/load-config.js');
        const { summariseConfig, renderSummary, renderJson } = await import('../../config/validate-report.js');
        const { UserError, formatProblem } = await import('../../errors.js');
        const { relative } = await import('node:path');
        let displayFile = options.config ?? 'fnsync.yaml';
        try {
          const file = findConfigFile(ctx.cwd, options.config);
          displayFile = relative(ctx.cwd, file) || file;
          const config = await loadConfig(file, { cwd: ctx.cwd, strict: options.strict });
          const warnings = config.warnings ?? [];
          for (const w of warnings) ctx.stderr(formatProblem(w));
          const summary = summariseConfig(config, displayFile, ctx.env);
          if (options.json) ctx.stdout(renderJson({ valid: true, summary, warnings }));
          else for (const line of renderSummary(summary, warnings.length)) ctx.stdout(line);
          return 0;
        } catch (err) {
          // With --json, stdout is always one JSON document, even when the file is missing or unreadable.
          if (!(options.json && err instanceof UserError)) throw err;
          for (const p of err.problems) ctx.stderr(formatProblem(p));
          ctx.stderr(`error: ${err.message}`);
          // As on success: what fails the run is in `problems`, each with its severity; warnings are apart.
          const isWarning = (p: { severity?: string }) => p.severity === 'warning';
          const problems = err.problems.filter((p) => !isWarning(p)).map((p) => ({ ...p, severity: p.severity ?? 'error' }));
          ctx.stdout(renderJson({ valid: false, file: displayFile, error: err.message, problems, warnings: err.problems.filter(isWarning) }));
          return 1;
        }
      }, { json: options.json }),
    );
}
