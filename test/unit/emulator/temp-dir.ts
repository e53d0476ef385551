// Temp folders for emulator tests, removed once the importing test file's tests have run.
import { rmSync } from 'node:fs';
import { afterAll } from 'vitest';
import { makeTempDir } from '../../helpers/cli.js';

const made: string[] = [];
afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fresh temp folder (with `files` written into it), deleted after this file's tests. */
export function tempDir(files: Record<string, string> = {}): string {
  const dir = makeTempDir(files);
  made.push(dir);
  return dir;
}
