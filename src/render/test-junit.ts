// The test report as JUnit XML (`fnsync test --junit FILE`), the format CI test reporters read: one
// testsuite per function, one testcase per case, <failure> with every failed expectation, <skipped>
// with its reason. Pure; secrets masked and control characters made visible (XML 1.0 cannot hold them).
import type { TestReport } from '../runtime/fixtures/fixture-types.js';
import { maskDeep, maskText } from './mask-secrets.js';
import { escapeControlDeep } from './terminal-safe.js';

const escapeXml = (text: string) =>
  text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[ch]!);
const seconds = (ms: number) => (ms / 1000).toFixed(3);

/** The report as a JUnit XML document. */
export function renderTestReportJunit(original: TestReport, options: { secrets: readonly string[] }): string {
  const report = escapeControlDeep(maskDeep(original, options.secrets));
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const total = report.passed + report.failed + report.skipped;
  lines.push(`<testsuites name="fnsync test" tests="${total}" failures="${report.failed}" skipped="${report.skipped}" time="${seconds(report.durationMs)}">`);
  for (const fn of report.functions) {
    const count = (s: string) => fn.cases.filter((c) => c.status === s).length;
    const time = fn.cases.reduce((sum, c) => sum + c.durationMs, 0);
    lines.push(`  <testsuite name="${escapeXml(fn.name)}" tests="${fn.cases.length}" failures="${count('failed')}" skipped="${count('skipped')}" time="${seconds(time)}">`);
    for (const c of fn.cases) {
      const file = c.location.replace(/:\d+$/, '');
      const open = `    <testcase name="${escapeXml(c.name)}" classname="${escapeXml(fn.name)}" file="${escapeXml(file)}" time="${seconds(c.durationMs)}"`;
      if (c.status === 'passed') {
        lines.push(`${open}/>`);
        continue;
      }
      lines.push(`${open}>`);
      if (c.status === 'skipped') lines.push(`      <skipped message="${escapeXml(c.skipReason ?? 'skipped')}"/>`);
      else {
        const first = c.failures[0];
        const detail = c.failures.map((f) => `${f.section}: ${f.message}${f.expected !== undefined ? `\nexpected: ${JSON.stringify(f.expected)}\nactual: ${JSON.stringify(f.actual)}` : ''}`).join('\n');
        lines.push(`      <failure message="${escapeXml(first ? first.message : 'failed')}" type="${escapeXml(first?.section ?? 'failure')}">${escapeXml(`${c.location}\n${detail}`)}</failure>`);
      }
      lines.push('    </testcase>');
    }
    if (fn.warnings.length > 0) lines.push(`    <system-err>${escapeXml(fn.warnings.join('\n'))}</system-err>`);
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>', '');
  return maskText(lines.join('\n'), options.secrets);
}
