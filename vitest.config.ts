import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/helpers/setup.ts'],
    // Only a backstop against a hang: spawned CLIs, tsc and worker start-ups take many times longer on a loaded
    // machine, and no test may fail for being slow (speed is measured in bench/, not here).
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Worker threads and spawned CLIs share 2 cores on CI machines: keep file parallelism modest.
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    pool: 'forks',
  },
});
