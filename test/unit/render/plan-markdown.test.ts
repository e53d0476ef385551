// The plan and apply markdown of the GitHub comment and job summary: the same lines as the text plan,
// secrets described exactly as there, workspace text escaped, and a long plan fitted under the limit.
import { describe, expect, it } from 'vitest';
import { applyOutcome } from '../../../src/render/apply-text.js';
import { renderApplyMarkdown } from '../../../src/render/apply-markdown.js';
import { cutMarkdown, GITHUB_COMMENT_LIMIT, utf8Bytes } from '../../../src/render/comment-fit.js';
import { markerKey, readMarker, renderMarker } from '../../../src/render/comment-marker.js';
import { renderPlanMarkdown, type PlanMarkdownOptions } from '../../../src/render/plan-markdown.js';
import { renderPlanText } from '../../../src/render/plan-text.js';
import { planDigest } from '../../../src/plan/plan-digest.js';
import { config, fnDef, masked, secretSetting, setting, workspace } from '../plan/builders.js';
import { plan } from '../plan/run-plan.js';

const OPTIONS: PlanMarkdownOptions = {
  marker: renderMarker({ workspace: 'acme-prod', planned: 'sha256:abc' }),
  purpose: 'plan',
  commit: '0123456789ab',
  runUrl: 'https://github.com/acme/fns/actions/runs/42',
  wholeAt: 'the job summary',
  limit: GITHUB_COMMENT_LIMIT,
};

const KEY = 'sk_live_0000000000wxyz';
const crm = (region: string, code?: string) =>
  fnDef('crm', 'destination', {
    displayName: 'CRM',
    settings: [secretSetting('apiKey'), setting('region')],
    instances: [{ name: 'crm-web', source: 'web-prod', settings: { apiKey: '${env:CRM_KEY}', region } }],
    ...(code ? { code } : {}),
  });

/** A plan updating crm's code and its instance's region, with the secret compared by its last 4. */
function crmPlan() {
  const ws = workspace();
  const web = ws.source('web-prod');
  const before = crm('eu');
  ws.destination('crm-web', web, { fn: ws.managed(before), settings: { apiKey: masked('abcd'), region: 'eu' } });
  const code = before.code.replace("console.log('crm')", "console.log('crm v2')");
  return plan(config(crm('us', code)), ws, { env: { CRM_KEY: KEY }, testStatus: { crm: 'tested' } });
}

describe('plan markdown', () => {
  const p = crmPlan();
  const md = renderPlanMarkdown(p, OPTIONS).text;
  const text = renderPlanText(p, { color: false }).join('\n');

  it('starts with the hidden marker and shows the summary line, the commit and the run link', () => {
    expect(md.startsWith(markerKey('acme-prod'))).toBe(true);
    expect(md).toContain('**Plan: 0 to add, 2 to change, 0 to destroy.**');
    expect(md).toContain('Planned at commit `0123456789ab`');
    expect(md).toContain('[workflow run](https://github.com/acme/fns/actions/runs/42)');
  });

  it('has one collapsible block per resource, with the code change as diff lines at column 0', () => {
    expect(md.match(/<details><summary><code>/g)).toHaveLength(p.changes.length);
    expect(md).toContain('```diff\n');
    expect(md).toMatch(/^-  console\.log\('crm'\)$/m);
    expect(md).toMatch(/^\+  console\.log\('crm v2'\)$/m);
    expect(md).toContain('· code tested');
  });

  it('describes the secret with the same words as the text plan, and never holds its value or last 4', () => {
    const secretLine = text.split('\n').find((l) => l.includes('settings.apiKey ='))!.trim();
    expect(secretLine).toContain('(sensitive value) from ${env:CRM_KEY}');
    expect(md.split('\n')).toContain(secretLine);
    expect(md).not.toContain(KEY);
    expect(md).not.toContain('wxyz');
  });

  it('escapes HTML and control characters from the workspace, and fences code that holds backticks', () => {
    const mine = fnDef('mine', 'destination', { displayName: 'Mine', code: 'async function onTrack() {\n  return "```";\n}\n' });
    const ws = workspace();
    ws.managed(fnDef('mine', 'destination', { displayName: 'Mine' }));
    ws.fn({ type: 'destination', displayName: '<img src=x onerror=alert(1)> @acme/admins \u001b[2J', code: 'x' });
    const out = renderPlanMarkdown(plan(config(mine), ws, { testStatus: { mine: 'tested' } }), OPTIONS).text;
    const outside = out.split(/```+[a-z]*\n[\s\S]*?\n```+/).join('');
    expect(outside).not.toContain('<img');
    expect(out).toContain('````diff');
    expect(out).toContain('\\u001b[2J');
    expect(out).not.toMatch(/\u001b/);
    // The unmanaged name sits inside a code fence, where GitHub links no @-mention.
    expect(out).toMatch(/\n```\nfunction <img src=x onerror=alert\(1\)> @acme\/admins \\u001b\[2J \(destination function\) \[\w+\]\n```\n/);
  });

  it('a drift check says the workspace no longer matches, with its own next steps', () => {
    const out = renderPlanMarkdown(p, { ...OPTIONS, purpose: 'drift' }).text;
    expect(out).toContain('### fnsync drift check');
    expect(out).toContain('**The workspace no longer matches the configuration: Plan: 0 to add, 2 to change, 0 to destroy.**');
    expect(out).toContain('someone changed the workspace outside fnsync');
    // Apply runs only on push to main: the step says how to get there, never "run the apply workflow".
    expect(out).not.toContain('run the apply workflow');
    expect(out).toContain('re-run the last apply run on main');
    expect(out).toContain('apply runs on every push to main');
  });
});

