/**
 * Where a test file lives says what it tests and which project runs it (vitest.config.mts picks the project by
 * folder, from no list of names): tests/unit/ runs no notebook, tests/study/ executes notebooks, kernels or
 * Chromium. A *.test.ts anywhere else belongs to no project and would never run. In tests/unit/ a test is named
 * after what it tests: tests/unit/<path>.test.ts tests lib/<path>.ts (or the folder lib/<path>/ as a whole),
 * tests/unit/scripts/<path>.test.ts tests scripts/<path>, tests/unit/bench/<path>.test.ts tests bench/<path>;
 * tests/unit/data/ checks small data files (the heavier checks of every curated code and committed file are in
 * tests/study/data/) and tests/unit/notebooks/ the notebook sources.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '..', '..');
const rel = (f: string): string => path.relative(ROOT, f).split(path.sep).join('/');

/** Every *.test.ts of the project, outside node_modules and hidden folders. */
function testFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => {
      if (e.name.startsWith('.') || e.name === 'node_modules') return [];
      const p = path.join(dir, e.name);
      return e.isDirectory() ? testFiles(p) : e.name.endsWith('.test.ts') ? [rel(p)] : [];
    })
    .sort();
}

/** Unit tests that are about the project as a whole rather than one module (each says so in its opening comment). */
const WHOLE_PROJECT = [
  'tests/unit/doctest.test.ts',
  'tests/unit/doctest-present.test.ts',
  'tests/unit/layout.test.ts',
  'tests/unit/test-files.test.ts',
];

/** The module (or folder) a unit test is named after, if it exists. */
function testedModule(test: string): string | undefined {
  const stem = test.replace(/^tests\/unit\//, '').replace(/\.test\.ts$/, '');
  const base = /^(scripts|bench)\//.test(stem) ? stem : `lib/${stem}`;
  return [`${base}.ts`, `${base}.cjs`, `${base}.mjs`, base].find((p) => fs.existsSync(path.join(ROOT, p)));
}

describe('test files', () => {
  const files = testFiles(ROOT);

  it('every *.test.ts is in tests/unit/ or tests/study/ (the folders vitest.config.mts runs)', () => {
    expect(files.length).toBeGreaterThan(50);
    expect(files.filter((f) => !/^tests\/(unit|study)\//.test(f))).toEqual([]);
  });

  it('every unit test mirrors the module it tests (lib/, scripts/, bench/), or checks the data or the notebook sources', () => {
    const unit = files.filter((f) => f.startsWith('tests/unit/') && !WHOLE_PROJECT.includes(f));
    const orphans = unit.filter((f) => !/^tests\/unit\/(data|notebooks)\//.test(f) && testedModule(f) === undefined);
    expect(orphans).toEqual([]);
  });
});
