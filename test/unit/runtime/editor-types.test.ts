// The shipped editor declarations (types/segment-functions.d.ts) type-check real handler code with tsc, and
// catch mistakes in it.
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { settingsDeclarations } from '../../../src/runtime/settings-types.js';
import { makeTempDir } from '../../helpers/cli.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const TSC = join(ROOT, 'node_modules/typescript/bin/tsc');
const DTS = join(ROOT, 'types/segment-functions.d.ts');

async function typeCheck(handler: string, extraDeclarations = ''): Promise<{ code: number; output: string }> {
  const dir = makeTempDir();
  const dts = extraDeclarations ? join(dir, 'segment-functions.d.ts') : DTS;
  if (extraDeclarations) writeFileSync(dts, readFileSync(DTS, 'utf8') + extraDeclarations);
  writeFileSync(join(dir, 'handler.js'), `/// <reference path=${JSON.stringify(dts)} />\n// @ts-check\n${handler}`);
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { allowJs: true, checkJs: true, noEmit: true, strict: true, target: 'es2022', lib: ['es2022'], types: [] }, files: ['handler.js'] }),
  );
  try {
    const { stdout } = await promisify(execFile)(process.execPath, [TSC, '-p', dir]);
    return { code: 0, output: stdout };
  } catch (err) {
    const e = err as { code: number; stdout: string };
    return { code: e.code, output: e.stdout };
  }
}

const SAMPLE = `
/** @type {OnRequestHandler} */
async function onRequest(request, settings) {
  const body = request.json();
  const name = request.url.searchParams.get('name') || 'anonymous';
  if (!request.headers.get('x-signature')) throw new ValidationError('unsigned');
  Segment.identify({ userId: name, traits: { plan: body.plan } });
  Segment.track({ event: 'Signed Up', userId: name, properties: { at: moment().toISOString() } });
  Segment.set({ collection: 'accounts', id: name, properties: { plan: String(body.plan) } });
}

/** @type {DestinationHandler} */
async function onTrack(event, settings) {
  const token = await cache.load('token', 60000, async () => jsonwebtoken.sign({ sub: event.userId }, settings.secret));
  let res;
  try {
    res = await fetch(settings.url, { method: 'POST', headers: { Authorization: 'Bearer ' + token }, body: JSON.stringify(event) });
  } catch (error) {
    throw new RetryError(String(error));
  }
  if (res.status >= 500) throw new RetryError('status ' + res.status);
  console.log(_.get(event, 'properties.revenue'), btoa('x'), crypto.createHash('sha256').update('x').digest('hex'));
  return res.json();
}

/** @type {InsertHandler} */
async function onIdentify(event) {
  if (!event.userId) throw new DropEvent('anonymous');
  return { ...event, traits: { ...event.traits, checked: true } };
}
`;

describe('editor types', () => {
  it('a handler using Segment, the request, error classes and globals type-checks', async () => {
    const r = await typeCheck(SAMPLE);
    expect(r.output).toBe('');
    expect(r.code).toBe(0);
  });

  it('mistakes are reported: a track call without event, a Node global that is absent, a wrong request member', async () => {
    const r = await typeCheck(`
      async function onRequest(/** @type {FunctionRequest} */ request) {
        Segment.track({ userId: 'u' });
        process.exit(1);
        request.body();
      }`);
    expect(r.code).not.toBe(0);
    expect(r.output).toMatch(/Property 'event' is missing/);
    expect(r.output).toMatch(/Cannot find name 'process'/);
    expect(r.output).toMatch(/Property 'body' does not exist on type 'FunctionRequest'/);
  });

  it('with a project config, each function\'s settings are typed: names complete, types and required-ness check', async () => {
    const settings = (name: string, type: 'string' | 'boolean' | 'array' | 'text-map', required = false) => ({ name, label: name, type, description: '*/ not closing', required, sensitive: false });
    const declarations = settingsDeclarations(
      [{ name: 'slack-alerts', settings: [settings('webhookUrl', 'string', true), settings('verbose', 'boolean'), settings('tags', 'array'), settings('headers', 'text-map')] }],
      'fnsync.yaml',
    );
    const ok = await typeCheck(
      `/** @param {SegmentEvent} event @param {FnsyncSettings['slack-alerts']} settings */
      async function onTrack(event, settings) {
        const url = settings.webhookUrl.toUpperCase();
        const tags = (settings.tags || []).join(',');
        const h = settings.headers ? settings.headers['x'] : '';
        return settings.verbose === true ? url + tags + h : url;
      }`,
      declarations,
    );
    expect(ok.output).toBe('');
    const wrong = await typeCheck(
      `/** @param {SegmentEvent} event @param {FnsyncSettings['slack-alerts']} settings */
      async function onTrack(event, settings) {
        settings.webhookUrll;
        settings.tags.join(',');
      }`,
      declarations,
    );
    expect(wrong.output).toMatch(/Property 'webhookUrll' does not exist.*Did you mean 'webhookUrl'/);
    expect(wrong.output).toMatch(/'settings\.tags' is possibly 'undefined'/);
  });
});
