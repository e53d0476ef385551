// A literal that looks like a credential in a setting not marked sensitive (validate warns about it) is masked in
// every plan output, as `fnsync run` masks it: the text, --json and the plan file hold no copy of it, and apply reads
// the value from fnsync.yaml (pinned by the plan's config digest), so the workspace still gets it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTempDir, runCli } from '../helpers/cli.js';

const KEY = 'sk_live_abcdef123456';
const URL_KEY = 'abcd1234xyz';
const CONFIG = `version: 1
functions:
  acme:
    type: destination
    displayName: Acme
    code: handler.js
    settings:
      - name: apiKey
      - name: endpoint
    instances:
      - name: acme-web
        source: web-prod
        settings:
          apiKey: ${KEY}
          endpoint: https://x.example.com/?api_key=${URL_KEY}
`;

describe('credential-looking literals in plans', () => {
  it('never appear in plan text, --json or the plan file, and apply still sends them', async () => {
    const dir = makeTempDir({ 'fnsync.yaml': CONFIG, 'handler.js': 'async function onTrack(event) {}\n' });
    const text = await runCli(['plan', '--skip-tests'], { cwd: dir });
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('+ settings.apiKey = (looks like a credential: value not shown)');
    expect(text.stdout).toContain('+ settings.endpoint = (looks like a credential: value not shown)');
    const json = await runCli(['plan', '--skip-tests', '--json', '--out', 'plan.json'], { cwd: dir });
    expect(json.code).toBe(0);
    const saved = readFileSync(join(dir, 'plan.json'), 'utf8');
    for (const out of [text.stdout, text.stderr, json.stdout, json.stderr, saved]) {
      expect(out).not.toContain(KEY);
      expect(out).not.toContain(URL_KEY);
    }
    const applied = await runCli(['apply', 'plan.json', '--skip-tests', '--auto-approve'], { cwd: dir });
    expect(applied.stdout).toContain('Apply complete! Resources: 2 added, 0 changed, 0 destroyed.');
    expect(`${applied.stdout}${applied.stderr}`).not.toContain(KEY);
    // Control: the workspace (the embedded local one) did receive the values, so nothing was dropped.
    const state = readFileSync(join(dir, '.fnsync/workspace.json'), 'utf8');
    expect(state).toContain(KEY);
    expect(state).toContain(URL_KEY);
    const again = await runCli(['plan', '--skip-tests'], { cwd: dir });
    expect(again.stdout).toContain('No changes.');
  }, 120_000);
});
