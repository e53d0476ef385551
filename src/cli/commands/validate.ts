// `fnsync validate`: checks fnsync.yaml and the handler code, printing every problem with file:line:col.
import type { Command } from 'commander';
import type { CommandRunner } from './index.js';

interface ValidateOptions {
  config?: string;
  json?: boolean;
}

/** Adds the `validate` command; the config modules load only when it runs so `fnsync --help` stays fast. */
export function register(program: Command, run: CommandRunner): void {
  program
    .command('validate')
    .description('check fnsync.yaml against its schema and rules, and compile every handler (runs no code, needs no secrets)')
    .option('-c, --config <file>', 'config file to check (default: fnsync.yaml in the current directory)')
    .option('--json', 'print the result as JSON on stdout (exit code unchanged)')
    .addHelpText(
      'after',
      '\nProblems are printed as FILE:LINE:COL path.to.field: message, and the exit code is 1.\n' +
        'Environment variables referenced as ${env:NAME} are listed; unset ones are not an error here.',
    )
    .action((options: ValidateOptions) =>
      run(async (ctx) => {
        const { findConfigFile, loadConfig } = await import('../../config/load-config.js');
        const { summariseConfig, renderSummary, renderJson } = await import('../../config/validate-report.js');
        const { UserError } = await import('../../errors.js');
        const { relative } = await import('node:path');
        let displayFile = options.config ?? 'fnsync.yaml';
        try {
          const file = findConfigFile(ctx.cwd, options.config);
          displayFile = relative(ctx.cwd, file) || file;
          const config = await loadConfig(file, { cwd: ctx.cwd });
          const summary = summariseConfig(config, displayFile, ctx.env);
          if (options.json) ctx.stdout(renderJson({ valid: true, summary }));
          else for (const line of renderSummary(summary)) ctx.stdout(line);
          return 0;
        } catch (err) {
          // With --json, stdout is always one JSON document, even when the file is missing or unreadable.
          if (!(options.json && err instanceof UserError)) throw err;
          ctx.stdout(renderJson({ valid: false, file: displayFile, error: err.message, problems: err.problems }));
          return 1;
        }
      }),
    );
}
