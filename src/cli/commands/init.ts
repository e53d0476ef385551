// `fnsync init`: sets a repository up for fnsync in one command, in an empty folder or an existing one
// (never overwriting a file, saying what it skipped): fnsync.yaml with one example function of the
// chosen type, its handler and a passing fixture, the GitHub workflow, .gitignore, a README section on
// the secrets and branch protection, and package.json. `--import` starts from the workspace instead.
import type { Command } from 'commander';
import type { FunctionType } from '../../vocabulary.js';
import type { CliContext } from '../output.js';
import type { CommandRunner } from './index.js';
import { addTargetFlags } from './target-flags.js';

interface InitFlags {
  type: string;
  import?: boolean;
  local?: boolean;
  region?: string;
}

/** The workflow template, found relative to this module in both src/ and dist/. */
const TEMPLATE = new URL('../../../templates/fnsync-workflow.yml', import.meta.url);
const FORK_TEMPLATE = new URL('../../../templates/fnsync-fork-notice.yml', import.meta.url);
const PACKAGE = new URL('../../../package.json', import.meta.url);

/** Adds `fnsync init`. */
export function register(program: Command, run: CommandRunner): void {
  const cmd = program
    .command('init')
    .description('set this folder up for fnsync: fnsync.yaml with an example function, its test, the GitHub workflow, .gitignore, README and package.json (never overwrites a file)')
    .option('--type <type>', 'the example function\'s type: source, destination, insert-destination or insert-source', 'destination')
    .option('--import', 'start from the functions already in the workspace (fnsync import) instead of an example');
  addTargetFlags(cmd)
    .addHelpText('after', '\nFiles that exist are skipped and listed; .gitignore and README.md get their part appended once.')
    .action((options: InitFlags) => run((ctx) => runInit(ctx, options)));
}

async function runInit(ctx: CliContext, flags: InitFlags): Promise<number> {
  const { readFile } = await import('node:fs/promises');
  const { existsSync } = await import('node:fs');
  const { basename, join } = await import('node:path');
  const { FUNCTION_TYPES } = await import('../../vocabulary.js');
  const { UserError } = await import('../../errors.js');
  const { buildScaffold } = await import('../../init/scaffold.js');
  const { exampleFunction } = await import('../../init/example-functions.js');
  const { writeScaffold } = await import('../../init/write-scaffold.js');
  if (!FUNCTION_TYPES.includes(flags.type as FunctionType)) {
    throw new UserError(`--type must be one of ${FUNCTION_TYPES.join(', ')}, not '${flags.type}'`);
  }
  const type = flags.type as FunctionType;
  let code = 0;
  let envNames = exampleFunction(type).env;
  if (flags.import) {
    const { runImport } = await import('./import.js');
    code = await runImport(ctx, { ...(flags.local ? { local: true } : {}), ...(flags.region ? { region: flags.region } : {}) });
    const { loadConfig } = await import('../../config/load-config.js');
    // Nothing to import leaves no fnsync.yaml: the rest of the scaffold is still written.
    const config = existsSync(join(ctx.cwd, 'fnsync.yaml')) ? await loadConfig(join(ctx.cwd, 'fnsync.yaml'), { cwd: ctx.cwd }) : undefined;
    envNames = config ? [...new Set(config.envReferences.map((r) => r.name))].sort() : [];
  } else if (existsSync(join(ctx.cwd, 'fnsync.yaml'))) {
    // An existing config is kept: the workflow passes the secrets it uses, not the example's.
    const { loadConfig } = await import('../../config/load-config.js');
    const config = await loadConfig(join(ctx.cwd, 'fnsync.yaml'), { cwd: ctx.cwd }).catch(() => undefined);
    if (config) envNames = [...new Set(config.envReferences.map((r) => r.name))].sort();
  }
  const version = (JSON.parse(await readFile(PACKAGE, 'utf8')) as { version: string }).version;
  const hadPackage = existsSync(join(ctx.cwd, 'package.json'));
  const configExists = !flags.import && existsSync(join(ctx.cwd, 'fnsync.yaml'));
  const { readdirSync } = await import('node:fs');
  // A release tarball already in the folder (the README's install step): package.json points at it.
  const tarball = readdirSync(ctx.cwd).filter((f) => /^fnsync-\d+\.\d+\.\d+[\w.-]*\.tgz$/.test(f)).sort().at(-1);
  const { tarballName } = await import('../../init/scaffold.js');
  const files = buildScaffold({
    type,
    imported: Boolean(flags.import),
    envNames,
    workflowTemplate: await readFile(TEMPLATE, 'utf8'),
    forkNoticeTemplate: await readFile(FORK_TEMPLATE, 'utf8'),
    configExists,
    ...(tarball ? { tarball } : {}),
    version,
    projectName: basename(ctx.cwd),
  });
  const written = await writeScaffold(ctx.cwd, files);
  for (const w of written) ctx.stdout(w.action === 'skipped' ? `  skipped  ${w.path} (${w.why})` : `  ${w.action.padEnd(7)}  ${w.path}`);
  if (configExists) ctx.stdout('  (fnsync.yaml exists: no example function written; the workflow passes the secrets it uses)');
  const file = tarballName({ version, ...(tarball ? { tarball } : {}) });
  const steps = [
    hadPackage
      ? `if package.json does not list fnsync yet: npm install --save-dev ./${file} (fnsync's release tarball, not on npm: npm pack in a fnsync checkout, or download it from a release; see fnsync's README)`
      : tarball
        ? `npm install (package.json points at ./${file})`
        : `put fnsync's release tarball ${file} in this folder (npm pack in a fnsync checkout, or download it from a release; fnsync is not on npm), then npm install`,
    // export: the variables must reach every command of the line, not the first one only.
    `${envNames.length > 0 ? `export ${envNames.map((n) => `${n}=...`).join(' ')} && ` : ''}npx fnsync validate && npx fnsync test && npx fnsync plan`,
    `commit (package-lock.json${hadPackage ? '' : ` and ${file}`} included), push, and create the secrets, environment branch rule and branch protection README.md lists`,
  ];
  ctx.stdout(['', 'Next steps:', ...steps.map((s, i) => `  ${i + 1}. ${s}`)].join('\n'));
  return code;
}
