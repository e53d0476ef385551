// Local names and environment variable names derived by import: readable, valid, and never reused.
import { describe, expect, it } from 'vitest';
import { EnvNameAllocator, upperSnake } from '../../../src/import/env-names.js';
import { allocateName, deriveLocalName } from '../../../src/import/local-names.js';

const SAFE_NAME = /^[a-z0-9][a-z0-9-]{0,63}$/;

describe('deriveLocalName', () => {
  it.each([
    ['Slack Alerts', 'slack-alerts'],
    ['PII Mask', 'pii-mask'],
    ['PIIMask v2', 'pii-mask-v2'],
    ['HTTPRequest Logger', 'http-request-logger'],
    ['stripeEvents', 'stripe-events'],
    ['  Orders -> Amplitude (EU)  ', 'orders-amplitude-eu'],
    ['Café Crème', 'cafe-creme'],
    ['3rd_party hook', '3rd-party-hook'],
  ])('%s → %s', (displayName, expected) => {
    expect(deriveLocalName(displayName)).toBe(expected);
  });

  it('falls back to "function" when nothing of the display name is usable', () => {
    expect(deriveLocalName('日本語 🎉')).toBe('function');
    expect(deriveLocalName('---')).toBe('function');
  });

  it('never yields a name Windows cannot use as a folder', () => {
    expect(deriveLocalName('CON')).toBe('con-fn');
    expect(deriveLocalName('Lpt1')).toBe('lpt1-fn');
  });

  it('keeps long names within the 64 characters the config allows, even with a suffix', () => {
    const name = deriveLocalName(`${'Very Long Function Name '.repeat(5)}!`);
    expect(name.length).toBeLessThanOrEqual(60);
    expect(name.endsWith('-')).toBe(false);
    expect(`${name}-99`).toMatch(SAFE_NAME);
  });

  it('every derived name passes the config rule for local names', () => {
    for (const d of ['A', 'a b c', 'X_Y', 'émoji 🎉 name', '42', 'Über-Filter!!', 'aux']) expect(deriveLocalName(d)).toMatch(SAFE_NAME);
  });
});

describe('allocateName', () => {
  it('takes the wanted name when it is free, with no collision to report', () => {
    expect(allocateName('slack-alerts', () => undefined)).toEqual({ name: 'slack-alerts' });
  });

  it('counts up from -2 past every taken name and reports what held the wanted one', () => {
    const taken = new Map([
      ['slack-alerts', 'functions.slack-alerts is already in fnsync.yaml'],
      ['slack-alerts-2', 'functions/slack-alerts-2/ exists'],
    ]);
    expect(allocateName('slack-alerts', (n) => taken.get(n))).toEqual({
      name: 'slack-alerts-3',
      collision: { wanted: 'slack-alerts', takenBy: 'functions.slack-alerts is already in fnsync.yaml' },
    });
  });
});

describe('environment variable names', () => {
  it('upper snake cases local names and camelCase setting names', () => {
    expect(upperSnake('slack-alerts')).toBe('SLACK_ALERTS');
    expect(upperSnake('webhookUrl')).toBe('WEBHOOK_URL');
    expect(upperSnake('APIKey')).toBe('API_KEY');
    expect(upperSnake('$legacy_1')).toBe('LEGACY_1');
  });

  it('joins the parts and makes each name unique, also against names fnsync.yaml already uses', () => {
    const names = new EnvNameAllocator(['SLACK_ALERTS_WEBHOOK_URL']);
    expect(names.allocate(['slack-alerts', 'webhookUrl'])).toBe('SLACK_ALERTS_WEBHOOK_URL_2');
    expect(names.allocate(['slack-alerts', 'webhookUrl'])).toBe('SLACK_ALERTS_WEBHOOK_URL_3');
    expect(names.allocate(['stripe-events', 'signingSecret'])).toBe('STRIPE_EVENTS_SIGNING_SECRET');
  });

  it('always yields a valid variable name', () => {
    const names = new EnvNameAllocator([]);
    expect(names.allocate(['3pl-hook', 'token'])).toBe('FN_3PL_HOOK_TOKEN');
    expect(names.allocate(['', '$'])).toBe('SECRET');
  });
});
