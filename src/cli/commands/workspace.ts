// `fnsync workspace`: read-only listing of what the target workspace holds (functions with deploy
// state, sources, destinations, insert instances). Also the end-to-end proof that the CLI reaches the
// workspace through the official SDK. Setting values are never printed: they may be secrets.
import type { Command } from 'commander';
import type { RemoteDestination, RemoteFunction, RemoteInsertInstance, RemoteSource } from '../../api/types.js';
import type { CliContext } from '../output.js';
import type { CommandRunner } from './index.js';
import { addTargetFlags } from './target-flags.js';

interface WorkspaceOptions {
  local?: boolean;
  region?: string;
  config?: string;
  json?: boolean;
}

/** Everything the command shows, computed before rendering. */
interface WorkspaceListing {
  target: { kind: 'local' | 'remote'; label: string };
  workspace: { id: string; slug: string; name: string };
  functions: Array<Omit<RemoteFunction, 'code' | 'settings'> & { deployState: string; settings: string[] }>;
  sources: Array<Omit<RemoteSource, 'settings'> & { functionId: string | undefined }>;
  destinations: Array<Omit<RemoteDestination, 'settings'> & { functionId: string | undefined }>;
  insertInstances: Array<Omit<RemoteInsertInstance, 'settings' | 'encryptedSettings'> & { functionDisplayName: string }>;
}

/** Adds `fnsync workspace`; the API client and emulator load only when it runs. */
export function register(program: Command, run: CommandRunner): void {
  addTargetFlags(
    program
      .command('workspace')
      .description('show the target workspace: functions (with deploy state), sources, destinations, insert instances (read-only)'),
  )
    .option('-c, --config <file>', 'read region and workspace from this config (default: fnsync.yaml if present)')
    .option('--json', 'print the listing as one JSON document on stdout, also on error')
    .addHelpText(
      'after',
      '\nTarget: SEGMENT_PUBLIC_API_TOKEN selects a real workspace (SEGMENT_API_URL overrides the API URL);\n' +
        'without a token fnsync uses the embedded local workspace, except under CI=true without --local.',
    )
    .action((options: WorkspaceOptions) => run((ctx) => showWorkspace(ctx, options), { json: options.json }));
}

async function showWorkspace(ctx: CliContext, options: WorkspaceOptions): Promise<number> {
  const { openWorkspace } = await import('../workspace-target.js');
  const opened = await openWorkspace(ctx, options);
  try {
    const listing = await collect(opened);
    if (options.json) ctx.stdout(JSON.stringify({ ok: true, ...listing }, null, 2));
    else for (const line of render(listing)) ctx.stdout(line);
    return 0;
  } finally {
    await opened.close();
  }
}

async function collect(opened: Awaited<ReturnType<typeof import('../workspace-target.js').openWorkspace>>): Promise<WorkspaceListing> {
  const { deployStateOf, instanceMetadataIds, stripInsertPrefix } = await import('../../api/index.js');
  // The same one read of the workspace a plan makes (each list once), not a second way of listing it.
  const { functions, sources, destinations, insertInstances: inserts } = await opened.api.readSnapshot();
  const insertFns = functions.filter((f) => f.type === 'insert-destination' || f.type === 'insert-source');
  const owner = (metadataId: string, type: string) =>
    functions.find((f) => f.type === type && instanceMetadataIds(f).has(metadataId))?.id;
  return {
    target: { kind: opened.kind, label: opened.label },
    workspace: opened.workspace,
    functions: functions.map(({ code: _code, settings, ...f }) => ({ ...f, deployState: deployStateOf(f), settings: settings.map((s) => s.name) })),
    sources: sources.map(({ settings: _s, ...s }) => ({ ...s, functionId: owner(s.metadataId, 'source') })),
    destinations: destinations.map(({ settings: _s, ...d }) => ({ ...d, functionId: owner(d.metadataId, 'destination') })),
    insertInstances: inserts.map(({ settings: _s, encryptedSettings: _e, ...i }) => ({
      ...i,
      functionDisplayName: insertFns.find((f) => stripInsertPrefix(f.id) === i.functionId)?.displayName ?? i.functionId,
    })),
  };
}

const DEPLOY_WORDS: Record<string, string> = {
  latest: 'deployed',
  outdated: 'saved, not deployed',
  'never-deployed': 'never deployed',
};

/** Aligned columns; plain text so it pastes into issues and CI logs. */
function table(rows: string[][]): string[] {
  const widths = rows.reduce<number[]>((w, r) => r.map((c, i) => Math.max(w[i] ?? 0, c.length)), []);
  return rows.map((r) => `  ${r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join('  ')}`.trimEnd());
}

function section(title: string, rows: string[][]): string[] {
  return [`${title} (${rows.length})`, ...(rows.length ? table(rows) : ['  (none)'])];
}

function render(l: WorkspaceListing): string[] {
  const fnName = (id: string | undefined) => l.functions.find((f) => f.id === id)?.displayName;
  const slugOf = (id: string) => l.sources.find((s) => s.id === id)?.slug ?? id;
  const onOff = (enabled: boolean) => (enabled ? 'enabled' : 'disabled');
  return [
    `${l.workspace.name} (${l.workspace.slug}, ${l.workspace.id})`,
    '',
    ...section(
      'Functions',
      l.functions.map((f) => [f.type, f.displayName, f.id, DEPLOY_WORDS[f.deployState] ?? f.deployState]),
    ),
    '',
    ...section(
      'Sources',
      l.sources.map((s) => [s.slug, s.name, s.id, onOff(s.enabled), s.functionId ? `function: ${fnName(s.functionId)}` : s.metadataName || s.metadataId]),
    ),
    '',
    ...section(
      'Destinations',
      l.destinations.map((d) => [
        d.name || d.metadataName,
        `on ${slugOf(d.sourceId)}`,
        d.id,
        onOff(d.enabled),
        d.functionId ? `function: ${fnName(d.functionId)}` : d.metadataName || d.metadataId,
      ]),
    ),
    '',
    ...section(
      'Insert function instances',
      l.insertInstances.map((i) => [i.name, i.functionDisplayName, `on ${i.integrationId}`, i.id, onOff(i.enabled)]),
    ),
  ];
}
