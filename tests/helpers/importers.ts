/** Shared helpers for the importer tests: temp files and cells → plain objects. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { TidyCells } from '../../lib/io/importers/aggregate.js';
import { monthLabel } from '../../lib/core/months.js';
import { projectRoot } from '../../lib/io/paths.js';
import { tempDir } from './temp.js';

let dir: string | undefined;

/** The test file's temp folder (made on first use by tempDir, so removed after the test file). */
export function tmpDir(): string {
  if (dir === undefined || !fs.existsSync(dir)) dir = tempDir('importers-test-');
  return dir;
}

/** A file in the test file's temp folder, written with the given bytes or text. */
export function tmpFile(name: string, content: string | Buffer): string {
  const p = path.join(tmpDir(), name);
  fs.writeFileSync(p, content);
  return p;
}

/** Cells as code → month → value (summing kept partners). */
export function cellsToObject(c: TidyCells): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (let i = 0; i < c.n; i++) {
    const code = c.codes[c.code[i]];
    const m = monthLabel(c.month[i]);
    out[code] ??= {};
    out[code][m] = (out[code][m] ?? 0) + c.value[i];
  }
  return out;
}

/** An importer's error with the place it names (file, line, column). */
export type InputErrorLike = Error & { line?: number; column?: string; file?: string };

/** The fixture folder. */
export const FIXTURES = path.join(projectRoot(), 'tests', 'fixtures');
