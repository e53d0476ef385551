// A step that keeps failing, through the spawned CLI against the emulator: independent work goes on,
// dependants are skipped, apply prints the applied / failed / skipped table (or the --json result)
// and exits 1. With the fault removed, a re-run applies the rest, creates nothing twice, and the
// workspace converges.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { EDITED_INSTANCES, FAULT_TOKEN, editedConfig } from '../helpers/fault-project.js';
import { applyNow, expectConverged, requests, startFaultWorld, writes, type FaultWorld } from '../helpers/fault-world.js';

const SPAWN_TIMEOUT = 60_000;

let world: FaultWorld;
beforeEach(async () => {
  world = await startFaultWorld();
});
afterEach(async () => {
  await world.close();
});

const apply = (...extra: string[]) =>
  runCli(['apply', '--auto-approve', '--skip-tests', ...extra], { cwd: world.dir, env: world.cliEnv(), timeoutMs: SPAWN_TIMEOUT });

const addr = (fn: string, instance?: string) => (instance ? `function.${fn}.instances[${JSON.stringify(instance)}]` : `function.${fn}`);

/** The rows of apply's table: address -> "status: detail". */
function tableRows(stdout: string): Record<string, string> {
  const start = stdout.indexOf('Apply failed part-way. What was and was not done:');
  expect(start, stdout).toBeGreaterThanOrEqual(0);
  const rows: Record<string, string> = {};
  for (const line of stdout.slice(start).split('\n')) {
    const m = /^ {2}(function\.\S+)\s+(applied|failed|skipped)(?:\s+(.*))?$/.exec(line);
    if (m) rows[m[1]!] = m[3] ? `${m[2]}: ${m[3]}` : m[2]!;
  }
  return rows;
}

describe('apply with a persistently failing step (spawned CLI)', () => {
  it('applies what does not depend on it, skips its dependants, prints the table, exits 1; the re-run converges', { timeout: 3 * SPAWN_TIMEOUT }, async () => {
    // The plan creates exactly one source (the source function's instance): every attempt is refused.
    world.emulator.faults.inject({ method: 'POST', path: '^/sources$', kind: 'status', status: 422, times: 1_000 });

    const first = await apply();

    expect(first.code, first.stderr).toBe(1);
    expect(tableRows(first.stdout)).toEqual({
      [addr('intake')]: 'applied',
      [addr('intake', 'intake-prod')]: 'failed: creating source intake-prod: 422 Injected fault: HTTP 422',
      [addr('notify')]: 'applied',
      [addr('notify', 'notify-web')]: 'applied',
      [addr('notify', 'notify-intake')]: 'skipped: needs "create source intake-prod", which failed',
      [addr('scrub')]: 'applied',
      [addr('scrub', 'scrub-amplitude')]: 'applied',
      [addr('scrub', 'scrub-notify')]: 'skipped: needs "create destination notify-intake", which was skipped',
      [addr('tagger')]: 'applied',
      [addr('tagger', 'tagger-web')]: 'applied',
    });
    expect(first.stdout).toMatch(/\nApply incomplete: 7 applied, 1 failed, 2 skipped\. Resources: 7 added, 0 changed, 0 destroyed\. /);
    expect(first.stderr).toContain(`${addr('intake', 'intake-prod')}: create source intake-prod: FAILED (creating source intake-prod: 422 `);
    expect(first.stdout + first.stderr).not.toContain(FAULT_TOKEN);
    // A 4xx is final: one attempt, and nothing that needed the source was sent.
    expect(requests(world, 'POST', '/sources')).toHaveLength(1);
    const state = world.emulator.state();
    expect(state.sources.map((s) => s.slug)).not.toContain('intake-prod');
    expect(state.destinations.map((d) => d.name)).toContain('notify-web');
    expect(state.destinations.map((d) => d.name)).not.toContain('notify-intake');
    expect(state.insertInstances.map((i) => i.name).sort()).toEqual(['legacy-insert', 'scrub-amplitude', 'tagger-web']);

    world.emulator.faults.clear();
    const writesBefore = writes(world).length;
    const second = await apply();

    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout.trimEnd().split('\n').at(-1)).toBe('Apply complete! Resources: 3 added, 0 changed, 0 destroyed.');
    // Only what was missing: the source, the destination on it and the insert instance on that.
    expect(writes(world).slice(writesBefore).map((e) => `${e.method} ${e.path}`).sort()).toEqual([
      'POST /destinations',
      'POST /insert-function-instances',
      'POST /sources',
    ]);
    await expectConverged(world);
  });

  it('--json: the result names failed, skipped and applied updates; after the fault is gone the re-run converges', { timeout: 3 * SPAWN_TIMEOUT }, async () => {
    expect((await applyNow(world)).result.ok).toBe(true);
    writeFileSync(join(world.dir, 'fnsync.yaml'), editedConfig());
    const notify = world.emulator.state().functions.find((f) => f.resourceType === 'DESTINATION' && f.displayName.startsWith('Notify'))!;
    world.emulator.faults.inject({ method: 'PATCH', path: `/functions/${notify.id}`, kind: 'status', status: 422, times: 1_000 });

    const first = await apply('--json');

    expect(first.code, first.stderr).toBe(1);
    const doc = JSON.parse(first.stdout) as { formatVersion: number; result: { ok: boolean; changes: { address: string; action: string; status: string; message?: string }[] } };
    expect(doc.formatVersion).toBe(1);
    expect(doc.result.ok).toBe(false);
    const outcome = Object.fromEntries(doc.result.changes.map((c) => [c.address, `${c.action} ${c.status}${c.message ? `: ${c.message}` : ''}`]));
    expect(outcome).toEqual({
      [addr('notify')]: `update failed: updating function Notify (${notify.id}): 422 Injected fault: HTTP 422`,
      [addr('notify', 'notify-web')]: 'update skipped: needs "update destination function Notify", which failed',
      [addr('notify', 'notify-intake')]: 'update skipped: needs "update destination function Notify", which failed',
      [addr('scrub')]: 'update applied',
      [addr('tagger', 'tagger-web')]: 'update applied',
    });
    // The independent updates reached the workspace; the skipped ones sent nothing.
    const state = world.emulator.state();
    expect(state.functions.find((f) => f.id === notify.id)!.settings.map((s) => s.name)).toEqual(['channel']);
    expect(state.destinations.find((d) => d.name === 'notify-web')!.settings).toEqual({ channel: '#web' });
    expect(state.functions.find((f) => f.displayName.startsWith('Scrub'))!.description).toBe('Scrubs personal data');
    expect(state.insertInstances.find((i) => i.name === 'tagger-web')!.enabled).toBe(false);

    world.emulator.faults.clear();
    const second = await apply('--json');

    expect(second.code, second.stderr).toBe(0);
    const again = JSON.parse(second.stdout) as typeof doc;
    expect(again.result.ok).toBe(true);
    expect(again.result.changes.map((c) => `${c.address} ${c.status}`)).toEqual([
      `${addr('notify')} applied`,
      `${addr('notify', 'notify-web')} applied`,
      `${addr('notify', 'notify-intake')} applied`,
    ]);
    expect(requests(world, 'POST', /^\/(functions|sources|destinations|insert-function-instances)$/).filter((e) => e.status >= 200 && e.status < 300)).toHaveLength(10);
    await expectConverged(world, EDITED_INSTANCES);
  });
});
