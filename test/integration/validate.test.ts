// `fnsync validate` as a user runs it: a spawned process, its exit code and its exact output.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, makeTempDir, runCli } from '../helpers/cli.js';

const STACK_LINE = /\n\s+at .+:\d+:\d+\)?/;
const FUNCTIONS = ['stripe-events', 'slack-alerts', 'pii-mask', 'bot-filter'];

/** A scratch copy of the example project with `fnsync.yaml` edited by `edit`. */
function exampleCopy(edit: (yaml: string) => string = (y) => y): string {
  const files: Record<string, string> = { 'fnsync.yaml': edit(readFileSync(join(REPO_ROOT, 'fnsync.yaml'), 'utf8')) };
  for (const fn of FUNCTIONS) {
    const path = `functions/${fn}/handler.js`;
    files[path] = readFileSync(join(REPO_ROOT, path), 'utf8');
  }
  return makeTempDir(files);
}

/** The example with three mistakes a user could make. */
const broken = (yaml: string) =>
  yaml
    .replace('    displayName: Slack Alerts', '    displayname: Slack Alerts')
    .replace('signingSecret: ${env:STRIPE_SIGNING_SECRET}', 'signingSecret: whsec_live_secret_value')
    .replace('minimumRevenue: "100"', 'minimumRevenue: 100');

