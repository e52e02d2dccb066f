/**
 * `npm run export -- <graded folder>` — the LMS gradebook: one row per student (every student of the roster, with
 * or without a submission): id, name, points per exercise (and per answer in words, from manual.csv), total, max,
 * submitted_at, late (against collect's --deadline) and how many answers in words are still ungraded.
 *
 *   npm run export -- submissions/ --roster roster.csv          # → submissions/export.csv
 *   npm run export -- submissions/ --roster roster.csv --out gradebook.csv
 *
 * submitted_at and late come from <folder>/collected.csv (written by npm run collect).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseCli, parsedOrExit, scriptHelp, UsageError } from './cli.js';
import { parseRoster, readCsv } from './teaching/collect.js';
import type { SubmissionGrade } from './teaching/grader.js';
import { exportCsv, readManual, type ExportRow } from './teaching/grades-out.js';

const COMMAND = 'npm run export';

/** `npm run export`'s arguments. */
export function parseExportArgs(
  argv: string[],
): { help: true } | { help: false; dir: string; roster?: string; out: string } {
  const cli = parseCli(COMMAND, argv, {
    options: { roster: { type: 'string' }, out: { type: 'string' } },
    allowPositionals: true,
  });
  if (cli.help) return cli;
  if (cli.positionals.length !== 1) throw new UsageError(COMMAND, 'give the folder npm run grade wrote to');
  const dir = path.resolve(cli.positionals[0]);
  return {
    help: false,
    dir,
    roster: cli.values.roster,
    out: path.resolve(cli.values.out ?? path.join(dir, 'export.csv')),
  };
}

/** The students of the export: the roster's, with collected.csv's time and late flag (latest submission). */
export function exportStudents(rosterText: string | undefined, collectedText: string | undefined): ExportRow[] {
  const collected = collectedText ? readCsv(collectedText) : [];
  const roster = rosterText ? parseRoster(rosterText) : [];
  const ids = [
    ...roster.map((s) => s.id),
    ...collected.map((c) => c.id).filter((id) => !roster.some((s) => s.id === id)),
  ];
  return [...new Set(ids)].map((id) => {
    const mine = collected.filter((c) => c.id === id).sort((a, b) => a.submitted_at.localeCompare(b.submitted_at));
    const last = mine[mine.length - 1];
    return {
      id,
      name: roster.find((s) => s.id === id)?.name ?? last?.name ?? '',
      submittedAt: last?.submitted_at ?? '',
      late: mine.some((c) => c.late === 'yes'),
    };
  });
}

function main(): void {
  const a = parsedOrExit(() => parseExportArgs(process.argv.slice(2)));
  if (a.help) return void console.log(scriptHelp(__filename));
  const json = path.join(a.dir, 'grades.json');
  if (!fs.existsSync(json)) {
    console.error(`${COMMAND}: no grades.json in ${a.dir} (run npm run grade -- ${a.dir} first)`);
    process.exit(1);
  }
  const read = (f?: string) => (f && fs.existsSync(f) ? fs.readFileSync(f, 'utf8') : undefined);
  const students = exportStudents(read(a.roster), read(path.join(a.dir, 'collected.csv')));
  const grades = JSON.parse(fs.readFileSync(json, 'utf8')) as SubmissionGrade[];
  fs.writeFileSync(a.out, exportCsv(grades, readManual(path.join(a.dir, 'manual.csv')), students));
  console.log(`export → ${a.out}`);
}

if (require.main === module) main();
