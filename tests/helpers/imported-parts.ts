/**
 * Imports by hand and killed writes, for the tests of lib/io/imported.ts (tests/unit/io/imported.test.ts, and
 * tests/study/imported/killed-writes.test.ts for the runs killed in a child process).
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { monthIndex } from '../../lib/core/months.js';
import type { ImportedPart } from '../../lib/io/imported.js';
import { newReport, type TidyCells } from '../../lib/io/importers/index.js';
import { tempDir } from './temp.js';

/** A fresh temporary folder (removed after the test file). */
export const tmp = (): string => tempDir('imported-test-');

/** A part by hand: [code, 'YYYY-MM', value] rows (any order); the report's period is the rows' first and last month. */
export function part(file: string, rows: [string, string, number][], level: 'HS8' | 'HS6' = 'HS8'): ImportedPart {
  const sorted = [...rows].sort((a, b) =>
    a[0] !== b[0] ? (a[0] < b[0] ? -1 : 1) : monthIndex(a[1]) - monthIndex(b[1]),
  );
  const codes = [...new Set(sorted.map((r) => r[0]))];
  const cells: TidyCells = {
    level,
    codes,
    n: sorted.length,
    code: Int32Array.from(sorted.map((r) => codes.indexOf(r[0]))),
    month: Int32Array.from(sorted.map((r) => monthIndex(r[1]))),
    value: Float64Array.from(sorted.map((r) => r[2])),
  };
  const months = sorted.map((r) => r[1]).sort();
  const report = {
    ...newReport(file, 'customs'),
    level,
    period: months.length ? ([months[0], months[months.length - 1]] as [string, string]) : null,
  };
  return { file, cells, report };
}

export const notes = (p: { level: string; period: [string, string] }): string[] => [
  `test panel, ${p.level}, ${p.period[0]} to ${p.period[1]}`,
];
export const files = (dir: string): Record<string, string> =>
  Object.fromEntries(
    fs
      .readdirSync(dir)
      .sort()
      .map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf8')]),
  );

/**
 * Run `code` (an ES module; `SIZE` holds a number that grows with each attempt) in a child
 * process and SIGKILL it as soon as a non-empty temp file starting with `tmpPrefix` appears in
 * `dir`. A child that finishes before that is not a kill: `restore()` puts the old files back
 * and the next attempt writes twice as much. Resolves whether a kill landed midway.
 */
export async function killWhileWriting(
  code: string,
  dir: string,
  tmpPrefix: string,
  size: number,
  restore: () => void,
): Promise<boolean> {
  const script = path.join(tmp(), 'child.mts');
  for (let attempt = 0; attempt < 5; attempt++, size *= 2) {
    fs.writeFileSync(script, `const SIZE = ${size};\n${code}`);
    const landed = await new Promise<boolean>((resolve) => {
      const p = spawn(process.execPath, ['--import', 'tsx', script], { stdio: 'ignore' });
      let killed = false;
      const timer = setInterval(() => {
        const t = fs.readdirSync(dir).find((f) => f.startsWith(tmpPrefix) && f.endsWith('.tmp'));
        if (t && fs.statSync(path.join(dir, t), { throwIfNoEntry: false })?.size) {
          killed = p.kill('SIGKILL');
          clearInterval(timer);
        }
      }, 2);
      p.on('exit', () => {
        clearInterval(timer);
        resolve(killed);
      });
    });
    if (landed) return true;
    restore();
  }
  return false;
}
export const libUrl = (f: string): string => JSON.stringify(pathToFileURL(path.resolve(f)).href);

export const A = part('a.csv', [
  ['85423100', '2015-01', 10],
  ['85423100', '2015-02', 11],
  ['85423900', '2015-01', 5],
]);
export const B = part('b.csv', [
  ['85423100', '2015-02', 11], // also in A, same value: kept once
  ['85423100', '2015-03', 12],
  ['84862000', '2015-03', 7.5],
]);
