// The plan as text, in Terraform's grammar: a legend of the symbols used, one block per resource with a
// header in words, `old -> new` for fields, code as a unified diff with context, settings keyed by name,
// a count of hidden unchanged fields, then secrets, unmanaged resources, warnings and the last line.
// Pure: a Plan in, lines out. Secrets cannot leak from here: the Plan never holds their values.
import { structuredPatch } from 'diff';
import picocolors from 'picocolors';
import type { Change, FunctionChange, InstanceChange, Plan, SecretHandling, SettingValueChange } from '../plan/types.js';
import type { SettingDefinition } from '../vocabulary.js';
import { planSummaryLine } from './plan-words.js';
import { escapeControlDeep } from './terminal-safe.js';

/** How to render. */
export interface RenderPlanOptions {
  color: boolean;
  /** Context lines around each code change (`--diff-context N`, default 3). */
  diffContext?: number;
}

type Colors = ReturnType<typeof picocolors.createColors>;

/** The symbol that starts a resource's line, by action (shared with the markdown renderer). */
export const SYMBOL: Record<Change['action'], string> = { create: '+', update: '~', replace: '-/+', delete: '-', adopt: '~', deploy: '~' };
const LEGEND: Record<string, string> = { '+': 'create', '~': 'update in-place', '-/+': 'destroy and then create replacement', '-': 'destroy' };

const HEADER: Record<Change['action'], string> = {
  create: 'will be created',
  update: 'will be updated in-place',
  replace: 'must be replaced',
  delete: 'will be destroyed',
  adopt: 'will be adopted (updated in-place)',
  deploy: 'will be deployed',
};

/** Renders the whole plan as lines of text. */
export function renderPlanText(original: Plan, options: RenderPlanOptions): string[] {
  // Remote code, names and messages come from the workspace: no control character reaches the terminal.
  const plan = escapeControlDeep(original);
  const c = picocolors.createColors(options.color);
  const out: string[] = [];
  if (plan.changes.length > 0) {
    const used = [...new Set(plan.changes.flatMap((ch) => [SYMBOL[ch.action], ...bodySymbols(ch)]))];
    out.push('fnsync will perform the following actions. Resource actions are indicated with the following symbols:');
    for (const s of Object.keys(LEGEND).filter((k) => used.includes(k))) out.push(`  ${paint(c, s)(s.padEnd(3))} ${LEGEND[s]}`);
    out.push('');
    for (const change of plan.changes) out.push(...renderChange(change, c, options.diffContext ?? 3), '');
  }
  out.push(...renderSecrets(plan), ...renderUnmanaged(plan), ...renderNotes(plan, c));
  out.push(plan.errors.length > 0 ? c.red(`Plan failed: ${plan.errors.length} problem${plan.errors.length === 1 ? '' : 's'}; nothing can be applied.`) : planSummaryLine(plan));
  return out;
}

/** The symbols a change's body lines start with, so the legend explains every one shown. */
function bodySymbols(ch: Change): string[] {
  const out: string[] = [];
  for (const f of ch.fields) out.push(f.old === null ? '+' : '~');
  if (ch.kind === 'function') {
    if (ch.renamedFrom || ch.markerChange || ch.deploy) out.push('~');
    if (ch.code) out.push(ch.code.old === '' || ch.code.old === ch.code.new ? '+' : '~');
    for (const s of ch.settings) out.push(s.action === 'add' ? '+' : s.action === 'remove' ? '-' : '~');
  } else {
    for (const s of ch.settings) if (s.action !== 'unchanged') out.push(s.action === 'add' ? '+' : s.action === 'remove' ? '-' : '~');
  }
  return out;
}

function paint(c: Colors, symbol: string): (s: string) => string {
  return symbol === '+' ? c.green : symbol === '-' ? c.red : symbol === '-/+' ? c.magenta : c.yellow;
}

/** `function.x (destination) will be updated in-place: why`, the words of a resource's header line. */
export function changeHeadline(change: Change): string {
  const reason = change.reason ? `: ${change.reason}` : '';
  return `${change.address} ${what(change)} ${HEADER[change.action]}${reason}`;
}

/**
 * A change's body without colour or indent (code hunks at column 0), for the markdown renderer's diff
 * block: the same lines the text plan shows. The caller makes the change terminal-safe first.
 */
