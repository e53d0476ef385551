import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTempDir, REPO_ROOT, runCli } from '../helpers/cli.js';

/** Command names as `fnsync --help` lists them, so a new command is covered without editing this test. */
function listedCommands(help: string): string[] {
  const section = help.split(/^Commands:$/m)[1] ?? '';
  return [...section.matchAll(/^ {2}([a-z][a-z-]*)/gm)].map((m) => m[1]!).filter((name) => name !== 'help');
}

describe('fnsync CLI basics (spawned)', () => {
  it('prints help listing every command and exits 0', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: fnsync');
    expect(listedCommands(r.stdout)).toEqual(['validate', 'test', 'run', 'types', 'workspace', 'plan', 'apply', 'import', 'init', 'emulator']);
  });

  it('has --help for every command and sub-command, each exiting 0 with its own usage line', async () => {
    const top = await runCli(['--help']);
    const names = listedCommands(top.stdout);
    const invocations = [...names.map((n) => [n]), ['emulator', 'start']];
    for (const words of invocations) {
      const r = await runCli([...words, '--help']);
      expect({ words, code: r.code }).toEqual({ words, code: 0 });
      expect(r.stdout).toContain(`Usage: fnsync ${words.join(' ')}`);
    }
  });

  it('--version prints the package version', async () => {
    const { version } = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
    const r = await runCli(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${version}\n`);
  });

  it('rejects an unknown command with exit 1 (2 means "changes" for plan --detailed-exitcode) and no stack trace', async () => {
    const r = await runCli(['no-such-command']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/unknown command 'no-such-command'/);
    expect(r.stderr).not.toMatch(/\bat .*\.js:\d+/);
  });

  it("runs the README's Quick start commands on a copy of the example project, twice: the second run ends with No changes", async () => {
    const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
    const quickStart = /## Quick start[\s\S]*?```sh\n(.+)\n```/.exec(readme)?.[1];
    expect(quickStart).toBeDefined();
    const steps = quickStart!.split('&&').map((s) => s.trim());
    expect(steps[0]).toBe('npm ci');
    const project = makeTempDir({ 'fnsync.yaml': readFileSync(join(REPO_ROOT, 'fnsync.yaml'), 'utf8') });
    cpSync(join(REPO_ROOT, 'functions'), join(project, 'functions'), { recursive: true });
    const runAll = async () => {
      const env: Record<string, string> = {};
      const commands: string[] = [];
      let last = '';
      for (const step of steps.slice(1)) {
        const words = step.split(/\s+/);
        if (words[0] === 'export') {
          for (const pair of words.slice(1)) env[pair.split('=')[0]!] = pair.slice(pair.indexOf('=') + 1);
          continue;
        }
        expect(words.slice(0, 2)).toEqual(['npx', 'fnsync']);
        commands.push(words[2]!);
        const r = await runCli(words.slice(2), { cwd: project, env });
        expect({ step, code: r.code, stderr: r.stderr }).toMatchObject({ step, code: 0 });
        if (words[2] === 'test') expect(r.stdout).toMatch(/^\d+ passed, 0 failed$/m);
        if (words[2] !== 'test' && words[2] !== 'validate') expect(r.stderr).toContain('Workspace: local (.fnsync/workspace.json)');
        last = r.stdout.trimEnd().split('\n').at(-1)!;
      }
      return { commands, last };
    };
    const first = await runAll();
    expect(first.commands).toEqual(['validate', 'test', 'plan', 'apply']);
    expect(first.last).toBe('Apply complete! Resources: 8 added, 0 changed, 0 destroyed.');
    const second = await runAll();
    expect(second.last).toBe('No changes. The workspace matches the configuration.');
  }, 180_000);

  it(".ci/run (what the GitHub workflow runs) performs the README's install command, then npm test, failing on any error", () => {
    const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
    const install = /## Quick start[\s\S]*?```sh\n(.+?) &&/.exec(readme)?.[1];
    expect(install).toBe('npm ci');
    const script = readFileSync(join(REPO_ROOT, '.ci/run'), 'utf8');
    const commands = script.split('\n').filter((line) => /^\S/.test(line) && !line.startsWith('#'));
    expect(commands).toContain('set -euo pipefail');
    const installAt = commands.findIndex((line) => line === install || line.startsWith(`${install} `));
    expect(installAt).toBeGreaterThanOrEqual(0);
    expect(commands.indexOf('npm test')).toBeGreaterThan(installAt);
    expect(readFileSync(join(REPO_ROOT, '.github/workflows/ci.yml'), 'utf8')).toMatch(/run: bash \.ci\/run$/m);
  });
});
