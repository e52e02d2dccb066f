/** Shared helpers for the importer tests: temp files and cells → plain objects. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { TidyCells } from '../../lib/io/importers/aggregate.js';
import { monthLabel } from '../../lib/core/months.js';
import { projectRoot } from '../../lib/io/paths.js';

let dir: string | undefined;

/** A file in a per-run temp folder, written with the given bytes or text. */
export function tmpFile(name: string, content: string | Buffer): string {
  dir ??= fs.mkdtempSync(path.join(os.tmpdir(), 'importers-test-'));
  const p = path.join(dir, name);
  fs.writeFileSync(p, content);
  return p;
}

/** The temp folder (created on first use). */
export function tmpDir(): string {
  dir ??= fs.mkdtempSync(path.join(os.tmpdir(), 'importers-test-'));
  return dir;
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

/** The fixture folder. */
export const FIXTURES = path.join(projectRoot(), 'tests', 'fixtures');
