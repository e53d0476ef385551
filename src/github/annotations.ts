// Problems in config and fixture files as GitHub Actions annotations (`::error file=…,line=…,col=…::`),
// shown on the right file and line of the pull request. Paths are made relative to the checkout
// (GITHUB_WORKSPACE), which is what GitHub resolves them against. Pure: problems in, lines out.
import { isAbsolute, relative, resolve } from 'node:path';
import type { Problem } from '../errors.js';

// The workflow-command escapes: data escapes %, CR and LF; property values also ':' and ','.
const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** One `::error …::message` line per problem that names a file. */
export function errorAnnotations(problems: readonly Problem[], where: { cwd: string; workspace?: string }): string[] {
  return problems.map((p) => {
    const absolute = resolve(where.cwd, p.file);
    const rel = where.workspace ? relative(where.workspace, absolute) : p.file;
    const file = rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : p.file;
    const props = [`file=${escapeProperty(file)}`, ...(p.line !== undefined ? [`line=${p.line}`] : []), ...(p.col !== undefined ? [`col=${p.col}`] : [])];
    const text = `${p.path ? `${p.path}: ` : ''}${p.message}${p.hint ? ` (hint: ${p.hint})` : ''}`;
    return `::error ${props.join(',')}::${escapeData(text)}`;
  });
}

/** An error annotation without a file (a missing token, an API failure). */
export function errorAnnotation(message: string): string {
  return `::error::${escapeData(message)}`;
}

/** A warning annotation without a file (a failed pull-request comment, for instance). */
export function warningAnnotation(message: string): string {
  return `::warning::${escapeData(message)}`;
}