describe('fitting under the limit', () => {
  // 60 functions whose 300 lines of code all change: far over 65,536 characters when shown whole.
  const fns = Array.from({ length: 60 }, (_, i) =>
    fnDef(`fn-${i}`, 'destination', { code: `async function onTrack() {\n${Array.from({ length: 300 }, (_, j) => `  // line ${j} of function ${i}`).join('\n')}\n}\n` }),
  );
  const deployed = () => {
    const ws = workspace();
    for (const f of fns) ws.managed(f);
    return ws;
  };
  /** The plan changing the first `n` functions' code (every line). */
  const changing = (n: number) => plan(config(...fns.map((f, i) => ({ ...f, code: i < n ? f.code.replace(/line/g, 'row') : f.code }))), deployed(), { testStatus: {} });
  const big = changing(60);

  it('a plan that fits is shown whole, with no notice', () => {
    const r = renderPlanMarkdown(big, { ...OPTIONS, limit: 10_000_000 });
    expect(r).toMatchObject({ collapsed: 0, omitted: 0, cut: false });
    expect(r.text).not.toContain('[!NOTE]');
  });

  it('collapses resources first, largest first, and says so and where the whole plan is', () => {
    const codeChanges = changing(3);
    const whole = renderPlanMarkdown(codeChanges, { ...OPTIONS, limit: 10_000_000 }).text;
    const r = renderPlanMarkdown(codeChanges, { ...OPTIONS, limit: Math.floor(whole.length * 0.6) });
    expect(r.collapsed).toBeGreaterThan(0);
    expect(r.collapsed).toBeLessThan(3);
    expect(r.omitted).toBe(0);
    expect(r.text.length).toBeLessThanOrEqual(Math.floor(whole.length * 0.6));
    expect(r.text).toContain(`the details of ${r.collapsed} resource`);
    expect(r.text).toContain('The whole plan: the job summary.');
  });

  it('then leaves resources out from the end, counting them, under 65,536 characters', () => {
    const r = renderPlanMarkdown(big, OPTIONS);
    expect(r.text.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(r.collapsed + r.omitted).toBeGreaterThan(0);
    // Collapsed one-liners are small: collapsing is enough here, nothing is left out.
    expect(r.omitted).toBe(0);
    expect(r.collapsed).toBeLessThan(60);
    const tiny = renderPlanMarkdown(big, { ...OPTIONS, limit: 3000 });
    expect(tiny.omitted).toBeGreaterThan(0);
    expect(tiny.text.length).toBeLessThanOrEqual(3000);
    expect(tiny.text).toContain(`${tiny.omitted} more resources, left out here: the job summary.`);
    expect(tiny.text).toContain('**Plan: 0 to add, 60 to change, 0 to destroy.**');
  });

  it('cuts the text as a last resort, still under the limit and saying so', () => {
    const r = renderPlanMarkdown(big, { ...OPTIONS, limit: 400 });
    expect(r.cut).toBe(true);
    expect(r.text.length).toBeLessThanOrEqual(400);
    expect(r.text).toContain('cut to fit');
  });
});

/** Every code fence and <details> block of `md` is closed, and the given text is outside any fence. */
function openBlocks(md: string, outsideFence: string[] = []): { fence: boolean; details: number; inFence: string[] } {
  let fence: string | undefined;
  let depth = 0;
  const inFence: string[] = [];
  for (const line of md.split('\n')) {
    const ticks = /^(`{3,})/.exec(line)?.[1];
    if (fence) {
      if (ticks && ticks.length >= fence.length && line.trim() === ticks) fence = undefined;
      else if (outsideFence.some((t) => line.includes(t))) inFence.push(line);
      continue;
    }
    if (ticks) fence = ticks;
    else depth += (line.match(/<details[\s>]/g) ?? []).length - (line.match(/<\/details>/g) ?? []).length;
  }
  return { fence: fence !== undefined, details: depth, inFence };
}

describe('a long unmanaged list', () => {
  // 1,500 unmanaged sources (two-byte names: more UTF-8 bytes than characters) and two real changes.
  const ws = workspace();
  for (let i = 0; i < 1500; i++) ws.source(`источник-номер-${String(i).padStart(4, '0')}-web`);
  const before = fnDef('alpha', 'destination', { displayName: 'Alpha' });
  ws.managed(before);
  const p = plan(config({ ...before, displayName: 'Alpha v2' }, fnDef('beta', 'destination', { displayName: 'Beta' })), ws, { testStatus: { alpha: 'tested', beta: 'tested' } });
  const r = renderPlanMarkdown(p, OPTIONS);

  it('is what gets shortened: count and as many first names as fit; every change stays, every block closes, next steps stay', () => {
    expect(p.unmanaged.length).toBeGreaterThanOrEqual(1500);
    expect(renderPlanMarkdown(p, { ...OPTIONS, limit: 10_000_000 }).text.length).toBeGreaterThan(GITHUB_COMMENT_LIMIT);
    expect(utf8Bytes(r.text)).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(r).toMatchObject({ omitted: 0, collapsed: 0, cut: false });
    expect(r.shortened).toBeGreaterThan(0);
    expect(r.text.match(/<details><summary><code>[+~] function\./g)).toHaveLength(2);
    expect(r.text).toContain('Unmanaged (not in fnsync.yaml, left alone): ');
    expect(r.text).toMatch(/1500 sources/);
    expect(r.text).toContain('источник-номер-0000-web');
    // Half the list fits in the room left (the whole list does not): that many names, not the minimum of 20.
    const shown = (r.text.match(/источник-номер-\d{4}-web/g) ?? []).length;
    expect(shown).toBe(750);
    expect(r.text).toContain(`…and ${1500 - shown} more (the whole list: the job summary)`);
    expect(r.text).toContain('long lists show only their first entries');
    expect(openBlocks(r.text)).toMatchObject({ fence: false, details: 0 });
    expect(r.text.trimEnd().endsWith('every push updates this comment.')).toBe(true);
  });

  it('counted in UTF-8 bytes: a limit the characters would meet but the bytes would not is still met', () => {
    const limit = 30_000;
    const fitted = renderPlanMarkdown(p, { ...OPTIONS, limit });
    expect(utf8Bytes(fitted.text)).toBeLessThanOrEqual(limit);
    expect(fitted.text.match(/<details><summary><code>[+~] function\./g)).toHaveLength(2);
  });

  it('as a last resort the text is cut at a line, closing every block, the notice outside them, next steps kept', () => {
    const tiny = renderPlanMarkdown(p, { ...OPTIONS, limit: 1500 });
    expect(utf8Bytes(tiny.text)).toBeLessThanOrEqual(1500);
    const blocks = openBlocks(tiny.text, ['cut to fit']);
    expect(blocks).toMatchObject({ fence: false, details: 0, inFence: [] });
    expect(tiny.text.trimEnd().endsWith('every push updates this comment.')).toBe(true);
  });

  it('cutMarkdown never splits a line and closes an open fence and <details>', () => {
    const text = ['# t', '<details><summary>s</summary>', '', '````diff', ...Array.from({ length: 50 }, (_, i) => `+ line ${i}`), '````', '', '</details>', 'after'].join('\n');
    const cut = cutMarkdown(text, 200);
    expect(utf8Bytes(cut)).toBeLessThanOrEqual(200);
    expect(cut.endsWith('\n````\n\n</details>')).toBe(true);
    expect(cut.split('\n').every((l) => text.split('\n').includes(l))).toBe(true);
    expect(openBlocks(cut)).toMatchObject({ fence: false, details: 0 });
    expect(cutMarkdown(text, 10_000)).toBe(text);
  });
});

describe('comment marker', () => {
  it('round-trips the workspace and digests, and one workspace never matches another that extends its name', () => {
    const body = `${renderMarker({ workspace: 'acme', planned: 'sha256:aa', applied: 'sha256:bb' })}\n### plan`;
    expect(readMarker(body, 'acme')).toEqual({ workspace: 'acme', planned: 'sha256:aa', applied: 'sha256:bb' });
    expect(body.includes(markerKey('acme'))).toBe(true);
    expect(body.includes(markerKey('acm'))).toBe(false);
    expect(readMarker(body, 'acme-prod')).toBeUndefined();
  });

  it('is read from the first line only: a marker further down (a diff, a quote) is text', () => {
    const body = `${renderMarker({ workspace: 'local', planned: 'sha256:l' })}\n\n\`\`\`diff\n+ ${renderMarker({ workspace: 'emulator', planned: 'sha256:e' })}\n\`\`\``;
    expect(readMarker(body, 'local')?.planned).toBe('sha256:l');
    expect(readMarker(body, 'emulator')).toBeUndefined();
    expect(readMarker(`nice PR!\n${renderMarker({ workspace: 'local', planned: 'sha256:x' })}`, 'local')).toBeUndefined();
  });
});

describe('plan digest', () => {
  it('is equal for plans showing the same changes at different commits, and differs when a change differs', () => {
    const a = crmPlan();
    const ws = workspace();
    ws.destination('crm-web', ws.source('web-prod'), { fn: ws.managed(crm('eu')), settings: { apiKey: masked('abcd'), region: 'eu' } });
    expect(planDigest(a)).toBe(planDigest(crmPlan()));
    expect(planDigest(a)).not.toBe(planDigest(plan(config(crm('fr')), ws, { env: { CRM_KEY: KEY } })));
  });
});

describe('apply markdown', () => {
  const p = crmPlan();
  const failing = applyOutcome(p, {
    results: [
      { step: { address: p.changes[0]!.address }, status: 'applied' },
      { step: { address: p.changes[1]!.address }, status: 'failed', message: '422 region | not <valid>' },
    ],
  });
  const base = { marker: renderMarker({ workspace: 'acme-prod' }), appliedDigest: 'sha256:1111', forPullRequest: true, wholeAt: 'the job summary', limit: GITHUB_COMMENT_LIMIT };

  it('shows the table of applied, failed and skipped resources and the final line', () => {
    const md = renderApplyMarkdown(p, failing, base).text;
    expect(md).toContain('**Apply incomplete: 1 applied, 1 failed, 0 skipped.**');
    expect(md).toContain(`| <code>${p.changes[0]!.address.replace(/"/g, '&quot;')}</code> | update | applied |  |`);
    expect(md).toContain('| **failed** | 422 region \\| not &lt;valid&gt; |');
    const ok = renderApplyMarkdown(p, applyOutcome(p, { results: [] }), base).text;
    expect(ok).toContain('**Apply complete! Resources: 0 added, 2 changed, 0 destroyed.**');
  });

  it('says when the plan applied differs from the last plan the pull request showed', () => {
    const differs = renderApplyMarkdown(p, failing, { ...base, plannedDigest: 'sha256:2222' }).text;
    expect(differs).toContain('[!WARNING]');
    expect(differs).toContain('differs from the last plan this pull request showed');
    const same = renderApplyMarkdown(p, failing, { ...base, plannedDigest: 'sha256:1111' }).text;
    expect(same).not.toContain('differs');
    expect(same).toContain('The plan applied is the last plan this pull request showed');
  });
});
