// Behaviour switches and wire details: deployOnSave, versioned media types, headers on 401, the local workspace.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startLocalWorkspace } from '../../../src/emulator/local-workspace.js';
import { startEmulator } from '../../../src/emulator/server.js';
import { tempDir } from './temp-dir.js';
import { TOKEN, httpError, raw, sdkClients } from './sdk-clients.js';

describe('emulator options and wire details', () => {
  it('deployOnSave: false makes destination code changes wait for a deploy', async () => {
    const em = await startEmulator({ deployOnSave: false });
    try {
      const api = sdkClients(em.url);
      const fn = (await api.functions.createFunction({ code: 'a', displayName: 'D', resourceType: 'DESTINATION' })).body.data!.function!;
      expect(fn.isLatestVersion).toBe(false);
      await api.functions.createFunctionDeployment(fn.id!);
      const changed = (await api.functions.updateFunction(fn.id!, { code: 'b' })).body.data!.function!;
      expect(changed.isLatestVersion).toBe(false);
    } finally {
      await em.close();
    }
  });

  it('accepts versioned Accept and Content-Type headers and answers application/json', async () => {
    const em = await startEmulator({ token: TOKEN });
    try {
      const res = await raw(em.url, '/functions', {
        method: 'POST',
        headers: { Accept: 'application/vnd.segment.v1alpha+json', 'Content-Type': 'application/vnd.segment.v1+json' },
        body: JSON.stringify({ code: 'x', displayName: 'Versioned', resourceType: 'SOURCE' }),
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      expect((await res.json()).data.function.displayName).toBe('Versioned');
      const badJson = await raw(em.url, '/functions', { method: 'POST', body: '{oops' });
      expect(badJson.status).toBe(400);
      expect((await badJson.json()).errors[0].type).toBe('bad-request');
      const unauthorized = await fetch(`${em.url}/`, { headers: { Authorization: 'Bearer wrong' } });
      expect(unauthorized.status).toBe(401);
      expect(unauthorized.headers.get('x-ratelimit-remaining')).not.toBeNull();
      expect((await raw(em.url, '//functions?pagination.count=1&resourceType=SOURCE')).status).toBe(404);
      const tooBig = await raw(em.url, '/functions', {
        method: 'POST',
        body: JSON.stringify({ code: 'x'.repeat(5 * 1024 * 1024), displayName: 'Huge', resourceType: 'SOURCE' }),
      });
      expect(tooBig.status).toBe(413);
      expect((await tooBig.json()).errors[0].type).toBe('payload-too-large');
      expect(em.state().functions.map((f) => f.displayName)).toEqual(['Versioned']);
    } finally {
      await em.close();
    }
  });

  it('starts the embedded local workspace with its own token and the example seed', async () => {
    const dir = tempDir();
    const ws = await startLocalWorkspace(dir);
    try {
      expect(ws.stateFile).toBe(join(dir, '.fnsync/workspace.json'));
      expect(existsSync(ws.stateFile)).toBe(true);
      expect((await httpError(sdkClients(ws.url, 'guess').workspaces.getWorkspace())).statusCode).toBe(401);
      const api = sdkClients(ws.url, ws.token);
      expect((await api.workspaces.getWorkspace()).body.data!.workspace!.name).toBe('Local Workspace');
      const dests = (await api.destinations.listDestinations({ count: 50 })).body.data!.destinations.map((d) => d.name);
      expect(dests).toEqual(expect.arrayContaining(['amplitude-prod', 'webhooks-prod']));
    } finally {
      await ws.close();
    }
  });
});
