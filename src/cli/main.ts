// The CLI entry point: the only place that prints errors and decides exit codes.
import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { FnsyncError, UserError, ApiError, formatProblem, InternalError } from '../errors.js';
import { commands, type CommandRunner } from './commands/index.js';
import { processContext, type CliContext } from './output.js';

/** The package version, read from package.json (next to dist/ and src/) so `--version` never drifts from a release. */
const VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/** Builds the commander program; exported so tests can inspect help without spawning. */
export function buildProgram(ctxFactory: (debug: boolean) => CliContext, onExit: (code: number) => void): Command {
  const program = new Command();
  program
    .name('fnsync')
    .description('Segment Functions as code: validate, test locally, plan and apply to a workspace.')
    .version(VERSION)
    .option('--debug', 'print stack traces and internal details (never secrets)')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();

  const run: CommandRunner = async (action) => {
    const debug = Boolean(program.opts().debug);
    const ctx = ctxFactory(debug);
    try {
      onExit(await action(ctx));
    } catch (err) {
      onExit(reportError(err, ctx));
    }
  };
  for (const register of commands) register(program, run);
  return program;
}

/** Prints an error the one fnsync way and returns the exit code for it. */
export function reportError(err: unknown, ctx: CliContext): number {
  if (err instanceof UserError) {
    for (const p of err.problems) ctx.stderr(formatProblem(p));
    ctx.stderr(`error: ${err.message}`);
  } else if (err instanceof ApiError) {
    ctx.stderr(`error: ${err.message}`);
  } else if (err instanceof InternalError) {
    ctx.stderr(`internal error: ${err.message} (this is a bug in fnsync; please report it with --debug output)`);
  } else if (err instanceof FnsyncError) {
    ctx.stderr(`error: ${err.message}`);
  } else {
    const message = err instanceof Error ? err.message : String(err);
    ctx.stderr(`unexpected error: ${message}${ctx.debug ? '' : ' (run with --debug for details)'}`);
  }
  if (ctx.debug && err instanceof Error && err.stack) ctx.stderr(err.stack);
  return err instanceof FnsyncError ? err.exitCode : 1;
}

/** Runs the CLI with the given argv and resolves to the process exit code. */
export async function main(argv: string[], ctxFactory: (debug: boolean) => CliContext = processContext): Promise<number> {
  let code = 0;
  const program = buildProgram(ctxFactory, (c) => {
    code = c;
  });
  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version exit 0; a usage mistake is an error like any other (1), so that 2 keeps
      // its one meaning, `fnsync plan --detailed-exitcode`'s "there are changes".
      return err.exitCode === 0 ? 0 : 1;
    }
    return reportError(err, ctxFactory(argv.includes('--debug')));
  }
  return code;
}
