import { describe, expect, it } from 'vitest';
import { resolveTarget } from '../../../src/api/target.js';
import { UserError } from '../../../src/errors.js';

const TOKEN = 'sgp_secretTOKEN123456';

describe('resolveTarget', () => {
  it('uses the local workspace without a token', () => {
    expect(resolveTarget({ env: {} })).toEqual({ kind: 'local', stateFile: '.fnsync/workspace.json' });
  });
  it('refuses to fall back to local under CI without --local', () => {
    expect(() => resolveTarget({ env: { CI: 'true' } })).toThrow(/SEGMENT_PUBLIC_API_TOKEN is empty or not set in CI: set the repository secret/);
    expect(() => resolveTarget({ env: { CI: 'true' } })).toThrow(UserError);
    expect(resolveTarget({ env: { CI: 'true' }, local: true }).kind).toBe('local');
  });
  it('treats every CI spelling but empty, false and 0 as CI', () => {
    for (const CI of ['true', '1', 'True', 'TRUE', 'yes']) expect(() => resolveTarget({ env: { CI } }), CI).toThrow(/not set in CI: set the repository secret/);
    for (const CI of ['', 'false', 'False', '0']) expect(resolveTarget({ env: { CI } }).kind, CI).toBe('local');
  });
  it('--local wins over a token', () => {
    expect(resolveTarget({ env: { SEGMENT_PUBLIC_API_TOKEN: TOKEN }, local: true }).kind).toBe('local');
  });
  it('targets US by default, EU by flag or config, flag over config', () => {
    const us = resolveTarget({ env: { SEGMENT_PUBLIC_API_TOKEN: TOKEN } });
    expect(us).toMatchObject({ kind: 'remote', baseUrl: 'https://api.segmentapis.com', host: 'api.segmentapis.com', token: TOKEN });
    expect(resolveTarget({ env: { SEGMENT_PUBLIC_API_TOKEN: TOKEN }, region: 'eu' })).toMatchObject({
      baseUrl: 'https://eu1.api.segmentapis.com',
      region: 'eu',
    });
    expect(resolveTarget({ env: { SEGMENT_PUBLIC_API_TOKEN: TOKEN }, config: { region: 'eu' } })).toMatchObject({ region: 'eu' });
    expect(resolveTarget({ env: { SEGMENT_PUBLIC_API_TOKEN: TOKEN }, region: 'us', config: { region: 'eu' } })).toMatchObject({ region: 'us' });
  });
  it('SEGMENT_API_URL overrides the base URL, without a trailing slash', () => {
    const t = resolveTarget({ env: { SEGMENT_PUBLIC_API_TOKEN: TOKEN, SEGMENT_API_URL: 'http://127.0.0.1:4010/' } });
    expect(t).toMatchObject({ kind: 'remote', baseUrl: 'http://127.0.0.1:4010', host: '127.0.0.1:4010' });
    const p = resolveTarget({ env: { SEGMENT_PUBLIC_API_TOKEN: TOKEN, SEGMENT_API_URL: 'https://proxy.example/segment/' } });
    expect(p).toMatchObject({ baseUrl: 'https://proxy.example/segment' });
  });
  it('rejects bad regions and URLs, and a URL without a token, without echoing the token', () => {
    expect(() => resolveTarget({ env: { SEGMENT_PUBLIC_API_TOKEN: TOKEN }, region: 'ap' })).toThrow(/invalid region 'ap' from --region/);
    expect(() => resolveTarget({ env: { SEGMENT_PUBLIC_API_TOKEN: TOKEN, SEGMENT_API_URL: 'ftp://x' } })).toThrow(/http\(s\)/);
    expect(() => resolveTarget({ env: { SEGMENT_API_URL: 'http://127.0.0.1:1' } })).toThrow(/SEGMENT_API_URL is set but SEGMENT_PUBLIC_API_TOKEN is not/);
    try {
      resolveTarget({ env: { SEGMENT_PUBLIC_API_TOKEN: TOKEN, SEGMENT_API_URL: 'not a url' } });
    } catch (e) {
      expect(String((e as Error).message)).not.toContain(TOKEN);
    }
  });
  it('carries the expected workspace slug from config', () => {
    expect(resolveTarget({ env: { SEGMENT_PUBLIC_API_TOKEN: TOKEN }, config: { workspace: 'acme-prod' } })).toMatchObject({
      expectedSlug: 'acme-prod',
    });
  });
});
