// The embedded local workspace: fnsync's default target without a token. The same emulator, started
// in-process on a loopback port with state in `.fnsync/workspace.json`, pre-seeded for the example project.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { LOCAL_WORKSPACE_SEED } from './default-seed.js';
import { startEmulator, type RunningEmulator } from './server.js';

/** Where the local workspace keeps its state, relative to the project directory. */
export const LOCAL_WORKSPACE_STATE = '.fnsync/workspace.json';

/** A running local workspace plus what a client needs to reach it. */
export interface LocalWorkspace extends RunningEmulator {
  /** Absolute path of the state file. */
  stateFile: string;
  /** A per-process random token, so other local processes cannot drive this server by accident. */
  token: string;
}

/** What a caller may change about the local workspace (fnsync's commands change nothing). */
export interface LocalWorkspaceOptions {
  /** Raise the function ceiling (default: the stored one, else Segment's 25), e.g. for a benchmark with 200+ functions. */
  maxFunctions?: number;
}

/** Starts the embedded local workspace for the project in `cwd`; the caller closes it when the command ends. */
export async function startLocalWorkspace(cwd: string, options: LocalWorkspaceOptions = {}): Promise<LocalWorkspace> {
  const stateFile = join(cwd, LOCAL_WORKSPACE_STATE);
  const token = randomBytes(16).toString('hex');
  const emulator = await startEmulator({
    host: '127.0.0.1', port: 0, stateFile, seed: LOCAL_WORKSPACE_SEED, token,
    ...(options.maxFunctions === undefined ? {} : { maxFunctions: options.maxFunctions }),
  });
  return Object.assign(emulator, { stateFile, token });
}
