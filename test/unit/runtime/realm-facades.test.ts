// The in-realm facades of Node's modules (crypto, zlib, URL, url, util, Buffer) give the answers Node's own
// modules give: each check computes the expected value with Node in this process and the actual one inside a
// function instance's realm, where the work crosses the bridge as primitives.
import { createCipheriv, createHash, createHmac, createSign, generateKeyPairSync, pbkdf2Sync, randomBytes } from 'node:crypto';
import { gzipSync, deflateSync } from 'node:zlib';
import legacyUrl from 'node:url';
import { format } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { closeRuntime, runTrack } from './runtime-harness.js';

afterAll(closeRuntime);

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 1024, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });

describe('crypto in the realm answers as Node does', () => {
  it('hashes and HMACs, in every output encoding, over strings and Buffers, in several updates', async () => {
    const r = await runTrack(`return {
      hex: crypto.createHash('sha256').update('a').update(Buffer.from('b')).digest('hex'),
      b64: crypto.createHmac('sha1', Buffer.from('key')).update('msg', 'utf8').digest('base64'),
      b64url: crypto.createHmac('sha256', 'k').update('m').digest('base64url'),
      bytes: Array.from(crypto.createHash('md5').update('x').digest()),
      copy: (() => { const h = crypto.createHash('sha1').update('a'); const c = h.copy(); return [h.digest('hex'), c.update('b').digest('hex')]; })(),
      twice: (() => { const h = crypto.createHash('sha1'); h.digest(); try { h.digest(); return 'no error'; } catch (e) { return e.message; } })(),
    };`);
    expect(r.returned).toEqual({
      hex: createHash('sha256').update('ab').digest('hex'),
      b64: createHmac('sha1', 'key').update('msg').digest('base64'),
      b64url: createHmac('sha256', 'k').update('m').digest('base64url'),
      bytes: Array.from(createHash('md5').update('x').digest()),
      copy: [createHash('sha1').update('a').digest('hex'), createHash('sha1').update('ab').digest('hex')],
      twice: 'Digest already called',
    });
  });

  it('signs and verifies with PEM keys, encrypts with AES-GCM, derives keys', async () => {
    const key = randomBytes(32);
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    const encrypted = Buffer.concat([cipher.update('secret text'), cipher.final()]).toString('hex');
    const tag = cipher.getAuthTag().toString('hex');
    const r = await runTrack(
      `const key = Buffer.from(settings.key, 'hex'); const iv = Buffer.from(settings.iv, 'hex');
       const c = crypto.createCipheriv('aes-256-gcm', key, iv); const enc = c.update('secret text', 'utf8', 'hex') + c.final('hex');
       const d = crypto.createDecipheriv('aes-256-gcm', key, iv); d.setAuthTag(c.getAuthTag());
       const signature = crypto.createSign('RSA-SHA256').update('data').sign(settings.privateKey, 'base64');
       return { enc, tag: c.getAuthTag().toString('hex'), dec: d.update(enc, 'hex', 'utf8') + d.final('utf8'), signature,
         verified: crypto.createVerify('RSA-SHA256').update('data').verify(settings.publicKey, signature, 'base64'),
         tampered: crypto.createVerify('RSA-SHA256').update('datA').verify(settings.publicKey, signature, 'base64'),
         pbkdf2: crypto.pbkdf2Sync('pw', 'salt', 1000, 16, 'sha256').toString('hex'),
         keyType: crypto.createPublicKey(settings.publicKey).asymmetricKeyType,
         equal: crypto.timingSafeEqual(Buffer.from('ab'), Buffer.from('ab')), uuid: /^[0-9a-f-]{36}$/.test(crypto.randomUUID()), random: crypto.randomBytes(8).length };`,
      { settings: { key: key.toString('hex'), iv: iv.toString('hex'), privateKey, publicKey } },
    );
    expect(r.returned).toEqual({
      enc: encrypted,
      tag,
      dec: 'secret text',
      signature: createSign('RSA-SHA256').update('data').sign(privateKey, 'base64'),
      verified: true,
      tampered: false,
      pbkdf2: pbkdf2Sync('pw', 'salt', 1000, 16, 'sha256').toString('hex'),
      keyType: 'rsa',
      equal: true,
      uuid: true,
      random: 8,
    });
  });

  it('errors are the realm\'s own, with Node\'s message', async () => {
    const r = await runTrack(`try { crypto.createHash('nope'); } catch (e) { return [e instanceof Error, e.message]; }`);
    expect(r.returned).toEqual([true, 'Digest method not supported']);
  });
});

