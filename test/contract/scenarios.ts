// The contract: one set of behaviours of our SegmentApi, each written once and run against two
// backends (the emulator over HTTP, and replies recorded from the API docs). Behaviours use only ids
// they learn from responses, so both backends can satisfy them; any disagreement fails a test.
import { expect } from 'vitest';
import { deployStateOf, pickManagedSettings, stripInsertPrefix } from '../../src/api/normalise.js';
import { functionRuleScenarios } from './function-rule-scenarios.js';
import { instanceRuleScenarios } from './instance-rule-scenarios.js';
import { CONTRACT_WORKSPACE, baseSeed, expectApiError, setting, webSeed, type Scenario } from './scenario-kit.js';

export { CONTRACT_WORKSPACE } from './scenario-kit.js';
export type { Scenario } from './scenario-kit.js';

const coreScenarios: Scenario[] = [
  {
    id: 'workspace-and-errors',
    title: 'reads the workspace; 404s become ApiErrors with status, type and the resource',
    seed: baseSeed,
    async run(api) {
      expect(await api.getWorkspace()).toEqual(CONTRACT_WORKSPACE);
      const e = await expectApiError(api.getFunction('sfnc_doesNotExist'), 404, 'not-found', 'reading function sfnc_doesNotExist');
      expect(e.resource).toBe('sfnc_doesNotExist');
      await expectApiError(api.getSource('404'), 404, 'not-found', 'reading source 404');
    },
  },
  {
    id: 'destination-function-lifecycle',
    title: 'creates, renames, updates and deletes a destination function; suffix stripped; 422 on a duplicate name',
    seed: baseSeed,
    async run(api) {
      const fn = await api.createFunction({
        type: 'destination',
        displayName: 'Slack Alerts',
        code: 'async function onTrack(event) {}',
        settings: [setting('channel'), setting('apiKey', true)],
      });
      expect(fn.id).toMatch(/^dfn_/);
      expect(fn.type).toBe('destination');
      expect(fn.displayName).toBe('Slack Alerts');
      expect(fn.rawDisplayName).toBe('Slack Alerts (Acme Prod)');
      expect(fn.catalogId).not.toBe('');
      expect(fn.catalogId).not.toBe(fn.id);
      expect(fn.settings.map((s) => [s.name, s.type, s.sensitive])).toEqual([
        ['apiKey', 'string', true],
        ['channel', 'string', false],
      ]);

      await expectApiError(
        api.createFunction({ type: 'destination', displayName: 'Slack Alerts', code: '//', settings: [] }),
        422,
        'input-validation',
        'creating destination function Slack Alerts',
      );

      const renamed = await api.updateFunction(fn.id, { displayName: 'Slack Alerts v2', code: 'async function onTrack(e) { return e }' });
      expect(renamed.displayName).toBe('Slack Alerts v2');
      expect(renamed.rawDisplayName).toBe('Slack Alerts v2 (Acme Prod)');
      expect(renamed.code).toBe('async function onTrack(e) { return e }');
      expect(renamed.settings.map((s) => s.name)).toEqual(['apiKey', 'channel']);

      await api.deleteFunction(fn.id, { name: 'Slack Alerts v2' });
      await expectApiError(api.getFunction(fn.id), 404, 'not-found', `reading function ${fn.id}`);
    },
  },
  {
    id: 'source-function-deploy',
    title: 'a source function is saved undeployed, deploys, goes outdated on change; its source instance is read back and found by catalogId',
    seed: baseSeed,
    async run(api) {
      const fn = await api.createFunction({ type: 'source', displayName: 'Ingest Webhooks', code: 'async function onRequest() {}', settings: [] });
      expect(fn.id).toMatch(/^sfnc_/);
      expect(fn.displayName).toBe('Ingest Webhooks');
      expect(fn.rawDisplayName).toBe('Ingest Webhooks');
      expect(deployStateOf(fn)).toBe('never-deployed');

      await api.deployFunction(fn.id);
      const deployed = await api.getFunction(fn.id);
      expect(deployStateOf(deployed)).toBe('latest');

      const changed = await api.updateFunction(fn.id, { code: 'async function onRequest(r) { return r }' });
      expect(deployStateOf(changed)).toBe('outdated');

      const source = await api.createSource({ slug: 'webhooks-in', metadataId: fn.catalogId, enabled: true });
      expect(source.slug).toBe('webhooks-in');
      expect(source.metadataId).toBe(fn.catalogId);
      const read = await api.getSource(source.id);
      expect([read.id, read.slug, read.metadataId, read.enabled]).toEqual([source.id, 'webhooks-in', fn.catalogId, true]);
      const instances = await api.listFunctionInstances(fn);
      expect(instances.sources.map((s) => s.id)).toEqual([source.id]);
      expect(instances.destinations).toEqual([]);

      const renamed = await api.updateSource(source.id, { name: 'Webhooks In' });
      expect(renamed.name).toBe('Webhooks In');
      await api.deleteSource(source.id);
    },
  },
  {
    id: 'destination-instances-masking',
    title: 'a destination-function instance: sensitive values come back masked, settings merge per key, read back, 404 once deleted',
    seed: webSeed,
    async run(api) {
      const web = (await api.listSources()).find((s) => s.slug === 'web-prod');
      expect(web).toBeDefined();
      const fn = await api.createFunction({
        type: 'destination',
        displayName: 'Slack Alerts',
        code: 'async function onTrack() {}',
        settings: [setting('apiKey', true), setting('channel')],
      });
      const dest = await api.createDestination({
        sourceId: web!.id,
        metadataId: fn.catalogId,
        name: 'slack-prod',
        enabled: true,
        settings: { apiKey: 'xoxb-1234-secret-aefd', channel: '#alerts' },
      });
      expect(dest.sourceId).toBe(web!.id);
      expect(dest.metadataId).toBe(fn.catalogId);
      expect(dest.settings.apiKey).toEqual({ masked: true, last4: 'aefd' });
      expect(dest.settings.channel).toBe('#alerts');

      const instances = await api.listFunctionInstances(fn);
      expect(instances.destinations.map((d) => d.id)).toEqual([dest.id]);

      const updated = await api.updateDestination(dest.id, { settings: { channel: '#ops' } }, { name: 'slack-prod' });
      expect(pickManagedSettings(updated.settings, ['channel', 'apiKey'])).toEqual({
        channel: '#ops',
        apiKey: { masked: true, last4: 'aefd' },
      });
      const read = await api.getDestination(dest.id);
      expect([read.name, read.sourceId, read.metadataId]).toEqual(['slack-prod', web!.id, fn.catalogId]);
      expect(read.settings).toMatchObject({ channel: '#ops', apiKey: { masked: true, last4: 'aefd' } });
      await api.deleteDestination(dest.id);
      await expectApiError(api.getDestination(dest.id), 404, 'not-found', `reading destination ${dest.id}`);
    },
  },
  {
    id: 'insert-instances',
    title: 'an insert function instance is created with the prefix-less id, listed, updated and deleted',
    seed: webSeed,
    async run(api) {
      const amplitude = (await api.listDestinations()).find((d) => d.name === 'amplitude-prod');
      expect(amplitude).toBeDefined();
      const fn = await api.createFunction({ type: 'insert-destination', displayName: 'Enrich Events', code: 'async function onTrack(e) { return e }', settings: [] });
      expect(fn.id).toMatch(/^ifnd_/);
      expect(fn.displayName).toBe('Enrich Events');
      expect(fn.rawDisplayName).toBe('Enrich Events (Acme Prod)');

      const inst = await api.createInsertInstance({
        functionId: fn.id,
        integrationId: amplitude!.id,
        name: 'enrich-amplitude',
        enabled: true,
        settings: { mode: 'strict' },
      });
      expect(inst.functionId).toBe(stripInsertPrefix(fn.id));
      expect(inst.integrationId).toBe(amplitude!.id);
      expect(inst.settings.mode).toBe('strict');

      expect((await api.listInsertInstances(fn.id)).map((i) => i.id)).toEqual([inst.id]);
      const updated = await api.updateInsertInstance(inst.id, { enabled: false, settings: { mode: 'loose' } });
      expect(updated.enabled).toBe(false);
      expect(updated.settings.mode).toBe('loose');
      expect((await api.getInsertInstance(inst.id)).name).toBe('enrich-amplitude');
      await api.deleteInsertInstance(inst.id);
      await api.deleteFunction(fn.id);
    },
  },
  {
    id: 'function-versions',
    title: 'lists, reads and restores function versions; a restore is saved, not deployed',
    seed: baseSeed,
    async run(api) {
      const fn = await api.createFunction({ type: 'source', displayName: 'Versioned', code: '// v1', settings: [] });
      await api.deployFunction(fn.id, { name: 'Versioned' });
      await api.updateFunction(fn.id, { code: '// v2' });
      const versions = await api.listFunctionVersions(fn.id);
      expect(versions).toHaveLength(2);
      const v1 = versions.find((v) => v.code === '// v1')!;
      const v2 = versions.find((v) => v.code === '// v2')!;
      expect(v1.isDeployed).toBe(true);
      expect(v2.isDeployed).toBe(false);
      expect((await api.getFunctionVersion(fn.id, v1.id)).code).toBe('// v1');

      const restored = await api.restoreFunctionVersion(fn.id, v1.id);
      expect(restored.id).not.toBe(v1.id);
      expect(restored.code).toBe('// v1');
      expect(restored.isDeployed).toBe(false);
      const after = await api.getFunction(fn.id);
      expect(after.code).toBe('// v1');
      expect(deployStateOf(after)).toBe('outdated');
    },
  },
  {
    id: 'pagination',
    title: 'lists every page of sources and every function type, INSERT_SOURCE included',
    seed: {
      workspace: CONTRACT_WORKSPACE,
      sources: Array.from({ length: 205 }, (_, i) => ({ slug: `bulk-${String(i).padStart(3, '0')}`, metadataId: 'javascript', enabled: true })),
      functions: [
        { resourceType: 'SOURCE', displayName: 'Src Fn', code: '//' },
        { resourceType: 'DESTINATION', displayName: 'Dest Fn', code: '//' },
        { resourceType: 'INSERT_DESTINATION', displayName: 'Insert Dest Fn', code: '//' },
        { resourceType: 'INSERT_SOURCE', displayName: 'Insert Src Fn', code: '//' },
      ],
    },
    async run(api) {
      const sources = await api.listSources();
      expect(sources).toHaveLength(205);
      expect(new Set(sources.map((s) => s.slug)).size).toBe(205);
      expect(sources.map((s) => s.slug)).toContain('bulk-204');
      const fns = await api.listFunctions();
      expect(fns.map((f) => [f.type, f.displayName]).sort()).toEqual([
        ['destination', 'Dest Fn'],
        ['insert-destination', 'Insert Dest Fn'],
        ['insert-source', 'Insert Src Fn'],
        ['source', 'Src Fn'],
      ]);
      expect(fns.find((f) => f.type === 'insert-source')!.id).toMatch(/^ifns_/);
    },
  },
];

/** Every scenario: the core client behaviours, then the API's rules the emulator must enforce as strictly. */
export const scenarios: Scenario[] = [...coreScenarios, ...functionRuleScenarios, ...instanceRuleScenarios];
