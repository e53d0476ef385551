import { describe, expect, it } from 'vitest';
import { comparableCode, formatMarker, markerMeaningDiffers, parseMarker, sameCode, stripMarker, withMarker, type MarkerData } from '../../../src/plan/marker.js';

const HANDLER = "async function onTrack(event) {\n  throw new Error('line 2')\n}\n";
const FULL: MarkerData = {
  name: 'slack-alerts',
  protected: true,
  protectedInstances: ['web', 'app'],
  config: 'infra/fnsync.yaml',
  repository: 'acme/functions',
  commit: '0123abc',
};

describe('marker: format and parse', () => {
  it('round-trips every field (protected instances come back sorted)', () => {
    expect(parseMarker(withMarker(HANDLER, FULL))).toEqual({ ...FULL, protectedInstances: ['app', 'web'] });
  });

  it('round-trips the minimal marker, leaving absent provenance absent', () => {
    const minimal: MarkerData = { name: 'a', protected: false, protectedInstances: [] };
    expect(formatMarker(minimal)).not.toMatch(/protected|config|repository|commit/);
    expect(parseMarker(withMarker(HANDLER, minimal))).toEqual(minimal);
  });

  it('is one comment line that tells a reader in the Segment app where the code lives', () => {
    const line = formatMarker(FULL);
    expect(line.startsWith('// fnsync-managed: {')).toBe(true);
    expect(line).not.toContain('\n');
    expect(line).toContain('overwritten by the next fnsync apply');
  });

  it('finds no marker in code fnsync did not deploy', () => {
    expect(parseMarker(HANDLER)).toBeUndefined();
  });

  it('still finds the marker when code was added after it in the Segment app: that code is drift, not a new owner', () => {
    const edited = `${withMarker(HANDLER, FULL)}function helper() {}\n`;
    expect(parseMarker(edited)).toEqual(parseMarker(withMarker(HANDLER, FULL)));
    expect(stripMarker(edited)).toBe(`${HANDLER.endsWith('\n') ? HANDLER : `${HANDLER}\n`}function helper() {}\n`);
    expect(sameCode(HANDLER, edited)).toBe(false);
  });
});

describe('marker: placement', () => {
  it('goes on the last line, so line N of the deployed code is line N of the handler', () => {
    const deployed = withMarker(HANDLER, FULL).split('\n');
    const original = HANDLER.split('\n');
    expect(deployed.slice(0, original.length - 1)).toEqual(original.slice(0, -1));
    expect(deployed.findIndex((l) => l.includes("'line 2'"))).toBe(1);
    expect(deployed.at(-2)).toBe(formatMarker(FULL));
    expect(deployed.at(-1)).toBe('');
  });

  it('adds a newline before the marker when the handler has none, without changing the handler lines', () => {
    const noNewline = HANDLER.trimEnd();
    const deployed = withMarker(noNewline, FULL);
    expect(deployed).toBe(`${noNewline}\n${formatMarker(FULL)}\n`);
    expect(parseMarker(deployed)?.name).toBe('slack-alerts');
    expect(sameCode(noNewline, deployed)).toBe(true);
  });
});

describe('marker: stripping and comparing', () => {
  it('stripMarker gives back the handler exactly', () => {
    expect(stripMarker(withMarker(HANDLER, FULL))).toBe(HANDLER);
    expect(stripMarker(HANDLER)).toBe(HANDLER);
  });

  it('reads and strips a marker in CRLF code (a Windows checkout or an app edit)', () => {
    const crlf = HANDLER.replace(/\n/g, '\r\n');
    const deployed = `${crlf}${formatMarker(FULL)}\r\n`;
    expect(parseMarker(deployed)?.name).toBe('slack-alerts');
    expect(stripMarker(deployed)).toBe(crlf);
    expect(sameCode(HANDLER, deployed)).toBe(true);
    expect(comparableCode(deployed)).toBe(HANDLER.trimEnd());
  });

  it('tells real code differences apart', () => {
    expect(sameCode(HANDLER, withMarker(HANDLER.replace('line 2', 'line two'), FULL))).toBe(false);
  });

  it('a hand-edited marker that is no longer JSON is no marker: the function is not fnsync-managed', () => {
    const edited = withMarker(HANDLER, FULL).replace('"name":"slack-alerts"', 'name: slack-alerts');
    expect(edited).toContain('// fnsync-managed: {');
    expect(parseMarker(edited)).toBeUndefined();
    // Still shaped like the marker line, so it is not shown as code (adopting the function again shows no code diff).
    expect(stripMarker(edited)).toBe(HANDLER);
  });

  it('a marker whose name was emptied or removed is no marker', () => {
    expect(parseMarker(`${HANDLER}// fnsync-managed: {"name":""}\n`)).toBeUndefined();
    expect(parseMarker(`${HANDLER}// fnsync-managed: {"protected":true}\n`)).toBeUndefined();
  });
});

describe('marker: meaning', () => {
  const base: MarkerData = { name: 'a', protected: false, protectedInstances: ['x', 'y'] };
  it('ignores provenance and the order of protected instances', () => {
    expect(markerMeaningDiffers({ ...base, commit: '1', repository: 'r1' }, { ...base, protectedInstances: ['y', 'x'], commit: '2' })).toBe(false);
  });
  it('sees owner, protection and protected instances', () => {
    expect(markerMeaningDiffers(base, { ...base, name: 'b' })).toBe(true);
    expect(markerMeaningDiffers(base, { ...base, protected: true })).toBe(true);
    expect(markerMeaningDiffers(base, { ...base, protectedInstances: ['x'] })).toBe(true);
    expect(markerMeaningDiffers(undefined, base)).toBe(true);
  });
});
