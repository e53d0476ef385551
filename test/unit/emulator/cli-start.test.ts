// `fnsync emulator start` as a user runs it (the built CLI, spawned): prints its URL, serves the SDK, stops on SIGTERM.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, runCli } from '../../helpers/cli.js';
import { tempDir } from './temp-dir.js';
import { sdkClients } from './sdk-clients.js';

function startCli(args: string[], cwd: string): { child: ChildProcessWithoutNullStreams; out: () => string; err: () => string } {
  const env = { ...process.env, NO_COLOR: '1' };
  for (const key of Object.keys(env)) if (key.startsWith('SEGMENT_')) delete env[key];
  const child = spawn(process.execPath, [BIN, 'emulator', 'start', ...args], { cwd, env });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  return { child, out: () => out, err: () => err };
}

async function waitFor(check: () => string | undefined, ms = 60_000): Promise<string> {
  const end = Date.now() + ms;
  for (;;) {
    const v = check();
    if (v) return v;
    if (Date.now() > end) throw new Error('timed out waiting for the emulator to start');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('fnsync emulator start (spawned)', () => {
  it('prints its URL, serves the seeded workspace to the SDK, persists state and exits 0 on SIGTERM', async () => {
    const dir = tempDir();
    const cli = startCli(['--port', '0', '--state', 'ws.json', '--token', 'cli-token-123'], dir);
    const url = await waitFor(() => /listening on (http:\/\/127\.0\.0\.1:\d+)[\s\S]*Ctrl-C/.exec(cli.out())?.[1]);
    expect(cli.out()).toContain(`SEGMENT_API_URL=${url} SEGMENT_PUBLIC_API_TOKEN=<your --token>`);
    expect(cli.out()).not.toContain('cli-token-123');

    const api = sdkClients(url, 'cli-token-123');
    const sources = (await api.sources.listSources({ count: 10 })).body.data!.sources;
    expect(sources.map((s) => s.slug)).toContain('web-prod');
    const dests = (await api.destinations.listDestinations({ count: 10 })).body.data!.destinations;
    expect(dests.map((d) => d.name)).toContain('amplitude-prod');
    expect(dests.find((d) => d.name === 'amplitude-prod')!.sourceId).toBe(sources.find((s) => s.slug === 'web-prod')!.id);
    // Named apart from the embedded local workspace, so fnsync's target line cannot be confused with it.
    expect((await api.workspaces.getWorkspace()).body.data!.workspace).toMatchObject({ slug: 'emulator', name: 'Emulator Workspace' });

    const exit = new Promise<number | null>((r) => cli.child.on('exit', (code) => r(code)));
    cli.child.kill('SIGTERM');
    expect(await exit).toBe(0);
    expect(cli.err()).toContain('Emulator stopped (SIGTERM).');
    expect(existsSync(join(dir, 'ws.json'))).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, 'ws.json'), 'utf8')).sources.length).toBe(3);
  });

  it('applies --rate-limit from the command line (real 429s) and names a busy port', async () => {
    const dir = tempDir();
    const cli = startCli(['--port', '0', '--state', 's.json', '--rate-limit', '2/60s'], dir);
    const url = await waitFor(() => /listening on (http:\/\/127\.0\.0\.1:\d+)[\s\S]*Ctrl-C/.exec(cli.out())?.[1]);
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) statuses.push((await fetch(url, { headers: { Authorization: 'Bearer any' } })).status);
      expect(statuses).toEqual([200, 200, 429]);
      const busy = await runCli(['emulator', 'start', '--port', new URL(url).port, '--state', 'other.json'], { cwd: dir });
      expect(busy.code).toBe(1);
      expect(busy.stderr).toContain(`port ${new URL(url).port} is already in use`);
    } finally {
      const exit = new Promise((r) => cli.child.on('exit', r));
      cli.child.kill('SIGINT');
      expect(await exit).toBe(0);
    }
  });

  it('rejects a malformed --rate-limit with a clear message and exit 1', async () => {
    const r = await runCli(['emulator', 'start', '--rate-limit', 'lots'], { cwd: tempDir() });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('--rate-limit must look like POINTS/WINDOW');
    expect(r.stderr).not.toMatch(/\bat .*\.js:\d+/);
  });

  it('reports a bad seed file by name without a stack trace', async () => {
    const dir = tempDir({ 'seed.json': '{"sources": [{"slug": "Bad Slug", "metadataId": "javascript"}]}' });
    const r = await runCli(['emulator', 'start', '--port', '0', '--state', 's.json', '--seed', 'seed.json'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/seed\.json.*sources\[0\]\.slug/);
    expect(r.stderr).not.toMatch(/\bat .*\.js:\d+/);
  });

  it('explains an unusable --state path and --host instead of an unexpected error', async () => {
    const dir = tempDir({ 'taken.txt': 'a file, not a directory' });
    const cases: Array<[string[], string]> = [
      [['--state', 'taken.txt/state.json'], `cannot write emulator state file ${join(dir, 'taken.txt/state.json')}: a parent path is a file, not a directory`],
      [['--host', '203.0.113.7'], '--host 203.0.113.7 is not an address of this machine'],
      [['--host', 'no-such-host.invalid'], '--host no-such-host.invalid: no such host name'],
    ];
    for (const [args, message] of cases) {
      const r = await runCli(['emulator', 'start', '--port', '0', '--state', 's.json', ...args], { cwd: dir });
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr.trim()).toBe(`error: ${message}`);
    }
  });
});
