/**
 * Where things live: the project root (found from the working directory, so it
 * works in tslab, vitest, tsx and plain node), its data folders, and the shared
 * reference tables beside the project.
 *
 * @module paths
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fail } from './errors.js';

const PACKAGE_NAME = 'self-reliance-notebooks';
let cachedRoot: string | undefined;

/**
 * The project root: the nearest folder at or above the working directory whose
 * package.json names this project. Notebooks run with the kernel's working
 * directory at the root, tests and scripts from the root.
 *
 * @throws {StudyError} when no such folder exists above `from`
 * @example projectRoot(); // => '/home/me/self-reliance-notebooks'
 */
export function projectRoot(from: string = process.cwd()): string {
  if (cachedRoot && from === process.cwd()) return cachedRoot;
  let dir = path.resolve(from);
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg)) {
      try {
        if (JSON.parse(fs.readFileSync(pkg, 'utf8')).name === PACKAGE_NAME) {
          if (from === process.cwd()) cachedRoot = dir;
          return dir;
        }
      } catch {
        /* not ours: keep walking */
      }
    }
    const up = path.dirname(dir);
    if (up === dir) fail('projectRoot', `no package.json named "${PACKAGE_NAME}" at or above the folder`, from);
    dir = up;
  }
}

/**
 * A path inside the project.
 * @example projectPath('data', 'study', 'groups.csv'); // => '<root>/data/study/groups.csv'
 */
export function projectPath(...parts: string[]): string {
  return path.join(projectRoot(), ...parts);
}

/**
 * The shared reference tables (China Customs code lists, UN HS→BEC tables,
 * World Bank GDP): `$STUDY_REFERENCE_DIR` when set, else `../shared/data/reference`
 * beside the project root. Returns `undefined` when the folder is absent, so
 * callers can fall back to the curated tables and say so.
 *
 * @example referenceDir(); // => '/work/shared/data/reference' (or undefined)
 */
export function referenceDir(): string | undefined {
  const env = process.env.STUDY_REFERENCE_DIR;
  const candidates = env ? [env] : [path.join(projectRoot(), '..', 'shared', 'data', 'reference')];
  return candidates.find((c) => fs.existsSync(c));
}

/**
 * The folder of the user's imported data: `$STUDY_IMPORTED_DIR` when set (tests
 * use it so they never touch a user's import), else `data/imported` in the project.
 * @example importedDir(); // => '<root>/data/imported'
 */
export function importedDir(): string {
  return process.env.STUDY_IMPORTED_DIR ? path.resolve(process.env.STUDY_IMPORTED_DIR) : projectPath('data', 'imported');
}
