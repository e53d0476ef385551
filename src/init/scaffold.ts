// What `fnsync init` writes, as data: fnsync.yaml with one example function, its handler and a passing
// fixture, the GitHub workflow (with each secret the config uses), a .gitignore line for .fnsync/, a
// README section on the secrets and branch protection to set up, and a package.json depending on
// fnsync (its release tarball: fnsync is not on npm) when there is none. With fnsync.yaml there
// already, no example function. Pure: the writer (write-scaffold.ts) decides what exists already.
import type { FunctionType } from '../vocabulary.js';
import { exampleFunction } from './example-functions.js';

/** One file to write: created when missing; `append` files get their content added once (found by `marker`). */
export interface ScaffoldFile {
  path: string;
  content: string;
  kind: 'create' | 'append';
  /** For `append`: the text whose presence means it was added already. */
  marker?: string;
}

/** Choices and facts the files depend on. */
export interface ScaffoldOptions {
  type: FunctionType;
  /** `init --import`: the functions come from the workspace, so no example function. */
  imported: boolean;
  /** `${env:NAME}` variables of the config (the example's, or the imported config's). */
  envNames: string[];
  /** The workflow template (templates/fnsync-workflow.yml). */
  workflowTemplate: string;
  /** The fork notice workflow (templates/fnsync-fork-notice.yml). */
  forkNoticeTemplate: string;
  /** fnsync.yaml exists already: no example function (its handler and fixture would be unused). */
  configExists: boolean;
  /** A fnsync release tarball found in the folder (`fnsync-0.1.0.tgz`), for package.json. */
  tarball?: string;
  /** This fnsync's version, for package.json. */
  version: string;
  /** The folder's name, for package.json. */
  projectName: string;
}

/** Where fnsync's schemas are seen from the project root. */
export const SCHEMA_DIR = 'node_modules/fnsync/schemas';

/** The files, in the order they are reported. */
export function buildScaffold(options: ScaffoldOptions): ScaffoldFile[] {
  const files: ScaffoldFile[] = [];
  if (!options.imported && !options.configExists) {
    const ex = exampleFunction(options.type);
    files.push(
      { path: 'fnsync.yaml', kind: 'create', content: configText(ex.configEntry) },
      { path: `functions/${ex.name}/handler.js`, kind: 'create', content: ex.handler },
      { path: `functions/${ex.name}/tests/${ex.name}.yaml`, kind: 'create', content: `# yaml-language-server: $schema=../../../${SCHEMA_DIR}/fixture.schema.json\n# Fixture tests: fnsync test runs each case in the local runtime (format: docs/fixtures.md in the fnsync package).\n${ex.fixture}` },
    );
  }
  files.push(
    { path: '.github/workflows/fnsync.yml', kind: 'create', content: workflowText(options.workflowTemplate, options.envNames) },
    { path: '.github/workflows/fnsync-fork-notice.yml', kind: 'create', content: options.forkNoticeTemplate },
    { path: '.gitignore', kind: 'append', marker: '.fnsync/', content: '# fnsync local state: the embedded workspace (holds secret values in full) and the test record\n.fnsync/\nnode_modules/\n' },
    { path: 'README.md', kind: 'append', marker: '## Segment Functions with fnsync', content: readmeSection(options.envNames) },
    { path: 'package.json', kind: 'create', content: packageJson(options) },
  );
  return files;
}

function configText(entry: string): string {
  return `# yaml-language-server: $schema=./${SCHEMA_DIR}/fnsync.schema.json
# Written by fnsync init. Reference: docs/config-reference.md in the fnsync package.
version: 1
# workspace: your-workspace-slug # once set, plan and apply refuse any other workspace
functions:
${entry}`;
}

/** The template with one `NAME: \${{ secrets.NAME }}` line per variable where it says `# fnsync:config-secrets` (none: the line goes). */
export function workflowText(template: string, envNames: readonly string[]): string {
  return template.replace(/^( *)# fnsync:config-secrets\n/gm, (_line, indent: string) => envNames.map((n) => `${indent}${n}: \${{ secrets.${n} }}\n`).join(''));
}

/** The release tarball package.json points at: one found in the folder, else the name `npm pack` gives this version. */
export function tarballName(options: Pick<ScaffoldOptions, 'tarball' | 'version'>): string {
  return options.tarball ?? `fnsync-${options.version}.tgz`;
}

function readmeSection(envNames: readonly string[]): string {
  const env = envNames.map((n) => `- \`${n}\`: the value fnsync.yaml reads as \`\${env:${n}}\` (plan compares a secret by its last 4 characters; apply sends it). Add it to the environment \`segment-production\` and as a repository secret.`);
  return `
## Segment Functions with fnsync

This repository keeps Segment Functions in git with fnsync: \`fnsync.yaml\` declares them, \`functions/\` holds each handler and its fixture tests.

Day to day: edit, then \`npx fnsync validate\`, \`npx fnsync test\` and \`npx fnsync plan\` (with no token set, against the embedded local workspace). Open a pull request: the fnsync workflow tests it and shows the plan as one comment per workspace, updated on every push. Merging to main applies it and puts the result on the same comment. A daily run fails when someone changed the workspace by hand.

### Repository secrets to create (Settings, Secrets and variables, Actions)

- \`SEGMENT_PUBLIC_API_READ_TOKEN\`: a Segment Public API token with read-only access, for plans on pull requests and the drift check (a repository secret).
- \`SEGMENT_PUBLIC_API_TOKEN\`: a token with write access, only in the environment \`segment-production\` (Settings, Environments), which the apply job uses. In that environment set **Deployment branches and tags** to **Selected branches** with only \`main\`: otherwise any branch pushed to this repository can add \`environment: segment-production\` to a job of its own and read the write token. Add required reviewers there if an apply should wait for a second approval.
${env.join('\n')}

### Branch protection to turn on (Settings, Branches, a rule for main)

- Require a pull request before merging, with at least one approval.
- Require the status checks \`test\` and \`plan\` of the fnsync workflow to pass (a fork's pull request gets its notice from the separate workflow \`fnsync-fork-notice.yml\`, whose jobs never stand in for these checks).
- Do not allow bypassing the rule.

\`.fnsync/\` is local state (the embedded workspace, which holds secret values in full, and the test record): it is in \`.gitignore\`; never commit it. Commit \`package-lock.json\`: the workflow installs exactly the fnsync it locks.
`;
}

/**
 * package.json depending on fnsync the way fnsync's README installs it: fnsync is not on npm (and its name is
 * not claimed there, so a semver range could install someone else's package), so the dependency is the release
 * tarball beside package.json, as `npm install --save-dev ./fnsync-X.tgz` writes it. The `//` key says so.
 */
function packageJson(options: ScaffoldOptions): string {
  const name = options.projectName.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[._-]+/, '') || 'segment-functions';
  const tarball = tarballName(options);
  const pkg = {
    name,
    private: true,
    '//': `fnsync is not on npm: it is installed from its release tarball ${tarball}, committed beside this file (npm pack in a fnsync checkout makes it, or download it from a fnsync release). Never replace this with a version range: the npm name fnsync is not fnsync's.`,
    scripts: { validate: 'fnsync validate', test: 'fnsync test', plan: 'fnsync plan' },
    devDependencies: { fnsync: `file:${tarball}` },
  };
  return `${JSON.stringify(pkg, null, 2)}\n`;
}
