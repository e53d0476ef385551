// Seed files: every mistake in a hand-written seed is reported at its file, line and column, and
// unknown keys are refused rather than silently ignored.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError, type Problem } from '../../../src/errors.js';
import { startEmulator } from '../../../src/emulator/server.js';
import { tempDir } from './temp-dir.js';

async function problemsOf(seedText: string): Promise<{ file: string; problems: Problem[] }> {
  const dir = tempDir({ 'seed.json': seedText });
  const file = join(dir, 'seed.json');
  const err = await startEmulator({ seed: file, stateFile: join(dir, 'state.json') }).then(
    async (em) => {
      await em.close();
      throw new Error('the seed was accepted');
    },
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(UserError);
  expect((err as UserError).problems.every((p) => p.file === file)).toBe(true);
  return { file, problems: (err as UserError).problems };
}

describe('seed file checks', () => {
  it('points a JSON syntax error at its line and column without quoting the file', async () => {
    const { problems } = await problemsOf('{\n  "sources": [\n    {"slug": "a", "settings": {"k": "s3cr3t-value",}}\n  ]\n}');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ line: 3, message: expect.stringMatching(/^JSON syntax error: /) });
    expect(problems[0]!.col).toBeGreaterThan(40);
    expect(problems[0]!.message).not.toContain('s3cr3t');
  });

  it('refuses unknown keys (a typo would otherwise drop a whole section) with their positions', async () => {
    const { problems } = await problemsOf('{\n  "workspace": {"name": "WS"},\n  "destination": [],\n  "sources": [{"slug": "a", "metadataId": "javascript", "enable": true}]\n}');
    expect(problems.map((p) => [p.line, p.path, p.message.split(' (')[0]])).toEqual([
      [3, 'destination', "unknown key 'destination'"],
      [4, 'sources[0].enable', "unknown key 'enable'"],
    ]);
  });

  it('reports wrong types and missing required keys instead of crashing', async () => {
    const { problems } = await problemsOf('{\n  "sources": [null, {"slug": 1}],\n  "functions": {}\n}');
    expect(problems.map((p) => `${p.line}:${p.col} ${p.path}: ${p.message}`)).toEqual([
      '2:15 sources[0]: must be an object, got null',
      '2:22 sources[1].slug: must be a string, got number',
      "2:21 sources[1]: 'metadataId' is required",
      '3:3 functions: must be an array, got object',
    ]);
  });

  it('refuses a seed that is not an object', async () => {
    const { problems } = await problemsOf('[]');
    expect(problems).toEqual([expect.objectContaining({ line: 1, col: 1, message: 'a seed must be a JSON object, got array' })]);
  });

  it('locates a rule broken by an entry (the same rules as the API) at the offending field', async () => {
    const { problems } = await problemsOf('{\n  "sources": [\n    {"metadataId": "javascript",\n     "slug": "Bad Slug"}\n  ]\n}');
    expect(problems).toEqual([
      expect.objectContaining({ line: 4, col: 6, path: 'sources[0].slug', message: expect.stringContaining('"slug" may contain only') }),
    ]);
  });

  it('checks a seed object too (no file positions)', async () => {
    await expect(startEmulator({ seed: { sources: 'web' } as never })).rejects.toMatchObject({
      problems: [{ file: '<seed object>', path: 'sources', message: 'must be an array, got string' }],
    });
  });

  it('starts from the example seed in docs/emulator.md, as documented', async () => {
    const doc = readFileSync(resolve(import.meta.dirname, '../../../docs/emulator.md'), 'utf8');
    const example = /```json\n([\s\S]*?)```/.exec(doc)![1]!;
    const dir = tempDir({ 'seed.json': example });
    const em = await startEmulator({ seed: join(dir, 'seed.json') });
    try {
      const s = em.state();
      expect(s.workspace.slug).toBe('acme-staging');
      expect(s.functions.map((f) => f.displayName)).toEqual(['Legacy Hook (Acme Staging)', 'Legacy Insert (Acme Staging)']);
      expect(s.insertInstances[0]).toMatchObject({ name: 'legacy', integrationId: s.destinations[0]!.id, classId: s.functions[1]!.id.replace('ifnd_', '') });
    } finally {
      await em.close();
    }
  });
});
