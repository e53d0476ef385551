#!/usr/bin/env node
// Generates the config reference (one Markdown table of every fnsync.yaml field) from
// schemas/fnsync.schema.json into README.md between the config-reference markers, so the docs cannot drift
// from the schema. `node scripts/config-reference.mjs` rewrites the block; `--check` exits 1 if it is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = new URL('../', import.meta.url);
export const START = '<!-- config-reference:start -->';
export const END = '<!-- config-reference:end -->';

/** Follows a local `$ref` such as `#/definitions/function`. */
function deref(schema, root) {
  if (!schema.$ref) return schema;
  return schema.$ref.replace(/^#\//, '').split('/').reduce((node, key) => node[key], root);
}

function typeOf(schema) {
  if (schema.const !== undefined) return `\`${JSON.stringify(schema.const)}\``;
  if (schema.enum) return schema.enum.map((v) => `\`${v}\``).join(', ');
  if (schema.type === 'array') return 'list';
  if (schema.type === 'object') return 'mapping';
  if (schema.type === 'integer') return 'integer';
  if (schema.format === 'uri') return 'string (URL)';
  return schema.type ?? 'any';
}

function cell(text) {
  return String(text).replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** One row per field, depth first, in schema order. */
function rows(schema, root, path, required) {
  const node = deref(schema, root);
  const out = [];
  if (path) {
    const def = node.default !== undefined ? `\`${JSON.stringify(node.default)}\`` : '';
    out.push(`| \`${path}\` | ${cell(typeOf(node))} | ${required ? 'yes' : 'no'} | ${def} | ${cell(node.description ?? '')} |`);
  }
  for (const [key, child] of Object.entries(node.properties ?? {})) {
    out.push(...rows(child, root, path ? `${path}.${key}` : key, (node.required ?? []).includes(key)));
  }
  if (node.type === 'array' && node.items) out.push(...childRows(node.items, root, `${path}[]`));
  if (node.additionalProperties && typeof node.additionalProperties === 'object') {
    const placeholder = path === 'functions' ? '<name>' : '<setting>';
    out.push(...rows(node.additionalProperties, root, `${path}.${placeholder}`, false));
  }
  return out;
}

function childRows(items, root, path) {
  const node = deref(items, root);
  return Object.entries(node.properties ?? {}).flatMap(([key, child]) => rows(child, root, `${path}.${key}`, (node.required ?? []).includes(key)));
}

/** The Markdown for the README block. */
export function renderConfigReference(schema) {
  return [
    `Generated from \`schemas/fnsync.schema.json\` by \`node scripts/config-reference.mjs\`; a test fails when this table is out of date.`,
    '',
    '| field | type | required | default | description |',
    '|---|---|---|---|---|',
    ...rows(schema, schema, '', false),
  ].join('\n');
}

/** The README text with the block between the markers replaced. */
export function updateReadme(readme, markdown) {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README.md lacks the ${START} ... ${END} markers`);
  return `${readme.slice(0, start + START.length)}\n${markdown}\n${readme.slice(end)}`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const schema = JSON.parse(readFileSync(new URL('schemas/fnsync.schema.json', ROOT), 'utf8'));
  const readmeUrl = new URL('README.md', ROOT);
  const readme = readFileSync(readmeUrl, 'utf8');
  const updated = updateReadme(readme, renderConfigReference(schema));
  if (process.argv.includes('--check')) {
    if (updated !== readme) {
      console.error('README.md config reference is out of date: run node scripts/config-reference.mjs');
      process.exit(1);
    }
  } else if (updated !== readme) {
    writeFileSync(readmeUrl, updated);
    console.log('README.md config reference updated');
  }
}
