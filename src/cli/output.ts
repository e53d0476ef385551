// Where commands write. Injected so tests can capture output without spawning a process.

/** The streams and environment a command runs against. */
export interface CliContext {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Print stack traces and internal details (never secrets). */
  debug: boolean;
}

/** The real process streams. */
export function processContext(debug = false): CliContext {
  return {
    stdout: (t) => process.stdout.write(t.endsWith('\n') ? t : `${t}\n`),
    stderr: (t) => process.stderr.write(t.endsWith('\n') ? t : `${t}\n`),
    env: process.env,
    cwd: process.cwd(),
    debug,
  };
}
