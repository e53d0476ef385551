import { describe, expect, it } from 'vitest';
import {
  codeEquals,
  deployStateOf,
  functionTypeOf,
  isMaskedValue,
  normaliseSettingValues,
  pickManagedSettings,
  settingTypeFromApi,
  settingTypeToApi,
  sortSettings,
  stripFunctionPrefix,
  stripInsertPrefix,
  stripWorkspaceSuffix,
} from '../../../src/api/normalise.js';
import { instanceMetadataIds } from '../../../src/api/connection-ops.js';

describe('display-name suffix', () => {
  it('strips " (Workspace Name)" from destination and insert functions', () => {
    expect(stripWorkspaceSuffix('Slack Alerts (Acme Prod)', 'destination', 'Acme Prod')).toBe('Slack Alerts');
    expect(stripWorkspaceSuffix('Enrich (Acme Prod)', 'insert-destination', 'Acme Prod')).toBe('Enrich');
    expect(stripWorkspaceSuffix('Enrich (Acme Prod)', 'insert-source', 'Acme Prod')).toBe('Enrich');
  });
  it('leaves source functions, other parentheses and a different workspace name alone', () => {
    expect(stripWorkspaceSuffix('Ingest (Acme Prod)', 'source', 'Acme Prod')).toBe('Ingest (Acme Prod)');
    expect(stripWorkspaceSuffix('Slack (beta)', 'destination', 'Acme Prod')).toBe('Slack (beta)');
    expect(stripWorkspaceSuffix('Slack (Acme prod)', 'destination', 'Acme Prod')).toBe('Slack (Acme prod)');
  });
  it('strips only one suffix', () => {
    expect(stripWorkspaceSuffix('X (W) (W)', 'destination', 'W')).toBe('X (W)');
  });
});

describe('settings', () => {
  it('maps API types to config spelling and back', () => {
    expect(['STRING', 'BOOLEAN', 'ARRAY', 'TEXT_MAP'].map(settingTypeFromApi)).toEqual(['string', 'boolean', 'array', 'text-map']);
    expect(settingTypeToApi('text-map')).toBe('TEXT_MAP');
    expect(settingTypeToApi('string')).toBe('STRING');
  });
  it('sorts definitions by name so order never differs', () => {
    const def = (name: string) => ({ name, label: name, description: '', type: 'string' as const, required: false, sensitive: false });
    expect(sortSettings([def('b'), def('a'), def('C')]).map((s) => s.name)).toEqual(['C', 'a', 'b']);
  });
  it('represents masked secrets explicitly, at any depth', () => {
    const out = normaliseSettingValues({ apiKey: '••••••••••aefd', plain: 'x', n: 3, nested: { token: '••••••••••1234' }, list: ['••••••••••zz99'] });
    expect(out.apiKey).toEqual({ masked: true, last4: 'aefd' });
    expect(isMaskedValue(out.apiKey)).toBe(true);
    expect(out.plain).toBe('x');
    expect(out.n).toBe(3);
    expect(out.nested).toEqual({ token: { masked: true, last4: '1234' } });
    expect(out.list).toEqual([{ masked: true, last4: 'zz99' }]);
    expect(isMaskedValue('••••abcd')).toBe(false);
  });
  it('keeps only managed keys of instance settings', () => {
    expect(pickManagedSettings({ apiKey: 'a', serverAdded: true, channel: '#x' }, ['apiKey', 'channel', 'missing'])).toEqual({
      apiKey: 'a',
      channel: '#x',
    });
  });
});

describe('ids, code and deployment', () => {
  it('strips insert prefixes only from insert ids', () => {
    expect(stripInsertPrefix('ifnd_abc')).toBe('abc');
    expect(stripInsertPrefix('ifns_abc')).toBe('abc');
    expect(stripInsertPrefix('dfn_abc')).toBe('dfn_abc');
    expect(stripFunctionPrefix('sfnc_abc')).toBe('abc');
  });
  it('matches instances by catalogId, id, or prefix-less id', () => {
    expect([...instanceMetadataIds({ id: 'dfn_123', catalogId: 'cat9' })].sort()).toEqual(['123', 'cat9', 'dfn_123']);
  });
  it('compares code ignoring CRLF vs LF but not other whitespace', () => {
    expect(codeEquals('a\r\nb\r\n', 'a\nb\n')).toBe(true);
    expect(codeEquals('a\nb', 'a\nb\n')).toBe(false);
  });
  it('derives deploy state', () => {
    expect(deployStateOf({ deployedAt: null, isLatestVersion: false })).toBe('never-deployed');
    expect(deployStateOf({ deployedAt: '2026-01-01T00:00:00.000Z', isLatestVersion: false })).toBe('outdated');
    expect(deployStateOf({ deployedAt: '2026-01-01T00:00:00.000Z', isLatestVersion: true })).toBe('latest');
  });
  it('knows INSERT_SOURCE and tolerates unknown resource types', () => {
    expect(functionTypeOf('INSERT_SOURCE')).toBe('insert-source');
    expect(functionTypeOf('SOMETHING_NEW')).toBeUndefined();
  });
});
