// `fnsync workspace` as a user runs it: the embedded local workspace by default, the CI guard, and a
// separately started emulator reached through SEGMENT_API_URL + token (which must never be printed).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../../src/emulator/server.js';
import { makeTempDir, runCli } from '../helpers/cli.js';

const TOKEN = 'sgp_integrationTOKEN_5e3a9c1b';

describe('fnsync workspace', () => {
  it('without a token uses the local workspace, shows the seeded sources and destinations, and creates the state file', async () => {
    const dir = makeTempDir();
    const r = await runCli(['workspace'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr.split('\n')[0]).toBe('Workspace: local (.fnsync/workspace.json)');
    for (const name of ['web-prod', 'ios-prod', 'http-api-prod', 'amplitude-prod', 'webhooks-prod']) expect(r.stdout).toContain(name);
    expect(r.stdout).toMatch(/Sources \(3\)/);
    expect(r.stdout).toMatch(/Destinations \(3\)/);
    const stateFile = join(dir, '.fnsync/workspace.json');
    expect(existsSync(stateFile)).toBe(true);
    const state = JSON.parse(readFileSync(stateFile, 'utf8'));
    const second = await runCli(['workspace', '--json'], { cwd: dir });
    expect(second.code).toBe(0);
    const listing = JSON.parse(second.stdout);
    expect(listing.workspace.id).toBe(state.workspace.id);
    expect(listing.sources.map((s: { slug: string }) => s.slug).sort()).toEqual(['http-api-prod', 'ios-prod', 'web-prod']);
  });

  it('keeps the local state next to the config given with --config', async () => {
    const dir = makeTempDir({ 'proj/fnsync.yaml': 'version: 1\n' });
    const r = await runCli(['workspace', '--config', 'proj/fnsync.yaml'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('Workspace: local (proj/.fnsync/workspace.json)');
    expect(existsSync(join(dir, 'proj/.fnsync/workspace.json'))).toBe(true);
    expect(existsSync(join(dir, '.fnsync'))).toBe(false);
  });

  it('under CI without a token and without --local, refuses with a clear message', async () => {
    const dir = makeTempDir();
    const r = await runCli(['workspace'], { cwd: dir, env: { CI: 'true' } });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('SEGMENT_PUBLIC_API_TOKEN is empty or not set in CI: set the repository secret the workflow passes (SEGMENT_PUBLIC_API_READ_TOKEN for plan and drift');
    expect(r.stderr).toContain('or pass --local to use the embedded local workspace on purpose');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(dir, '.fnsync'))).toBe(false);
    const local = await runCli(['workspace', '--local'], { cwd: dir, env: { CI: 'true' } });
    expect(local.code).toBe(0);
    expect(local.stderr).toContain('Workspace: local (.fnsync/workspace.json)');
  });

  it('names the local workspace before reporting its broken state file, without quoting the file', async () => {
    const dir = makeTempDir({ '.fnsync/workspace.json': '{"version": 1, "sources": [{"settings": {"k": "sk_live_secret1234"}} oops' });
    const r = await runCli(['workspace'], { cwd: dir });
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines[0]).toBe('Workspace: local (.fnsync/workspace.json)');
    expect(lines[1]).toMatch(/^\S*\.fnsync\/workspace\.json:1:\d+: JSON syntax error: /);
    expect(r.stderr).toContain('delete it to start from the seed again');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout + r.stderr).not.toContain('sk_live_secret1234');
  });

  describe('against a separately started emulator', () => {
    let emulator: Awaited<ReturnType<typeof startEmulator>>;
    beforeAll(async () => {
      emulator = await startEmulator({
        token: TOKEN,
        seed: {
          workspace: { slug: 'acme-prod', name: 'Acme Prod' },
          sources: [{ slug: 'billing-api', metadataId: 'http-api', enabled: true }],
          functions: [
            { resourceType: 'DESTINATION', displayName: 'Slack Alerts', code: '//' },
            { resourceType: 'INSERT_DESTINATION', displayName: 'Enrich Events', code: '//' },
          ],
          destinations: [
            { name: 'slack-billing', sourceId: 'billing-api', metadataId: 'Slack Alerts', enabled: true, settings: { channel: '#b' } },
          ],
          insertInstances: [{ functionId: 'Enrich Events', integrationId: 'slack-billing', name: 'enrich-slack', enabled: false }],
        },
      });
    });
    afterAll(async () => emulator.close());

    const env = () => ({ SEGMENT_API_URL: emulator.url, SEGMENT_PUBLIC_API_TOKEN: TOKEN });

    it('prints the workspace slug and host, lists its content, and never prints the token', async () => {
      const r = await runCli(['--debug', 'workspace'], { cwd: makeTempDir(), env: env() });
      expect(r.code).toBe(0);
      expect(r.stderr).toContain(`Workspace: acme-prod (${new URL(emulator.url).host})`);
      expect(r.stdout).toContain('billing-api');
      expect(r.stdout).toMatch(/destination\s+Slack Alerts\s+dfn_\S+\s+deployed/);
      expect(r.stdout).toMatch(/slack-billing\s+on billing-api\s+\S+\s+enabled\s+function: Slack Alerts/);
      expect(r.stdout).toMatch(/Insert function instances \(1\)\n\s+enrich-slack\s+Enrich Events\s+on \S+\s+\S+\s+disabled/);
      expect(r.stdout + r.stderr).not.toContain(TOKEN);
    });

    it('a rejected token gives a clear error without the token, even with --debug', async () => {
      const r = await runCli(['--debug', 'workspace'], {
        cwd: makeTempDir(),
        env: { ...env(), SEGMENT_PUBLIC_API_TOKEN: `${TOKEN}-wrong` },
      });
      expect(r.code).toBe(1);
      // The target comes first even though its slug could not be read.
      expect(r.stderr.split('\n')[0]).toBe(`Workspace: unknown (${new URL(emulator.url).host})`);
      expect(r.stderr).toContain('reading the workspace: 401 ');
      expect(r.stdout + r.stderr).not.toContain(TOKEN);
    });

    it('refuses a token whose workspace is not the one fnsync.yaml names', async () => {
      const dir = makeTempDir({ 'fnsync.yaml': 'version: 1\nworkspace: other-slug\n' });
      const r = await runCli(['workspace'], { cwd: dir, env: env() });
      expect(r.code).toBe(1);
      expect(r.stderr.split('\n')[0]).toBe(`Workspace: acme-prod (${new URL(emulator.url).host})`);
      expect(r.stderr).toContain("the token belongs to workspace 'acme-prod', but fnsync.yaml says workspace: other-slug");
    });
  });
});
