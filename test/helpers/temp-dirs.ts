// Scratch directories that a test file removes after each test, so the suite leaves nothing behind in the temp dir.
import { rmSync } from 'node:fs';
import { afterEach } from 'vitest';
import { makeTempDir } from './cli.js';

/** Call once at the top of a test file; the returned maker works like makeTempDir and is cleaned up after each test. */
export function useTempDirs(): typeof makeTempDir {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  return (files, copyFrom) => {
    const dir = makeTempDir(files, copyFrom);
    dirs.push(dir);
    return dir;
  };
}
