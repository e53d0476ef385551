// The masking rule of README "Secrets in output": whole values of any length, whole JSON strings inside text, and
// only secrets of MIN_MASKED_IN_TEXT characters or more inside other text.
import { describe, expect, it } from 'vitest';
import { MIN_MASKED_IN_TEXT, maskDeep, maskText } from '../../../src/render/mask-secrets.js';

describe('maskDeep', () => {
  it('masks a secret of any length where it is a whole string value', () => {
    const out = maskDeep({ settings: { apiKey: 'k', other: 'abc' }, logs: [{ level: 'log', message: 'abc' }], headers: { authorization: 'k' } }, ['k', 'abc']);
    expect(out).toEqual({ settings: { apiKey: '********', other: '********' }, logs: [{ level: 'log', message: '********' }], headers: { authorization: '********' } });
  });

  it('masks a short secret that is a whole JSON string inside text, encoded once or twice', () => {
    const out = maskDeep({ message: 'settings {"apiKey":"k","channel":"#a"}', again: JSON.stringify(JSON.stringify({ apiKey: 'k' })) }, ['k']);
    expect(out.message).toBe('settings {"apiKey":"********","channel":"#a"}');
    expect(out.again).not.toMatch(/\\"k\\"/);
  });

  it('masks a short secret as console.log shows it inside an object or a list', async () => {
    const { formatWithOptions } = await import('node:util');
    const logged = formatWithOptions({}, { webhookUrl: 'k', other: 'kk' }, ['k']);
    const out = maskDeep({ message: logged }, ['k']);
    expect(out.message).toBe("{ webhookUrl: '********', other: 'kk' } [ '********' ]");
  });

  it(`leaves a secret shorter than ${MIN_MASKED_IN_TEXT} characters alone inside other words, and masks longer ones there`, () => {
    const out = maskDeep({ message: 'a key=abc for a backup', long: 'Bearer hunter2!' }, ['abc', 'a', 'hunter2']);
    expect(out).toEqual({ message: 'a key=abc for a backup', long: 'Bearer ********!' });
  });

  it('never masks a key whole, so a short secret equal to a field name cannot break the document', () => {
    expect(maskDeep({ ok: true, url: 'ok' }, ['ok'])).toEqual({ ok: true, url: '********' });
  });

  it('ignores an empty secret', () => {
    expect(maskDeep({ a: '', b: 'x' }, [''])).toEqual({ a: '', b: 'x' });
  });
});

describe('maskText', () => {
  it('masks long secrets raw and JSON-escaped', () => {
    expect(maskText('{"m":"tok\\"en"} tok"en', ['tok"en'])).toBe('{"m":"********"} ********');
  });
});

describe('a secret cut short by a preview', () => {
  it('has its visible start masked, from four characters on, in values and in text', () => {
    const secret = 'secret-host-1234.example.com';
    const preview = `got [["********","static"],{"k":"${secret.slice(0, 16)}...`;
    expect(maskText(preview, [secret])).toBe('got [["********","static"],{"k":"********...');
    expect(maskDeep({ message: `expected "x", got "${secret.slice(0, 9)}…` }, [secret])).toEqual({ message: 'expected "x", got "********…' });
    // Three characters or fewer before the cut stay (they would garble every word), as does text that is no secret's start.
    expect(maskText('"sec...', [secret])).toBe('"sec...');
    expect(maskText('wait... then', [secret])).toBe('wait... then');
  });
});

describe('a secret holding characters that printing escapes', () => {
  it('is masked however it was printed: raw, JSON once or twice, and as console.log shows it inside an object', async () => {
    const { inspect } = await import('node:util');
    for (const secret of ['Zx9\\kQ2mP7vR4tL8', 'Zx9"kQ2mP7vR4tL8', 'Zx9\tkQ2mP7vR4tL8', 'Zx9\'k"Q2mP7vR4tL8', 'Zx9"k\\Q2mP7vR4tL8', 'Zx9\u001bkQ2mP7vR4tL8']) {
      const lines = [
        JSON.stringify({ apiKey: secret }),
        JSON.stringify(JSON.stringify({ apiKey: secret })),
        inspect({ apiKey: secret }),
        inspect([secret]),
        `key=${secret}`,
      ];
      for (const line of lines) {
        const masked = maskText(line, [secret]);
        expect({ secret, masked }).toEqual({ secret, masked: expect.stringContaining('********') });
        expect(masked).not.toContain('kQ2mP7vR4tL8');
        expect(maskDeep({ logs: [line] }, [secret]).logs[0]).not.toContain('kQ2mP7vR4tL8');
      }
    }
  });
});
