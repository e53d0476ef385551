// fnsync as a user's dependency, the way the README says to install it: `npm pack` makes the tarball,
// an empty project installs it, `fnsync init` sets the project up, and validate, test, plan and apply
// run there against the embedded local workspace. One test: installing is slow.
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTempDir, REPO_ROOT } from '../helpers/cli.js';
import { expectFnsyncFlow, parseWorkflow, schemaProblems } from '../helpers/workflow-checks.js';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command with an environment free of npm's, CI's and Segment's variables. */
function sh(command: string, args: string[], cwd: string, extra: Record<string, string> = {}): Promise<Run> {
  const env: Record<string, string | undefined> = { ...process.env };
  for (const key of Object.keys(env)) if (/^(npm_|SEGMENT_|GITHUB_)/i.test(key) || key === 'CI') delete env[key];
  Object.assign(env, { NO_COLOR: '1', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' }, extra);
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: env as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 400_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('fnsync from its npm pack tarball', () => {
  it('installs into an empty project, where init, validate, test, plan and apply all work', async () => {
    const packDir = makeTempDir();
    // dist/ is built already (npm test's pretest): packing needs no prepare run.
    const pack = await sh('npm', ['pack', '--ignore-scripts', '--pack-destination', packDir], REPO_ROOT);
    expect({ code: pack.code, stderr: pack.code === 0 ? '' : pack.stderr }).toEqual({ code: 0, stderr: '' });
    const tarball = join(packDir, readdirSync(packDir).find((f) => f.endsWith('.tgz'))!);

    const dir = makeTempDir();
    const install = await sh('npm', ['install', '--save-dev', '--prefer-offline', tarball], dir);
    expect({ code: install.code, stderr: install.code === 0 ? '' : install.stderr }).toEqual({ code: 0, stderr: '' });
    const installed = join(dir, 'node_modules/fnsync');
    // What help texts and generated files point to ships in the package.
    for (const f of ['docs/fixtures.md', 'docs/runtime.md', 'docs/config-reference.md', 'schemas/fnsync.schema.json', 'schemas/fixture.schema.json', 'templates/fnsync-workflow.yml', 'templates/fnsync-fork-notice.yml', 'types/segment-functions.d.ts']) {
      expect(existsSync(join(installed, f)), f).toBe(true);
    }
    const fnsync = (args: string[], env: Record<string, string> = {}) => sh(process.execPath, [join(dir, 'node_modules/.bin/fnsync'), ...args], dir, env);

    const init = await fnsync(['init']);
    expect({ code: init.code, stderr: init.stderr }).toEqual({ code: 0, stderr: '' });
    expect(init.stdout).toContain('  skipped  package.json (it exists)');
    const workflow = readFileSync(join(dir, '.github/workflows/fnsync.yml'), 'utf8');
    expect(schemaProblems(workflow)).toEqual([]);
    expectFnsyncFlow(parseWorkflow(workflow));
    const schemaRef = /\$schema=\.\/(\S+)/.exec(readFileSync(join(dir, 'fnsync.yaml'), 'utf8'))![1]!;
    expect(existsSync(join(dir, schemaRef))).toBe(true);

    const secret = { EXAMPLE_WEBHOOK_URL: 'https://hooks.example.com/packed-4242' };
    const validate = await fnsync(['validate'], secret);
    expect({ code: validate.code, out: validate.stdout.split('\n')[0] }).toEqual({ code: 0, out: 'fnsync.yaml is valid: 1 function, 1 instance' });
    const test = await fnsync(['test'], { CI: 'true' });
    expect({ code: test.code, last: test.stdout.trimEnd().split('\n').at(-1) }).toEqual({ code: 0, last: '2 passed, 0 failed' });
    const plan = await fnsync(['plan', '--local', '--detailed-exitcode'], { ...secret, CI: 'true' });
    expect({ code: plan.code, last: plan.stdout.trimEnd().split('\n').at(-1) }).toEqual({ code: 2, last: 'Plan: 2 to add, 0 to change, 0 to destroy.' });
    const apply = await fnsync(['apply', '--local', '--auto-approve'], { ...secret, CI: 'true' });
    expect({ code: apply.code, stderr: apply.code === 0 ? '' : apply.stderr }).toEqual({ code: 0, stderr: '' });
    expect(apply.stdout).toContain('Apply complete! Resources: 2 added, 0 changed, 0 destroyed.');
    const again = await fnsync(['plan', '--local'], { ...secret, CI: 'true' });
    expect(again.stdout.trimEnd().split('\n').at(-1)).toBe('No changes. The workspace matches the configuration.');
    for (const r of [validate, test, plan, apply, again]) expect(r.stdout + r.stderr).not.toContain('packed-4242');

    // Init in a folder without package.json: its next step (the tarball beside it, then npm install) works,
    // installing this fnsync from the file, never the npm name.
    const fresh = makeTempDir();
    copyFileSync(tarball, join(fresh, basename(tarball)));
    const freshInit = await sh(process.execPath, [join(dir, 'node_modules/.bin/fnsync'), 'init'], fresh);
    expect(freshInit.code).toBe(0);
    expect(JSON.parse(readFileSync(join(fresh, 'package.json'), 'utf8')).devDependencies.fnsync).toBe(`file:${basename(tarball)}`);
    expect(freshInit.stdout).toContain(`npm install (package.json points at ./${basename(tarball)})`);
    const freshInstall = await sh('npm', ['install', '--prefer-offline'], fresh);
    expect({ code: freshInstall.code, stderr: freshInstall.code === 0 ? '' : freshInstall.stderr }).toEqual({ code: 0, stderr: '' });
    expect(existsSync(join(fresh, 'node_modules/fnsync/templates/fnsync-fork-notice.yml'))).toBe(true);
  }, 600_000);
});
