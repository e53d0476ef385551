// State persistence: survives a restart, the seed applies only to a new state file, and a crash in the
// middle of a write never leaves a torn file.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator } from '../../../src/emulator/server.js';
import { tempDir } from './temp-dir.js';
import { TOKEN, sdkClients } from './sdk-clients.js';

describe('state file', () => {
  it('keeps changes across a restart and ignores the seed once the file exists', async () => {
    const dir = tempDir();
    const stateFile = join(dir, 'nested', 'state.json');
    const first = await startEmulator({ stateFile, seed: { sources: [{ slug: 'seeded', metadataId: 'javascript' }] } });
    const api = sdkClients(first.url, TOKEN);
    const fn = (await api.functions.createFunction({ code: 'x', displayName: 'Persisted', resourceType: 'SOURCE' })).body.data!.function!;
    await first.close();

    const second = await startEmulator({ stateFile, seed: { sources: [{ slug: 'other', metadataId: 'javascript' }] } });
    try {
      const api2 = sdkClients(second.url, TOKEN);
      expect((await api2.functions.getFunction(fn.id!)).body.data!.function!.displayName).toBe('Persisted');
      const slugs = (await api2.sources.listSources({ count: 10 })).body.data!.sources.map((s) => s.slug);
      expect(slugs).toEqual(['seeded']);
    } finally {
      await second.close();
    }
    expect(JSON.parse(readFileSync(stateFile, 'utf8')).functions[0].id).toBe(fn.id);
    expect(statSync(stateFile).mode & 0o777).toBe(0o600);
  });

  it('reads a JSON seed file resolving references by slug and name', async () => {
    const dir = tempDir();
    const seedFile = join(dir, 'seed.json');
    writeFileSync(seedFile, JSON.stringify({
      workspace: { name: 'Seeded WS' },
      functions: [{ resourceType: 'INSERT_DESTINATION', displayName: 'Legacy Insert', code: 'x' }],
      sources: [{ slug: 'web', metadataId: 'javascript' }],
      destinations: [{ name: 'amp', sourceId: 'web', metadataId: 'amplitude', settings: { apiKey: 'k' } }],
      insertInstances: [{ functionId: 'Legacy Insert', integrationId: 'amp', name: 'legacy', settings: {} }],
    }));
    const em = await startEmulator({ seed: seedFile });
    try {
      const s = em.state();
      expect(s.workspace.name).toBe('Seeded WS');
      expect(s.functions[0]!.displayName).toBe('Legacy Insert (Seeded WS)');
      expect(s.destinations[0]!.sourceId).toBe(s.sources[0]!.id);
      expect(s.insertInstances[0]).toMatchObject({ classId: s.functions[0]!.id.replace('ifnd_', ''), integrationId: s.destinations[0]!.id });
    } finally {
      await em.close();
    }
  });

  it('keeps catalog ids across restarts, honours pinned ones, and loads states whose catalogId is the prefix-less id', async () => {
    const dir = tempDir();
    const stateFile = join(dir, 'state.json');
    const first = await startEmulator({
      stateFile,
      seed: {
        functions: [{ id: 'dfn_0123456789abcdef01234567', catalogId: 'pinnedCatalog01', resourceType: 'DESTINATION', displayName: 'Pinned', code: 'x' }],
        sources: [{ slug: 'web', metadataId: 'javascript' }],
        destinations: [{ name: 'pinned-web', sourceId: 'web', metadataId: 'pinnedCatalog01', settings: {} }],
      },
    });
    expect(first.state().functions[0]!.catalogId).toBe('pinnedCatalog01');
    expect(first.state().destinations[0]!.metadataId).toBe('pinnedCatalog01');
    await first.close();

    // An older emulator derived the catalogId from the id; such files must keep working.
    const old = JSON.parse(readFileSync(stateFile, 'utf8'));
    old.functions[0].catalogId = '0123456789abcdef01234567';
    old.destinations[0].metadataId = '0123456789abcdef01234567';
    writeFileSync(stateFile, JSON.stringify(old));
    const second = await startEmulator({ stateFile });
    try {
      const api = sdkClients(second.url, TOKEN);
      expect((await api.functions.getFunction('dfn_0123456789abcdef01234567')).body.data!.function!.catalogId).toBe('0123456789abcdef01234567');
      const dest = (await api.destinations.listDestinations({ count: 10 })).body.data!.destinations[0]!;
      expect(dest.metadata).toMatchObject({ id: '0123456789abcdef01234567', name: 'Pinned (Local Workspace)' });
      const err = await api.functions.deleteFunction('dfn_0123456789abcdef01234567').catch((e: { statusCode: number }) => e);
      expect((err as { statusCode: number }).statusCode).toBe(422);
    } finally {
      await second.close();
    }
  });

  it('names the seed and entry when a seed is invalid', async () => {
    await expect(startEmulator({ seed: { destinations: [{ name: 'd', sourceId: 'missing', metadataId: 'amplitude' }] } })).rejects.toMatchObject({
      message: 'invalid emulator seed <seed object>',
      problems: [{ file: '<seed object>', path: 'destinations[0]', message: "Source with id 'missing' not found." }],
    });
    const dir = tempDir({ 'bad.json': '{nope' });
    await expect(startEmulator({ seed: join(dir, 'bad.json') })).rejects.toThrow(/bad\.json is not valid JSON/);
  });

  it('reports a torn state file at its line without quoting it (it holds secrets in full)', async () => {
    for (const text of ['supersecret-abcdef', '{"version": 1,\n "sources": [{"settings": {"k": "supersecret-abcdef"}} x]}']) {
      const dir = tempDir({ 'state.json': text });
      const file = join(dir, 'state.json');
      const err = await startEmulator({ stateFile: file }).catch((e: unknown) => e);
      expect(err).toMatchObject({ message: `emulator state file ${file} is not valid JSON` });
      const problem = (err as { problems: { line: number; message: string; hint: string }[] }).problems[0]!;
      expect(problem.line).toBe(text.includes('\n') ? 2 : 1);
      expect(problem.message).toMatch(/^JSON syntax error: /);
      expect(problem.hint).toBe('delete it to start from the seed again');
      expect(JSON.stringify(err) + String(err) + problem.message).not.toContain('supersecret');
    }
  });

  it('refuses a damaged state file at the line and path of each broken record, before serving 500s', async () => {
    const dir = tempDir();
    const file = join(dir, 'state.json');
    const first = await startEmulator({ stateFile: file, seed: { sources: [{ slug: 'web', metadataId: 'javascript' }] } });
    await first.close();
    const state = JSON.parse(readFileSync(file, 'utf8'));
    state.sources.push(null);
    delete state.sources[0].slug;
    state.destinations = {};
    writeFileSync(file, JSON.stringify(state, null, 2));
    const lines = readFileSync(file, 'utf8').split('\n');
    const err = await startEmulator({ stateFile: file }).catch((e: unknown) => e);
    expect(err).toMatchObject({ message: `emulator state file ${file} is not a valid fnsync emulator state` });
    const problems = (err as { problems: { line: number; path: string; message: string }[] }).problems;
    expect(problems.map((p) => `${p.path}: ${p.message}`)).toEqual([
      'sources[0].slug: is missing',
      'sources[1]: must be an object, got null',
      'destinations: must be an array, got object',
    ]);
    expect(lines[problems[1]!.line - 1]!.trim()).toBe('null');
    expect(lines[problems[2]!.line - 1]).toContain('"destinations"');
  });

  it('refuses a state file that is not an emulator state', async () => {
    const dir = tempDir({ 'state.json': '{"hello": 1}' });
    await expect(startEmulator({ stateFile: join(dir, 'state.json') })).rejects.toThrow(/not an fnsync emulator state/);
  });

  const children: ChildProcess[] = [];
  // A failed or timed-out round must not leave its writer running.
  afterEach(() => {
    for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  });

  it('always leaves a parseable state file when the writer is SIGKILLed mid-write', async () => {
    const dir = tempDir();
    const file = join(dir, 'state.json');
    const writer = resolve(import.meta.dirname, 'fixtures/state-writer.ts');
    for (let round = 1; round <= 8; round++) {
      const child = spawn(process.execPath, ['--import', 'tsx', writer, file], { stdio: ['ignore', 'pipe', 'inherit'] });
      children.push(child);
      // Killed after its 1st, 2nd or 3rd complete save, while it writes the next one: counted saves, not a sleep,
      // so a loaded machine changes nothing.
      const killAfter = ((round - 1) % 3) + 1;
      const lastSaved = await new Promise<number>((ready, fail) => {
        let out = '';
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const saves = [...out.matchAll(/saved (\d+)\n/g)];
          if (saves.length >= killAfter) ready(Number(saves.at(-1)![1]));
        });
        child.on('exit', () => fail(new Error('writer exited early')));
      });
      const exited = new Promise((r) => child.on('exit', r));
      child.kill('SIGKILL');
      await exited;
      expect(existsSync(file)).toBe(true);
      const parsed = JSON.parse(readFileSync(file, 'utf8'));
      expect(parsed.version).toBe(1);
      expect(parsed.sources).toHaveLength(1500);
      // A complete generation, and never one older than the last save that finished.
      expect(Number(/^Local (\d+)$/.exec(parsed.workspace.name)![1])).toBeGreaterThanOrEqual(lastSaved);
    }
    // Eight tsx start-ups take seconds each on a loaded machine: the budget only bounds a hang, it measures nothing.
  }, 120_000);
});
