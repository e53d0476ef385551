// The shipped editor declarations (types/segment-functions.d.ts) type-check real handler code with tsc, and
// catch mistakes in it.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');
const TSC = join(ROOT, 'node_modules/typescript/bin/tsc');
const DTS = join(ROOT, 'types/segment-functions.d.ts');

async function typeCheck(handler: string): Promise<{ code: number; output: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'fnsync-types-'));
  writeFileSync(join(dir, 'handler.js'), `/// <reference path=${JSON.stringify(DTS)} />\n// @ts-check\n${handler}`);
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
  }, 60000);

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
  }, 60000);
});
