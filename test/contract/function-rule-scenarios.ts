// Contract scenarios for the API's rules on functions that a lenient emulator would let pass. Each runs
// against the emulator and against recorded/<id>.json.
import { expect } from 'vitest';
import { CONTRACT_WORKSPACE, apiSetting, baseSeed, expectApiError, type Scenario } from './scenario-kit.js';

const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** Function rules, each checked against the emulator and the recorded replies. */
export const functionRuleScenarios: Scenario[] = [
  {
    id: 'settings-order',
    title: 'setting definitions come back in another order than sent (§14.2); the client compares them by name',
    seed: baseSeed,
    async run(api, raw) {
      const sent = [apiSetting('channel'), apiSetting('apiKey', 'STRING', true), apiSetting('retries')];
      const created = await raw('POST', '/functions', { code: '//', displayName: 'Ordered', resourceType: 'SOURCE', settings: sent });
      expect(created.status).toBe(200);
      const answered: Array<{ name: string }> = created.body.data.function.settings;
      expect(answered.map((s) => s.name)).not.toEqual(sent.map((s) => s.name));
      expect([...answered].sort(byName)).toEqual([...sent].sort(byName));
      const read = await api.getFunction(created.body.data.function.id);
      expect(read.settings.map((s) => [s.name, s.sensitive])).toEqual([['apiKey', true], ['channel', false], ['retries', false]]);
    },
  },
  {
    id: 'deploy-source-only',
    title: 'deploying a destination or insert function is a 422: only source functions are deployed (§4.2, §11.3)',
    seed: baseSeed,
    async run(api) {
      for (const type of ['destination', 'insert-destination'] as const) {
        const displayName = `Relay ${type}`;
        const fn = await api.createFunction({ type, displayName, code: 'async function onTrack(e) { return e }', settings: [] });
        await expectApiError(api.deployFunction(fn.id, { name: displayName }), 422, 'input-validation', `deploying function ${displayName} (${fn.id})`);
      }
    },
  },
  {
    id: 'empty-display-name',
    title: 'an update that blanks displayName is a 422 and changes nothing, not silently ignored',
    seed: baseSeed,
    async run(api) {
      const fn = await api.createFunction({ type: 'source', displayName: 'Named Hook', code: '// v1', settings: [] });
      await expectApiError(api.updateFunction(fn.id, { displayName: '', code: '// v2' }), 422, 'input-validation', `updating function ${fn.id}`);
      const read = await api.getFunction(fn.id);
      expect([read.displayName, read.code]).toEqual(['Named Hook', '// v1']);
    },
  },
  {
    id: 'function-limit',
    title: "a create past the workspace's function limit (25 by default) fails with a message saying what to do; deleting one makes room",
    seed: {
      workspace: CONTRACT_WORKSPACE,
      functions: Array.from({ length: 25 }, (_, i) => ({ resourceType: 'SOURCE' as const, displayName: `Hook ${String(i).padStart(2, '0')}`, code: '//' })),
    },
    async run(api) {
      const input = { type: 'destination' as const, displayName: 'One Too Many', code: 'async function onTrack() {}', settings: [] };
      const err = await expectApiError(api.createFunction(input), 422, 'input-validation', 'creating destination function One Too Many');
      expect(err.message).toContain('delete functions it no longer uses, or ask Segment support to raise the function limit for this workspace');
      const fns = await api.listFunctions();
      expect(fns).toHaveLength(25);
      await api.deleteFunction(fns[0]!.id, { name: fns[0]!.displayName });
      expect((await api.createFunction(input)).displayName).toBe('One Too Many');
    },
  },
];
