// The fixture skeletons import writes: one skipped case per handler the code declares, each with an
// input of the kind its function type takes, accepted by the fixture loader as it is.
import { describe, expect, it } from 'vitest';
import { fixtureSkeleton, handlersInCode } from '../../../src/import/fixture-skeleton.js';
import { parseFixture } from '../../../src/runtime/fixtures/load-fixture.js';
import { parse } from 'yaml';
import type { FunctionType } from '../../../src/vocabulary.js';

const input = (type: FunctionType, code: string) => ({ type, code, displayName: 'Slack Alerts', id: 'dfn_1', settingNames: ['webhookUrl', 'channel'], schemaRef: '../../../schemas/fixture.schema.json' });

describe('handlersInCode', () => {
  it('finds top-level handlers in every declaration form, in Segment order, ignoring other names', () => {
    const code = 'onBatch = async (events) => {};\nconst onTrack = async () => {};\nasync function onIdentify() {}\nfunction helper() {}\nfunction inner() { function onPage() {} }\n';
    expect(handlersInCode(code, 'destination')).toEqual(['onIdentify', 'onTrack', 'onBatch']);
  });

  it('only counts handlers the function type has (insert-source functions get no batches)', () => {
    expect(handlersInCode('async function onTrack() {}\nasync function onBatch() {}', 'insert-source')).toEqual(['onTrack']);
    expect(handlersInCode('async function onTrack() {}\nasync function onRequest() {}', 'source')).toEqual(['onRequest']);
  });

  it('finds none in code that does not parse, without throwing', () => {
    expect(handlersInCode('async function onTrack( {', 'destination')).toEqual([]);
  });
});

describe('fixtureSkeleton', () => {
  it.each<[FunctionType, string, string[]]>([
    ['source', 'async function onRequest(request, settings) {}', ['request']],
    ['destination', 'async function onTrack() {}\nasync function onBatch() {}', ['event', 'events']],
    ['insert-destination', 'async function onIdentify() {}\nasync function onDelete() {}', ['event', 'event']],
    ['insert-source', 'async function onPage() {}', ['event']],
  ])('a %s function: one skipped case per handler, which the fixture loader accepts', (type, code, inputs) => {
    const skeleton = fixtureSkeleton(input(type, code));
    const loaded = parseFixture(skeleton.text, '/p/t.yaml', 't.yaml', { name: 'slack-alerts', type, settingNames: ['webhookUrl', 'channel'] });
    expect(loaded.ok ? [] : loaded.problems).toEqual([]);
    const cases = parse(skeleton.text).cases as Record<string, unknown>[];
    expect(skeleton.cases).toBe(inputs.length);
    expect(cases.map((c) => Object.keys(c).find((k) => ['request', 'event', 'events'].includes(k)))).toEqual(inputs);
    for (const c of cases) {
      expect(typeof c.skip).toBe('string');
      expect(c.skip).toMatch(/^to write: .*expect: /);
      expect(c.name).toMatch(/^on[A-Z]\w+ handles .* \(to write\)$/);
    }
  });

  it('gives event handlers an event of their own type', () => {
    const cases = parse(fixtureSkeleton(input('destination', 'async function onIdentify() {}\nasync function onAlias() {}')).text).cases;
    expect(cases.map((c: { event: { type: string } }) => c.event.type)).toEqual(['identify', 'alias']);
    expect(cases[1].name).toBe('onAlias handles an alias event (to write)');
  });

  it('writes one case for the main handler when the code declares none it can find', () => {
    const skeleton = fixtureSkeleton(input('destination', 'module.exports = {}'));
    expect(skeleton.handlers).toEqual([]);
    expect(parse(skeleton.text).cases.map((c: { name: string }) => c.name)).toEqual(['onTrack handles a track event (to write)']);
  });

  it('starts with the schema line, names the function and lists the settings to give test values', () => {
    const lines = fixtureSkeleton(input('destination', 'async function onTrack() {}')).text.split('\n');
    expect(lines[0]).toBe('# yaml-language-server: $schema=../../../schemas/fixture.schema.json');
    expect(lines[1]).toContain('Slack Alerts (dfn_1)');
    expect(lines.find((l) => l.startsWith('# Settings'))).toContain('webhookUrl, channel');
  });
});