describe('zlib, URL, url, util and Buffer in the realm answer as Node does', () => {
  it('zlib whole-buffer calls, callbacks and streams', async () => {
    const r = await runTrack(`const z = zlib.zlib;
      const gz = z.gzipSync(Buffer.from('hello hello hello'));
      const viaCallback = await new Promise((res) => z.gunzip(gz, (err, out) => res(err ? err.message : out.toString())));
      const viaStream = await new Promise((res) => { const chunks = []; const s = z.createInflate(); s.on('data', (c) => chunks.push(c)); s.on('end', () => res(Buffer.concat(chunks).toString())); s.end(z.deflateSync('streamed')); });
      let bad; try { z.gunzipSync(Buffer.from('not gzip')); } catch (e) { bad = [e.message, e.code]; }
      return { deflate: z.deflateSync('abc').toString('base64'), round: z.gunzipSync(gz).toString(), viaCallback, viaStream, bad };`);
    expect(r.returned).toEqual({
      deflate: deflateSync('abc').toString('base64'),
      round: 'hello hello hello',
      viaCallback: 'hello hello hello',
      viaStream: 'streamed',
      bad: ['incorrect header check', 'Z_DATA_ERROR'],
    });
    expect(gzipSync('x').length).toBeGreaterThan(0);
  });

  it('WHATWG URL parsing, setters and search params; invalid input throws Node\'s error', async () => {
    const r = await runTrack(`const u = new URL('/p/../q?a=1&b=2#h', 'https://user:pw@Example.COM:8443');
      u.searchParams.append('c', 'x y'); u.hash = 'z'; u.port = '443';
      let invalid; try { new URL('nope'); } catch (e) { invalid = [e.name, e.message, e.code]; }
      return { href: u.href, host: u.host, origin: u.origin, params: [...u.searchParams], sp: new URLSearchParams({ a: '1', b: 'é' }).toString(), invalid, canParse: URL.canParse('x:'), json: JSON.stringify({ u }) };`);
    const u = new URL('/p/../q?a=1&b=2#h', 'https://user:pw@Example.COM:8443');
    u.searchParams.append('c', 'x y');
    u.hash = 'z';
    u.port = '443';
    expect(r.returned).toEqual({ href: u.href, host: u.host, origin: u.origin, params: [...u.searchParams], sp: new URLSearchParams({ a: '1', b: 'é' }).toString(), invalid: ['TypeError', 'Invalid URL', 'ERR_INVALID_URL'], canParse: true, json: JSON.stringify({ u }) });
  });

  it('the legacy url module and util.format that libraries use, and Buffer encodings', async () => {
    // Reached through a library, as functions cannot require: oauth's own url.parse result decides its request.
    const r = await runTrack(`const recorded = await new Promise((res) => new OAuth.OAuth2('id', 's', 'https://h.example:444/base/', null, 'tok?x=1').getOAuthAccessToken('c', {}, () => res(1)));
      return { b: [Buffer.from('héllo').toString('hex'), Buffer.from('aGk=', 'base64').toString(), Buffer.byteLength('€'), Buffer.concat([Buffer.from([1]), Buffer.from([2])]).readUInt16BE(0),
        Buffer.from('hi?>~').toString('base64url'), Buffer.from('aGk_Pn4', 'base64url').toString(), Buffer.isEncoding('base64url'), Buffer.byteLength('aGk_Pn4', 'base64url')], recorded };`);
    expect((r.returned as { b: unknown[] }).b).toEqual([Buffer.from('héllo').toString('hex'), 'hi', 3, 258, Buffer.from('hi?>~').toString('base64url'), 'hi?>~', true, Buffer.byteLength('aGk_Pn4', 'base64url')]);
    expect(r.requests[0]!.url).toBe(legacyUrl.format(legacyUrl.parse('https://h.example:444/base/tok?x=1')));
    const logged = await runTrack(`console.log('%s is %d and %j', 'x', 42, { a: [1] }, new Map([[1, 2]]));`);
    expect(logged.logs[0]!.message).toBe(format('%s is %d and %j', 'x', 42, { a: [1] }, new Map([[1, 2]])));
  });
});

describe('console in the realm prints as Node does', () => {
  it('a Buffer as <Buffer …>, and through %s as its text', async () => {
    const r = await runTrack(`console.log(Buffer.from('hi'), 1); console.log('%s!', Buffer.from('hi'));`);
    expect(r.logs.map((l) => l.message)).toEqual([format(Buffer.from('hi'), 1), format('%s!', Buffer.from('hi'))]);
  });
});
