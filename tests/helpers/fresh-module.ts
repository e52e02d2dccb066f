/**
 * A new instance of one module of the project for each call (its own import URL query), instead of the cached one.
 *
 * For tests of a module that builds something when it loads (a table, a decoder): a mutation run (npm run mutate)
 * sees a changed one only if each test loads the module again, and one that cannot be built must fail the tests,
 * not the test file's import (which Stryker's vitest runner counts as no failed test). Not vi.resetModules(): with
 * the unit project's shared module cache it would make every later test file in the worker load the whole library
 * again. Call it in a `beforeEach` (docs/CONTRIBUTING.md, "Mutation testing").
 */
import * as path from 'node:path';

let loads = 0;

/** Load `file` (a path from the project root, e.g. 'lib/io/importers/csv-scan.ts') afresh. */
export async function freshModule<T>(file: string): Promise<T> {
  return (await import(/* @vite-ignore */ `${path.resolve(file)}?load=${++loads}`)) as T;
}