export function changeBodyLines(change: Change, diffContext = 3): string[] {
  const c = picocolors.createColors(false);
  const body = change.kind === 'function' ? functionBody(change, c, diffContext, '') : instanceBody(change, c);
  if (change.unchanged > 0) body.push(`(${change.unchanged} unchanged field${change.unchanged === 1 ? '' : 's'} hidden)`);
  return body;
}

function what(change: Change): string {
  if (change.kind === 'function') return `(${change.type})`;
  const kind = change.instanceKind === 'insert-instance' ? 'insert function instance' : change.instanceKind;
  return `(${kind}${change.connection ? ` ${change.connection}` : ''})`;
}

function renderChange(change: Change, c: Colors, context: number): string[] {
  const sym = SYMBOL[change.action];
  const p = paint(c, sym);
  const lines = [c.bold(`  # ${changeHeadline(change)}`)];
  if (change.remoteId) lines[0] += c.dim(` [${change.remoteId}]`);
  lines.push(`  ${p(sym)} ${change.address}`);
  const body = change.kind === 'function' ? functionBody(change, c, context) : instanceBody(change, c);
  lines.push(...body.map((l) => `      ${l}`));
  if (change.unchanged > 0) lines.push(c.dim(`      (${change.unchanged} unchanged field${change.unchanged === 1 ? '' : 's'} hidden)`));
  return lines;
}

function value(v: unknown): string {
  return v === null || v === undefined ? '(none)' : JSON.stringify(v);
}

function fieldLine(c: Colors, action: 'add' | 'change' | 'remove', name: string, old: unknown, now: unknown): string {
  if (action === 'add') return `${c.green('+')} ${name} = ${value(now)}`;
  if (action === 'remove') return `${c.red('-')} ${name} = ${value(old)} ${c.dim('-> (removed)')}`;
  return `${c.yellow('~')} ${name} = ${value(old)} -> ${value(now)}`;
}

function functionBody(ch: FunctionChange, c: Colors, context: number, codeIndent = '  '): string[] {
  const lines: string[] = [];
  if (ch.renamedFrom) lines.push(`${c.yellow('~')} local name = ${value(ch.renamedFrom)} -> ${value(ch.name)} (renamedFrom)`);
  if (ch.action === 'delete') return lines;
  for (const f of ch.fields) lines.push(fieldLine(c, f.old === null ? 'add' : 'change', f.field, f.old, f.new));
  if (ch.code) lines.push(...codeLines(ch, c, context, codeIndent));
  for (const s of ch.settings) {
    if (s.action === 'change') {
      const fields = (s.fields ?? []).map((f) => `${f} ${value(s.old?.[f as keyof SettingDefinition])} -> ${value(s.new?.[f as keyof SettingDefinition])}`).join(', ');
      lines.push(`${c.yellow('~')} setting ${s.name}: ${fields}`);
    } else if (s.action === 'add') {
      const d = s.new!;
      lines.push(`${c.green('+')} setting ${s.name} (${d.type}${d.required ? ', required' : ''}${d.sensitive ? ', sensitive' : ''})`);
    } else lines.push(`${c.red('-')} setting ${s.name}`);
  }
  if (ch.markerChange) lines.push(`${c.yellow('~')} marker: ${ch.markerChange}`);
  if (ch.deploy) {
    // A deploy with no code diff can still roll code out (saved code that never ran): say its test status.
    const status = ch.test && !ch.code ? ` (${TEST_WORDS[ch.test]})` : '';
    lines.push(`${c.yellow('~')} deploy: ${DEPLOY_WORDS[ch.deploy]}${ch.test === 'tested' ? c.green(status) : c.red(status)}`);
  }
  return lines;
}

const DEPLOY_WORDS = {
  'code-changed': 'the new code is deployed to the running source after it is saved',
  created: 'the new source function is deployed after it is created',
  'never-deployed': 'the saved code has never been deployed',
  outdated: 'the running version is behind the saved code',
};

const TEST_WORDS = { tested: 'tested', failing: 'TESTS FAIL', untested: 'UNTESTED: run fnsync test' };

