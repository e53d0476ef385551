// Server-assigned ids shaped like the real API's (doc §7), so clients that parse or compare ids meet realistic values.
import { randomBytes } from 'node:crypto';
import type { ResourceType } from './types.js';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** Random base62 string (source, workspace, user ids, write keys). */
export function base62(length: number): string {
  const bytes = randomBytes(length * 2);
  let out = '';
  for (let i = 0; out.length < length; i++) {
    const b = bytes[i % bytes.length]!;
    if (b < 248) out += BASE62[b % 62];
  }
  return out;
}

/** 24 lower-case hex chars, the ObjectId shape of destination, instance and function ids. */
export function hex24(): string {
  return randomBytes(12).toString('hex');
}

/** The id prefix per function type (`sfnc_`, `dfn_`, `ifnd_`, `ifns_`). */
export const FUNCTION_PREFIX: Record<ResourceType, string> = {
  SOURCE: 'sfnc_',
  DESTINATION: 'dfn_',
  INSERT_DESTINATION: 'ifnd_',
  INSERT_SOURCE: 'ifns_',
};

/** A new function id: the type's prefix + 24 hex. */
export function newFunctionId(type: ResourceType): string {
  return FUNCTION_PREFIX[type] + hex24();
}

/**
 * A new catalog id, drawn apart from the function id (doc §11.2: never derive it), so a client that
 * builds `metadataId` from the function id fails visibly instead of working only against the emulator.
 */
export function newCatalogId(): string {
  return hex24();
}

/** The id an insert function's instances use as `functionId` and `classId`: its id without `ifnd_`/`ifns_` (doc §11.1). */
export function insertClassId(fn: { id: string }): string {
  return stripFunctionPrefix(fn.id);
}

/** Removes a known function prefix, if any. */
export function stripFunctionPrefix(id: string): string {
  return id.replace(/^(sfnc_|dfn_|ifnd_|ifns_)/, '');
}

let lastKsuidSecond = 0;
let ksuidCounter = 0;

/** A 27-char, time-ordered KSUID-like version id (base62 of 4-byte time + 16 random bytes). */
export function newVersionId(now = Date.now()): string {
  const seconds = Math.floor(now / 1000) - 1_400_000_000;
  // Keep ids strictly increasing within one second so "latest" is also the greatest id.
  ksuidCounter = seconds === lastKsuidSecond ? ksuidCounter + 1 : 0;
  lastKsuidSecond = seconds;
  const buf = Buffer.alloc(20);
  buf.writeUInt32BE(seconds >>> 0, 0);
  buf.writeUInt16BE(ksuidCounter & 0xffff, 4);
  randomBytes(14).copy(buf, 6);
  let n = BigInt('0x' + buf.toString('hex'));
  let out = '';
  while (n > 0n) {
    out = BASE62[Number(n % 62n)] + out;
    n /= 62n;
  }
  return out.padStart(27, '0');
}

/** ISO-8601 with milliseconds, as every timestamp in the API. */
export function nowIso(): string {
  return new Date().toISOString();
}
