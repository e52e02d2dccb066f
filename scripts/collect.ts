/**
 * `npm run collect -- <folder or LMS zip> --roster roster.csv` — gather a class's submissions into one folder per
 * student id, ready for `npm run grade`. The roster is a CSV with columns `id,name` and optionally `lms_id`; an LMS
 * download's file names (`Smith, Jane_1234_5678_03-indices.ipynb`) are matched by the LMS id, else by the name;
 * plain files by an id in front (`s001-03-indices.ipynb`) or their folder (`s001/03-indices.ipynb`). Files that
 * match nobody are listed (not graded); students with no file are listed too.
 *
 *   npm run collect -- downloads/submissions.zip --roster roster.csv                 # → submissions/
 *   npm run collect -- inbox/ --roster roster.csv --out subs/ --deadline 2026-03-01T23:59:00Z
 *
 * Writes <out>/<id>/<notebook>.ipynb and <out>/collected.csv (id, name, file, original name, submitted_at — the zip
 * entry's or the file's time — and late, against --deadline).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseCli, parsedOrExit, scriptHelp, UsageError } from './cli.js';
import { collect, parseRoster } from './teaching/collect.js';

const COMMAND = 'npm run collect';

/** `npm run collect`'s arguments. */
export function parseCollectArgs(
  argv: string[],
): { help: true } | { help: false; source: string; roster: string; out: string; deadline?: Date } {
  const cli = parseCli(COMMAND, argv, {
    options: { roster: { type: 'string' }, out: { type: 'string' }, deadline: { type: 'string' } },
    allowPositionals: true,
  });
  if (cli.help) return cli;
  if (cli.positionals.length !== 1)
    throw new UsageError(COMMAND, 'give one folder or zip of submissions (see npm run collect -- --help)');
  if (!cli.values.roster) throw new UsageError(COMMAND, '--roster roster.csv is needed (columns id,name[,lms_id])');
  const deadline = cli.values.deadline === undefined ? undefined : new Date(cli.values.deadline);
  if (deadline && Number.isNaN(deadline.getTime()))
    throw new UsageError(
      COMMAND,
      `--deadline must be a date and time, e.g. 2026-03-01T23:59:00Z (got "${cli.values.deadline}")`,
    );
  return {
    help: false,
    source: cli.positionals[0],
    roster: cli.values.roster,
    out: path.resolve(cli.values.out ?? 'submissions'),
    deadline,
  };
}

function main(): void {
  const a = parsedOrExit(() => parseCollectArgs(process.argv.slice(2)));
  if (a.help) return void console.log(scriptHelp(__filename));
  try {
    const r = collect(a.source, parseRoster(fs.readFileSync(a.roster, 'utf8')), a.out, a.deadline);
    console.log(
      `${r.collected.length} submissions of ${new Set(r.collected.map((c) => c.id)).size} students → ${a.out}`,
    );
    const late = r.collected.filter((c) => c.late);
    if (late.length) console.log(`late: ${late.map((c) => `${c.id} (${c.submittedAt})`).join(', ')}`);
    if (r.unmatched.length) console.log(`NOT MATCHED to the roster (not collected):\n  ${r.unmatched.join('\n  ')}`);
    if (r.missing.length) console.log(`no submission from: ${r.missing.map((s) => `${s.id} ${s.name}`).join(', ')}`);
  } catch (e) {
    console.error(`${COMMAND}: ${(e as Error).message}`);
    process.exit(1);
  }
}

if (require.main === module) main();
