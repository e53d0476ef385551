// Adding imported entries to an existing fnsync.yaml: every byte already there stays (comments, their
// alignment, flow collections, order), the entries go at the end of functions:, indented like their
// neighbours, and the result parses to the old data plus the new entries.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { WrittenFunction } from '../../../src/config/types.js';
import { appendFunctions, newConfigText, type NewEntry } from '../../../src/import/yaml-append.js';

const ENTRY: WrittenFunction = {
  type: 'destination',
  displayName: 'Slack: Alerts',
  code: 'functions/slack-alerts/handler.js',
  adopt: 'dfn_1',
  settings: [{ name: 'webhookUrl', sensitive: true }],
  instances: [{ name: 'slack-web', source: 'web-prod', settings: { webhookUrl: '${env:SLACK_ALERTS_WEBHOOK_URL}', minimum: '100', on: true } }],
};
const entries: NewEntry[] = [['slack-alerts', ENTRY]];

const REPO_CONFIG = readFileSync(resolve(import.meta.dirname, '../../../fnsync.yaml'), 'utf8');

describe('appendFunctions', () => {
  it('keeps the whole existing text byte for byte and adds the entry after it (the repository config)', () => {
    const { text, reformatted } = appendFunctions(REPO_CONFIG, [['slack-alerts-2', ENTRY]]);
    expect(reformatted).toBe(false);
    expect(text.startsWith(REPO_CONFIG)).toBe(true);
    // The repository config separates functions by blank lines; so does the new entry.
    expect(text.slice(REPO_CONFIG.length)).toMatch(/^\n {2}slack-alerts-2:\n {4}type: destination\n/);
    const data = parse(text);
    expect(Object.keys(data.functions)).toEqual([...Object.keys(parse(REPO_CONFIG).functions), 'slack-alerts-2']);
    expect(data.functions['slack-alerts-2']).toEqual(ENTRY);
  });

  it('refuses a name the config already has instead of writing a duplicate key', () => {
    expect(() => appendFunctions(REPO_CONFIG, entries)).toThrow(/already has/);
  });

  it('inserts before comments and keys that follow the functions map, leaving them where they were', () => {
    const before = [
      '# My project',
      'version: 1   # always 1',
      'functions:',
      '  # written by hand',
      '  my-bot:',
      '    type: insert-source',
      '    displayName: My Bot',
      '    code: bot.js        # aligned comment',
      '    settings: [{ name: pattern }]',
      '# about the region',
      'region: eu',
      '',
    ].join('\n');
    const { text } = appendFunctions(before, entries);
    const lines = text.split('\n');
    const at = lines.indexOf('  slack-alerts:');
    expect(lines.slice(0, at)).toEqual(before.split('\n').slice(0, 9));
    expect(lines.slice(-3)).toEqual(['# about the region', 'region: eu', '']);
    expect(parse(text)).toEqual({ version: 1, region: 'eu', functions: { 'my-bot': parse(before).functions['my-bot'], 'slack-alerts': ENTRY } });
  });

  it('follows the indentation of the existing entries and keeps CRLF line endings', () => {
    const before = 'version: 1\r\nfunctions:\r\n    a:\r\n        type: source\r\n        displayName: A\r\n        code: a.js\r\n';
    const { text } = appendFunctions(before, entries);
    expect(text.startsWith(before)).toBe(true);
    const added = text.slice(before.length);
    expect(added.split('\r\n').slice(0, 3)).toEqual(['    slack-alerts:', '        type: destination', '        displayName: "Slack: Alerts"']);
    expect(added.replace(/\r\n/g, '')).not.toContain('\n');
    expect(parse(text).functions['slack-alerts']).toEqual(ENTRY);
  });

  it('adds a functions: map when the file has none, and fills an empty one', () => {
    for (const before of ['version: 1\n', 'version: 1', 'version: 1\nfunctions:\n', 'version: 1\nfunctions: ~  # none yet\nregion: us\n']) {
      const { text, reformatted } = appendFunctions(before, entries);
      expect(reformatted).toBe(false);
      expect(parse(text).functions).toEqual({ 'slack-alerts': ENTRY });
      expect(parse(text).version).toBe(1);
    }
    expect(appendFunctions('version: 1\nfunctions: ~  # none yet\nregion: us\n', entries).text).toMatch(/^version: 1\nfunctions: +# none yet\n {2}slack-alerts:\n[^]*\nregion: us\n$/);
  });

  it('reprints with the Document API (comments kept) when functions: is a flow mapping, and says so', () => {
    const { text, reformatted } = appendFunctions('# keep me\nversion: 1\nfunctions: {}\n', entries);
    expect(reformatted).toBe(true);
    expect(text).toContain('# keep me');
    expect(parse(text)).toEqual({ version: 1, functions: { 'slack-alerts': ENTRY } });
  });

  it('adds several entries in order', () => {
    const second: NewEntry = ['bot-filter', { type: 'insert-source', displayName: 'Bot Filter', code: 'functions/bot-filter/handler.js', adopt: 'ifns_2' }];
    const { text } = appendFunctions('version: 1\nfunctions:\n  a:\n    type: source\n    displayName: A\n    code: a.js\n', [...entries, second]);
    expect(Object.keys(parse(text).functions)).toEqual(['a', 'slack-alerts', 'bot-filter']);
  });

  it('changes nothing when there is nothing to add', () => {
    expect(appendFunctions(REPO_CONFIG, [])).toEqual({ text: REPO_CONFIG, reformatted: false });
  });
});

describe('newConfigText', () => {
  it('starts with the schema line for editors and holds version, workspace and the entries', () => {
    const text = newConfigText({ schemaRef: './node_modules/fnsync/schemas/fnsync.schema.json', workspace: 'acme-prod', comment: 'Written by fnsync import' }, entries);
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=./node_modules/fnsync/schemas/fnsync.schema.json');
    expect(parse(text)).toEqual({ version: 1, workspace: 'acme-prod', functions: { 'slack-alerts': ENTRY } });
    expect(text).toContain('webhookUrl: ${env:SLACK_ALERTS_WEBHOOK_URL}');
    expect(text).toContain('minimum: "100"');
  });
});
