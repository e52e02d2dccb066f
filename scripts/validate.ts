/**
 * `npm run validate -- <notebook.ipynb>` — for a student before handing in: runs the notebook exactly as the grader
 * will (a fresh kernel, confined, the same time limit) and lists each check's result and the answers in words.
 * Exits 1 when a cell fails, a check cell was deleted, a check did not run or the time limit was reached, so the
 * problem is found before the deadline, not after.
 *
 *   npm run validate -- student/03-indices.ipynb
 *   npm run validate -- 03-indices.ipynb --limit 300
 */
import * as fs from 'node:fs';
import { numberOption, parseCli, parsedOrExit, scriptHelp, UsageError } from './cli.js';
import { ensurePython } from './jupyter/env.js';
import { gradeSubmission, type SubmissionGrade } from './teaching/grader.js';

const COMMAND = 'npm run validate';
const BAD = new Set(['error', 'missing', 'timeout', 'crashed', 'unreadable', 'not run']);

/** `npm run validate`'s arguments. */
export function parseValidateArgs(argv: string[]): { help: true } | { help: false; file: string; limit: number } {
  const cli = parseCli(COMMAND, argv, { options: { limit: { type: 'string' } }, allowPositionals: true });
  if (cli.help) return cli;
  if (cli.positionals.length !== 1) throw new UsageError(COMMAND, 'give one notebook (.ipynb) to check');
  return {
    help: false,
    file: cli.positionals[0],
    limit: cli.values.limit === undefined ? 180 : numberOption(COMMAND, 'limit', cli.values.limit, { positive: true }),
  };
}

/** The report of one validated notebook and whether it may be handed in (no failing cell, every check ran). */
export function validationReport(g: SubmissionGrade): { lines: string[]; ok: boolean } {
  const lines = g.rows.map((r) => {
    const what =
      r.part === 'written' ? `Exercise ${r.notebook}.${r.exercise} in words` : `Exercise ${r.notebook}.${r.exercise}`;
    const detail =
      r.part === 'written'
        ? r.status === 'manual'
          ? `answered (${r.max} point${r.max === 1 ? '' : 's'}, graded by your teacher)`
          : r.status === 'unanswered'
            ? 'not answered yet'
            : r.reason
        : `${r.status}: ${r.reason}`;
    return `${BAD.has(r.status) ? '✗' : r.status === 'correct' ? '✓' : '·'} ${what} — ${detail}`;
  });
  for (const e of g.errors) lines.push(`✗ cell ${e.cell} failed: ${e.text.split('\n')[0]}`);
  const ok = g.errors.length === 0 && g.outcome === 'ok' && !g.rows.some((r) => BAD.has(r.status));
  lines.push(
    ok
      ? 'The notebook runs from top to bottom without an error: it can be handed in.'
      : 'Fix the problems above before handing in (the grader runs the notebook the same way).',
  );
  return { lines, ok };
}

async function main(): Promise<void> {
  const a = parsedOrExit(() => parseValidateArgs(process.argv.slice(2)));
  if (a.help) return void console.log(scriptHelp(__filename));
  if (!fs.existsSync(a.file)) {
    console.error(`${COMMAND}: ${a.file} does not exist`);
    process.exit(2);
  }
  console.log(`Running ${a.file} as the grader will (a fresh kernel; up to ${a.limit} s) …`);
  const g = await gradeSubmission(a.file, 'you', { python: ensurePython(), limit: a.limit });
  const { lines, ok } = validationReport(g);
  for (const l of lines) console.log(l);
  process.exit(ok ? 0 : 1);
}

if (require.main === module) void main();
