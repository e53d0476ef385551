// Runs in every test file (vitest.config.ts setupFiles): whatever a file created in the temp directory through
// makeTempDir is removed when the file is done, so a full run leaves the temp directory as it found it.
import { afterAll } from 'vitest';
import { removeTempDirs } from './cli.js';

afterAll(removeTempDirs);
