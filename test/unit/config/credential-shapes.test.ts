// What counts as a credential for the "not marked sensitive" warning: names and value shapes, without false alarms
// on ordinary settings.
import { describe, expect, it } from 'vitest';
import { credentialName, credentialShape } from '../../../src/config/credential-shapes.js';

describe('credential names', () => {
  it.each(['apiKey', 'api_key', 'API_KEY', 'apikey', 'token', 'authToken', 'accessToken', 'clientSecret', 'client_secret', 'password', 'dbPassword', 'writeKey', 'privateKey', 'signingSecret', 'credentials'])(
    '%s is a credential',
    (name) => expect(credentialName(name)).toBe(true),
  );
  it.each(['channel', 'propertyKey', 'keyField', 'key', 'tokenizerMode', 'author', 'minimumRevenue', 'webhookUrl', 'redactFields'])(
    '%s is not',
    (name) => expect(credentialName(name)).toBe(false),
  );
});

describe('credential values', () => {
  it.each([
    ['sk_live_abcdef123456', 'a Stripe API key'],
    ['whsec_abcdefgh1234', 'a webhook signing secret'],
    ['xoxb-1234-5678-abcdefgh', 'a Slack token'],
    ['https://hooks.slack.com/services/T000/B000/abcdefgh1234', 'a Slack webhook URL'],
    ['ghp_abcdefghijklmnopqrstuvwxyz0123', 'a GitHub token'],
    ['AKIAABCDEFGHIJKLMNOP', 'an AWS access key id'],
    ['Bearer abcdef1234567890', 'a bearer token'],
    ['https://api.acme.test/v1?api_key=abcdef1234', "a key in the URL's query"],
    ['https://api.acme.test/v1?a=1&access_token=zzzz9999', "a key in the URL's query"],
    ['https://user:hunter22@db.acme.test/', 'a password in the URL'],
  ])('%s looks like %s', (value, what) => expect(credentialShape(value)).toBe(what));

  it.each(['#sales', 'https://api.acme.test/v1?page=2', 'plain text, nothing secret', '100', 'https://hooks.slack.com/services/'])('%s does not', (value) =>
    expect(credentialShape(value)).toBeUndefined(),
  );
});
