// The test report as JUnit XML (`fnsync test --junit FILE`), the format CI test reporters read: one
// testsuite per function, one testcase per case, <failure> with every failed expectation, <skipped>
// with its reason. What else fails the run is in the XML too, so a reporter is never green while the
// job is red: strict-mode failures (a function without fixtures, a --filter matching nothing) as failed
// cases of a suite of their own, and invalid fixture files (no test ran) as <error>s. Pure; secrets
// masked, control characters made visible, and characters XML 1.0 cannot hold (U+FFFE, a lone
// surrogate) written as \uXXXX.
import { formatProblem, type Problem } from '../errors.js';
import type { TestReport } from '../runtime/fixtures/fixture-types.js';
import { maskDeep, maskText } from './mask-secrets.js';
import { escapeControlDeep } from './terminal-safe.js';

// XML 1.0's Char production: tab, LF, CR, U+0020–U+D7FF, U+E000–U+FFFD, U+10000–U+10FFFF.
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const visible = (ch: string) => `\\u${ch.codePointAt(0)!.toString(16).padStart(4, '0')}`;

/** Text for an XML attribute or element: markup escaped, characters XML cannot hold made visible. */
export const escapeXml = (text: string): string =>
  text
    .replace(NOT_XML_CHAR, visible)
    .replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[ch]!);
const seconds = (ms: number) => (ms / 1000).toFixed(3);

/** Name of the suite holding strict mode's failures. */
export const STRICT_SUITE = 'fnsync strict mode';

/** What the XML shows besides the cases. */
export interface JunitOptions {
  secrets: readonly string[];
  /** Why strict mode fails the run, one sentence each: one failed case each. */
  strictFailures?: readonly string[];
}

/** The report as a JUnit XML document. */
export function renderTestReportJunit(original: TestReport, options: JunitOptions): string {
  const report = escapeControlDeep(maskDeep(original, options.secrets));
  const strict = escapeControlDeep(maskDeep([...(options.strictFailures ?? [])], options.secrets));
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const total = report.passed + report.failed + report.skipped + strict.length;
  lines.push(`<testsuites name="fnsync test" tests="${total}" failures="${report.failed + strict.length}" skipped="${report.skipped}" time="${seconds(report.durationMs)}">`);
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
  if (strict.length > 0) {
    lines.push(`  <testsuite name="${STRICT_SUITE}" tests="${strict.length}" failures="${strict.length}" skipped="0" time="0.000">`);
    for (const why of strict) {
      lines.push(`    <testcase name="${escapeXml(why)}" classname="${STRICT_SUITE}" time="0.000">`);
      lines.push(`      <failure message="${escapeXml(`strict mode: ${why}`)}" type="strict">${escapeXml(`strict mode: ${why} (--no-strict to allow)`)}</failure>`);
      lines.push('    </testcase>');
    }
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>', '');
  return maskText(lines.join('\n'), options.secrets);
}

/**
 * No test ran: input files (fnsync.yaml or fixture files) are invalid, one <error> case per file with its problems
 * inside; or the run could not start (no fnsync.yaml, the token guard), one <error> case saying why.
 */
export function renderProblemsJunit(summary: string, problems: readonly Problem[], options: { secrets: readonly string[]; kind: 'config' | 'fixture' | 'run' }): string {
  const byFile = new Map<string, Problem[]>();
  for (const p of problems) byFile.set(p.file, [...(byFile.get(p.file) ?? []), p]);
  const suite = options.kind === 'config' ? 'fnsync configuration' : options.kind === 'fixture' ? 'fnsync fixture files' : 'fnsync test';
  if (byFile.size === 0) {
    const text = escapeXml(escapeControlDeep(summary));
    return maskText(
      ['<?xml version="1.0" encoding="UTF-8"?>', '<testsuites name="fnsync test" tests="1" failures="0" errors="1" skipped="0" time="0.000">', `  <testsuite name="${suite}" tests="1" failures="0" errors="1" skipped="0" time="0.000">`, `    <testcase name="fnsync test" classname="${suite}" time="0.000">`, `      <error message="${text}" type="${options.kind}">${text}</error>`, '    </testcase>', '  </testsuite>', '</testsuites>', ''].join('\n'),
      options.secrets,
    );
  }
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>'];
  lines.push(`<testsuites name="fnsync test" tests="${byFile.size}" failures="0" errors="${byFile.size}" skipped="0" time="0.000">`);
  lines.push(`  <testsuite name="${suite}" tests="${byFile.size}" failures="0" errors="${byFile.size}" skipped="0" time="0.000">`);
  for (const [file, list] of byFile) {
    const text = escapeControlDeep(maskDeep(list.map(formatProblem).join('\n'), options.secrets));
    lines.push(`    <testcase name="${escapeXml(escapeControlDeep(file))}" classname="${suite}" file="${escapeXml(escapeControlDeep(file))}" time="0.000">`);
    lines.push(`      <error message="${escapeXml(escapeControlDeep(summary))}" type="${options.kind}">${escapeXml(text)}</error>`);
    lines.push('    </testcase>');
  }
  lines.push('  </testsuite>', '</testsuites>', '');
  return maskText(lines.join('\n'), options.secrets);
}
