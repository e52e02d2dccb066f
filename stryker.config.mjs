// @ts-check
/**
 * Mutation testing (`npm run mutate`, scripts/mutate.ts): StrykerJS changes lib/ one small edit at a time (a `<`
 * made `<=`, a condition made `true`, a `+` made `-`, …) and runs the unit tests that reach the edit; a test suite
 * worth its name fails on each.
 *
 * One folder per run, against the unit tests that mirror it (tests/unit/<folder>/, plus the examples of the doc
 * comments): a folder's score says how well its own tests defend it. It is also what makes a run affordable: the
 * importers read the SYNTHETIC panel for every notebook-level test, so against every unit test each importer
 * mutant would run hundreds of them. The folder comes from STRYKER_FOLDER (scripts/mutate.ts sets it); results,
 * the HTML report and the incremental file (a re-run re-tests only mutants whose code or tests changed) go to
 * reports/mutation/<name>/, git-ignored. docs/MUTANTS.md lists the survivors kept on purpose and why.
 */

/** name → the folder mutated and the unit tests run against it */
export const FOLDERS = {
  steps: { folder: 'lib/steps', tests: ['tests/unit/steps/**/*.test.ts'] },
  core: { folder: 'lib/core', tests: ['tests/unit/core/**/*.test.ts'] },
  importers: {
    folder: 'lib/io/importers',
    tests: ['tests/unit/io/importers/**/*.test.ts', 'tests/unit/io/imported.test.ts'],
  },
  comtrade: { folder: 'lib/io/comtrade', tests: ['tests/unit/io/comtrade/**/*.test.ts'] },
};

const name = process.env.STRYKER_FOLDER ?? '';
const chosen = FOLDERS[/** @type {keyof typeof FOLDERS} */ (name)];
if (!chosen)
  throw new Error(
    `stryker.config.mjs: STRYKER_FOLDER must be one of ${Object.keys(FOLDERS).join(', ')} (got "${name}"): run npm run mutate`,
  );
// the vitest config (vitest.stryker.config.mts) reads the test files from the environment of Stryker's runners
process.env.STRYKER_TESTS = [...chosen.tests, 'tests/unit/doctest.test.ts'].join(',');
// STRYKER_REPORTS moves the reports and incremental file elsewhere (a scratch run beside the kept results)
const out = `${process.env.STRYKER_REPORTS ?? 'reports/mutation'}/${name}`;

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.stryker.config.mts', related: false },
  // each mutant runs only the tests that reach it
  coverageAnalysis: 'perTest',
  // a mutant reached only while modules load (a module-level constant), never inside a test, would run every test
  // of the folder for each run: it is reported as Ignored instead; `npm run mutate -- --static` (STRYKER_STATIC=1)
  // tests those in a run of their own, with every test of the folder
  ignoreStatic: process.env.STRYKER_STATIC !== '1',
  mutate: [`${chosen.folder}/**/*.ts`],
  incremental: true,
  incrementalFile: `${out}/incremental.json`,
  reporters: ['html', 'json', 'progress', 'clear-text'],
  htmlReporter: { fileName: `${out}/index.html` },
  jsonReporter: { fileName: `${out}/mutation.json` },
  clearTextReporter: { reportTests: false },
  thresholds: { high: 90, low: 85, break: null },
  concurrency: 2,
  timeoutMS: 3000,
  // the sandbox copy is run, never type-checked (vitest strips types), so no `// @ts-nocheck` is added to files
  disableTypeChecks: false,
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
