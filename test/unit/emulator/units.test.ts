// Pure pieces of the emulator: id shapes, pagination parsing, masking/merging, option parsing, fault matching.
import { describe, expect, it } from 'vitest';
import { parseLatency, parseMaxFunctions, parsePort, parseRateLimit } from '../../../src/emulator/cli-options.js';
import { Faults } from '../../../src/emulator/faults.js';
import { base62, newFunctionId, newVersionId, stripFunctionPrefix } from '../../../src/emulator/ids.js';
import { maskSettings, maskValue, mergeSettings } from '../../../src/emulator/masking.js';
import { paginate, parsePagination } from '../../../src/emulator/pagination.js';

const rules = { maxCount: 1000, required: true };

describe('ids', () => {
  it('have the documented shapes, and version ids sort in creation order', () => {
    expect(newFunctionId('INSERT_SOURCE')).toMatch(/^ifns_[0-9a-f]{24}$/);
    expect(stripFunctionPrefix('ifnd_abc')).toBe('abc');
    expect(base62(22)).toMatch(/^[0-9A-Za-z]{22}$/);
    const ids = Array.from({ length: 50 }, () => newVersionId());
    for (const id of ids) expect(id).toMatch(/^[0-9A-Za-z]{27}$/);
    expect([...ids].sort()).toEqual(ids);
  });
});

describe('pagination', () => {
  it('reads both query forms and round-trips cursors', () => {
    expect(parsePagination(new URLSearchParams('pagination%5Bcount%5D=2&pagination%5Bcursor%5D=NA%3D%3D'), rules)).toEqual({ offset: 4, count: 2 });
    expect(parsePagination(new URLSearchParams('pagination.count=2'), rules)).toEqual({ offset: 0, count: 2 });
    const page = paginate([1, 2, 3, 4, 5], { offset: 4, count: 2 });
    expect(page).toEqual({ items: [5], pagination: { current: 'NA==', previous: 'Mg==', totalEntries: 5 } });
  });

  it('enforces the configured maximum', () => {
    expect(() => parsePagination(new URLSearchParams('pagination.count=201'), { maxCount: 200, required: true })).toThrow(/between 1 and 200/);
  });
});

describe('masking', () => {
  it('keeps the last four characters of long strings and hides short or non-string secrets entirely', () => {
    expect(maskValue('abcdefgh1234')).toBe('••••••••••1234');
    expect(maskValue('short')).toBe('••••••••••');
    expect(maskValue(['a'])).toBe('••••••••••');
    expect(maskSettings({ a: 'abcdefgh1234', b: 'plain' }, new Set(['a']))).toEqual({ a: '••••••••••1234', b: 'plain' });
  });

  it('merges per key and deletes keys set to null', () => {
    expect(mergeSettings({ a: 1, b: 2 }, { b: null, c: 3 })).toEqual({ a: 1, c: 3 });
  });
});

describe('cli options', () => {
  it('parses rate limits with units, latency and ports', () => {
    expect(parseRateLimit('600/60s')).toEqual({ points: 600, windowMs: 60_000 });
    expect(parseRateLimit('5/1000ms')).toEqual({ points: 5, windowMs: 1000 });
    expect(parseRateLimit('10/2m')).toEqual({ points: 10, windowMs: 120_000 });
    expect(() => parseRateLimit('0/10s')).toThrow(/POINTS\/WINDOW/);
    expect(parseLatency('250ms')).toBe(250);
    expect(() => parsePort('70000')).toThrow(/0 to 65535/);
    expect(parseMaxFunctions('300')).toBe(300);
    expect(() => parseMaxFunctions('0')).toThrow(/at least 1/);
    expect(() => parseMaxFunctions('lots')).toThrow(/--max-functions/);
  });
});

describe('fault rules', () => {
  it('match by method and prefix, and expire after `times`', () => {
    const f = new Faults();
    f.inject({ method: 'post', path: '/functions', kind: 'status', status: 502, times: 2 });
    expect(f.take('GET', '/functions')).toBeUndefined();
    expect(f.take('POST', '/functions/x/deploy')?.status).toBe(502);
    expect(f.take('POST', '/functions')?.status).toBe(502);
    expect(f.take('POST', '/functions')).toBeUndefined();
    expect(() => f.inject({ path: '/', kind: 'boom' as never })).toThrow(/unknown fault kind/);
  });
});
