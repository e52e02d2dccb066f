import { defineConfig } from 'vitest/config';

/**
 * The test run StrykerJS mutates against (`npm run mutate`, stryker.config.mjs): unit tests only (the study
 * project executes notebooks in real kernels, minutes per run), and of those the files stryker.config.mjs names
 * for the folder being mutated, through STRYKER_TESTS (comma-separated globs; unset: every unit test). Stryker runs
 * this config in its own worker threads and, with per-test coverage, runs each mutant against only the tests that
 * reach it.
 */
const tests = process.env.STRYKER_TESTS?.split(',').filter(Boolean);

export default defineConfig({
  test: {
    testTimeout: 60_000,
    include: tests ?? ['tests/unit/**/*.test.ts'],
    // tests of lib/'s source text rather than its behaviour, which Stryker's instrumented copy changes: the layout
    // (line counts, imports) and the kernel build (lib/ compiled with isolated declarations)
    exclude: ['tests/unit/layout.test.ts', 'tests/unit/scripts/jupyter/kernel-build.test.ts'],
    setupFiles: ['tests/helpers/setup-fast-check.ts', 'tests/helpers/setup-temp.ts'],
    isolate: false,
  },
});
