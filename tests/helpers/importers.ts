/** Shared helpers for the importer tests: temp files and cells → plain objects. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { TidyCells } from '../../lib/io/importers/aggregate.js';
import type { TidyRead } from '../../lib/io/importers/tidy.js';
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

// The parallel tidy import's tests (unit and study): a read as plain data, its outcome, a grouped file.

/** The header of a tidy panel with partner and regime columns. */
export const H6 = 'code,level,month,value_usd,partner,regime';

/** Everything a read returns, typed arrays as plain arrays (so equality is byte for byte on the values). */
export function whole(r: TidyRead): unknown {
  const c = r.cells;
  return {
    codes: c.codes,
    code: Array.from(c.code),
    month: Array.from(c.month),
    value: Array.from(c.value).map((v) => (Object.is(v, -0) ? '-0' : v)),
    n: c.n,
    level: c.level,
    notes: r.notes,
    report: r.report,
  };
}

/** The error message of a read, or its result. */
export function outcome(f: () => TidyRead): { error?: string; value?: unknown; ranges?: number; why?: string } {
  try {
    const r = f();
    return { value: whole(r), ranges: r.threads.ranges, why: r.threads.serialBecause };
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}

/** A grouped file: codes × months × partners, each line's byte offset kept. */
export function grouped(codes: string[], months: string[], partners: number[], value: (i: number) => string): string {
  const lines = ['# SYNTHETIC test file', H6];
  let i = 0;
  for (const c of codes)
    for (const m of months) for (const p of partners) lines.push(`${c},HS8,${m},${value(i++)},${p},10`);
  return lines.join('\n') + '\n';
}

/** CSV lines with every field quoted (an empty line stays empty): no line is plain, so each takes the record path. */
export const quotedLines = (lines: string[]): string[] =>
  lines.map((l) =>
    l === ''
      ? l
      : l
          .split(',')
          .map((f) => `"${f}"`)
          .join(','),
  );

/** A CSV text with every field quoted (see {@link quotedLines}). */
export const quoted = (text: string): string => quotedLines(text.split('\n')).join('\n');
