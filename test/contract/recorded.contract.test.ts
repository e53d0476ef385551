// Contract run (b): every behaviour against replies recorded from the API docs (recorded/*.json),
// served by nock. Each fixture lists the exact requests the client must make (method, path with the
// SDK's bracket query, and for writes the JSON body); all must be used, nothing else may be called.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSegmentApi } from '../../src/api/sdk-adapter.js';
import { rawClient } from './raw-request.js';
import { scenarios } from './scenarios.js';

const BASE = 'https://api.segmentapis.com';
const TOKEN = 'contract-recorded-token';

interface Interaction {
  method: string;
  path: string;
  status: number;
  body: unknown;
  requestBody?: Record<string, unknown>;
  headers?: Record<string, string>;
}

function loadFixture(id: string): Interaction[] {
  const file = join(import.meta.dirname, 'recorded', `${id}.json`);
  return (JSON.parse(readFileSync(file, 'utf8')) as { interactions: Interaction[] }).interactions;
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => {
  nock.enableNetConnect();
  nock.restore();
});

describe('contract: replies recorded from the API docs', () => {
  for (const scenario of scenarios) {
    it(scenario.title, async () => {
      const unexpected: string[] = [];
      nock.emitter.on('no match', (req: { method?: string; path?: string }) => unexpected.push(`${req.method} ${req.path}`));
      const scope = nock(BASE);
      for (const ix of loadFixture(scenario.id)) {
        scope
          .intercept((uri) => uri === ix.path, ix.method, ix.requestBody as nock.RequestBodyMatcher | undefined)
          .matchHeader('authorization', `Bearer ${TOKEN}`)
          .reply(ix.status, JSON.stringify(ix.body), { 'Content-Type': 'application/json', ...ix.headers });
      }
      const api = createSegmentApi({ baseUrl: BASE, token: TOKEN, timeoutMs: 5_000, retry: { retries: 0, rateLimitRetries: 0 } });
      try {
        await scenario.run(api, rawClient(BASE, TOKEN));
      } finally {
        nock.emitter.removeAllListeners('no match');
      }
      expect(unexpected).toEqual([]);
      expect(scope.pendingMocks()).toEqual([]);
    });
  }
});
