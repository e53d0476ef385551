// Every invalid sample fails with exactly the problems (message and position) in its expected.txt. A `warning-*`
// sample is valid, with exactly those warnings, and invalid under --strict.
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/load-config.js';
import { UserError, formatProblem } from '../../../src/errors.js';

const INVALID = resolve(import.meta.dirname, '../../fixtures/config/invalid');
const samples = readdirSync(INVALID).sort();

const isWarningSample = (name: string) => name.startsWith('warning-');

async function problemsOf(dir: string): Promise<string> {
  try {
    await loadConfig('fnsync.yaml', { cwd: dir, strict: isWarningSample(basename(dir)) });
  } catch (err) {
    if (!(err instanceof UserError)) throw err;
    return err.problems.map(formatProblem).join('\n') + '\n';
  }
  throw new Error(`expected ${dir} to be invalid`);
}

describe('invalid config samples', () => {
  it('has at least 25 samples, each with an expected.txt', () => {
    expect(samples.length).toBeGreaterThanOrEqual(25);
    for (const name of samples) expect(readdirSync(join(INVALID, name))).toContain('expected.txt');
  });

  it.each(samples)('%s fails with the expected problems', async (name) => {
    const dir = join(INVALID, name);
    const expected = readFileSync(join(dir, 'expected.txt'), 'utf8');
    // A warning-* sample is loaded with --strict: each warning is then an error, labelled as one that only --strict made.
    expect(await problemsOf(dir)).toBe(isWarningSample(name) ? expected.replace(/^(\S+ \S+: )warning: /gm, '$1error (warning, --strict): ') : expected);
  });

  it.each(samples.filter(isWarningSample))('%s is valid without --strict, with only warnings, each at its file:line:col', async (name) => {
    const dir = join(INVALID, name);
    const config = await loadConfig('fnsync.yaml', { cwd: dir });
    const warnings = config.warnings ?? [];
    expect(warnings.length).toBeGreaterThan(0);
    expect(warnings.every((w) => w.severity === 'warning' && w.line !== undefined && w.col !== undefined)).toBe(true);
    expect(warnings.map(formatProblem).join('\n') + '\n').toBe(readFileSync(join(dir, 'expected.txt'), 'utf8'));
  });

  it('never echoes a literal secret or a sensitive value', async () => {
    const out = await problemsOf(join(INVALID, 'literal-secret'));
    expect(out).toContain("'apiKey' is sensitive");
    expect(out).not.toContain('sk_live_do_not_commit');
    expect(out).not.toContain('Bearer');
    const mixed = await problemsOf(join(INVALID, 'many-problems-sorted'));
    expect(mixed).not.toContain('literal-token-value');
    expect(await problemsOf(join(INVALID, 'sensitive-number'))).not.toContain('482913');
  });

  it('reports problems sorted by line, across rules and the schema', async () => {
    const out = await problemsOf(join(INVALID, 'many-problems-sorted'));
    const lines = out.split('\n').filter((l) => l.startsWith('fnsync.yaml:')).map((l) => Number(l.split(':')[1]));
    expect(lines.length).toBeGreaterThanOrEqual(5);
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
  });

  it('throws a UserError whose message counts the problems', async () => {
    await expect(loadConfig('fnsync.yaml', { cwd: join(INVALID, 'missing-required-keys') })).rejects.toThrow('fnsync.yaml is not valid: 2 problems');
  });
});
