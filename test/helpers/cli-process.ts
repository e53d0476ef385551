// A spawned `fnsync` that the test holds on to (to kill it mid-run), unlike runCli which only
// returns once the process has ended. Same clean environment as runCli.
import { spawn, type ChildProcess } from 'node:child_process';
import { BIN, REPO_ROOT } from './cli.js';

/** How a held process ended. */
export interface CliExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** A running CLI: `child` to signal it (by its own pid only), `exited` once it is gone. */
export interface CliProcess {
  child: ChildProcess;
  exited: Promise<CliExit>;
}

/** Spawns `fnsync <args>`; killed after `timeoutMs` (default 60 s) so a test can never leave it behind. */
export function startCli(args: string[], options: { cwd: string; env: Record<string, string>; timeoutMs?: number }): CliProcess {
  const env: Record<string, string | undefined> = { ...process.env };
  for (const key of Object.keys(env)) {
    if (key.startsWith('SEGMENT_') || key === 'CI' || key.startsWith('GITHUB_')) delete env[key];
  }
  Object.assign(env, { NO_COLOR: '1' }, options.env);
  const child = spawn(process.execPath, [BIN, ...args], { cwd: options.cwd ?? REPO_ROOT, env: env as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
  const exited = new Promise<CliExit>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
  return { child, exited };
}
