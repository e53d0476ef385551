// What `fnsync plan` and `fnsync apply` share: load and check the config, open the workspace (whose
// slug is checked against fnsync.yaml's `workspace:` before any other call), read the whole workspace
// once with a live progress line, and gather the plan's other inputs: the environment (for secrets
// to compare), the test record and the provenance for fnsync's marker. No function code runs here.
import type { WorkspaceReader, WorkspaceSnapshot } from '../api/types.js';
import type { Config } from '../config/types.js';
import type { PlanInput } from '../plan/plan-state.js';
import type { PlanOptions, TestStatus } from '../plan/types.js';
import type { CliContext } from './output.js';
import type { OpenWorkspace } from './workspace-target.js';

/** Flags plan and apply both take. */
export interface SessionFlags {
  config?: string;
  local?: boolean;
  region?: string;
  target?: string[];
  refreshSecrets?: boolean;
  skipTests?: boolean;
  testResults?: string;
}

/** An open session; `close()` always (it stops the embedded local workspace). */
export interface PlanSession {
  config: Config;
  opened: OpenWorkspace;
  snapshot: WorkspaceSnapshot;
  input: PlanInput;
  testStatus: Record<string, TestStatus>;
  close(): Promise<void>;
}

/** Loads the config and reads the workspace. `write` gives the session the full client (apply only). */
export async function openPlanSession(ctx: CliContext, flags: SessionFlags): Promise<PlanSession> {
  const { findConfigFile, loadConfig } = await import('../config/load-config.js');
  const { openWorkspace } = await import('./workspace-target.js');
  const { readProvenance } = await import('./provenance.js');
  const config = await loadConfig(findConfigFile(ctx.cwd, flags.config), { cwd: ctx.cwd });
  const { noticeWarnings } = await import('./config-warnings.js');
  await noticeWarnings(ctx, config);
  const testStatus = await readTestStatus(config, flags.testResults, ctx.cwd);
  const { readOnlyView } = await import('../api/snapshot.js');
  const opened = await openWorkspace(ctx, { config: flags.config, local: flags.local, region: flags.region });
  try {
    const snapshot = await readWithProgress(ctx, readOnlyView(opened.api));
    const options: PlanOptions = {
      ...(flags.refreshSecrets ? { refreshSecrets: true } : {}),
      ...(flags.target && flags.target.length > 0 ? { targets: flags.target } : {}),
      ...(flags.skipTests ? { skipTests: true } : {}),
    };
    const input: PlanInput = { snapshot, env: ctx.env, provenance: readProvenance(config.file, ctx.cwd, ctx.env), testStatus, options };
    return { config, opened, snapshot, input, testStatus, close: () => opened.close() };
  } catch (err) {
    await opened.close();
    throw err;
  }
}


/** Reads the workspace, showing `Reading workspace: 12/200` on a terminal. */
export async function readWithProgress(ctx: CliContext, reader: WorkspaceReader): Promise<WorkspaceSnapshot> {
  const { progressLine } = await import('./progress.js');
  const line = progressLine(ctx);
  try {
    return await reader.readSnapshot({ onProgress: ({ done, total }) => line.update(`Reading workspace: ${done}/${total} functions and instance lists`) });
  } finally {
    line.done();
  }
}

/** Each function's test verdict from the record `fnsync test` wrote (or `--test-results FILE`, from the working directory). */
export async function readTestStatus(config: Config, file: string | undefined, cwd: string): Promise<Record<string, TestStatus>> {
  const { readTestVerdicts } = await import('../test-record/index.js');
  const { resolve } = await import('node:path');
  const verdicts = await readTestVerdicts(config, file ? { file: resolve(cwd, file) } : {});
  return Object.fromEntries(Object.entries(verdicts).map(([name, v]) => [name, v.status]));
}
