// Contract scenarios for the API's rules on sources, destinations and insert instances that a lenient
// emulator would let pass. Each runs against the emulator and against recorded/<id>.json.
import { expect } from 'vitest';
import { pickManagedSettings, stripFunctionPrefix } from '../../src/api/normalise.js';
import { CONTRACT_WORKSPACE, expectApiError, expectRejected, findOrFail, setting, webSeed, type Scenario } from './scenario-kit.js';

/** Instance rules, each checked against the emulator and the recorded replies. */
export const instanceRuleScenarios: Scenario[] = [
  {
    id: 'catalog-id',
    title: 'a function instance takes the catalogId as metadataId; the function id, with or without prefix, is rejected (§11.2)',
    seed: webSeed,
    async run(api) {
      const web = findOrFail(await api.listSources(), (s) => s.slug === 'web-prod', 'source web-prod');
      const fn = await api.createFunction({ type: 'destination', displayName: 'Audit Log', code: 'async function onTrack() {}', settings: [] });
      const bare = stripFunctionPrefix(fn.id);
      expect(fn.catalogId).not.toBe('');
      expect([fn.id, bare]).not.toContain(fn.catalogId);
      for (const derived of [fn.id, bare]) {
        const input = { sourceId: web.id, metadataId: derived, name: 'audit-web', settings: {} };
        await expectApiError(api.createDestination(input), 422, 'input-validation', `creating destination audit-web on source ${web.id}`);
      }
      const dest = await api.createDestination({ sourceId: web.id, metadataId: fn.catalogId, name: 'audit-web', settings: {} });
      expect(dest.metadataId).toBe(fn.catalogId);
      expect((await api.getFunction(fn.id)).catalogId).toBe(fn.catalogId);
      expect((await api.listFunctionInstances(fn)).destinations.map((d) => d.id)).toEqual([dest.id]);
    },
  },
  {
    id: 'server-added-keys',
    title: 'function-backed destinations and sources come back with setting keys the client did not send (§14.3); the managed ones compare equal',
    seed: webSeed,
    async run(api) {
      const web = findOrFail(await api.listSources(), (s) => s.slug === 'web-prod', 'source web-prod');
      const dfn = await api.createFunction({
        type: 'destination', displayName: 'Ticket Sync', code: 'async function onTrack() {}',
        settings: [setting('channel'), setting('verbose', false, 'boolean')],
      });
      const dest = await api.createDestination({ sourceId: web.id, metadataId: dfn.catalogId, name: 'tickets-web', settings: { channel: '#t' } });
      expect(Object.keys(dest.settings).length).toBeGreaterThan(1);
      expect(pickManagedSettings(dest.settings, ['channel'])).toEqual({ channel: '#t' });
      const read = await api.getDestination(dest.id);
      expect(Object.keys(read.settings).length).toBeGreaterThan(1);
      expect(pickManagedSettings(read.settings, ['channel'])).toEqual({ channel: '#t' });

      const sfn = await api.createFunction({ type: 'source', displayName: 'Ticket Hook', code: 'async function onRequest() {}', settings: [setting('mode'), setting('region')] });
      const src = await api.createSource({ slug: 'ticket-hook', metadataId: sfn.catalogId, enabled: true, settings: { mode: 'live' } });
      expect(Object.keys(src.settings).length).toBeGreaterThan(1);
      expect(pickManagedSettings(src.settings, ['mode'])).toEqual({ mode: 'live' });
    },
  },
  {
    id: 'create-source-input',
    title: 'createSource rejects a name and a missing enabled with 422 (§6.1); the name is set afterwards with updateSource',
    seed: webSeed,
    async run(api, raw) {
      const web = findOrFail(await api.listSources(), (s) => s.slug === 'web-prod', 'source web-prod');
      const named = await raw('POST', '/sources', { slug: 'raw-named', enabled: true, metadataId: web.metadataId, name: 'Raw Named' });
      expectRejected(named, 422, 'input-validation', 'name');
      const noEnabled = await raw('POST', '/sources', { slug: 'raw-no-enabled', metadataId: web.metadataId });
      expectRejected(noEnabled, 422, 'input-validation', 'enabled');

      const created = await api.createSource({ slug: 'raw-ok', metadataId: web.metadataId, enabled: false });
      expect([created.slug, created.enabled]).toEqual(['raw-ok', false]);
      expect((await api.updateSource(created.id, { name: 'Raw OK' })).name).toBe('Raw OK');
      expect((await api.listSources()).map((s) => s.slug).sort()).toEqual(['raw-ok', 'web-prod']);
    },
  },
  {
    id: 'immutable-fields',
    title: "updates reject immutable fields with 422 (a destination's sourceId/metadataId, an insert instance's functionId/integrationId, a source's metadataId) and change nothing",
    seed: {
      workspace: CONTRACT_WORKSPACE,
      sources: [
        { slug: 'web-prod', metadataId: 'javascript', enabled: true },
        { slug: 'ios-prod', metadataId: 'ios', enabled: true },
      ],
      destinations: [{ name: 'amplitude-prod', sourceId: 'web-prod', metadataId: 'amplitude', enabled: true, settings: {} }],
    },
    async run(api, raw) {
      const sources = await api.listSources();
      const web = findOrFail(sources, (s) => s.slug === 'web-prod', 'source web-prod');
      const ios = findOrFail(sources, (s) => s.slug === 'ios-prod', 'source ios-prod');
      const amp = findOrFail(await api.listDestinations(), (d) => d.name === 'amplitude-prod', 'destination amplitude-prod');
      expectRejected(await raw('PATCH', `/destinations/${amp.id}`, { sourceId: ios.id, enabled: false }), 422, 'input-validation', 'sourceId');
      expectRejected(await raw('PATCH', `/destinations/${amp.id}`, { metadataId: ios.metadataId }), 422, 'input-validation', 'metadataId');
      expectRejected(await raw('PATCH', `/sources/${web.id}`, { metadataId: ios.metadataId }), 422, 'input-validation', 'metadataId');
      const after = await api.getDestination(amp.id);
      expect([after.sourceId, after.metadataId, after.enabled]).toEqual([web.id, amp.metadataId, true]);

      const fn = await api.createFunction({ type: 'insert-destination', displayName: 'Scrub PII', code: 'async function onTrack(e) { return e }', settings: [] });
      const inst = await api.createInsertInstance({ functionId: fn.id, integrationId: amp.id, name: 'scrub-amplitude', settings: {} });
      for (const [field, value] of [['functionId', 'ffffffffffffffffffffffff'], ['integrationId', ios.id]] as const) {
        expectRejected(await raw('PATCH', `/insert-function-instances/${inst.id}`, { [field]: value, settings: {} }), 422, 'input-validation', field);
      }
      const instAfter = await api.getInsertInstance(inst.id);
      expect([instAfter.functionId, instAfter.integrationId]).toEqual([inst.functionId, amp.id]);
    },
  },
  {
    id: 'page-size',
    title: 'a page of more than 200 items is a 422 naming pagination.count (§8); the client asks for 200',
    seed: webSeed,
    async run(api, raw) {
      for (const path of ['/sources?pagination%5Bcount%5D=201', '/destinations?pagination.count=201', '/functions?pagination%5Bcount%5D=1000&resourceType=SOURCE']) {
        expectRejected(await raw('GET', path), 422, 'input-validation', 'pagination.count');
      }
      const page = await raw('GET', '/sources?pagination%5Bcount%5D=200');
      expect(page.status).toBe(200);
      expect(page.body.data.sources.map((s: { slug: string }) => s.slug)).toEqual(['web-prod']);
      expect((await api.listDestinations()).map((d) => d.name)).toEqual(['amplitude-prod']);
    },
  },
  {
    id: 'setting-value-types',
    title: "instance setting values must match the function's declared types: a mismatch is a 422 naming settings.<name>",
    seed: webSeed,
    async run(api, raw) {
      const web = findOrFail(await api.listSources(), (s) => s.slug === 'web-prod', 'source web-prod');
      const fn = await api.createFunction({
        type: 'destination', displayName: 'Typed Hook', code: 'async function onTrack() {}',
        settings: [setting('channel'), setting('verbose', false, 'boolean'), setting('tags', false, 'array'), setting('headers', false, 'text-map')],
      });
      const base = { sourceId: web.id, metadataId: fn.catalogId, name: 'typed-web' };
      await expectApiError(api.createDestination({ ...base, settings: { verbose: 'yes' } }), 422, 'input-validation', `creating destination typed-web on source ${web.id}`);
      expectRejected(await raw('POST', '/destinations', { ...base, settings: { tags: 'a,b' } }), 422, 'input-validation', 'settings.tags');
      const settings = { channel: '#c', verbose: true, tags: ['a', 'b'], headers: { 'x-env': 'prod' } };
      const dest = await api.createDestination({ ...base, settings });
      expect(pickManagedSettings(dest.settings, Object.keys(settings))).toEqual(settings);
      expectRejected(await raw('PATCH', `/destinations/${dest.id}`, { settings: { headers: { 'x-env': 1 } } }), 422, 'input-validation', 'settings.headers');
      const updated = await api.updateDestination(dest.id, { settings: { verbose: false } });
      expect(pickManagedSettings(updated.settings, Object.keys(settings))).toEqual({ ...settings, verbose: false });
    },
  },
];
