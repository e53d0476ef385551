// Settings as import writes them: definitions without their defaults, values in the declared type,
// and every value it cannot write as itself (a masked secret, text with `${`) as an env reference.
import { describe, expect, it } from 'vitest';
import { toMasked } from '../../../src/api/normalise.js';
import { convertSettingValue, writtenSettingDefinition } from '../../../src/import/setting-values.js';
import { setting } from './builders.js';

describe('writtenSettingDefinition', () => {
  it('leaves out every field equal to its default', () => {
    expect(writtenSettingDefinition(setting('channel'))).toEqual({ name: 'channel' });
  });

  it('keeps every field that differs, including an empty label (the default would be the name)', () => {
    const def = setting('webhookUrl', { label: 'Webhook URL', type: 'string', description: 'Where to post', required: true, sensitive: true });
    expect(writtenSettingDefinition(def)).toEqual({ name: 'webhookUrl', label: 'Webhook URL', description: 'Where to post', required: true, sensitive: true });
    expect(writtenSettingDefinition(setting('x', { label: '', type: 'text-map' }))).toEqual({ name: 'x', label: '', type: 'text-map' });
  });
});

describe('convertSettingValue', () => {
  it('writes plain values in their declared type', () => {
    expect(convertSettingValue(setting('channel'), '#sales')).toEqual({ kind: 'literal', value: '#sales' });
    expect(convertSettingValue(setting('verbose', { type: 'boolean' }), false)).toEqual({ kind: 'literal', value: false });
    expect(convertSettingValue(setting('events', { type: 'array' }), ['Order Completed', 'Signed Up'])).toEqual({ kind: 'literal', value: ['Order Completed', 'Signed Up'] });
    expect(convertSettingValue(setting('headers', { type: 'text-map' }), { 'X-Team': 'growth' })).toEqual({ kind: 'literal', value: { 'X-Team': 'growth' } });
  });

  it('turns a sensitive value into an env reference, masked or not: a secret is never written', () => {
    const def = setting('apiKey', { sensitive: true });
    expect(convertSettingValue(def, toMasked('••••••••••abcd'))).toEqual({ kind: 'env', reason: 'sensitive' });
    expect(convertSettingValue(def, 'sk_live_plain_text_value')).toEqual({ kind: 'env', reason: 'sensitive' });
  });

  it('turns a masked value of a string setting not declared sensitive into an env reference', () => {
    expect(convertSettingValue(setting('token'), toMasked('••••••••••wxyz'))).toEqual({ kind: 'env', reason: 'masked' });
  });

  it('leaves out a masked value of a list setting, saying the next plan will show it removed', () => {
    const out = convertSettingValue(setting('keys', { type: 'array' }), [toMasked('••••••••••abcd')]);
    expect(out.kind).toBe('omit');
    expect(out.kind === 'omit' && out.note).toMatch(/masked.*removed/);
  });

  it('writes text containing ${ as an env reference, since fnsync.yaml would read it as one', () => {
    expect(convertSettingValue(setting('template'), 'Hello ${name}')).toEqual({ kind: 'env', reason: 'template' });
  });

  it('converts a value of another type and notes that the next plan will show a change', () => {
    const out = convertSettingValue(setting('minimum'), 100);
    expect(out).toMatchObject({ kind: 'literal', value: '100' });
    expect(out.kind === 'literal' && out.note).toMatch(/holds a number.*change/);
    expect(convertSettingValue(setting('flag', { type: 'boolean' }), 'true')).toMatchObject({ kind: 'literal', value: true, note: expect.stringMatching(/a string/) });
    expect(convertSettingValue(setting('list', { type: 'array' }), [1, 'a'])).toMatchObject({ kind: 'literal', value: ['1', 'a'], note: expect.any(String) });
  });

  it('leaves out a missing or null value of an optional setting', () => {
    expect(convertSettingValue(setting('channel'), undefined)).toEqual({ kind: 'omit' });
    expect(convertSettingValue(setting('channel'), null)).toEqual({ kind: 'omit' });
  });

  it('gives a required setting with no value an env reference (strings) or the empty value, with a note', () => {
    expect(convertSettingValue(setting('url', { required: true }), undefined)).toEqual({ kind: 'env', reason: 'missing' });
    expect(convertSettingValue(setting('on', { type: 'boolean', required: true }), undefined)).toMatchObject({ kind: 'literal', value: false, note: expect.stringMatching(/required/) });
  });
});
