// The schema itself: editor-friendly (every property described), strict (no unknown keys), and documented in the README.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderConfigReference, updateReadme } from '../../../scripts/config-reference.mjs';
import { readSchema } from '../../../src/config/schema-check.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const schema = readSchema();

type SchemaNode = Record<string, unknown>;

/** Every object schema in the document, with a readable location. */
function objectSchemas(node: unknown, where = '#'): { where: string; node: SchemaNode }[] {
  if (!node || typeof node !== 'object') return [];
  const n = node as SchemaNode;
  const here = n.type === 'object' ? [{ where, node: n }] : [];
  const children = Object.entries(n).flatMap(([k, v]) => (v && typeof v === 'object' ? objectSchemas(v, `${where}/${k}`) : []));
  return [...here, ...children];
}

describe('schemas/fnsync.schema.json', () => {
  it('has an $id, a title and a description', () => {
    expect(schema.$id).toMatch(/^https:\/\/.+fnsync\.schema\.json$/);
    expect(schema.title).toBe('fnsync.yaml');
    expect(typeof schema.description).toBe('string');
  });

  it('rejects unknown keys on every object with fixed properties', () => {
    const fixed = objectSchemas(schema).filter((o) => o.node.properties);
    expect(fixed.length).toBeGreaterThanOrEqual(4);
    for (const o of fixed) expect({ where: o.where, additionalProperties: o.node.additionalProperties }).toEqual({ where: o.where, additionalProperties: false });
  });

  it('describes every property, so editors show hover help', () => {
    const properties = objectSchemas(schema).flatMap((o) => Object.entries((o.node.properties as Record<string, SchemaNode>) ?? {}).map(([k, v]) => [`${o.where}.${k}`, v] as const));
    expect(properties.length).toBeGreaterThan(20);
    const undescribed = properties.filter(([, v]) => typeof v.description !== 'string' || (v.description as string).length < 10).map(([k]) => k);
    expect(undescribed).toEqual([]);
  });

  it('is the schema the example fnsync.yaml points editors at', () => {
    const firstLine = readFileSync(resolve(ROOT, 'fnsync.yaml'), 'utf8').split('\n')[0];
    expect(firstLine).toBe('# yaml-language-server: $schema=./schemas/fnsync.schema.json');
  });
});

describe('README config reference', () => {
  it('is up to date with the schema (run node scripts/config-reference.mjs)', () => {
    const readme = readFileSync(resolve(ROOT, 'README.md'), 'utf8');
    expect(updateReadme(readme, renderConfigReference(schema))).toBe(readme);
  });

  it('lists every field with its type, required flag and default', () => {
    const table = renderConfigReference(schema);
    expect(table).toContain('| `version` | `1` | yes |');
    expect(table).toContain('| `functions.<name>.timeoutMs` | integer | no | `5000` |');
    expect(table).toContain('| `functions.<name>.settings[].sensitive` | boolean | no | `false` |');
    expect(table).toContain('| `functions.<name>.instances[].destination` | string | no |');
  });

  it('replaces only the block between the markers', () => {
    const readme = 'intro\n<!-- config-reference:start -->\nold\n<!-- config-reference:end -->\noutro\n';
    expect(updateReadme(readme, 'new')).toBe('intro\n<!-- config-reference:start -->\nnew\n<!-- config-reference:end -->\noutro\n');
  });
});
