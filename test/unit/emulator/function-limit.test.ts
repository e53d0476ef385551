// The workspace's function ceiling: Segment's default of 25 (all types together), raised by a start option,
// a seed or state field, or the local workspace's option, and kept in the state file.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startLocalWorkspace } from '../../../src/emulator/local-workspace.js';
import { startEmulator } from '../../../src/emulator/server.js';
import type { EmulatorSeed } from '../../../src/emulator/types.js';
import { tempDir } from './temp-dir.js';
import { TOKEN, httpError, sdkClients } from './sdk-clients.js';

const TYPES = ['SOURCE', 'DESTINATION', 'INSERT_DESTINATION', 'INSERT_SOURCE'] as const;
const seeded = (n: number, from = 0): EmulatorSeed['functions'] =>
  Array.from({ length: n }, (_, i) => ({ resourceType: TYPES[(i + from) % 4]!, displayName: `Fn ${i + from}`, code: '//' }));

async function createOne(url: string, token: string, displayName: string) {
  return sdkClients(url, token).functions.createFunction({ code: '//', displayName, resourceType: 'DESTINATION' });
}

describe('function limit', () => {
  it('allows 25 functions of all types together by default; the 26th create is a 422 that stores nothing', async () => {
    const em = await startEmulator({ token: TOKEN, seed: { functions: seeded(24) } });
    try {
      await createOne(em.url, TOKEN, 'Twenty-fifth');
      const err = await httpError(createOne(em.url, TOKEN, 'Twenty-sixth'));
      expect(err.statusCode).toBe(422);
      expect(err.body).toEqual({
        errors: [{ type: 'input-validation', message: 'Function limit reached: this workspace already has 25 functions and may have at most 25.' }],
      });
      expect(em.state().functions).toHaveLength(25);
      // Deleting one makes room again: the ceiling counts the functions there are, not the creates made.
      await sdkClients(em.url).functions.deleteFunction(em.state().functions[0]!.id);
      expect((await createOne(em.url, TOKEN, 'Twenty-sixth')).response.statusCode).toBe(200);
    } finally {
      await em.close();
    }
  });

  it('a seed over the ceiling stops the start at the first function too many; limits.maxFunctions raises it', async () => {
    await expect(startEmulator({ seed: { functions: seeded(26) } })).rejects.toMatchObject({
      problems: [{ path: 'functions[25]', message: expect.stringMatching(/^Function limit reached/) }],
    });
    const em = await startEmulator({ token: TOKEN, seed: { limits: { maxFunctions: 26 }, functions: seeded(26) } });
    try {
      expect((await httpError(createOne(em.url, TOKEN, 'One more'))).statusCode).toBe(422);
    } finally {
      await em.close();
    }
    await expect(startEmulator({ seed: { limits: { maxFunctions: 0 } } })).rejects.toMatchObject({
      problems: [{ path: 'limits.maxFunctions', message: 'must be a positive whole number, got 0' }],
    });
    await expect(startEmulator({ maxFunctions: 2.5 })).rejects.toThrow(/maxFunctions must be a positive whole number/);
  });

  it('the maxFunctions option wins over the stored limit and is kept in the state file; a restart keeps it', async () => {
    const dir = tempDir();
    const stateFile = join(dir, 'state.json');
    const first = await startEmulator({ token: TOKEN, stateFile, seed: { limits: { maxFunctions: 1 }, functions: seeded(1) } });
    expect((await httpError(createOne(first.url, TOKEN, 'Second'))).statusCode).toBe(422);
    await first.close();
    const raised = await startEmulator({ token: TOKEN, stateFile, maxFunctions: 200 });
    await createOne(raised.url, TOKEN, 'Second');
    await raised.close();
    expect(JSON.parse(readFileSync(stateFile, 'utf8')).limits).toEqual({ maxFunctions: 200 });
    const again = await startEmulator({ token: TOKEN, stateFile });
    try {
      expect(again.state().limits).toEqual({ maxFunctions: 200 });
    } finally {
      await again.close();
    }
    const state = JSON.parse(readFileSync(stateFile, 'utf8'));
    state.limits = { maxFunctions: 'many' };
    writeFileSync(stateFile, JSON.stringify(state));
    await expect(startEmulator({ stateFile })).rejects.toMatchObject({ problems: [{ path: 'limits.maxFunctions', message: 'must be a positive whole number' }] });
  });

  it('the embedded local workspace keeps 25 unless its caller raises it (a benchmark with 200+ functions)', async () => {
    const plain = await startLocalWorkspace(tempDir());
    try {
      for (let i = 0; i < 25; i++) await createOne(plain.url, plain.token, `Local ${i}`);
      expect((await httpError(createOne(plain.url, plain.token, 'Local 25'))).statusCode).toBe(422);
    } finally {
      await plain.close();
    }
    const big = await startLocalWorkspace(tempDir(), { maxFunctions: 250 });
    try {
      for (let i = 0; i < 26; i++) await createOne(big.url, big.token, `Local ${i}`);
      expect(big.state().functions).toHaveLength(26);
      expect(big.state().limits).toEqual({ maxFunctions: 250 });
    } finally {
      await big.close();
    }
  });
});
