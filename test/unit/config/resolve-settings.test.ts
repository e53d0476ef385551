// Env references resolve only on demand; every missing variable is reported at once, and values keep their types.
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/load-config.js';
import { resolveConfigValues, resolveInstanceSettings } from '../../../src/config/resolve-settings.js';
import { UserError, formatProblem } from '../../../src/errors.js';

const DIR = resolve(import.meta.dirname, '../../fixtures/config/valid/every-field');
const FULL_ENV = { ORDERS_API_KEY: 'key-123456', EXTRA_EVENT: 'refunded', ORDERS_TOKEN: 'tok-abcdef', ORDERS_STAGING_API_KEY: 'key-staging' };

describe('resolveInstanceSettings', () => {
  it('types each value by its setting type', async () => {
    const config = await loadConfig('fnsync.yaml', { cwd: DIR });
    const fn = config.functions.find((f) => f.name === 'orders_webhook')!;
    const r = resolveInstanceSettings(fn, fn.instances[0]!, FULL_ENV);
    expect(r.missing).toEqual([]);
    expect(r.values).toEqual({
      apiKey: 'key-123456',
      dryRun: false,
      allowedEvents: ['created', 'refunded'],
      headers: { 'X-Team': 'growth', Authorization: 'Bearer tok-abcdef' },
      $legacy_1: '42',
    });
  });

  it('lists missing variables without throwing', async () => {
    const config = await loadConfig('fnsync.yaml', { cwd: DIR });
    const fn = config.functions.find((f) => f.name === 'orders_webhook')!;
    const r = resolveInstanceSettings(fn, fn.instances[0]!, { EXTRA_EVENT: 'x' });
    expect(r.missing).toEqual(['ORDERS_API_KEY', 'ORDERS_TOKEN']);
  });
});

describe('resolveConfigValues', () => {
  it('resolves every instance of every function', async () => {
    const config = await loadConfig('fnsync.yaml', { cwd: DIR });
    const values = resolveConfigValues(config, FULL_ENV);
    expect(values.orders_webhook!['orders-staging']).toEqual({ apiKey: 'key-staging' });
    expect(values.enricher).toEqual({ 'enricher-web': {} });
  });

  it('throws one UserError naming every missing variable and every place it is used', async () => {
    const config = await loadConfig('fnsync.yaml', { cwd: DIR });
    let error: unknown;
    try {
      resolveConfigValues(config, { EXTRA_EVENT: 'x' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(UserError);
    const e = error as UserError;
    expect(e.message).toBe('3 environment variables are not set: ORDERS_API_KEY, ORDERS_TOKEN, ORDERS_STAGING_API_KEY');
    expect(e.problems.map(formatProblem)).toEqual([
      'fnsync.yaml:29:19 functions.orders_webhook.instances[0].settings.apiKey: environment variable ORDERS_API_KEY is not set',
      'fnsync.yaml:32:53 functions.orders_webhook.instances[0].settings.headers.Authorization: environment variable ORDERS_TOKEN is not set',
      'fnsync.yaml:35:29 functions.orders_webhook.instances[1].settings.apiKey: environment variable ORDERS_STAGING_API_KEY is not set',
    ]);
  });

  it('treats an empty variable as set (it is the user’s explicit value)', async () => {
    const config = await loadConfig('fnsync.yaml', { cwd: DIR });
    const values = resolveConfigValues(config, { ...FULL_ENV, ORDERS_TOKEN: '' });
    expect((values.orders_webhook!['orders-prod']!.headers as Record<string, string>).Authorization).toBe('Bearer ');
  });
});
