// The rules for values crossing between fnsync and a function's realm. Into the realm go only primitives
// (bytes as latin1 strings, structures as JSON text) and objects the realm's own constructors made; errors are
// re-created from the realm's constructors. Out of the realm come values fnsync reads without trusting.

type ErrorCtor = new (message?: string) => Error;

/** The realm's own constructors fnsync needs to build values for it, taken before any function code runs. */
export interface RealmIntrinsics {
  Error: ErrorCtor;
  TypeError: ErrorCtor;
  RangeError: ErrorCtor;
  SyntaxError: ErrorCtor;
  parse: (text: string) => unknown;
}

/** Reads the intrinsics from a fresh context. */
export function realmIntrinsics(run: (code: string) => unknown): RealmIntrinsics {
  return run('({ Error, TypeError, RangeError, SyntaxError, parse: JSON.parse })') as RealmIntrinsics;
}

const isRealmError = (value: unknown, realm: RealmIntrinsics) => value instanceof realm.Error;

/**
 * The error the function sees for a failure inside fnsync's part of a call: the same name, message and code,
 * built from the realm's constructors, so nothing of fnsync's realm is reachable from it.
 */
export function toRealmError(err: unknown, realm: RealmIntrinsics): unknown {
  if (isRealmError(err, realm)) return err;
  const source = err as { name?: unknown; message?: unknown; code?: unknown; errno?: unknown } | null;
  const name = typeof source?.name === 'string' ? source.name : 'Error';
  const message = typeof source?.message === 'string' ? source.message : String(err);
  const Ctor = name === 'TypeError' ? realm.TypeError : name === 'RangeError' ? realm.RangeError : name === 'SyntaxError' ? realm.SyntaxError : realm.Error;
  const out = new Ctor(message) as Error & { code?: string; errno?: number };
  if (Ctor === realm.Error && name !== 'Error') out.name = name;
  if (typeof source?.code === 'string') out.code = source.code;
  if (typeof source?.errno === 'number') out.errno = source.errno;
  return out;
}

type Fn = (...args: never[]) => unknown;

/** Wraps every function of a bridge so whatever it throws reaches the realm as a realm error. */
export function guardBridge<T extends Record<string, unknown>>(bridge: T, realm: RealmIntrinsics): T {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(bridge)) {
    if (typeof value !== 'function') {
      out[key] = value;
      continue;
    }
    const fn = value as Fn;
    out[key] = (...args: never[]) => {
      try {
        return fn(...args);
      } catch (err) {
        throw toRealmError(err, realm);
      }
    };
  }
  return Object.freeze(out) as T;
}

/** Bytes the realm handed over (a Uint8Array of its own), viewed without copying; strings are encoded as given. */
export function bytesFrom(value: unknown, encoding?: unknown): Buffer {
  if (typeof value === 'string') return Buffer.from(value, (typeof encoding === 'string' ? encoding : 'utf8') as BufferEncoding);
  if (ArrayBuffer.isView(value)) return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  throw new TypeError('The "data" argument must be of type string or an instance of Buffer, TypedArray, or DataView.');
}

/** Bytes for the realm: a latin1 string its Buffer turns back into the same bytes. */
export const bytesOut = (buf: Buffer): string => buf.toString('latin1');

/** Output in the encoding asked for, or latin1 bytes for the realm's Buffer when none. */
export const encodedOut = (buf: Buffer, encoding: unknown): string =>
  typeof encoding === 'string' && encoding !== 'buffer' ? buf.toString(encoding as BufferEncoding) : bytesOut(buf);

