// The CLI entry point: the only place that prints errors and decides exit codes.
import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { FnsyncError, UserError, ApiError, formatProblem, InternalError, type Problem } from '../errors.js';
import { errorAnnotation, errorAnnotations } from '../github/annotations.js';
import { commands, type CommandRunner } from './commands/index.js';
import { processContext, type CliContext } from './output.js';
import { rewriteDeprecatedJson } from './commands/test.js';

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

  const run: CommandRunner = async (action, mode = {}) => {
    const debug = Boolean(program.opts().debug);
    const ctx = ctxFactory(debug);
    try {
      onExit(await action(ctx));
    } catch (err) {
      onExit(reportError(err, ctx, { json: Boolean(mode.json) }));
    }
  };
  for (const register of commands) register(program, run);
  return program;
}

/**
 * The JSON document a `--json` command prints on stdout when it fails: the message and the located problems (each
 * also as its one-line text), the same keys `fnsync validate --json` uses.
 */
export function errorDocument(message: string, problems: Problem[] = []): string {
  return JSON.stringify({ ok: false, error: message, problems: problems.map((p) => ({ ...p, text: formatProblem(p) })) }, null, 2);
}

/** Prints an error the one fnsync way (stderr; with `json`, also the error document on stdout) and returns the exit code. */
export function reportError(err: unknown, ctx: CliContext, mode: { json?: boolean } = {}): number {
  if (mode.json) {
    const known = err instanceof FnsyncError;
    const message = known ? err.message : `unexpected error: ${err instanceof Error ? err.message : String(err)}`;
    ctx.stdout(errorDocument(err instanceof InternalError ? `internal error: ${message}` : message, err instanceof UserError ? err.problems : []));
  }
  const inActions = ctx.env.GITHUB_ACTIONS === 'true';
  let line: string;
  if (err instanceof UserError) {
    for (const p of err.problems) ctx.stderr(formatProblem(p));
    line = `error: ${err.message}`;
  } else if (err instanceof InternalError) {
    line = `internal error: ${err.message} (this is a bug in fnsync; please report it with --debug output)`;
  } else if (err instanceof FnsyncError || err instanceof ApiError) {
    line = `error: ${err.message}`;
  } else {
    const message = err instanceof Error ? err.message : String(err);
    line = `unexpected error: ${message}${ctx.debug ? '' : ' (run with --debug for details)'}`;
  }
  ctx.stderr(line);
  // In GitHub Actions each problem also becomes an annotation on its file and line; an error that names no file
  // (a missing token, an API failure) becomes one on the run, so the run's page says why it failed.
  if (inActions) {
    const problems = err instanceof UserError ? err.problems : [];
    if (problems.length > 0) for (const a of errorAnnotations(problems, { cwd: ctx.cwd, ...(ctx.env.GITHUB_WORKSPACE ? { workspace: ctx.env.GITHUB_WORKSPACE } : {}) })) ctx.stderr(a);
    else ctx.stderr(errorAnnotation(line.replace(/^error: /, '')));
  }
  if (ctx.debug && err instanceof Error && err.stack) ctx.stderr(err.stack);
  return err instanceof FnsyncError ? err.exitCode : 1;
}

/** `--json` before any `--`: the caller wants one JSON document on stdout, even for a usage error. */
function wantsJson(argv: string[]): boolean {
  const end = argv.indexOf('--');
  return (end === -1 ? argv : argv.slice(0, end)).includes('--json');
}

/** Runs the CLI with the given argv and resolves to the process exit code. */
export async function main(argv: string[], ctxFactory: (debug: boolean) => CliContext = processContext): Promise<number> {
  let code = 0;
  const program = buildProgram(ctxFactory, (c) => {
    code = c;
  });
  // `test`'s deprecated `--json -` / `--json FILE.json` forms become today's flags before commander sees them.
  const rewritten = rewriteDeprecatedJson(argv, 2);
  argv = rewritten.argv;
  for (const warning of rewritten.warnings) ctxFactory(false).stderr(warning);
  if (rewritten.conflict !== undefined) return reportError(new UserError(rewritten.conflict), ctxFactory(argv.includes('--debug')), { json: wantsJson(argv) });
  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version exit 0; a usage mistake is an error like any other (1), so that 2 keeps
      // its one meaning, `fnsync plan --detailed-exitcode`'s "there are changes".
      if (err.exitCode === 0) return 0;
      // Commander has printed the message on stderr; under --json stdout still gets its one document.
      if (wantsJson(argv)) ctxFactory(false).stdout(errorDocument(err.message.replace(/^error: /, '')));
      return 1;
    }
    return reportError(err, ctxFactory(argv.includes('--debug')), { json: wantsJson(argv) });
  }
  return code;
}
