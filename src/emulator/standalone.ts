// The standalone emulator process behind `fnsync emulator start`: start, announce, serve until a signal, close.
import { resolve } from 'node:path';
import { UserError } from '../errors.js';
import { parseLatency, parsePort, parseRateLimit, parseMaxFunctions } from './cli-options.js';
import { LOCAL_WORKSPACE_SEED } from './default-seed.js';
import type { FaultSpec } from './faults.js';
import { startEmulator } from './server.js';

/** Where the standalone emulator writes and resolves paths (the CLI passes its context; emulator never imports cli). */
export interface StandaloneIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
}

/** Command-line options as commander hands them over. */
export interface StandaloneOptions {
  port: string;
  host: string;
  state: string;
  seed?: string;
  token?: string;
  latency?: string;
  rateLimit?: string;
  maxFunctions?: string;
}

/** The default standalone workspace identity (a seed file's own `workspace` wins). */
export const STANDALONE_WORKSPACE = { slug: 'emulator', name: 'Emulator Workspace' };

/** Runs until SIGINT/SIGTERM; resolves to exit code 0 after a clean close. */
export async function startStandalone(opts: StandaloneOptions, ctx: StandaloneIo): Promise<number> {
  const faults: FaultSpec = {};
  if (opts.latency !== undefined) faults.latencyMs = parseLatency(opts.latency);
  if (opts.rateLimit !== undefined) faults.rateLimit = parseRateLimit(opts.rateLimit);
  const port = parsePort(opts.port);
  const stateFile = resolve(ctx.cwd, opts.state);
  let emulator;
  try {
    emulator = await startEmulator({
      host: opts.host,
      port,
      stateFile,
      seed: opts.seed ? resolve(ctx.cwd, opts.seed) : LOCAL_WORKSPACE_SEED,
      // Without a seed of its own, name the workspace so `Workspace: emulator (…)` is not mistaken for the embedded one.
      ...(opts.seed ? {} : { workspace: STANDALONE_WORKSPACE }),
      token: opts.token,
      faults,
      ...(opts.maxFunctions !== undefined ? { maxFunctions: parseMaxFunctions(opts.maxFunctions) } : {}),
    });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new UserError(`port ${port} is already in use; pick another with --port (0 = any free port)`);
    if (code === 'EACCES') throw new UserError(`not allowed to listen on ${opts.host}:${port}`);
    if (code === 'EADDRNOTAVAIL') throw new UserError(`--host ${opts.host} is not an address of this machine`);
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') throw new UserError(`--host ${opts.host}: no such host name`);
    throw err;
  }
  ctx.stdout(`Segment Public API emulator listening on ${emulator.url}`);
  ctx.stdout(`State: ${opts.state}`);
  ctx.stdout(`Point fnsync at it with:\n  SEGMENT_API_URL=${emulator.url} SEGMENT_PUBLIC_API_TOKEN=${opts.token ? '<your --token>' : 'local'}`);
  ctx.stdout('Press Ctrl-C to stop.');
  const signal = await new Promise<NodeJS.Signals>((done) => {
    process.once('SIGINT', () => done('SIGINT'));
    process.once('SIGTERM', () => done('SIGTERM'));
  });
  await emulator.close();
  ctx.stderr(`Emulator stopped (${signal}).`);
  return 0;
}
