// readTestVerdicts: `tested` only for a passing entry with the function's current digest; a failing one is `failing`;
// anything else (no record, no entry, an entry for other code) is `untested`.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { functionDigest } from '../../../src/test-record/function-digest.js';
import { recordLocation, writeTestRecord } from '../../../src/test-record/record-file.js';
import { TEST_RECORD_FILE, type TestRecordEntry } from '../../../src/test-record/test-record-types.js';
import { readTestVerdicts } from '../../../src/test-record/test-verdicts.js';
import { useTempDirs } from '../../helpers/temp-dirs.js';
import { config, fixture, fn } from './builders.js';

const tempDir = useTempDirs();

const entry = (digest: string, result: TestRecordEntry['result']): TestRecordEntry => ({
  digest,
  result,
  cases: { passed: 1, failed: result === 'failed' ? 1 : 0, skipped: 0 },
  recordedAt: '2024-05-01T10:00:00.000Z',
});

/** Three functions a, b, c, each with one fixture file. */
function project() {
  const dir = tempDir({ 'a/tests/t.yaml': fixture('a1'), 'b/tests/t.yaml': fixture('b1'), 'c/tests/t.yaml': fixture('c1') });
  return { dir, cfg: config(dir, [fn(dir, 'a'), fn(dir, 'b'), fn(dir, 'c')]) };
}

describe('readTestVerdicts', () => {
  it('without a record file every function is untested, with its current digest', async () => {
    const { dir, cfg } = project();
    expect(await readTestVerdicts(cfg)).toEqual({
      a: { status: 'untested', digest: await functionDigest(cfg.functions[0]!, dir) },
      b: { status: 'untested', digest: await functionDigest(cfg.functions[1]!, dir) },
      c: { status: 'untested', digest: await functionDigest(cfg.functions[2]!, dir) },
    });
  });

  it('tested, failing and untested follow the entry for the current digest', async () => {
    const { dir, cfg } = project();
    const [a, b] = await Promise.all(cfg.functions.map((f) => functionDigest(f, dir)));
    await writeTestRecord(recordLocation(dir), { a: entry(a!, 'passed'), b: entry(b!, 'failed') });
    const verdicts = await readTestVerdicts(cfg);
    expect(Object.fromEntries(Object.entries(verdicts).map(([name, v]) => [name, v.status]))).toEqual({ a: 'tested', b: 'failing', c: 'untested' });
    expect(verdicts.a!.digest).toBe(a);
  });

  it('an entry for other code, fixtures or settings makes the function untested, even a failing one', async () => {
    const { dir, cfg } = project();
    const [a, b] = await Promise.all(cfg.functions.map((f) => functionDigest(f, dir)));
    await writeTestRecord(recordLocation(dir), { a: entry(a!, 'passed'), b: entry(b!, 'failed') });
    const changed = config(dir, [{ ...cfg.functions[0]!, code: 'async function onTrack() { return null; }\n' }, cfg.functions[1]!, cfg.functions[2]!]);
    writeFileSync(join(dir, 'b/tests/t.yaml'), fixture('b1', 'b2'));
    const verdicts = await readTestVerdicts(changed);
    expect([verdicts.a!.status, verdicts.b!.status]).toEqual(['untested', 'untested']);
    expect(verdicts.a!.digest).not.toBe(a);
  });

  it('`file` reads another record (plan/apply --test-results), relative to the rootDir', async () => {
    const { dir, cfg } = project();
    const a = await functionDigest(cfg.functions[0]!, dir);
    await writeTestRecord(recordLocation(dir, 'artifacts/results.json'), { a: entry(a, 'passed') });
    expect((await readTestVerdicts(cfg, { file: 'artifacts/results.json' })).a!.status).toBe('tested');
    expect((await readTestVerdicts(cfg, { file: join(dir, 'artifacts/results.json') })).a!.status).toBe('tested');
    expect((await readTestVerdicts(cfg)).a!.status).toBe('untested');
  });

  it('a malformed record is a UserError naming the file', async () => {
    const { dir, cfg } = project();
    writeFileSync(join(dir, 'broken.json'), '{"version": 1, "functions": {"a": {"digest": "sha256:00"}}}');
    await expect(readTestVerdicts(cfg, { file: 'broken.json' })).rejects.toThrow('broken.json is not a valid fnsync test record');
    await expect(readTestVerdicts(cfg, { file: TEST_RECORD_FILE })).resolves.toBeDefined();
  });
});
