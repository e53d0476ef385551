// Node's crypto for a function's realm, behind in-realm facades (js/crypto.js): the work is done by fnsync's own
// `node:crypto`, but what the function holds are realm objects wrapping numbered handles, so replacing
// `crypto.createHmac` in one function changes nothing for another and no fnsync object is reachable.
import nodeCrypto from 'node:crypto';
import { bytesFrom, bytesOut, encodedOut } from './host-values.js';

type Streaming = nodeCrypto.Hash | nodeCrypto.Hmac | nodeCrypto.Sign | nodeCrypto.Verify | nodeCrypto.Cipher | nodeCrypto.Decipher;

const CREATE: Record<string, (alg: string, key: unknown, options: unknown) => Streaming> = {
  hash: (alg, _key, options) => nodeCrypto.createHash(alg, options as nodeCrypto.HashOptions),
  hmac: (alg, key) => nodeCrypto.createHmac(alg, key as nodeCrypto.BinaryLike),
  sign: (alg) => nodeCrypto.createSign(alg),
  verify: (alg) => nodeCrypto.createVerify(alg),
  cipheriv: (alg, key, options) => {
    const { iv, ...rest } = options as { iv: Buffer | null };
    return nodeCrypto.createCipheriv(alg, key as nodeCrypto.CipherKey, iv, rest as nodeCrypto.CipherGCMOptions);
  },
  decipheriv: (alg, key, options) => {
    const { iv, ...rest } = options as { iv: Buffer | null };
    return nodeCrypto.createDecipheriv(alg, key as nodeCrypto.CipherKey, iv, rest as nodeCrypto.CipherGCMOptions);
  },
};

/**
 * A key as the realm passes it: a string, bytes, a key handle, or `{ key, passphrase, … }` whose fields are
 * copied (only primitives and bytes), never kept as the realm's object.
 */
function keyFrom(value: unknown, keys: Map<number, nodeCrypto.KeyObject>): unknown {
  if (value === undefined || value === null || typeof value === 'string') return value;
  if (ArrayBuffer.isView(value)) return Buffer.from(bytesFrom(value));
  if (typeof value === 'number') {
    const key = keys.get(value);
    if (!key) throw new TypeError('invalid key');
    return key;
  }
  if (typeof value === 'object') {
    const src = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const field of ['passphrase', 'format', 'type', 'encoding', 'padding', 'saltLength', 'dsaEncoding']) {
      const v = src[field];
      if (typeof v === 'string' || typeof v === 'number') out[field] = v;
      else if (v !== undefined && ArrayBuffer.isView(v)) out[field] = Buffer.from(bytesFrom(v));
    }
    out.key = keyFrom(src.key, keys);
    return out;
  }
  throw new TypeError('The "key" argument must be of type string or an instance of Buffer, TypedArray, DataView, or KeyObject.');
}

