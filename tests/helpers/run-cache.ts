/**
 * Reuse of kernel executions between test runs, keyed by a content hash of everything an execution
 * depends on: lib/, notebooks/, data/, scripts/ (runner, executor, kernel launcher, report, grader),
 * package-lock.json, the tsconfig files, the Node.js version and the Python/Jupyter versions, plus
 * whatever the caller adds (e.g. its own test file). Same hash → the executed notebooks of the last
 * run are the ones this run would write (the determinism test holds the run to that), so they are
 * read again instead of re-executed. Any edit to an input re-executes. `STUDY_TEST_FRESH=1` always
 * re-executes; a fresh clone (CI) has no cache.
 */
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { projectRoot } from '../../lib/io/paths.js';
import { ensurePython } from '../../scripts/jupyter/env.js';

const ROOT = projectRoot();
const INPUT_DIRS = ['lib', 'notebooks', 'data', 'scripts'];
const INPUT_FILES = ['package-lock.json', 'tsconfig.json', 'tsconfig.kernel.json'];

function walk(dir: string, out: string[]): void {
  if (!fs.existsSync(dir)) return;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (e.isFile()) out.push(p);
  }
}

let pythonVersions: string | undefined;
function jupyterVersions(python: string): string {
  if (pythonVersions === undefined) {
    const code =
      'import sys, importlib.metadata as m; print(sys.version); print(*[p + " " + m.version(p) for p in ("nbclient", "nbconvert", "nbformat", "jupyter_client")])';
    const r = spawnSync(python, ['-c', code], { encoding: 'utf8' });
    pythonVersions = `${python}\n${r.stdout}${r.stderr}`;
  }
  return pythonVersions;
}

/** The content hash of the execution inputs (see the module comment), with `extra` strings and files mixed in. */
export function inputsHash(python: string, extra: { files?: string[]; text?: string[] } = {}): string {
  const h = createHash('sha256');
  const files: string[] = [];
  for (const d of INPUT_DIRS) walk(path.join(ROOT, d), files);
  for (const f of [...INPUT_FILES, ...(extra.files ?? [])]) files.push(path.resolve(ROOT, f));
  for (const f of files.sort()) {
    h.update(`\0${path.relative(ROOT, f)}\0`);
    if (fs.existsSync(f)) h.update(fs.readFileSync(f));
  }
  h.update(`\0node ${process.version}\0${jupyterVersions(python)}`);
  for (const t of extra.text ?? []) h.update(`\0${t}`);
  return h.digest('hex').slice(0, 24);
}

export const fresh = (): boolean => process.env.STUDY_TEST_FRESH === '1';

/** The JSON a previous run stored under `file` for this `key`, or undefined (none, another key, STUDY_TEST_FRESH=1). */
export function readCached<T>(file: string, key: string): T | undefined {
  if (fresh() || !fs.existsSync(file)) return undefined;
  try {
    const c = JSON.parse(fs.readFileSync(file, 'utf8')) as { key: string; value: T };
    return c.key === key ? c.value : undefined;
  } catch {
    return undefined;
  }
}

/** Store `value` for `key` (temp file + rename: a killed run leaves no half-written entry). */
export function writeCached(file: string, key: string, value: unknown): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, JSON.stringify({ key, value }, null, 1));
  fs.renameSync(tmp, file);
}

/**
 * Run notebooks for a test once per content hash: `run(outDir)` executes them into `outDir`
 * (tests/.artifacts/cache/<name>/out); its results are kept with the hash of the execution inputs and
 * `testFile`, and returned again while neither changes (and every executed notebook is still there).
 * A run with a failed notebook is not kept, unless the test expects failures (`failuresExpected`).
 */
export async function cachedNotebookRun<R extends { ok: boolean; ipynbFile: string }>(
  name: string,
  testFile: string,
  run: (outDir: string) => Promise<R[]>,
  opts: { failuresExpected?: boolean } = {},
): Promise<R[]> {
  const python = ensurePython();
  const dir = path.join(ROOT, 'tests', '.artifacts', 'cache', name);
  const meta = path.join(dir, 'run.json');
  const key = inputsHash(python, { files: [testFile] });
  const hit = readCached<R[]>(meta, key);
  if (hit && hit.every((r) => fs.existsSync(r.ipynbFile))) {
    console.log(
      `[${name}] inputs unchanged (${key}): the ${hit.length} executed notebooks of the last run (STUDY_TEST_FRESH=1 re-executes)`,
    );
    return hit;
  }
  fs.rmSync(dir, { recursive: true, force: true });
  const results = await run(path.join(dir, 'out'));
  if (opts.failuresExpected || results.every((r) => r.ok)) writeCached(meta, key, results);
  return results;
}
