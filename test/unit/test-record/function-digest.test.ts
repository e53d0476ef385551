// The digest names exactly what a test run verified: it moves with the code, the fixtures, the setting definitions
// and the type, and stays put for what cannot change a result (line endings, instance values, where the checkout is).
import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { functionDigest } from '../../../src/test-record/function-digest.js';
import { useTempDirs } from '../../helpers/temp-dirs.js';
import { fixture, fn, setting } from './builders.js';

const tempDir = useTempDirs();
const project = () => tempDir({ 'hook/tests/a.yaml': fixture('first'), 'hook/tests/b.yaml': fixture('second') });

describe('functionDigest', () => {
  it('is sha256:<64 hex> and the same for the same function', async () => {
    const dir = project();
    const digest = await functionDigest(fn(dir, 'hook'), dir);
    expect(digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(await functionDigest(fn(dir, 'hook'), dir)).toBe(digest);
  });

  it('is the same for a copy of the project elsewhere: fixture paths count relative to the rootDir', async () => {
    const a = project();
    const b = project();
    expect(await functionDigest(fn(b, 'hook'), b)).toBe(await functionDigest(fn(a, 'hook'), a));
  });

  it('changes with the code, the type, the timeout and each setting definition', async () => {
    const dir = project();
    const variants = [
      fn(dir, 'hook'),
      fn(dir, 'hook', { code: 'async function onTrack(event) {\n  return null;\n}\n' }),
      fn(dir, 'hook', { type: 'insert-destination' }),
      fn(dir, 'hook', { timeoutMs: 1000 }),
      fn(dir, 'hook', { settings: [setting('apiKey', { sensitive: false })] }),
      fn(dir, 'hook', { settings: [setting('apiKey', { sensitive: true, type: 'boolean' })] }),
      fn(dir, 'hook', { settings: [setting('apiKey', { sensitive: true, required: true })] }),
      fn(dir, 'hook', { settings: [setting('apiKey', { sensitive: true, label: 'API key' })] }),
      fn(dir, 'hook', { settings: [setting('apiKey', { sensitive: true }), setting('region')] }),
      fn(dir, 'hook', { settings: [] }),
    ];
    const digests = await Promise.all(variants.map((v) => functionDigest(v, dir)));
    expect(new Set(digests).size).toBe(variants.length);
  });

  it('changes when a fixture file is edited, added, renamed or removed', async () => {
    const dir = project();
    const digests = [await functionDigest(fn(dir, 'hook'), dir)];
    writeFileSync(join(dir, 'hook/tests/a.yaml'), fixture('first', 'another'));
    digests.push(await functionDigest(fn(dir, 'hook'), dir));
    writeFileSync(join(dir, 'hook/tests/c.yaml'), fixture('third'));
    digests.push(await functionDigest(fn(dir, 'hook'), dir));
    renameSync(join(dir, 'hook/tests/c.yaml'), join(dir, 'hook/tests/d.yaml'));
    digests.push(await functionDigest(fn(dir, 'hook'), dir));
    renameSync(join(dir, 'hook/tests/d.yaml'), join(dir, 'hook/tests/d.yaml.off'));
    digests.push(await functionDigest(fn(dir, 'hook'), dir));
    expect(new Set(digests).size).toBe(4);
    // Renaming d.yaml out of the glob leaves what the glob found before d.yaml existed.
    expect(digests[4]).toBe(digests[1]);
  });

  it('counts only the files the tests: glob finds, as fnsync test does', async () => {
    const dir = project();
    const before = await functionDigest(fn(dir, 'hook'), dir);
    writeFileSync(join(dir, 'hook/tests/notes.md'), 'not a fixture');
    writeFileSync(join(dir, 'hook/README.md'), 'docs');
    expect(await functionDigest(fn(dir, 'hook'), dir)).toBe(before);
    const wider = fn(dir, 'hook', { testsPattern: join(dir, 'hook/tests/*') });
    expect(await functionDigest(wider, dir)).not.toBe(before);
  });

  it('ignores line endings: CRLF code and fixtures digest as their LF versions', async () => {
    const dir = project();
    const lf = fn(dir, 'hook');
    const before = await functionDigest(lf, dir);
    expect(await functionDigest({ ...lf, code: lf.code.replace(/\n/g, '\r\n') }, dir)).toBe(before);
    writeFileSync(join(dir, 'hook/tests/a.yaml'), fixture('first').replace(/\n/g, '\r\n'));
    expect(await functionDigest(lf, dir)).toBe(before);
  });

  it('ignores instance setting values and the order settings are declared in', async () => {
    const dir = project();
    const base = fn(dir, 'hook', { settings: [setting('apiKey', { sensitive: true }), setting('region')] });
    const instance = (value: string) => ({
      name: 'hook-prod',
      enabled: true,
      target: { kind: 'destination-function' as const, source: 'web' },
      settings: { apiKey: { kind: 'string' as const, parts: [{ kind: 'literal' as const, text: value }] } },
      position: { file: 'fnsync.yaml', line: 9, col: 7 },
    });
    const before = await functionDigest({ ...base, instances: [instance('key-one-11111')] }, dir);
    expect(await functionDigest({ ...base, instances: [instance('key-two-22222')] }, dir)).toBe(before);
    expect(await functionDigest({ ...base, instances: [] }, dir)).toBe(before);
    expect(await functionDigest({ ...base, settings: [...base.settings].reverse() }, dir)).toBe(before);
  });

  it('a function with no fixture files still has a digest, different from one with files', async () => {
    const dir = project();
    const none = fn(dir, 'hook', { testsPattern: join(dir, 'hook/none/*.yaml') });
    expect(await functionDigest(none, dir)).toMatch(/^sha256:/);
    expect(await functionDigest(none, dir)).not.toBe(await functionDigest(fn(dir, 'hook'), dir));
  });
});
