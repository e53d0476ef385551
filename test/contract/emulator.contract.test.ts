// Contract run (a): every behaviour against the emulator, through the official SDK over real HTTP.
// No nock in this file (nock patches http for the whole process).
import { describe, it } from 'vitest';
import { createSegmentApi } from '../../src/api/sdk-adapter.js';
import { startEmulator } from '../../src/emulator/server.js';
import { rawClient } from './raw-request.js';
import { scenarios } from './scenarios.js';

const TOKEN = 'contract-emulator-token';

describe('contract: emulator over HTTP', () => {
  for (const scenario of scenarios) {
    it(scenario.title, async () => {
      const emulator = await startEmulator({ seed: scenario.seed, token: TOKEN });
      try {
        const api = createSegmentApi({ baseUrl: emulator.url, token: TOKEN, timeoutMs: 5_000, retry: { minDelayMs: 1, maxDelayMs: 5 } });
        await scenario.run(api, rawClient(emulator.url, TOKEN));
      } finally {
        await emulator.close();
      }
    });
  }
});
