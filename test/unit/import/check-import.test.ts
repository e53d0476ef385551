// What import writes must pass fnsync validate: an entry validate would reject is left out with
// validate's own message as the reason, and the rest of the import goes ahead without it.
import { describe, expect, it } from 'vitest';
import { buildValidImport, configProblems } from '../../../src/import/check-import.js';
import { fn, runImport, setting, snapshot } from './builders.js';

const ctx = { configFile: '/project/fnsync.yaml', cwd: '/project', existingCode: new Map<string, { absPath: string; text: string }>() };

describe('buildValidImport', () => {
  it('passes validate as computed when every entry is valid', () => {
    const snap = snapshot({ functions: [fn({ type: 'destination', displayName: 'Slack Alerts', settings: [setting('webhookUrl', { sensitive: true })] })] });
    const plan = buildValidImport((excluded) => runImport(snap, { excluded }), ctx);
    expect(plan.functions.map((f) => f.name)).toEqual(['slack-alerts']);
    expect(configProblems(plan, ctx)).toEqual([]);
  });

  it('leaves out a function whose code does not parse or lacks its handler, naming the problem and its line', () => {
    const broken = fn({ type: 'destination', displayName: 'Broken', code: 'async function onTrack(event {\n}\n' });
    const empty = fn({ type: 'source', displayName: 'Empty Source', code: 'function helper() {}\n' });
    const good = fn({ type: 'insert-source', displayName: 'Good' });
    const snap = snapshot({ functions: [broken, empty, good] });
    const plan = buildValidImport((excluded) => runImport(snap, { excluded }), ctx);
    expect(plan.functions.map((f) => f.name)).toEqual(['good']);
    const reasons = Object.fromEntries(plan.skipped.map((s) => [s.remote.displayName, [s.kind, s.reason]]));
    expect(reasons.Broken).toEqual(['problem', expect.stringMatching(/^fnsync validate would reject it: syntax error: .* \(its code, line 1:\d+\)$/)]);
    expect(reasons['Empty Source']).toEqual(['problem', 'fnsync validate would reject it: functions/empty-source/handler.js does not define onRequest (a source function needs it)']);
    expect(plan.config.text).not.toContain('Broken');
  });

  it('leaves out a function whose settings fnsync.yaml cannot express', () => {
    const odd = fn({ type: 'destination', displayName: 'Odd', settings: [setting('flag', { type: 'boolean', sensitive: true }), setting('not-an-identifier')] });
    const plan = buildValidImport((excluded) => runImport(snapshot({ functions: [odd] }), { excluded }), ctx);
    expect(plan.functions).toEqual([]);
    expect(plan.skipped[0]!.reason).toContain('only string settings can be sensitive');
    expect(plan.skipped[0]!.reason).toContain("setting name 'not-an-identifier' is not a valid JavaScript identifier");
  });

  it('leaves out a function whose display name an entry of fnsync.yaml (not created yet) already uses', () => {
    const text = 'version: 1\nfunctions:\n  my-alerts:\n    type: destination\n    displayName: Slack Alerts\n    code: mine.js\n';
    const existing = { names: ['my-alerts'], adopted: new Map(), envNames: [] };
    const withCode = { ...ctx, existingCode: new Map([['my-alerts', { absPath: '/project/mine.js', text: 'async function onTrack() {}' }]]) };
    const snap = snapshot({ functions: [fn({ type: 'destination', displayName: 'Slack Alerts' })] });
    const plan = buildValidImport((excluded) => runImport(snap, { excluded, existing, config: { path: 'fnsync.yaml', text } }), withCode);
    expect(plan.functions).toEqual([]);
    expect(plan.skipped[0]!.reason).toMatch(/displayName 'Slack Alerts' is already used by destination function 'my-alerts'/);
    expect(plan.config.text).toBe(text);
  });
});
