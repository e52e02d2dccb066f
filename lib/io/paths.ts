/**
 * Where things live: the project root (found from the working directory, so it
 * works in tslab, vitest, tsx and plain node), its data folders and the
 * reference tables it ships (data/reference/).
 *
 * @module io/paths
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { fail } from '../core/errors.js';

const PACKAGE_NAME = 'self-reliance-notebooks';
let cachedRoot: string | undefined;

/**
 * The project root: the nearest folder at or above the working directory whose
 * package.json names this project. Notebooks run with the kernel's working
 * directory at the root, tests and scripts from the root.
 *
 * @throws {StudyError} when no such folder exists above `from`
 * @example projectRoot(path.join(projectRoot(), 'lib', 'steps')) === projectRoot(); // => true (found from any folder inside)
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
 * How a path is shown to a reader: inside the project, relative to its root with `/` separators (the same text
 * in every checkout, nothing of a home folder in a shared report); elsewhere, or the root itself, as given.
 * @example shownPath(projectPath('data', 'reference')); // => 'data/reference'
 * @example shownPath('/elsewhere/panel.csv'); // => '/elsewhere/panel.csv'
 */
export function shownPath(file: string): string {
  let root: string;
  try {
    root = projectRoot();
  } catch {
    return file;
  }
  const rel = path.relative(root, path.resolve(file));
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') : file;
}

/**
 * The reference tables (China Customs code lists, UN HS→BEC tables, World Bank
 * GDP): `data/reference/` inside the project, or `$STUDY_REFERENCE_DIR` when set
 * (an override, e.g. a folder with newer code lists). Always a path; the project
 * ships the folder, so {@link readReferenceText} fails loudly if a file is missing.
 *
 * @example path.relative(projectRoot(), referenceDir()); // => 'data/reference'
 */
export function referenceDir(): string {
  const env = process.env.STUDY_REFERENCE_DIR;
  return env ? path.resolve(env) : projectPath('data', 'reference');
}

/**
 * The path of a reference file, relative to the reference folder, as stored:
 * the file itself, or its gzip-compressed copy (`<rel>.gz`, how the project
 * ships the large code lists). `undefined` when neither exists.
 *
 * @example path.basename(referenceFile('china-customs/hs8-zh-2023.csv')!); // => 'hs8-zh-2023.csv.gz'
 */
export function referenceFile(rel: string, dir: string = referenceDir()): string | undefined {
  const plain = path.join(dir, rel);
  if (fs.existsSync(plain)) return plain;
  return fs.existsSync(`${plain}.gz`) ? `${plain}.gz` : undefined;
}

/**
 * The text of a reference file (UTF-8), gunzipped when it is stored compressed.
 *
 * @throws {StudyError} naming the file when neither `<rel>` nor `<rel>.gz` exists in the folder, or the .gz is corrupt
 * @example readReferenceText('world-bank/china-gdp-current-usd.csv').split(/\r?\n/)[0]; // => 'country,iso3,year,gdp_current_usd,source'
 */
export function readReferenceText(rel: string, dir: string = referenceDir()): string {
  const file = referenceFile(rel, dir);
  if (file === undefined)
    return fail('readReferenceText', `no such reference file in ${dir} (looked for it and its .gz)`, rel);
  const bytes = fs.readFileSync(file);
  if (!file.endsWith('.gz')) return bytes.toString('utf8');
  try {
    return zlib.gunzipSync(bytes).toString('utf8');
  } catch (e) {
    return fail('readReferenceText', `not a valid gzip file (${(e as Error).message})`, file);
  }
}

/**
 * The folder of the user's imported data: `$STUDY_IMPORTED_DIR` when set (tests
 * use it so they never touch a user's import), else `data/imported` in the project.
 * @example importedDir(); // => '<root>/data/imported'
 */
export function importedDir(): string {
  return process.env.STUDY_IMPORTED_DIR
    ? path.resolve(process.env.STUDY_IMPORTED_DIR)
    : projectPath('data', 'imported');
}
