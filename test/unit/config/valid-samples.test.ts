// The example project and every valid sample load, and normalisation fills defaults and absolute paths.
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findConfigFile, loadConfig } from '../../../src/config/load-config.js';
import { DEFAULT_TIMEOUT_MS } from '../../../src/config/types.js';
import { UserError } from '../../../src/errors.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const VALID = join(ROOT, 'test/fixtures/config/valid');

describe('valid config samples', () => {
  it('the example project fnsync.yaml is valid, with one function of each type', async () => {
    const config = await loadConfig('fnsync.yaml', { cwd: ROOT });
    expect(config.functions.map((f) => f.type).sort()).toEqual(['destination', 'insert-destination', 'insert-source', 'source']);
    for (const fn of config.functions) {
      expect(fn.code.length).toBeGreaterThan(0);
      expect(fn.codePath).toBe(join(ROOT, 'functions', fn.name, 'handler.js'));
    }
  });

  it.each(readdirSync(VALID).sort())('%s is valid', async (name) => {
    const config = await loadConfig('fnsync.yaml', { cwd: join(VALID, name) });
    expect(config.file).toBe(join(VALID, name, 'fnsync.yaml'));
    expect(config.rootDir).toBe(join(VALID, name));
  });

  it('fills defaults and keeps env references unresolved', async () => {
    const config = await loadConfig('fnsync.yaml', { cwd: join(VALID, 'minimal') });
    const [fn] = config.functions;
    expect(fn).toMatchObject({ name: 'hello', description: '', logoUrl: undefined, timeoutMs: DEFAULT_TIMEOUT_MS, settings: [], instances: [] });
    expect(fn!.testsPattern).toBe(join(ROOT, 'test/fixtures/config/handlers/tests/*.yaml'));
    expect(config.workspace).toBeUndefined();
    expect(config.envReferences).toEqual([]);
  });

  it('normalises every field of the every-field sample', async () => {
    const dir = join(VALID, 'every-field');
    const config = await loadConfig('fnsync.yaml', { cwd: dir });
    expect(config).toMatchObject({ workspace: 'acme-prod', region: 'eu' });
    const fn = config.functions.find((f) => f.name === 'orders_webhook')!;
    expect(fn).toMatchObject({ timeoutMs: 2000, logoUrl: 'https://example.com/logo.png', testsPattern: join(dir, 'fixtures/orders/*.yaml') });
    expect(fn.settings[0]).toEqual({ name: 'apiKey', label: 'API key', type: 'string', description: "The partner's key", required: true, sensitive: true });
    expect(fn.settings[1]).toEqual({ name: 'dryRun', label: 'dryRun', type: 'boolean', description: '', required: false, sensitive: false });
    const [prod, staging] = fn.instances;
    expect(prod!.enabled).toBe(false);
    expect(staging!.enabled).toBe(true);
    expect(prod!.target).toEqual({ kind: 'source-function' });
    expect(prod!.settings.apiKey).toEqual({ kind: 'string', parts: [{ kind: 'env', name: 'ORDERS_API_KEY' }] });
    expect(prod!.settings.dryRun).toEqual({ kind: 'boolean', value: false });
    expect(prod!.settings.allowedEvents).toEqual({
      kind: 'array',
      items: [
        { kind: 'string', parts: [{ kind: 'literal', text: 'created' }] },
        { kind: 'string', parts: [{ kind: 'env', name: 'EXTRA_EVENT' }] },
      ],
    });
    expect(prod!.settings.headers).toEqual({
      kind: 'text-map',
      entries: {
        'X-Team': { kind: 'string', parts: [{ kind: 'literal', text: 'growth' }] },
        Authorization: { kind: 'string', parts: [{ kind: 'literal', text: 'Bearer ' }, { kind: 'env', name: 'ORDERS_TOKEN' }] },
      },
    });
    expect(config.envReferences.map((r) => [r.name, r.sensitive, r.path])).toEqual([
      ['ORDERS_API_KEY', true, 'functions.orders_webhook.instances[0].settings.apiKey'],
      ['EXTRA_EVENT', false, 'functions.orders_webhook.instances[0].settings.allowedEvents[1]'],
      ['ORDERS_TOKEN', false, 'functions.orders_webhook.instances[0].settings.headers.Authorization'],
      ['ORDERS_STAGING_API_KEY', true, 'functions.orders_webhook.instances[1].settings.apiKey'],
    ]);
    expect(config.envReferences[0]!.position).toEqual({ file: 'fnsync.yaml', line: 29, col: 19 });
    expect(config.envReferences[1]!.position).toEqual({ file: 'fnsync.yaml', line: 31, col: 36 });
    expect(config.functions.find((f) => f.name === 'enricher')!.instances[0]!.target).toEqual({ kind: 'destination-function', source: 'web-prod' });
    expect(config.functions.find((f) => f.name === 'same-name-other-type')!.instances[0]!.target).toEqual({ kind: 'insert-destination', destination: 'amplitude-prod' });
    expect(config.functions.find((f) => f.name === 'source-insert')!.instances[0]!.target).toEqual({ kind: 'insert-source', source: 'web-prod' });
  });
});

describe('findConfigFile', () => {
  it('defaults to fnsync.yaml in the working directory', () => {
    expect(findConfigFile(ROOT)).toBe(join(ROOT, 'fnsync.yaml'));
  });

  it('explains a missing default file and a missing explicit file', () => {
    expect(() => findConfigFile(VALID)).toThrow(UserError);
    expect(() => findConfigFile(VALID)).toThrow(/no fnsync.yaml in .*--config FILE/);
    expect(() => findConfigFile(ROOT, 'nope.yaml')).toThrow('config file nope.yaml not found');
    expect(() => findConfigFile(ROOT, 'functions')).toThrow('config file functions is a directory, not a file');
  });
});
