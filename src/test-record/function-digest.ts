// What a test record vouches for: one digest over everything that decides a function's fixture results, so apply can
// tell whether the code it is about to roll out is exactly the code that was tested.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { relative, sep } from 'node:path';
import type { FunctionDefinition } from '../config/types.js';
import { UserError } from '../errors.js';
import { findFixtureFiles } from '../runtime/fixtures/find-fixture-files.js';

/** Changing what goes into the digest must change this, so records written by the old scheme stop matching. */
const DIGEST_SCHEME = 'fnsync-test-digest/1';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

// A checkout with CRLF line endings (Windows, autocrlf) tests the same function as one with LF; YAML reads both alike.
const toLf = (text: string) => text.replace(/\r\n?/g, '\n');

/**
 * `sha256:<hex>` over the function type, its local timeout (a case can pass or time out by it), the handler code, the
 * setting definitions and every fixture file its `tests:` glob finds (path relative to `rootDir`, and content).
 * Instance setting values are not part of it: tests never use them, and secrets must never be hashed into a record.
 */
export async function functionDigest(fn: FunctionDefinition, rootDir: string): Promise<string> {
  const files = await findFixtureFiles(fn);
  const fixtures = await Promise.all(
    files.map(async (file) => {
      const path = relative(rootDir, file).split(sep).join('/');
      return { path, sha256: sha256(toLf(await readFixture(file, path))) };
    }),
  );
  fixtures.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  // Fixed key order, settings sorted by name: declaring settings in another order changes nothing a handler sees.
  const settings = fn.settings
    .map((s) => ({ name: s.name, label: s.label, type: s.type, description: s.description, required: s.required, sensitive: s.sensitive }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const canonical = JSON.stringify({ scheme: DIGEST_SCHEME, type: fn.type, timeoutMs: fn.timeoutMs, code: sha256(toLf(fn.code)), settings, fixtures });
  return `sha256:${sha256(canonical)}`;
}

async function readFixture(file: string, shown: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    throw new UserError(`cannot read fixture file ${shown}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}
