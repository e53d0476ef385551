// A temporary copy of the example project (fnsync.yaml + functions/) for plan/apply tests, with
// helpers to edit it the way a user would and to compare plan text without run-specific ids.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir, REPO_ROOT } from './cli.js';

/** A copy of the repository's example project in a fresh temp dir (removed after the test file, test/helpers/setup.ts). */
export function exampleProject(): string {
  const dir = makeTempDir({ 'fnsync.yaml': readFileSync(join(REPO_ROOT, 'fnsync.yaml'), 'utf8') });
  cpSync(join(REPO_ROOT, 'functions'), join(dir, 'functions'), { recursive: true });
  return dir;
}

/** Replaces exactly one occurrence of `from` in a project file; throws when it is not there once, so an edit never silently does nothing. */
export function editFile(dir: string, file: string, from: string, to: string): void {
  const path = join(dir, file);
  const text = readFileSync(path, 'utf8');
  const count = text.split(from).length - 1;
  if (count !== 1) throw new Error(`expected exactly one ${JSON.stringify(from)} in ${file}, found ${count}`);
  writeFileSync(path, text.replace(from, () => to));
}

/** Removes one function's whole entry (from its key to the next function key or the end) from fnsync.yaml. */
export function removeFunction(dir: string, name: string): void {
  const path = join(dir, 'fnsync.yaml');
  const text = readFileSync(path, 'utf8');
  const re = new RegExp(`^  ${name}:\\n(?:(?:    .*|\\s*)\\n)*`, 'm');
  if (!re.test(text)) throw new Error(`no function ${name} in fnsync.yaml`);
  writeFileSync(path, text.replace(re, ''));
}

/**
 * Plan text as compared in tests: workspace ids (`[dfn_…]`, `[8dd4…]`, source ids) become `[<id>]`,
 * since they differ on every run; trailing spaces (blank context lines of a code diff) are dropped.
 */
export function normalisePlanText(text: string): string {
  return text
    .replace(/\[(?:sfnc_|dfn_|ifnd_|ifns_)?[A-Za-z0-9]{20,}\]/g, '[<id>]')
    .split('\n')
    .map((l) => l.trimEnd())
    .join('\n');
}
