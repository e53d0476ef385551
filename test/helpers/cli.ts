// Runs the built CLI as a user would (a spawned `node bin/fnsync.js`), for end-to-end tests.
// `npm test` builds first (pretest), so dist/ matches src/.
import { spawn } from 'node:child_process';
import { mkdtempSync, cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { recordCliOutput } from './output-recorder.js';
import { CI_SERVICE_VARIABLES } from '../../src/cli/token-guard.js';

export const REPO_ROOT = resolve(import.meta.dirname, '../..');
export const BIN = join(REPO_ROOT, 'bin/fnsync.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunCliOptions {
  cwd?: string;
  env?: Record<string, string | undefined>;
  input?: string;
  timeoutMs?: number;
}

/** What CI services set (fnsync's token guard reads them): a test on a CI machine must see the environment it sets. */
const CI_VARIABLES = new Set(['CI', ...CI_SERVICE_VARIABLES]);

/** Spawns `fnsync <args>` and collects its output. The environment starts clean of SEGMENT_* and CI variables. */
export function runCli(args: string[], options: RunCliOptions = {}): Promise<CliResult> {
  const env: Record<string, string | undefined> = { ...process.env };
  for (const key of Object.keys(env)) {
    if (key.startsWith('SEGMENT_') || CI_VARIABLES.has(key) || key.startsWith('GITHUB_')) delete env[key];
  }
  Object.assign(env, { NO_COLOR: '1' }, options.env);
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: options.cwd ?? REPO_ROOT,
      env: env as NodeJS.ProcessEnv,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    // Kills a hung CLI before the test's own timeout (vitest.config.ts), so the failure shows its output.
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 100_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      recordCliOutput(args, stdout, stderr);
      resolvePromise({ code, stdout, stderr });
    });
    child.stdin.end(options.input ?? '');
  });
}

const tempDirs: string[] = [];

/**
 * A scratch directory, optionally pre-filled with files (path -> content) or a copy of a repo folder. It is removed
 * after the test file (test/helpers/setup.ts), so a run leaves nothing in the temp directory.
 */
export function makeTempDir(files: Record<string, string> = {}, copyFrom?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'fnsync-test-'));
  tempDirs.push(dir);
  if (copyFrom) cpSync(copyFrom, dir, { recursive: true });
  for (const [path, content] of Object.entries(files)) {
    const full = join(dir, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, content);
  }
  return dir;
}

/** Removes every directory makeTempDir made so far; runs after each test file. */
export function removeTempDirs(): void {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
}
