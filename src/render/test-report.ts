// Renders a fixture test run: text for people (one line per case, diffs under failures, the summary line CI
// greps for) and JSON for machines. Pure: the report comes in, strings go out, secrets masked in both.
import { diffLines } from 'diff';
import picocolors from 'picocolors';
import { maskDeep, maskText } from './mask-secrets.js';
import { escapeControlDeep } from './terminal-safe.js';
import type { CaseFailure, CaseReport, TestReport } from '../runtime/fixtures/fixture-types.js';

/** How to render. */
export interface RenderTestOptions {
  color: boolean;
  /** Values that must never appear (resolved sensitive settings). */
  secrets: readonly string[];
}

/** The last line of the text output, exactly `N passed, N failed` with `, N skipped` when any were skipped. */
export function summaryLine(report: Pick<TestReport, 'passed' | 'failed' | 'skipped'>): string {
  return `${report.passed} passed, ${report.failed} failed${report.skipped > 0 ? `, ${report.skipped} skipped` : ''}`;
}

function formatMs(ms: number): string {
  return ms < 10 ? `${ms.toFixed(1)} ms` : `${Math.round(ms)} ms`;
}

function pretty(value: unknown): string {
  return value === undefined ? '(nothing)\n' : `${JSON.stringify(value, null, 2)}\n`;
}

/** A line diff of expected (-) against actual (+), indented under the failure. */
export function renderDiff(expected: unknown, actual: unknown, color: boolean, indent = '      '): string[] {
  const c = picocolors.createColors(color);
  const lines: string[] = [`${indent}${c.red('- expected')}  ${c.green('+ actual')}`];
  for (const part of diffLines(pretty(expected), pretty(actual))) {
    const mark = part.added ? '+' : part.removed ? '-' : ' ';
    const paint = part.added ? c.green : part.removed ? c.red : c.dim;
    for (const line of part.value.replace(/\n$/, '').split('\n')) lines.push(`${indent}${paint(`${mark} ${line}`)}`);
  }
  return lines;
}

function renderFailure(f: CaseFailure, color: boolean): string[] {
  const lines = f.message.split('\n').map((l) => `      ${l}`);
  if (f.expected !== undefined || f.actual !== undefined) lines.push(...renderDiff(f.expected, f.actual, color));
  return lines;
}

function renderCase(r: CaseReport, color: boolean): string[] {
  const c = picocolors.createColors(color);
  if (r.status === 'skipped') return [`  ${c.yellow('-')} ${r.name} ${c.dim(`(skipped${r.skipReason ? `: ${r.skipReason}` : ''})`)}`];
  if (r.status === 'passed') return [`  ${c.green('✓')} ${r.name} ${c.dim(`(${formatMs(r.durationMs)})`)}`];
  // A case with no outcome never reached the runtime (missing env variable, function failed to load).
  const time = r.outcome === undefined ? 'not run' : formatMs(r.durationMs);
  const lines = [`  ${c.red('✗')} ${r.name} ${c.dim(`(${time})`)}`, `      ${c.dim(`at ${r.location}`)}`];
  for (const f of r.failures) lines.push(...renderFailure(f, color));
  return lines;
}

/** The human report: functions in config order, cases in file order, failures with diffs, then the summary. */
export function renderTestReportText(original: TestReport, options: RenderTestOptions): string {
  // Values first (a diff re-encodes strings that may already hold an escaped secret), then the text.
  // Handler logs and errors may carry control characters: made visible before anything is printed.
  const report = escapeControlDeep(maskDeep(original, options.secrets));
  const c = picocolors.createColors(options.color);
  const lines: string[] = [];
  for (const fn of report.functions) {
    lines.push(c.bold(fn.name));
    for (const w of fn.warnings) lines.push(`  ${c.yellow(`warning: ${w}`)}`);
    for (const r of fn.cases) lines.push(...renderCase(r, options.color));
    lines.push('');
  }
  lines.push(summaryLine(report));
  return maskText(lines.join('\n'), options.secrets);
}

/** The machine report (`--json`): the TestReport itself, versioned, with secrets masked. */
export function renderTestReportJson(report: TestReport, options: Pick<RenderTestOptions, 'secrets'>): string {
  // `ok` first, as in every --json document (README, "--json documents"): false when any case failed.
  return maskText(`${JSON.stringify({ ok: report.failed === 0, version: 1, ...maskDeep(report, options.secrets) }, null, 2)}\n`, options.secrets);
}