describe('fnsync validate (spawned)', () => {
  it('accepts the example project and summarises it', async () => {
    const r = await runCli(['validate'], { env: { SLACK_WEBHOOK_URL: 'https://hooks.example.com/x', STRIPE_SIGNING_SECRET: undefined } });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        'fnsync.yaml is valid: 4 functions, 4 instances',
        'environment variables referenced: STRIPE_SIGNING_SECRET, SLACK_WEBHOOK_URL',
        'not set in this environment (needed by apply, not by validate or test): STRIPE_SIGNING_SECRET',
        '',
      ].join('\n'),
    );
    expect(r.stdout).not.toContain('hooks.example.com');
  });

  it('prints every problem of a broken copy as file:line:col path: message, exit 1, no stack trace', async () => {
    const dir = exampleCopy(broken);
    const r = await runCli(['validate'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      [
        "fnsync.yaml:25:26 functions.stripe-events.instances[0].settings.signingSecret: 'signingSecret' is sensitive: its value must be exactly one ${env:NAME} reference, not a literal",
        '  hint: put the secret in an environment variable and write ${env:NAME}',
        "fnsync.yaml:28:3 functions.slack-alerts: missing required key 'displayName'",
        "fnsync.yaml:30:5 functions.slack-alerts.displayname: unknown key 'displayname' (did you mean 'displayName'?)",
        'fnsync.yaml:43:27 functions.slack-alerts.instances[0].settings.minimumRevenue: must be a string, not a number',
        '  hint: wrap the value in quotes so YAML reads it as a string',
        'error: fnsync.yaml is not valid: 4 problems',
        '',
      ].join('\n'),
    );
    expect(r.stderr).not.toContain('whsec_live_secret_value');
    expect(r.stderr).not.toMatch(STACK_LINE);
  });

  it('points a handler syntax error at the handler file', async () => {
    const dir = exampleCopy();
    const r0 = await runCli(['validate'], { cwd: dir });
    expect(r0.code).toBe(0);
    const bad = makeTempDir({ 'functions/pii-mask/handler.js': 'async function onTrack(event) {\n  return {\n}\n' }, dir);
    const r = await runCli(['validate'], { cwd: bad });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('functions/pii-mask/handler.js:4:1 functions.pii-mask.code: syntax error: Unexpected token\n');
  });

  it('with --debug also prints the stack trace', async () => {
    const dir = exampleCopy(broken);
    const r = await runCli(['--debug', 'validate'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("unknown key 'displayname'");
    expect(r.stderr).toMatch(STACK_LINE);
    expect(r.stderr).not.toContain('whsec_live_secret_value');
  });

  it('--config picks another file and --json prints a machine-readable result', async () => {
    const dir = exampleCopy(broken);
    const r = await runCli(['validate', '--config', join(dir, 'fnsync.yaml'), '--json'], { cwd: REPO_ROOT });
    expect(r.code).toBe(1);
    const result = JSON.parse(r.stdout);
    expect(result.valid).toBe(false);
    expect(result.problems).toHaveLength(4);
    expect(result.problems[1]).toMatchObject({ line: 28, col: 3, path: 'functions.slack-alerts', message: "missing required key 'displayName'" });
    expect(r.stdout).not.toContain('whsec_live_secret_value');

    const ok = await runCli(['validate', '--json']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ valid: true, functions: 4, instances: 4 });
  });

  it('--json prints JSON on stdout even when the config file is missing', async () => {
    const dir = makeTempDir();
    const r = await runCli(['validate', '--json'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: no fnsync\.yaml in /);
    expect(JSON.parse(r.stdout)).toEqual({ ok: false, valid: false, file: 'fnsync.yaml', error: expect.stringMatching(/^no fnsync\.yaml in /), problems: [], warnings: [] });
  });

  it('--json on an invalid config keeps what fails the run in problems (severity error) and warnings apart', async () => {
    const dir = makeTempDir({
      'fnsync.yaml': 'version: 1\nfunctions:\n  f:\n    type: destination\n    displayName: F\n    code: h.js\n',
      'h.js': 'async function onTrack(e) { counter = 1; return process.env.X; }\n',
    });
    const r = await runCli(['validate', '--json'], { cwd: dir });
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout) as { problems: { severity: string; message: string }[]; warnings: { severity: string; message: string }[] };
    expect(doc.problems.length).toBeGreaterThan(0);
    expect(doc.problems.every((p) => p.severity === 'error')).toBe(true);
    expect(doc.problems.map((p) => p.message).join('\n')).toMatch(/'process' is not defined/);
    expect(doc.warnings.map((w) => [w.severity, w.message]).join('\n')).toMatch(/warning,.*counter/);
  });

  it('explains a missing fnsync.yaml', async () => {
    const dir = makeTempDir();
    const r = await runCli(['validate'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: no fnsync\.yaml in .+ \(run fnsync in your project's directory, or pass --config FILE\)\n$/);
    const explicit = await runCli(['validate', '--config', 'other.yaml'], { cwd: dir });
    expect(explicit.code).toBe(1);
    expect(explicit.stderr).toBe('error: config file other.yaml not found\n');
  });

  it('YAML indentation mistakes in the example are reported at the line to edit', async () => {
    const lines = readFileSync(join(REPO_ROOT, 'fnsync.yaml'), 'utf8').split('\n');
    expect(lines[8]).toMatch(/^    code: /);
    expect(lines[21]).toBe('      - name: stripe-prod');
    const dedented = exampleCopy(() => lines.map((l, i) => (i === 8 ? l.slice(2) : l)).join('\n'));
    const r = await runCli(['validate'], { cwd: dedented });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^fnsync\.yaml:9:3: YAML syntax error: this line is indented less \(2 spaces\) than the keys around it/);
    const dashed = exampleCopy(() => lines.map((l, i) => (i === 21 ? '      -name: stripe-prod' : l)).join('\n'));
    const d = await runCli(['validate'], { cwd: dashed });
    expect(d.stderr).toContain("fnsync.yaml:22:7: YAML syntax error: a list item needs a space after its dash\n  hint: add a space after `-`: write '- name: ...'\n");
  });

  it('reports a YAML syntax error with its position', async () => {
    const dir = makeTempDir({ 'fnsync.yaml': 'version: 1\nfunctions:\n  a:\n    type: source\n   code: x.js\n' });
    const r = await runCli(['validate'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^fnsync\.yaml:5:\d+: YAML syntax error: /);
  });

  it('has --help', async () => {
    const r = await runCli(['validate', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: fnsync validate [options]');
    expect(r.stdout).toContain('--config <file>');
    expect(r.stdout).toContain('--json');
  });

  describe('authoring mistakes caught before fnsync test', () => {
    const project = (handler: string, settings = '') =>
      makeTempDir({
        'fnsync.yaml': `version: 1\nfunctions:\n  acme:\n    type: destination\n    displayName: Acme\n    code: handler.js\n${settings}`,
        'handler.js': handler,
      });
    const TYPO = 'async function onIdentify(event) {\n  return event;\n}\n\nasync function onTrak(event) {\n  return event;\n}\n';
    const SECRET_SETTINGS = '    settings:\n      - name: apiKey\n    instances:\n      - name: acme-web\n        source: web-prod\n        settings:\n          apiKey: sk_live_abcdef123456\n';

    it('warnings (a misspelt handler, a credential not marked sensitive) keep exit 0; --strict makes them errors', async () => {
      const dir = project(TYPO, SECRET_SETTINGS);
      const r = await runCli(['validate'], { cwd: dir });
      expect(r.code).toBe(0);
      expect(r.stdout).toBe('fnsync.yaml is valid: 1 function, 1 instance (3 warnings, above)\n');
      expect(r.stderr.split('\n').filter((l) => !l.startsWith('  hint:'))).toEqual([
        "fnsync.yaml:8:15 functions.acme.settings[0].name: warning: setting 'apiKey' looks like a credential but is not marked sensitive: its values are plain text in git and readable in the workspace (fnsync run and plans mask them)",
        "fnsync.yaml:13:19 functions.acme.instances[0].settings.apiKey: warning: this value of 'apiKey' looks like a Stripe API key, but 'apiKey' is not marked sensitive: it is plain text in git and readable in the workspace (fnsync run and plans mask it)",
        "handler.js:5:16 functions.acme.code: warning: 'onTrak' is not a handler Segment calls (did you mean 'onTrack'?)",
        '',
      ]);
      expect(r.stderr).not.toContain('sk_live_abcdef123456');

      const strict = await runCli(['validate', '--strict'], { cwd: dir });
      expect(strict.code).toBe(1);
      expect(strict.stderr).toContain('error: fnsync.yaml is not valid: 3 problems (warnings count as errors under --strict)');
      expect(strict.stderr).toContain("handler.js:5:16 functions.acme.code: error (warning, --strict): 'onTrak' is not a handler Segment calls");
      const strictJson = await runCli(['validate', '--strict', '--json'], { cwd: dir });
      expect(strictJson.code).toBe(1);
      expect(JSON.parse(strictJson.stdout).problems.map((p: { severity: string; strict: boolean }) => [p.severity, p.strict])).toEqual([
        ['error', true],
        ['error', true],
        ['error', true],
      ]);

      const json = await runCli(['validate', '--json'], { cwd: dir });
      expect(json.code).toBe(0);
      const doc = JSON.parse(json.stdout);
      expect(doc.warnings.map((w: { file: string; line: number; col: number }) => `${w.file}:${w.line}:${w.col}`)).toEqual(['fnsync.yaml:8:15', 'fnsync.yaml:13:19', 'handler.js:5:16']);
    });

    it('test and plan name the warnings in one stderr line, so they are not passed over before anything runs or leaves', async () => {
      const dir = project(TYPO, SECRET_SETTINGS);
      const notice = 'warning: fnsync.yaml has 3 warnings: run fnsync validate to see them';
      const tested = await runCli(['test', '--no-record'], { cwd: dir });
      expect(tested.code).toBe(0);
      expect(tested.stderr.split('\n')).toContain(notice);
      const planned = await runCli(['plan', '--skip-tests', '--json'], { cwd: dir });
      expect(planned.code).toBe(0);
      expect(planned.stderr.split('\n')).toContain(notice);
      expect(JSON.parse(planned.stdout)).toMatchObject({ changes: expect.any(Array) });
    });

    it('sensitive: false silences the credential warning', async () => {
      const dir = project('async function onTrack(event) {}\n', SECRET_SETTINGS.replace('      - name: apiKey\n', '      - name: apiKey\n        sensitive: false\n'));
      const r = await runCli(['validate'], { cwd: dir });
      expect(r.code).toBe(0);
      expect(r.stderr).toBe('');
    });

    it('require and process are errors at their line and column, with why Segment will not run them', async () => {
      const dir = project("const qs = require('querystring');\nasync function onTrack(event) {\n  return fetch(process.env.URL);\n}\n");
      const r = await runCli(['validate'], { cwd: dir });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain("handler.js:1:12 functions.acme.code: 'require' is not defined in Segment functions, so Segment will not run this code");
      expect(r.stderr).toContain("handler.js:3:16 functions.acme.code: 'process' is not defined in Segment functions, so Segment will not run this code");
      expect(r.stderr).toContain('error: fnsync.yaml is not valid: 2 problems\n');
    });

    it('names written without being declared (missing++, counter = 1, process = {}) are caught like reads', async () => {
      const warned = await runCli(['validate'], { cwd: project('async function onTrack(e, s) {\n  missing++;\n  counter = 1;\n  return 1;\n}\n') });
      expect(warned.code).toBe(0);
      expect(warned.stderr.split('\n').filter((l) => !l.startsWith('  hint:'))).toEqual([
        "handler.js:2:3 functions.acme.code: warning: 'missing' is not declared in this file and is not a Segment global: this line fails with a ReferenceError",
        "handler.js:3:3 functions.acme.code: warning: assigning to 'counter', which is not declared in this file, creates an implicit global: it works (Segment runs handlers as sloppy scripts) but keeps its value between events",
        '',
      ]);
      expect(warned.stderr).toContain('  hint: declare it (let missing = ...) before this line runs, or read it from settings\n');
      const failed = await runCli(['validate'], { cwd: project('process = {};\nasync function onTrack(e) {\n  module = 1;\n}\n') });
      expect(failed.code).toBe(1);
      expect(failed.stderr).toContain("handler.js:1:1 functions.acme.code: 'process' is not defined in Segment functions");
      expect(failed.stderr).toContain("handler.js:3:3 functions.acme.code: 'module' is not defined in Segment functions");
    });

    it('a handler of another function type is named, with both fixes', async () => {
      const r = await runCli(['validate'], { cwd: project('async function onRequest(request) {}\n') });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain("handler.js:1:16 functions.acme.code: handler.js defines none of onIdentify, onTrack, onPage, onScreen, onGroup, onAlias, onDelete, onBatch (a destination function needs at least one): it defines 'onRequest', which only source functions receive\n");
      expect(r.stderr).toContain("change type: to source");
    });

    it("a lone misspelt handler is an error that names it", async () => {
      const r = await runCli(['validate'], { cwd: project('async function onTrak(event) {}\n') });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain("handler.js:1:16 functions.acme.code: 'onTrak' is not a handler Segment calls (did you mean 'onTrack'?), so handler.js defines none of");
    });
  });
});
