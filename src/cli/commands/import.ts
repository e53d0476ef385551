// `fnsync import`: adopts an existing workspace in one step. It reads the workspace once through the
// read-only view (it never writes to it) and writes local files only: an fnsync.yaml entry with
// `adopt:` for every function fnsync does not manage yet (or those named with --function), the code
// as deployed, and a fixture skeleton. The next plan then shows only the adoptions.
import type { Command } from 'commander';
import type { Config } from '../../config/types.js';
import type { ExistingConfig } from '../../import/select-functions.js';
import type { CliContext } from '../output.js';
import type { CommandRunner } from './index.js';
import { addTargetFlags } from './target-flags.js';

export interface ImportFlags {
  function?: string[];
  config?: string;
  local?: boolean;
  region?: string;
  dryRun?: boolean;
  json?: boolean;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** Adds `fnsync import`. */
export function register(program: Command, run: CommandRunner): void {
  const cmd = program
    .command('import')
    .description('write fnsync.yaml entries, code files and fixture skeletons for the workspace functions fnsync does not manage yet (reads the workspace, never changes it)')
    .option('--function <name>', 'only this function: its display name or id (repeatable)', collect)
    .option('-c, --config <file>', 'config file to add to, or to create (default: fnsync.yaml in the current directory)');
  addTargetFlags(cmd)
    .option('--dry-run', 'print what would be imported and written, and write nothing')
    .option('--json', 'print what was imported as one JSON document on stdout, also on error (the text goes to stderr)')
    .addHelpText(
      'after',
      '\nExisting files are never overwritten: a local name whose functions/<name>/ folder exists gets -2, -3, ...\n' +
        'Secrets become ${env:NAME} references; the variables are listed. Exit code 1 when a function could not be imported.',
    )
    .action((options: ImportFlags) => run((ctx) => runImport(ctx, options), { json: options.json }));
}

/** Runs the import (also `fnsync init --import`). */
export async function runImport(ctx: CliContext, flags: ImportFlags): Promise<number> {
  const { existsSync, statSync } = await import('node:fs');
  const { readFile } = await import('node:fs/promises');
  const { dirname, relative, resolve } = await import('node:path');
  const { DEFAULT_CONFIG_FILE, loadConfig } = await import('../../config/load-config.js');
  const { UserError } = await import('../../errors.js');
  const configFile = resolve(ctx.cwd, flags.config ?? DEFAULT_CONFIG_FILE);
  const shown = relative(ctx.cwd, configFile) || configFile;
  const rootDir = dirname(configFile);
  const exists = existsSync(configFile);
  if (exists && statSync(configFile).isDirectory()) throw new UserError(`config file ${shown} is a directory, not a file`);
  const text = exists ? await readFile(configFile, 'utf8') : undefined;
  const config = exists ? await loadExisting(loadConfig, configFile, ctx.cwd, shown) : undefined;

  const { openWorkspace } = await import('../workspace-target.js');
  const { readWithProgress } = await import('../plan-session.js');
  const { readOnlyView } = await import('../../api/snapshot.js');
  // Without a config yet, the local workspace is the one beside the config to be written.
  const opened = await openWorkspace(exists ? ctx : { ...ctx, cwd: rootDir }, { config: exists ? flags.config : undefined, local: flags.local, region: flags.region });
  try {
    const snapshot = await readWithProgress(ctx, readOnlyView(opened.api));
    const { buildImport } = await import('../../import/build-import.js');
    const { buildValidImport } = await import('../../import/check-import.js');
    const existingCode = new Map((config?.functions ?? []).map((f) => [f.name, { absPath: f.codePath, text: f.code }]));
    const plan = buildValidImport(
      (excluded) =>
        buildImport({
          snapshot,
          existing: existingOf(config),
          selectors: flags.function ?? [],
          pathExists: (path) => existsSync(resolve(rootDir, path)),
          config: { path: shown, text },
          schemaDir: schemaDir(existsSync, resolve, rootDir),
          workspaceSlug: opened.kind === 'remote' ? opened.workspace.slug : undefined,
          excluded,
        }),
      { configFile, cwd: ctx.cwd, existingCode },
    );
    if (!flags.dryRun && plan.functions.length > 0) {
      const { writeImport } = await import('../../import/write-import.js');
      await writeImport(plan, { rootDir, configFile, originalText: text });
    }
    const { renderImportText } = await import('../../render/import-text.js');
    const dir = relative(ctx.cwd, rootDir).split('\\').join('/');
    const report = renderImportText(plan, { workspace: opened.workspace.slug, dryRun: Boolean(flags.dryRun), dir }).join('\n');
    const failed = plan.skipped.some((s) => s.kind === 'problem');
    if (!flags.json) ctx.stdout(report);
    else {
      ctx.stderr(report);
      ctx.stdout(JSON.stringify(importDocument(plan, opened.workspace.slug, Boolean(flags.dryRun), failed), null, 2));
    }
    return failed ? 1 : 0;
  } finally {
    await opened.close();
  }
}

/** The `--json` document: what import wrote (or would write), without the file contents. */
function importDocument(plan: import('../../import/types.js').ImportPlan, workspace: string, dryRun: boolean, failed: boolean): unknown {
  return {
    ok: !failed,
    workspace,
    dryRun,
    config: { path: plan.config.path, created: plan.config.created },
    functions: plan.functions.map((f) => ({
      name: f.name,
      remote: f.remote,
      ...(f.collision ? { collision: f.collision } : {}),
      files: [f.code.path, f.fixture.path],
      instances: f.instances,
      notes: f.notes,
    })),
    skipped: plan.skipped,
    variables: plan.functions.flatMap((f) => f.env),
  };
}

/** Import adds to a valid config only: what it checks against (names, adopt ids) must be trustworthy. */
async function loadExisting(load: typeof import('../../config/load-config.js').loadConfig, file: string, cwd: string, shown: string): Promise<Config> {
  const { UserError } = await import('../../errors.js');
  try {
    return await load(file, { cwd });
  } catch (err) {
    if (!(err instanceof UserError)) throw err;
    throw new UserError(`${err.message}; fix it first (fnsync import adds to a config that passes fnsync validate, and ${shown} is left as it is)`, err.problems);
  }
}

function existingOf(config: Config | undefined): ExistingConfig {
  return {
    names: (config?.functions ?? []).map((f) => f.name),
    adopted: new Map((config?.functions ?? []).flatMap((f) => (f.adopt ? [[f.adopt, f.name] as const] : []))),
    envNames: (config?.envReferences ?? []).map((r) => r.name),
  };
}

/**
 * Where editors find fnsync's schemas from the project: the installed package when there is one,
 * else a `schemas/` folder beside the config (fnsync's own repository), else where `npm install -D
 * fnsync` will put them.
 */
function schemaDir(exists: (p: string) => boolean, resolve: (...p: string[]) => string, rootDir: string): string {
  if (exists(resolve(rootDir, 'node_modules/fnsync/schemas/fnsync.schema.json'))) return 'node_modules/fnsync/schemas';
  if (exists(resolve(rootDir, 'schemas/fnsync.schema.json'))) return 'schemas';
  return 'node_modules/fnsync/schemas';
}
