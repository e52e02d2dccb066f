import { defineConfig } from 'vitest/config';

/**
 * Two test projects (`npm test` runs both); a test's folder says which runs it:
 * - unit:  tests/unit/ — the library, data, importers, scripts, report builder pieces: no notebook execution, no
 *          global setup (`npm run test:unit`, the fast loop); tests/unit/<path>.test.ts tests lib/<path>.ts,
 *          tests/unit/scripts/<path>.test.ts tests scripts/<path>.ts, tests/unit/data/ small data files;
 * - study: tests/study/ — the notebooks through the real kernel (run once by tests/study/global-setup.ts, as
 *          `npm start` does), their key numbers, determinism, the imported-data runs, the kernels, grading, the
 *          browser tests, and the data scripts run as processes (tests/study/scripts/: each run starts Node.js and
 *          tsx, seconds each, kept out of the fast loop) (`npm run test:study`).
 * A test file anywhere else belongs to no project: tests/unit/test-files.test.ts fails on it.
 */
export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 600_000,
    pool: 'forks',
    setupFiles: ['tests/helpers/setup-fast-check.ts', 'tests/helpers/setup-temp.ts'],
    projects: [
      {
        extends: true,
        // one module cache per worker (no per-file isolation: the unit tests restore what they change) and both cores:
        // 16 s instead of 40 s for this project on a 2-core machine (vitest's default is cores − 1 workers)
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          isolate: false,
          maxWorkers: 2,
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        // no per-file isolation either (the study tests restore the environment they set): a file whose executions
        // are reused then costs ~0.1 s instead of ~1.5 s of process start and imports (warm npm test 149 → 125 s)
        test: {
          name: 'study',
          include: ['tests/study/**/*.test.ts'],
          globalSetup: ['tests/study/global-setup.ts'],
          maxWorkers: 2,
          isolate: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
