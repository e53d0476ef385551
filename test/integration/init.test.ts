// `fnsync init`: the scaffold in an empty folder and in an existing one (never overwriting, saying what
// it skipped), for each function type, and the workflow it writes checked like the repository's own.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startEmulator } from '../../src/emulator/server.js';
import { makeTempDir, REPO_ROOT, runCli } from '../helpers/cli.js';
import { expectFnsyncFlow, expectForkNotice, parseWorkflow, schemaProblems } from '../helpers/workflow-checks.js';

const T = 90_000;

describe('fnsync init', () => {
  it('in an empty folder writes every file, and its workflow is valid and passes the example\'s secret', async () => {
    const dir = makeTempDir();
    const r = await runCli(['init'], { cwd: dir });
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
    for (const f of ['fnsync.yaml', 'functions/example-destination/handler.js', 'functions/example-destination/tests/example-destination.yaml', '.github/workflows/fnsync.yml', '.gitignore', 'README.md', 'package.json']) {
      expect(r.stdout).toContain(`  created  ${f}`);
      expect(existsSync(join(dir, f))).toBe(true);
    }
    const workflow = readFileSync(join(dir, '.github/workflows/fnsync.yml'), 'utf8');
    expect(schemaProblems(workflow)).toEqual([]);
    expectFnsyncFlow(parseWorkflow(workflow));
    expect(workflow.match(/EXAMPLE_WEBHOOK_URL: \$\{\{ secrets\.EXAMPLE_WEBHOOK_URL \}\}/g)).toHaveLength(3);
    expect(readFileSync(join(dir, 'fnsync.yaml'), 'utf8').split('\n')[0]).toBe('# yaml-language-server: $schema=./node_modules/fnsync/schemas/fnsync.schema.json');
    expect(readFileSync(join(dir, '.gitignore'), 'utf8')).toMatch(/^\.fnsync\/$/m);
    const readme = readFileSync(join(dir, 'README.md'), 'utf8');
    for (const s of ['SEGMENT_PUBLIC_API_TOKEN', 'SEGMENT_PUBLIC_API_READ_TOKEN', 'EXAMPLE_WEBHOOK_URL', 'Branch protection']) expect(readme).toContain(s);
    // fnsync is not on npm (its name there is not fnsync's): the dependency is the release tarball, as the README installs it.
    const version = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    expect(pkg.devDependencies.fnsync).toBe(`file:fnsync-${version}.tgz`);
    expect(pkg['//']).toContain('fnsync is not on npm');
    expect(r.stdout).toContain(`put fnsync's release tarball fnsync-${version}.tgz in this folder`);
    expect(r.stdout).not.toMatch(/^ {2}1\. npm install\b/m);
    // export: the variable reaches every command of the line.
    expect(r.stdout).toContain('export EXAMPLE_WEBHOOK_URL=... && npx fnsync validate && npx fnsync test && npx fnsync plan');
    // The environment that holds the write token is restricted to main.
    expect(readme).toMatch(/Deployment branches and tags\*\* to \*\*Selected branches\*\* with only `main`/);
    // The fork notice is a workflow of its own, valid and holding no secret.
    const fork = readFileSync(join(dir, '.github/workflows/fnsync-fork-notice.yml'), 'utf8');
    expect(schemaProblems(fork)).toEqual([]);
    expectForkNotice(parseWorkflow(fork));
    expect(r.stdout).toContain('  created  .github/workflows/fnsync-fork-notice.yml');
  }, T);

  it('in an existing folder never overwrites a file, says what it skipped, and appends .gitignore and README once', async () => {
    const dir = makeTempDir({ 'README.md': '# My project\n', '.gitignore': 'dist/', 'package.json': '{"name":"mine"}\n' });
    const r = await runCli(['init', '--type', 'insert-source'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('  skipped  package.json (it exists)');
    expect(r.stdout).toContain('  appended  README.md');
    expect(readFileSync(join(dir, 'package.json'), 'utf8')).toBe('{"name":"mine"}\n');
    expect(readFileSync(join(dir, '.gitignore'), 'utf8')).toMatch(/^dist\/\n# fnsync local state[^\n]*\n\.fnsync\/\n/);
    expect(readFileSync(join(dir, 'README.md'), 'utf8').startsWith('# My project\n\n## Segment Functions with fnsync')).toBe(true);
    const again = await runCli(['init', '--type', 'insert-source'], { cwd: dir });
    expect(again.code).toBe(0);
    expect(again.stdout).not.toMatch(/created|appended/);
    // fnsync.yaml exists now: no example handler and fixture that it would not use.
    expect(again.stdout).toContain('(fnsync.yaml exists: no example function written; the workflow passes the secrets it uses)');
    expect(again.stdout).toContain('if package.json does not list fnsync yet: npm install --save-dev ./fnsync-');
    // An insert function's config reads no secret: the placeholder line is gone, not left behind.
    expect(readFileSync(join(dir, '.github/workflows/fnsync.yml'), 'utf8')).not.toContain('fnsync:config-secrets');
    expect(again.stdout).toContain('  skipped  README.md (it already has ## Segment Functions with fnsync)');
    expect(readFileSync(join(dir, 'README.md'), 'utf8').match(/## Segment Functions with fnsync/g)).toHaveLength(1);
  }, T);

  it.each(['source', 'insert-destination'])('--type %s writes an example that validates and passes its tests', async (type) => {
    const dir = makeTempDir();
    expect((await runCli(['init', '--type', type], { cwd: dir })).code).toBe(0);
    expect(existsSync(join(dir, `functions/example-${type}/handler.js`))).toBe(true);
    const v = await runCli(['validate'], { cwd: dir });
    expect(v.code).toBe(0);
    const t = await runCli(['test', '--no-record'], { cwd: dir, env: { CI: 'true' } });
    expect({ code: t.code, out: t.stdout.trimEnd().split('\n').at(-1) }).toEqual({ code: 0, out: '2 passed, 0 failed' });
    expect(schemaProblems(readFileSync(join(dir, '.github/workflows/fnsync.yml'), 'utf8'))).toEqual([]);
  }, T);

  it('--import starts from the workspace: its functions instead of the example, its secrets in the workflow and README', async () => {
    const token = 'sgp_init_import_TOKEN_5e1f';
    const emulator = await startEmulator({
      token,
      seed: {
        workspace: { slug: 'acme-prod', name: 'Acme Prod' },
        functions: [{ resourceType: 'DESTINATION', displayName: 'Slack Alerts', code: 'async function onTrack(event, settings) {}\n', settings: [{ name: 'webhookUrl', label: 'Webhook URL', description: '', type: 'STRING', required: false, sensitive: true }] }],
        sources: [{ slug: 'web-prod', metadataId: 'javascript' }],
        destinations: [{ name: 'slack-web', sourceId: 'web-prod', metadataId: 'Slack Alerts', enabled: true, settings: { webhookUrl: 'https://hooks.slack.com/services/T0/B0/init-import-9a9a' } }],
      },
    });
    try {
      const dir = makeTempDir();
      const r = await runCli(['init', '--import'], { cwd: dir, env: { SEGMENT_API_URL: emulator.url, SEGMENT_PUBLIC_API_TOKEN: token } });
      expect({ code: r.code, stderr: r.stderr.split('\n').slice(1).join('\n') }).toEqual({ code: 0, stderr: '' });
      expect(r.stdout).toContain('Imported 1 function from workspace acme-prod into fnsync.yaml');
      expect(existsSync(join(dir, 'functions/slack-alerts/handler.js'))).toBe(true);
      expect(existsSync(join(dir, 'functions/example-destination'))).toBe(false);
      const workflow = readFileSync(join(dir, '.github/workflows/fnsync.yml'), 'utf8');
      expect(schemaProblems(workflow)).toEqual([]);
      expect(workflow.match(/SLACK_ALERTS_WEBHOOK_URL: \$\{\{ secrets\.SLACK_ALERTS_WEBHOOK_URL \}\}/g)).toHaveLength(3);
      expect(readFileSync(join(dir, 'README.md'), 'utf8')).toContain('`SLACK_ALERTS_WEBHOOK_URL`');
      expect(r.stdout + readFileSync(join(dir, 'fnsync.yaml'), 'utf8')).not.toContain('init-import-9a9a');
    } finally {
      await emulator.close();
    }
  }, T);

  it('with fnsync.yaml there already, writes no example function; a release tarball in the folder is what package.json uses', async () => {
    const dir = makeTempDir({
      'fnsync.yaml': 'version: 1\nfunctions:\n  mine:\n    type: destination\n    displayName: Mine\n    code: mine/handler.js\n',
      'mine/handler.js': 'async function onTrack(event) {}\n',
      'fnsync-9.8.7.tgz': 'not really a tarball',
    });
    const r = await runCli(['init'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(existsSync(join(dir, 'functions'))).toBe(false);
    expect(r.stdout).not.toContain('example-destination');
    expect(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).devDependencies.fnsync).toBe('file:fnsync-9.8.7.tgz');
    expect(r.stdout).toContain('npm install (package.json points at ./fnsync-9.8.7.tgz)');
    expect(readFileSync(join(dir, '.github/workflows/fnsync.yml'), 'utf8')).not.toContain('fnsync:config-secrets');
  }, T);

  it('an unknown --type is a clear error that writes nothing', async () => {
    const dir = makeTempDir();
    const r = await runCli(['init', '--type', 'sink'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("error: --type must be one of source, destination, insert-destination, insert-source, not 'sink'");
    expect(existsSync(join(dir, 'fnsync.yaml'))).toBe(false);
  }, T);
});
