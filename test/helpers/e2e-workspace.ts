// The two workspaces plan/apply tests run against, behind one shape: a separately started emulator
// reached over HTTP with SEGMENT_API_URL + token (as after `fnsync emulator start`), and the embedded
// local workspace of a project (no token; state in .fnsync/workspace.json, as in the README quick start).
// Tests read and change the workspace through the official SDK (fnsync's adapter over it), never by
// trusting what fnsync printed.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createSegmentApi } from '../../src/api/sdk-adapter.js';
import type { SegmentApi } from '../../src/api/types.js';
import { LOCAL_WORKSPACE_SEED } from '../../src/emulator/default-seed.js';
import { startLocalWorkspace } from '../../src/emulator/local-workspace.js';
import { startEmulator, type EmulatorOptions, type EmulatorState, type RunningEmulator } from '../../src/emulator/server.js';
import { makeTempDir } from './cli.js';

/** A workspace under test. */
export interface TestWorkspace {
  kind: 'emulator' | 'local';
  /** Environment for runCli that targets this workspace. */
  env: Record<string, string>;
  /** The first stderr line every workspace command prints for it. */
  targetLine: string;
  /** The workspace's name, which the API appends to some display names. */
  name: string;
  /** The stored state, secrets in full (the emulator's own view; fnsync never prints this). */
  state(): EmulatorState;
  /** Runs `fn` with a client over the official SDK, connected to this workspace. */
  withApi<T>(fn: (api: SegmentApi) => Promise<T>): Promise<T>;
  /** The running emulator, when the test has one (fault injection); undefined for the local workspace. */
  emulator?: RunningEmulator;
  close(): Promise<void>;
}

const TOKEN = 'sgp_e2eTOKEN_4b7d1f0a9c';

/** Starts an emulator in-process on a random port, state in a temp file, seeded like the local workspace. */
export async function startTestEmulator(options: Partial<EmulatorOptions> = {}): Promise<TestWorkspace> {
  const stateFile = join(makeTempDir(), 'emulator-state.json');
  const workspace = { slug: 'e2e-ws', name: 'E2E Workspace' };
  const em = await startEmulator({ token: TOKEN, seed: LOCAL_WORKSPACE_SEED, stateFile, workspace, ...options });
  return {
    kind: 'emulator',
    env: { SEGMENT_API_URL: em.url, SEGMENT_PUBLIC_API_TOKEN: TOKEN },
    targetLine: `Workspace: ${workspace.slug} (${new URL(em.url).host})`,
    name: workspace.name,
    state: () => em.state(),
    withApi: (fn) => fn(createSegmentApi({ baseUrl: em.url, token: TOKEN })),
    emulator: em,
    close: () => em.close(),
  };
}

/** The embedded local workspace of the project in `dir` (started by fnsync itself on each command). */
export function localWorkspace(dir: string): TestWorkspace {
  const stateFile = join(dir, '.fnsync/workspace.json');
  return {
    kind: 'local',
    env: {},
    targetLine: 'Workspace: local (.fnsync/workspace.json)',
    name: 'Local Workspace',
    state: () => {
      if (!existsSync(stateFile)) throw new Error('the local workspace has no state yet');
      return JSON.parse(readFileSync(stateFile, 'utf8')) as EmulatorState;
    },
    // The same server fnsync starts, on the same state file, while no fnsync command runs.
    async withApi(fn) {
      const local = await startLocalWorkspace(dir);
      try {
        return await fn(createSegmentApi({ baseUrl: local.url, token: local.token }));
      } finally {
        await local.close();
      }
    },
    close: async () => undefined,
  };
}

/** A stored function by display name as sent (the stored name may carry the workspace suffix). */
export function storedFunction(state: EmulatorState, displayName: string) {
  const found = state.functions.filter((f) => f.displayName === displayName || f.displayName.startsWith(`${displayName} (`));
  if (found.length !== 1) throw new Error(`expected one function named ${displayName}, found ${found.length}`);
  return found[0]!;
}
