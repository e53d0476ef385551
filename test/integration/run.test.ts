// `fnsync run` as a user runs it (spawned, built dist/), on the example functions in functions/.
import { createHmac } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { makeTempDir, runCli } from '../helpers/cli.js';

const SECRET = 'whsec_fnsync_test_secret';

function stripeRequest(event: unknown, secret = SECRET) {
  const body = JSON.stringify(event);
  const t = 1700000000;
  const v1 = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
  return JSON.stringify({ headers: { 'Content-Type': 'application/json', 'Stripe-Signature': `t=${t},v1=${v1}` }, body });
}

const charge = { id: 'evt_1', type: 'charge.succeeded', data: { object: { id: 'ch_1', customer: 'cus_9', amount: 2500, currency: 'eur' } } };

describe('fnsync run (spawned)', () => {
  it('runs the stripe-events source with a valid signature and prints the emitted track call', async () => {
    const dir = makeTempDir({ 'request.json': stripeRequest(charge), 'settings.json': JSON.stringify({ signingSecret: '${env:STRIPE_SECRET}' }) });
    const r = await runCli(['run', 'stripe-events', '--request', `${dir}/request.json`, '--settings', `${dir}/settings.json`, '--now', '2024-03-01T00:00:00Z'], {
      env: { STRIPE_SECRET: SECRET },
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.outcome).toBe('Success');
    expect(out.messages).toEqual([
      {
        type: 'track',
        event: 'Order Completed',
        userId: 'cus_9',
        properties: { orderId: 'ch_1', revenue: 25, currency: 'EUR' },
        messageId: 'fnsync-1',
        timestamp: '2024-03-01T00:00:00.000Z',
      },
    ]);
    expect(r.stdout).not.toContain(SECRET);
  });

  it('a wrong or missing signature is a ValidationError: Message Rejected, exit 1', async () => {
    const dir = makeTempDir({ 'settings.json': JSON.stringify({ signingSecret: SECRET }) });
    const wrong = await runCli(['run', 'stripe-events', '--request', '-', '--settings', `${dir}/settings.json`], { input: stripeRequest(charge, 'some-other-secret') });
    expect(wrong.code).toBe(1);
    expect(JSON.parse(wrong.stdout)).toMatchObject({ outcome: 'Message Rejected', error: { type: 'ValidationError', message: 'Stripe signature does not match' } });
    const unsigned = await runCli(['run', 'stripe-events', '--request', '-', '--settings', `${dir}/settings.json`], { input: JSON.stringify({ body: charge }) });
    expect(JSON.parse(unsigned.stdout)).toMatchObject({ outcome: 'Message Rejected', error: { message: 'missing Stripe-Signature header' }, messages: [] });
  });

  it('slack-alerts without --allow-network: the request is refused, recorded, and the function asks for a retry', async () => {
    const dir = makeTempDir({
      'event.json': JSON.stringify({ type: 'track', event: 'Order Completed', userId: 'u1', properties: { revenue: 900 } }),
      'settings.json': JSON.stringify({ webhookUrl: 'https://hooks.slack.com/services/T000/B000/XXXX', channel: '#sales', minimumRevenue: '100' }),
    });
    const r = await runCli(['run', 'slack-alerts', '--event', `${dir}/event.json`, '--settings', `${dir}/settings.json`]);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.outcome).toBe('Retry');
    expect(out.error.type).toBe('RetryError');
    expect(out.requests).toHaveLength(1);
    // webhookUrl is a sensitive setting in fnsync.yaml, so its value is masked even in the recorded request
    expect(out.requests[0]).toMatchObject({ method: 'POST', url: '********', mockIndex: null });
    expect(out.requests[0].error).toMatch(/no mock matched and the network is off \(fnsync run: --allow-network\)/);
    expect(JSON.parse(out.requests[0].body)).toEqual({ text: ':moneybag: Order Completed by u1: 900', channel: '#sales' });
    expect(r.stderr).toBe('');
  });

  it('warns on stderr (stdout stays one JSON document) when required settings are not given', async () => {
    const input = JSON.stringify({ type: 'track', event: 'Signed Up', userId: 'u1' });
    const none = await runCli(['run', 'slack-alerts', '--event', '-'], { input });
    expect(none.stderr).toContain('warning: slack-alerts requires settings that are not given (no --settings FILE or --instance NAME): webhookUrl');
    expect(JSON.parse(none.stdout).error).toMatchObject({ type: 'RetryError', message: 'Only absolute URLs are supported' });
  });

  it('with --allow-network the request reaches the network (a local server) and is recorded with its status', async () => {
    const server = createServer((req, res) => {
      res.writeHead(201, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ got: req.method }));
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
      const dir = makeTempDir({
        'call.js': `async function onTrack(event) {\n  const res = await fetch('${url}', { method: 'POST', body: 'x' });\n  return { status: res.status, body: await res.json() };\n}\n`,
      });
      const args = ['run', `${dir}/call.js`, '--type', 'destination', '--event', '-'];
      const allowed = await runCli([...args, '--allow-network'], { input: '{"type":"track","event":"E","userId":"u"}' });
      expect(allowed.code).toBe(0);
      const out = JSON.parse(allowed.stdout);
      expect(out.returned).toEqual({ status: 201, body: { got: 'POST' } });
      expect(out.requests).toMatchObject([{ method: 'POST', url, body: 'x', status: 201, error: null }]);
      const refused = await runCli(args, { input: '{"type":"track","event":"E","userId":"u"}' });
      expect(refused.code).toBe(1);
      expect(JSON.parse(refused.stdout)).toMatchObject({ outcome: 'Bad Request', error: { type: 'FetchError' }, requests: [{ url, status: null }] });
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('a sensitive setting value never appears in the output', async () => {
    const url = 'https://hooks.slack.com/services/SECRET/TOKEN/VALUE';
    const dir = makeTempDir({
      'event.json': JSON.stringify({ type: 'track', event: 'Order Completed', userId: 'u1', properties: { revenue: 900 } }),
      'settings.json': JSON.stringify({ webhookUrl: url }),
    });
    const r = await runCli(['run', 'slack-alerts', '--event', `${dir}/event.json`, '--settings', `${dir}/settings.json`]);
    expect(r.stdout).not.toContain(url);
    expect(JSON.parse(r.stdout).requests[0].url).toBe('********');
  });

  it('an env-sourced secret stays masked when the function JSON-encodes it into a log line or an error', async () => {
    const secret = 'tok"en\\with-quote';
    const dir = makeTempDir({
      'leak.js': "async function onTrack(event, settings) {\n  console.log('settings', JSON.stringify(settings));\n  throw new Error('bad key ' + settings.apiKey);\n}\n",
      'settings.json': JSON.stringify({ apiKey: '${env:LEAKY_KEY}' }),
    });
    const r = await runCli(['run', `${dir}/leak.js`, '--type', 'destination', '--event', '-', '--settings', `${dir}/settings.json`], {
      input: '{"type":"track","event":"E","userId":"u"}',
      env: { LEAKY_KEY: secret },
    });
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.logs).toEqual([{ level: 'log', message: 'settings {"apiKey":"********"}' }]);
    expect(out.error).toEqual({ type: 'Error', message: 'bad key ********', at: `${dir}/leak.js:3:9` });
    expect(r.stdout).not.toContain('with-quote');
  });

  it('runs a handler by path with --type; a JSON array is a batch for onBatch', async () => {
    const events = [
      { type: 'track', properties: { email: 'ada@example.com', phone: '123' } },
      { type: 'identify', traits: { ssn: '1' } },
    ];
    const r = await runCli(['run', 'functions/pii-mask/handler.js', '--type', 'insert-destination', '--event', '-'], { input: JSON.stringify(events) });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      outcome: 'Success',
      returned: [
        { type: 'track', properties: { email: 'a***@example.com', phone: '[redacted]' } },
        { type: 'identify', traits: { ssn: '[redacted]' } },
      ],
    });
  });

  it('an insert function dropping the event exits 0 with outcome Dropped', async () => {
    const r = await runCli(['run', 'functions/bot-filter/handler.js', '--type', 'insert-source', '--event', '-'], {
      input: JSON.stringify({ type: 'track', context: { userAgent: 'Googlebot/2.1' } }),
    });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ outcome: 'Dropped', error: { type: 'DropEvent', message: 'bot traffic' } });
  });

  it('bad input: clear messages, exit 1, no stack trace', async () => {
    const noType = await runCli(['run', 'functions/bot-filter/handler.js', '--event', '-'], { input: '{}' });
    expect(noType.code).toBe(1);
    expect(noType.stderr).toMatch(/--type is required/);
    const badJson = await runCli(['run', 'functions/bot-filter/handler.js', '--type', 'insert-source', '--event', '-'], { input: '{ nope' });
    expect(badJson.code).toBe(1);
    expect(badJson.stderr).toMatch(/<stdin> is not valid JSON/);
    const unknown = await runCli(['run', 'no-such-function', '--event', '-'], { input: '{"type":"track"}' });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/no function named "no-such-function".*stripe-events/);
    const twoStdin = await runCli(['run', 'functions/bot-filter/handler.js', '--type', 'insert-source', '--event', '-', '--settings', '-']);
    expect(twoStdin.code).toBe(1);
    expect(twoStdin.stderr).toMatch(/only one input can be read from stdin/);
    for (const r of [noType, badJson, unknown, twoStdin]) expect(r.stderr).not.toMatch(/\bat .*\.js:\d+/);
  });

  it('--option picks the runtime\'s other answer to an open question; a wrong one is a clear error', async () => {
    const dir = makeTempDir({
      'hook.js': "async function onRequest(request) {\n  Segment.track({ userId: 'u', event: 'Form', properties: request.json() });\n}\n",
      'request.json': JSON.stringify({ headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'plan=pro&tag=a&tag=b' }),
    });
    const args = ['run', `${dir}/hook.js`, '--type', 'source', '--request', `${dir}/request.json`];
    const byDefault = await runCli(args);
    expect(byDefault.code).toBe(1);
    expect(JSON.parse(byDefault.stdout).error.type).toBe('SyntaxError');
    const decoded = await runCli([...args, '--option', 'formBodies=decode']);
    expect(decoded.code).toBe(0);
    expect(JSON.parse(decoded.stdout).messages[0].properties).toEqual({ plan: 'pro', tag: ['a', 'b'] });
    const wrong = await runCli([...args, '--option', 'formBodies=json']);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('--option formBodies=json: formBodies must be one of text, decode');
    expect(wrong.stderr).not.toMatch(/\n\s+at /);
  });

  it('a syntax error names file:line:col', async () => {
    const dir = makeTempDir({ 'broken.js': 'async function onTrack(event) {\n  return event +;\n}\n' });
    const r = await runCli(['run', `${dir}/broken.js`, '--type', 'destination', '--event', '-'], { input: '{"type":"track"}' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${dir}/broken.js:2:17: SyntaxError: Unexpected token ';'`);
  });
});

describe('fnsync types (spawned)', () => {
  it('--out into a missing directory creates it; under a file it is a clear error naming the file', async () => {
    const dir = makeTempDir({ 'a-file': 'x' });
    const made = await runCli(['types', '--out', 'missing/deeper/segment-functions.d.ts'], { cwd: dir });
    expect(made.code).toBe(0);
    expect(existsSync(join(dir, 'missing/deeper/segment-functions.d.ts'))).toBe(true);
    const r = await runCli(['types', '--out', 'a-file/segment-functions.d.ts'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error: cannot write a-file/segment-functions.d.ts: a part of its path is not a directory');
    expect(r.stderr).not.toMatch(/unexpected error|\n\s+at /);
  });

  it('prints the shipped declarations, or writes them with --out', async () => {
    const shipped = readFileSync(new URL('../../types/segment-functions.d.ts', import.meta.url), 'utf8');
    const dir = makeTempDir();
    const printed = await runCli(['types'], { cwd: dir });
    expect(printed.code).toBe(0);
    expect(printed.stdout).toContain('declare const Segment');
    expect(printed.stdout).toContain('declare class RetryError extends Error');
    expect(printed.stdout).not.toContain('FnsyncSettings {'); // no fnsync.yaml here
    const written = await runCli(['types', '--out', 'segment-functions.d.ts'], { cwd: dir });
    expect(written.code).toBe(0);
    expect(written.stderr).toContain('wrote segment-functions.d.ts');
    expect(readFileSync(`${dir}/segment-functions.d.ts`, 'utf8')).toBe(shipped);
  });

  it('in a project, adds each function\'s settings type from fnsync.yaml', async () => {
    const r = await runCli(['types']); // the example project
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith(readFileSync(new URL('../../types/segment-functions.d.ts', import.meta.url), 'utf8'))).toBe(true);
    expect(r.stdout).toContain('interface FnsyncSettings {');
    expect(r.stdout).toMatch(/"slack-alerts": \{\n(.*\n)*? {4}"webhookUrl": string;\n(.*\n)*? {4}"channel"\?: string;/);
    expect(r.stdout).toContain('"redactFields"?: string[];');
    const missing = await runCli(['types', '--config', 'nope.yaml']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('config file nope.yaml not found');
  });

  describe('--instance takes the settings from fnsync.yaml', () => {
    const order = JSON.stringify({ type: 'track', event: 'Order Completed', userId: 'u1', properties: { revenue: 900 } });
    const HOOK = 'https://hooks.slack.com/services/T000/B000/instance-secret-1234';

    it("uses the instance's values with ${env:…} resolved, the secret masked, and --settings overriding key by key", async () => {
      const dir = makeTempDir({ 'event.json': order, 'override.json': JSON.stringify({ channel: '#ops' }) });
      const plain = await runCli(['run', 'slack-alerts', '--instance', 'slack-alerts-web', '--event', `${dir}/event.json`], { env: { SLACK_WEBHOOK_URL: HOOK } });
      expect(plain.stderr).toBe('');
      const out = JSON.parse(plain.stdout);
      expect(out.requests).toHaveLength(1);
      // webhookUrl comes from the environment through the instance: masked; channel is the instance's literal.
      expect(out.requests[0].url).toBe('********');
      expect(JSON.parse(out.requests[0].body)).toEqual({ text: ':moneybag: Order Completed by u1: 900', channel: '#sales' });
      expect(plain.stdout).not.toContain('instance-secret-1234');

      const overridden = await runCli(['run', 'slack-alerts', '--instance', 'slack-alerts-web', '--event', `${dir}/event.json`, '--settings', `${dir}/override.json`], {
        env: { SLACK_WEBHOOK_URL: HOOK },
      });
      const over = JSON.parse(overridden.stdout);
      expect(JSON.parse(over.requests[0].body)).toEqual({ text: ':moneybag: Order Completed by u1: 900', channel: '#ops' });
      expect(over.requests[0].url).toBe('********');
    });

    it('an unset variable is an error at its line in fnsync.yaml, unless --settings gives that key', async () => {
      const dir = makeTempDir({ 'event.json': order, 'hook.json': JSON.stringify({ webhookUrl: 'https://hooks.example.test/x' }) });
      const r = await runCli(['run', 'slack-alerts', '--instance', 'slack-alerts-web', '--event', `${dir}/event.json`], { env: { SLACK_WEBHOOK_URL: undefined } });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('fnsync.yaml:41:23 functions.slack-alerts.instances[0].settings.webhookUrl: environment variable SLACK_WEBHOOK_URL is not set');
      expect(r.stderr).toContain('error: instance slack-alerts-web of slack-alerts needs an environment variable that is not set: SLACK_WEBHOOK_URL (set it, or give webhookUrl with --settings)');
      expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, problems: [{ line: 41, col: 23 }] });
      const given = await runCli(['run', 'slack-alerts', '--instance', 'slack-alerts-web', '--event', `${dir}/event.json`, '--settings', `${dir}/hook.json`], {
        env: { SLACK_WEBHOOK_URL: undefined },
      });
      expect(JSON.parse(given.stdout).requests[0].url).toBe('********');
    });

    it('masks the list and map elements that came from the environment, not the literals beside them, as fnsync test does', async () => {
      const dir = makeTempDir({
        'fnsync.yaml':
          'version: 1\nfunctions:\n  m:\n    type: destination\n    displayName: M\n    code: m.js\n    settings:\n      - { name: hosts, type: array }\n      - { name: extra, type: text-map }\n    instances:\n      - name: prod\n        source: web\n        settings:\n          hosts: ["${env:QA_HOST}", static.example.com]\n          extra: { k: "${env:QA_HOST}", plain: visible-value }\n',
        'm.js': 'async function onTrack(event, settings) { return [settings.hosts, settings.extra]; }\n',
        'e.json': '{"type":"track","event":"x","userId":"u"}',
        'tests/c.yaml': 'settings:\n  hosts: ["${env:QA_HOST}", static.example.com]\n  extra: { k: "${env:QA_HOST}", plain: visible-value }\ncases:\n  - { name: shows, event: { type: track, event: x, userId: u }, expect: { returned: nothing } }\n',
      });
      const env = { QA_HOST: 'secret-host-1234.example.com' };
      const r = await runCli(['run', 'm', '--instance', 'prod', '--event', 'e.json'], { cwd: dir, env });
      expect(JSON.parse(r.stdout).returned).toEqual([['********', 'static.example.com'], { k: '********', plain: 'visible-value' }]);
      const t = await runCli(['test', '--no-record'], { cwd: dir, env });
      expect(t.stdout).toContain('static.example.com');
      expect(t.stdout).toContain('visible-value');
      expect(t.stdout + r.stdout).not.toContain('secret-host-1234');
    });

    it('names the instances, with a suggestion, when the name is wrong', async () => {
      const dir = makeTempDir({ 'event.json': order });
      const r = await runCli(['run', 'slack-alerts', '--instance', 'slack-alerts-wbe', '--event', `${dir}/event.json`]);
      expect(r.code).toBe(1);
      expect(r.stderr).toBe('error: slack-alerts has no instance named "slack-alerts-wbe" (did you mean "slack-alerts-web"?) (instances: slack-alerts-web)\n');
    });
  });

  it('a malformed ${env:…} in a --settings file is an error at its line and column, as in fnsync.yaml, never sent as text', async () => {
    const dir = makeTempDir({
      'event.json': JSON.stringify({ type: 'track', event: 'Order Completed', userId: 'u1', properties: { revenue: 900 } }),
      'settings.json': '{\n  "webhookUrl": "${env:HOOK-URL}",\n  "channel": "${env:ACME-KEY}"\n}\n',
      'broken.json': '{\n  "channel": "#a",\n}\n',
    });
    const r = await runCli(['run', 'slack-alerts', '--event', `${dir}/event.json`, '--settings', `${dir}/settings.json`]);
    expect(r.code).toBe(1);
    // The reference of a sensitive setting is not echoed; the other one is quoted.
    expect(r.stderr).toContain(`${dir}/settings.json:2:17 webhookUrl: malformed environment reference\n`);
    expect(r.stderr).toContain(`${dir}/settings.json:3:14 channel: malformed environment reference '\${env:ACME-KEY}'\n`);
    expect(r.stderr).toContain(`error: settings in ${dir}/settings.json have 2 malformed environment references`);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, problems: [{ line: 2, col: 17 }, { line: 3, col: 14 }] });
    const invalid = await runCli(['run', 'slack-alerts', '--event', `${dir}/event.json`, '--settings', `${dir}/broken.json`]);
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toContain(`${dir}/broken.json:3:1: invalid JSON: expected a property name in double quotes`);
  });

  it('--settings names unknown settings and wrong types of a function from fnsync.yaml, like a fixture', async () => {
    const dir = makeTempDir({ 'event.json': JSON.stringify({ type: 'track', event: 'A' }), 'settings.json': '{"nope":"x","channel":5}' });
    const r = await runCli(['run', 'slack-alerts', '--event', `${dir}/event.json`, '--settings', `${dir}/settings.json`]);
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n').filter((l) => !l.startsWith('  hint:'))).toEqual([
      `${dir}/settings.json:1:2 nope: slack-alerts has no setting 'nope'`,
      `${dir}/settings.json:1:23 channel: must be a string, not a number`,
      `error: settings in ${dir}/settings.json have 2 problems`,
      '',
    ]);
  });

  it('a short env-sourced or sensitive value is masked where it is a whole value or a whole JSON string, as the README says', async () => {
    const dir = makeTempDir({
      'handler.js': "async function onTrack(event, settings) {\n  console.log(settings.apiKey);\n  console.log(JSON.stringify(settings));\n  console.log('key=' + settings.token);\n  console.log(settings.token);\n}\n",
      'event.json': JSON.stringify({ type: 'track', event: 'A' }),
      'settings.json': JSON.stringify({ apiKey: '${env:ACME_KEY}', token: 'abc', channel: '#sales' }),
    });
    const r = await runCli(['run', join(dir, 'handler.js'), '--type', 'destination', '--event', join(dir, 'event.json'), '--settings', join(dir, 'settings.json')], { env: { ACME_KEY: 'k' } });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).logs.map((l: { message: string }) => l.message)).toEqual([
      '********',
      '{"apiKey":"********","token":"********","channel":"#sales"}',
      // Inside other text only values of 4 characters or more are masked (README): a 3-letter value stays.
      'key=abc',
      '********',
    ]);
  });

  it('a credential in a setting not marked sensitive (by its name or its shape) is masked in the output too', async () => {
    const dir = makeTempDir({
      'handler.js': 'async function onTrack(event, settings) {\n  console.log(JSON.stringify(settings));\n}\n',
      'event.json': JSON.stringify({ type: 'track', event: 'A' }),
      'settings.json': JSON.stringify({ apiKey: 'plain-looking-value-1', auth: 'Bearer sk_live_abcdef123456', channel: '#sales' }),
    });
    const r = await runCli(['run', join(dir, 'handler.js'), '--type', 'destination', '--event', join(dir, 'event.json'), '--settings', join(dir, 'settings.json')]);
    expect(r.code).toBe(0);
    expect(JSON.parse(JSON.parse(r.stdout).logs[0].message)).toEqual({ apiKey: '********', auth: '********', channel: '#sales' });
    expect(r.stdout).not.toContain('sk_live_abcdef123456');
  });
});