function codeLines(ch: FunctionChange, c: Colors, context: number, indent: string): string[] {
  const code = ch.code!;
  const status = ch.test ? ` (${TEST_WORDS[ch.test]})` : '';
  const painted = ch.test === 'tested' ? c.green(status) : c.red(status);
  const n = code.new.split('\n').length;
  const lines = `${n} line${n === 1 ? '' : 's'}`;
  if (code.old === '') return [`${c.green('+')} code = (${lines})${painted}`];
  if (code.old === code.new) return [`${c.green('+')} code = (${lines}, the same as before)${painted}`];
  const head = `${c.yellow('~')} code${painted}:`;
  const patch = structuredPatch('workspace', 'fnsync.yaml', `${code.old}\n`, `${code.new}\n`, '', '', { context });
  const out = [head];
  for (const hunk of patch.hunks) {
    out.push(c.cyan(`${indent}@@ -${hunk.oldStart},${hunk.oldLines} +${hunk.newStart},${hunk.newLines} @@`));
    for (const l of hunk.lines) {
      if (l.startsWith('\\')) continue;
      out.push(`${indent}${l.startsWith('+') ? c.green(l) : l.startsWith('-') ? c.red(l) : l}`);
    }
  }
  return out;
}

/** How each secret was handled, in words (shared with the markdown renderer). */
export const SECRET_WORDS: Record<SecretHandling, string> = {
  'last4-match': 'unchanged (its last 4 characters match the workspace)',
  'last4-differ': 're-sent (its last 4 characters differ from the workspace)',
  'not-compared': 'not compared (its variable is not set here); left as it is',
  refreshed: 're-sent (--refresh-secrets)',
  new: 'sent (new)',
};

function settingLine(s: SettingValueChange, c: Colors): string {
  const name = `settings.${s.name}`;
  if (!s.hidden) return fieldLine(c, s.action === 'unchanged' ? 'change' : s.action, name, s.old, s.new);
  const from = s.env.length > 0 ? ` from \${env:${s.env.join('}, ${env:')}}` : '';
  const label = s.sensitive ? '(sensitive value)' : s.credential && s.env.length === 0 ? '(looks like a credential: value not shown)' : '(value from the environment)';
  const how = s.secret ? `: ${SECRET_WORDS[s.secret]}` : '';
  const sym = s.action === 'add' ? c.green('+') : s.action === 'remove' ? c.red('-') : s.action === 'change' ? c.yellow('~') : ' ';
  return `${sym} ${name} = ${label}${from}${how}`;
}

function instanceBody(ch: InstanceChange, c: Colors): string[] {
  if (ch.action === 'delete') return [];
  const lines: string[] = [];
  for (const f of ch.fields) lines.push(fieldLine(c, f.old === null ? 'add' : 'change', f.field, f.old, f.new));
  for (const s of ch.settings) lines.push(settingLine(s, c));
  return lines;
}

/** The secrets section: a heading line, one line per secret, a blank line (nothing when there are none). */
export function renderSecrets(plan: Plan): string[] {
  if (plan.secrets.length === 0) return [];
  return ['Secrets:', ...plan.secrets.map((s) => `  ${s.address}.settings.${s.setting}: ${SECRET_WORDS[s.handling]}`), ''];
}

/** The unmanaged section: a count line, one line per resource, a blank line (nothing when there are none). */
export function renderUnmanaged(plan: Plan): string[] {
  if (plan.unmanaged.length === 0) return [];
  const count = (k: string, word: string) => {
    const n = plan.unmanaged.filter((u) => u.kind === k).length;
    return n > 0 ? [`${n} ${word}${n === 1 ? '' : 's'}`] : [];
  };
  const counts = [...count('function', 'function'), ...count('source', 'source'), ...count('destination', 'destination'), ...count('insert-instance', 'insert instance')];
  return [
    `Unmanaged (not in fnsync.yaml, left alone): ${counts.join(', ')}`,
    ...plan.unmanaged.map((u) => `  ${u.kind.replace('-', ' ')} ${u.name} (${u.detail}) [${u.id}]`),
    '',
  ];
}

/** Blocked deletes, warnings and errors, then a blank line (nothing when there are none). */
export function renderNotes(plan: Plan, c: Colors = picocolors.createColors(false)): string[] {
  const out: string[] = [];
  for (const b of plan.blocked) out.push(c.yellow(`Not deleted: ${b.message}`), `  hint: ${b.hint}`);
  for (const w of plan.warnings) out.push(c.yellow(`Warning: ${w}`));
  if (plan.skipTests) out.push(c.yellow('Warning: --skip-tests: code is rolled out without checking the fnsync test record.'));
  for (const e of plan.errors) {
    const text = e.message.startsWith(e.address) ? e.message : `${e.address}: ${e.message}`;
    out.push(c.red(`Error: ${text}`), ...(e.hint ? [`  hint: ${e.hint}`] : []));
  }
  if (out.length > 0) out.push('');
  return out;
}
