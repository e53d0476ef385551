// Node's zlib for a function's realm (js/zlib.js): whole-buffer operations done by fnsync's `node:zlib`, bytes
// in as the realm's own Uint8Array and out as latin1 text.
import nodeZlib from 'node:zlib';
import { bytesFrom, bytesOut } from './host-values.js';

const SYNC = ['deflateSync', 'inflateSync', 'gzipSync', 'gunzipSync', 'deflateRawSync', 'inflateRawSync', 'unzipSync', 'brotliCompressSync', 'brotliDecompressSync'] as const;

/** Copies plain option fields (numbers, booleans, and brotli's `params` table). */
function options(value: unknown): nodeZlib.ZlibOptions {
  if (value === null || typeof value !== 'object') return {};
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    if (typeof v === 'number' || typeof v === 'boolean') out[key] = v;
    else if (key === 'params' && v && typeof v === 'object') {
      out.params = Object.fromEntries(Object.entries(v as Record<string, unknown>).filter(([, p]) => typeof p === 'number' || typeof p === 'boolean'));
    } else if (key === 'dictionary' && ArrayBuffer.isView(v)) out.dictionary = Buffer.from(bytesFrom(v));
  }
  return out as nodeZlib.ZlibOptions;
}

export const zlibBridge = {
  zlibSync(method: string, data: unknown, opts: unknown): string {
    if (!(SYNC as readonly string[]).includes(method)) throw new TypeError(`zlib.${method} is not a function`);
    const fn = nodeZlib[method as (typeof SYNC)[number]] as (buf: Buffer, o: nodeZlib.ZlibOptions) => Buffer;
    return bytesOut(fn(bytesFrom(data), options(opts)));
  },
  zlibConstants: () => JSON.stringify(nodeZlib.constants),
};
