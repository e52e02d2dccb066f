/**
 * Temporary folders for tests. `tempDir(prefix)` makes a new folder under the system's temporary folder, wherever
 * it is called (a file's top level, a describe block, a hook or a test); every folder made during a test file is
 * removed after that file, by the afterAll hook that tests/helpers/setup-temp.ts (a setup file, run for every test
 * file of both projects) registers. Both projects run with `isolate: false` — one module cache per worker, files one
 * after another — so a test file must not leave behind what it makes.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const made: string[] = [];

/** A new empty folder `<parent>/<prefix>XXXXXX` (parent: the system's temporary folder), removed after the current test file. */
export function tempDir(prefix: string, parent: string = os.tmpdir()): string {
  const dir = fs.mkdtempSync(path.join(parent, prefix));
  made.push(dir);
  return dir;
}

/** Remove every folder tempDir made since the last call (the setup file's afterAll hook calls it). */
export function removeTempDirs(): void {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}