/** The crypto half of one instance's bridge; `dispose` drops every object it still holds. */
export function createCryptoBridge() {
  const objects = new Map<number, { kind: string; obj: Streaming }>();
  const keys = new Map<number, nodeCrypto.KeyObject>();
  let next = 1;
  const entry = (handle: number) => {
    const found = objects.get(handle);
    if (!found) throw new Error('Digest already called');
    return found;
  };
  const get = (handle: number) => entry(handle).obj;
  const isCipher = (kind: string) => kind === 'cipheriv' || kind === 'decipheriv';
  const keep = (kind: string, obj: Streaming) => (objects.set(next, { kind, obj }), next++);
  const keepKey = (key: nodeCrypto.KeyObject) => (keys.set(next, key), next++);
  const options = (value: unknown) => {
    if (value === undefined || value === null || typeof value !== 'object') return {};
    const src = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(src)) {
      if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') out[k] = v;
      else if (v === null) out[k] = null;
      else if (ArrayBuffer.isView(v)) out[k] = Buffer.from(bytesFrom(v));
    }
    return out;
  };

  return {
    bridge: {
      cryptoCreate(kind: string, alg: string, key: unknown, opts: unknown): number {
        const create = CREATE[kind];
        if (!create) throw new TypeError(`unknown crypto object ${kind}`);
        return keep(kind, create(String(alg), keyFrom(key, keys), options(opts)));
      },
      cryptoUpdate(handle: number, data: unknown, inputEncoding: unknown, outputEncoding: unknown): string | undefined {
        const { kind, obj } = entry(handle);
        const bytes = bytesFrom(data, inputEncoding);
        if (isCipher(kind)) return encodedOut((obj as nodeCrypto.Cipher).update(bytes), outputEncoding);
        (obj as nodeCrypto.Hash).update(bytes);
        return undefined;
      },
      /** digest / final / sign / verify: the last call, which releases the handle. */
      cryptoFinal(handle: number, key: unknown, signature: unknown, encoding: unknown): string | boolean {
        const found = entry(handle);
        const obj = found.obj;
        objects.delete(handle);
        if (found.kind === 'verify') return (obj as nodeCrypto.Verify).verify(keyFrom(key, keys) as nodeCrypto.KeyLike, bytesFrom(signature, encoding));
        if (found.kind === 'sign') return encodedOut((obj as nodeCrypto.Sign).sign(keyFrom(key, keys) as nodeCrypto.KeyLike), encoding);
        if (isCipher(found.kind)) {
          const out = (obj as nodeCrypto.Cipher).final();
          // Keep a finished cipher for getAuthTag() (GCM and the other AEAD modes).
          if (found.kind === 'cipheriv') objects.set(handle, found);
          return encodedOut(out, encoding);
        }
        return encodedOut((obj as nodeCrypto.Hash).digest(), encoding);
      },
      cryptoCopy(handle: number): number {
        return keep('hash', (get(handle) as nodeCrypto.Hash).copy());
      },
      /** Cipher extras: setAAD, setAuthTag, getAuthTag, setAutoPadding. */
      cryptoCipher(handle: number, method: string, value: unknown, flag: unknown): string | undefined {
        const obj = get(handle) as unknown as Record<string, (...a: unknown[]) => unknown>;
        if (method === 'getAuthTag') return bytesOut(obj.getAuthTag!() as Buffer);
        if (method === 'setAutoPadding') obj.setAutoPadding!(flag !== false);
        else if (method === 'setAAD' || method === 'setAuthTag') obj[method]!(Buffer.from(bytesFrom(value)));
        else throw new TypeError(`unknown cipher method ${method}`);
        return undefined;
      },
      cryptoKey(kind: string, key: unknown): number {
        const k = keyFrom(key, keys) as never;
        if (kind === 'secret') return keepKey(nodeCrypto.createSecretKey(bytesFrom(k)));
        return keepKey(kind === 'public' ? nodeCrypto.createPublicKey(k) : nodeCrypto.createPrivateKey(k));
      },
      /** A key handle's description as JSON: type, asymmetricKeyType, symmetricKeySize. */
      cryptoKeyInfo(handle: number): string {
        const key = keys.get(handle);
        if (!key) throw new TypeError('invalid key');
        return JSON.stringify({ type: key.type, asymmetricKeyType: key.asymmetricKeyType, symmetricKeySize: key.symmetricKeySize });
      },
      cryptoKeyExport(handle: number, opts: unknown): string {
        const key = keys.get(handle);
        if (!key) throw new TypeError('invalid key');
        const out = key.export(options(opts) as unknown as nodeCrypto.KeyExportOptions<'pem'>);
        return typeof out === 'string' ? JSON.stringify({ text: out }) : JSON.stringify({ bytes: bytesOut(out as Buffer) });
      },
      cryptoRandomBytes: (size: number) => bytesOut(nodeCrypto.randomBytes(size)),
      cryptoRandomFill(view: unknown): void {
        nodeCrypto.randomFillSync(bytesFrom(view));
      },
      cryptoRandomUUID: () => nodeCrypto.randomUUID(),
      cryptoRandomInt: (min: number, max: number) => nodeCrypto.randomInt(min, max),
      cryptoTimingSafeEqual: (a: unknown, b: unknown) => nodeCrypto.timingSafeEqual(bytesFrom(a), bytesFrom(b)),
      cryptoPbkdf2: (password: unknown, salt: unknown, iterations: number, keylen: number, digest: string) =>
        bytesOut(nodeCrypto.pbkdf2Sync(bytesFrom(password), bytesFrom(salt), iterations, keylen, digest)),
      cryptoScrypt: (password: unknown, salt: unknown, keylen: number, opts: unknown) =>
        bytesOut(nodeCrypto.scryptSync(bytesFrom(password), bytesFrom(salt), keylen, options(opts))),
      cryptoHkdf: (digest: string, ikm: unknown, salt: unknown, info: unknown, keylen: number) =>
        bytesOut(Buffer.from(nodeCrypto.hkdfSync(digest, bytesFrom(ikm), bytesFrom(salt), bytesFrom(info), keylen))),
      /** One-shot sign/verify (crypto.sign, crypto.verify). */
      cryptoSignOnce: (alg: unknown, data: unknown, key: unknown) =>
        bytesOut(nodeCrypto.sign(alg === null || alg === undefined ? null : String(alg), bytesFrom(data), keyFrom(key, keys) as nodeCrypto.KeyLike)),
      cryptoVerifyOnce: (alg: unknown, data: unknown, key: unknown, signature: unknown) =>
        nodeCrypto.verify(alg === null || alg === undefined ? null : String(alg), bytesFrom(data), keyFrom(key, keys) as nodeCrypto.KeyLike, bytesFrom(signature)),
      cryptoLists: () => JSON.stringify({ hashes: nodeCrypto.getHashes(), ciphers: nodeCrypto.getCiphers(), curves: nodeCrypto.getCurves(), constants: nodeCrypto.constants }),
    },
    dispose(): void {
      objects.clear();
      keys.clear();
    },
  };
}
