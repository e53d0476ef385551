// Small pure pieces: path rendering, typo suggestions and the validate summary wording.
import { describe, expect, it } from 'vitest';
import { closestName } from '../../../src/config/closest-name.js';
import { renderJson, renderSummary } from '../../../src/config/validate-report.js';
import { formatPath, parseYamlSource } from '../../../src/config/yaml-source.js';

describe('formatPath', () => {
  it('renders keys with dots and indexes with brackets', () => {
    expect(formatPath(['functions', 'stripe-events', 'settings', 0, 'name'])).toBe('functions.stripe-events.settings[0].name');
    expect(formatPath([])).toBe('');
  });
});

describe('closestName', () => {
  it('suggests a near miss, case-insensitively, and nothing for unrelated words', () => {
    expect(closestName('displayname', ['type', 'displayName', 'description'])).toBe('displayName');
    expect(closestName('sensitve', ['name', 'sensitive'])).toBe('sensitive');
    expect(closestName('colour', ['type', 'code', 'settings'])).toBeUndefined();
  });
});

describe('parseYamlSource', () => {
  it('reports only the first YAML syntax error, with its line and column', () => {
    const r = parseYamlSource('a: [1,\nb: }\nc: {\n', 'x.yaml');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problems).toHaveLength(1);
      expect(r.problems[0]!.message).toMatch(/^YAML syntax error: /);
      expect(r.problems[0]!.line).toBeGreaterThanOrEqual(1);
    }
  });

  it('does not repeat source text the parser quotes (it could be a secret)', () => {
    const r = parseYamlSource('token: 1\n]sk_live_123\n', 'x.yaml');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problems[0]).toMatchObject({ line: 2, col: 1, message: 'YAML syntax error: Unexpected flow-seq-end token in YAML stream' });
      expect(JSON.stringify(r.problems)).not.toContain('sk_live');
    }
  });

  it('refuses alias bombs instead of expanding them', () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 0; i < 8; i++) lines.push(`${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10).fill(`*${String.fromCharCode(97 + i)}`).join(', ')}]`);
    const r = parseYamlSource(lines.join('\n'), 'x.yaml');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]!.message).toMatch(/^YAML error: Excessive alias count/);
  });

  it('locates keys and values, following aliases', () => {
    const r = parseYamlSource('base: &b\n  x: 1\nuse: *b\n', 'x.yaml');
    if (!r.ok) throw new Error('expected valid YAML');
    expect(r.source.keyPos(['use'])).toEqual({ line: 3, col: 1 });
    expect(r.source.valuePos(['base', 'x'])).toEqual({ line: 2, col: 6 });
    expect(r.source.valuePos(['use', 'x'])).toEqual({ line: 2, col: 6 });
  });
});

describe('validate summary', () => {
  const summary = {
    file: 'fnsync.yaml',
    functions: 1,
    instances: 2,
    env: [
      { name: 'A_TOKEN', set: true, sensitive: true },
      { name: 'B_URL', set: false, sensitive: false },
    ],
  };

  it('counts functions and instances and lists unset variables as information', () => {
    expect(renderSummary(summary)).toEqual([
      'fnsync.yaml is valid: 1 function, 2 instances',
      'environment variables referenced: A_TOKEN, B_URL',
      'not set in this environment (needed by apply, not by validate or test): B_URL',
    ]);
    expect(renderSummary({ ...summary, env: [] })).toEqual(['fnsync.yaml is valid: 1 function, 2 instances']);
  });

  it('renders JSON for both outcomes', () => {
    expect(JSON.parse(renderJson({ valid: true, summary }))).toMatchObject({ valid: true, functions: 1, problems: [] });
    const invalid = JSON.parse(renderJson({ valid: false, file: 'f.yaml', problems: [{ file: 'f.yaml', line: 2, col: 3, path: 'version', message: 'must be 1' }] }));
    expect(invalid.problems[0].text).toBe('f.yaml:2:3 version: must be 1');
  });
});
