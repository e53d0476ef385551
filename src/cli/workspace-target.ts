// Opens the workspace a command works on: resolves the target (token, region, SEGMENT_API_URL, CI),
// and for the embedded local workspace starts the emulator in-process on a loopback port, so even
// local runs go through the official SDK over real HTTP. Prints the target line before anything else.
import { createRequire } from 'node:module';
import { relative, resolve } from 'node:path';
import { createSegmentApi } from '../api/sdk-adapter.js';
import { resolveTarget, type WorkspaceTarget } from '../api/target.js';
import type { SegmentApi, Workspace } from '../api/types.js';
import { UserError } from '../errors.js';
import type { CliContext } from './output.js';

/** Flags every workspace command accepts. */
export interface WorkspaceFlags {
  /** `--local`: the embedded local workspace, even with a token or under CI. */
  local?: boolean;
  region?: string;
  /** `--config FILE`: read `region` and `workspace` from it. */
  config?: string;
}

/** An open workspace; always `close()` it (stops the local emulator and flushes its state). */
export interface OpenWorkspace {
  api: SegmentApi;
  workspace: Workspace;
  /** `Workspace: local (.fnsync/workspace.json)` or `Workspace: acme-prod (api.segmentapis.com)`. */
  label: string;
  kind: WorkspaceTarget['kind'];
  close(): Promise<void>;
}

function fnsyncVersion(): string {
  try {
    return (createRequire(import.meta.url)('../../package.json') as { version: string }).version;
  } catch {
    return 'dev';
  }
}

/** Reads region/workspace from fnsync.yaml when `--config` is given, or when one is in the directory. */
async function readTargetConfig(ctx: CliContext, explicit: string | undefined) {
  const { findConfigFile, loadConfig, DEFAULT_CONFIG_FILE } = await import('../config/load-config.js');
  const { existsSync } = await import('node:fs');
  if (!explicit && !existsSync(resolve(ctx.cwd, DEFAULT_CONFIG_FILE))) return undefined;
  const config = await loadConfig(findConfigFile(ctx.cwd, explicit), { cwd: ctx.cwd });
  return { region: config.region, workspace: config.workspace, rootDir: config.rootDir };
}

/**
 * Resolves the target, prints the target line (stderr) and connects. The line comes first even when
 * connecting fails, so an error is never shown without the workspace it concerns.
 */
export async function openWorkspace(ctx: CliContext, flags: WorkspaceFlags): Promise<OpenWorkspace> {
  const config = await readTargetConfig(ctx, flags.config);
  const target = resolveTarget({ env: ctx.env, local: flags.local, region: flags.region, config });
  return target.kind === 'local' ? openLocal(ctx, config?.rootDir) : openRemote(ctx, target);
}

async function openLocal(ctx: CliContext, rootDir: string | undefined): Promise<OpenWorkspace> {
  const { startLocalWorkspace, LOCAL_WORKSPACE_STATE } = await import('../emulator/local-workspace.js');
  const stateFile = resolve(rootDir ?? ctx.cwd, LOCAL_WORKSPACE_STATE);
  const label = `Workspace: local (${relative(ctx.cwd, stateFile) || stateFile})`;
  ctx.stderr(label);
  // In-process emulator on a loopback port with a per-process random token; we still go through the SDK.
  const local = await startLocalWorkspace(rootDir ?? ctx.cwd);
  try {
    const api = createSegmentApi({ baseUrl: local.url, token: local.token, version: fnsyncVersion() });
    const workspace = await api.getWorkspace();
    return { api, workspace, kind: 'local', label, close: () => local.close() };
  } catch (err) {
    await local.close();
    throw err;
  }
}

async function openRemote(ctx: CliContext, target: Extract<WorkspaceTarget, { kind: 'remote' }>): Promise<OpenWorkspace> {
  const api = createSegmentApi({ baseUrl: target.baseUrl, token: target.token, version: fnsyncVersion() });
  // The slug comes from `GET /`; if that fails the host alone still says where we tried.
  const workspace = await api.getWorkspace().catch((err: unknown) => {
    ctx.stderr(`Workspace: unknown (${target.host})`);
    throw err;
  });
  const label = `Workspace: ${workspace.slug} (${target.host})`;
  ctx.stderr(label);
  if (target.expectedSlug && workspace.slug !== target.expectedSlug) {
    throw new UserError(
      `the token belongs to workspace '${workspace.slug}', but fnsync.yaml says workspace: ${target.expectedSlug}; ` +
        'use the token of the right workspace (safety check: fnsync only changes the workspace the config names)',
    );
  }
  return { api, workspace, kind: 'remote', label, close: async () => {} };
}
