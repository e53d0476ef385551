// Each named rule is documented and, on its own, catches something (an error or a warning) in the invalid samples.
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkConfigFile } from '../../../src/config/load-config.js';
import { RULES } from '../../../src/config/rules/index.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const INVALID = join(ROOT, 'test/fixtures/config/invalid');

async function problemCount(dir: string, rules: typeof RULES): Promise<number> {
  const checked = await checkConfigFile('fnsync.yaml', { cwd: dir, rules });
  return checked.problems.length + checked.warnings.length;
}

describe('named rules', () => {
  it('have unique names, all documented in docs/config-reference.md', () => {
    const names = RULES.map((r) => r.name);
    expect(new Set(names).size).toBe(names.length);
    const doc = readFileSync(join(ROOT, 'docs/config-reference.md'), 'utf8');
    expect(names.filter((n) => !doc.includes(`\`${n}\``))).toEqual([]);
  });

  it.each(RULES.map((r) => [r.name, r] as const))('%s catches at least one invalid sample on its own', async (_name, rule) => {
    let caught = 0;
    for (const sample of readdirSync(INVALID)) {
      const dir = join(INVALID, sample);
      if ((await problemCount(dir, [rule])) > (await problemCount(dir, []))) caught++;
    }
    expect(caught).toBeGreaterThan(0);
  });
});
