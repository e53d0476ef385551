// Contract scenarios for the API's rules on functions that a lenient emulator would let pass. Each runs
// against the emulator and against recorded/<id>.json.
import { expect } from 'vitest';
import { apiSetting, baseSeed, type Scenario } from './scenario-kit.js';

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
];
