import { defineConfig } from 'vitest/config';

/**
 * Two test projects (`npm test` runs both):
 * - unit:  the library, data, importers, report builder pieces: no notebook execution, no global setup
 *          (`npm run test:unit`, the fast loop);
 * - study: the notebooks through the real kernel (run once by tests/global-setup.ts, as `npm start` does),
 *          their key numbers, determinism, the imported-data run and the browser tests
 *          (`npm run test:study`).
 */
const STUDY = [
  'tests/notebooks.test.ts',
  'tests/nb-*.test.ts',
  'tests/runner.test.ts',
  'tests/imported-study.test.ts',
  'tests/browser.test.ts',
  'tests/start-interrupt.test.ts',
  'tests/comtrade-e2e.test.ts',
  'tests/grade.test.ts',
  'tests/solutions-browser.test.ts',
  'tests/explore.test.ts',
  'tests/kernel-build.test.ts',
  'tests/kernel-spare.test.ts',
  'tests/bench-parity.test.ts',
];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 600_000,
    pool: 'forks',
    setupFiles: ['tests/setup-fast-check.ts'],
    projects: [
      {
        extends: true,
        // one module cache per worker (no per-file isolation: the unit tests restore what they change) and both cores:
        // 16 s instead of 40 s for this project on a 2-core machine (vitest's default is cores − 1 workers)
        test: { name: 'unit', include: ['tests/**/*.test.ts'], exclude: STUDY, isolate: false, maxWorkers: 2, sequence: { groupOrder: 0 } },
      },
      {
        extends: true,
        // no per-file isolation either (the study tests restore the environment they set): a file whose executions
        // are reused then costs ~0.1 s instead of ~1.5 s of process start and imports (warm npm test 149 → 125 s)
        test: { name: 'study', include: STUDY, globalSetup: ['tests/global-setup.ts'], maxWorkers: 2, isolate: false, sequence: { groupOrder: 1 } },
      },
    ],
  },
});
