/**
 * Scan a built report for labels that claim more than the slides print: every table column, table or chart
 * layer labelled "published" / "as printed" must show only values of data/study/published.json, and a
 * published share whose year the slides do not print must say "assumed".
 * Run: `npx tsx scripts/check-labels.ts [report folder]` (default: report/). Exit code 1 on any violation.
 */
import * as path from 'node:path';
import { loadPublished } from '../lib/io/published.js';
import { publishedVocabulary, scanReportDir } from '../lib/present/published-labels.js';
import { projectPath } from '../lib/io/paths.js';
import { parseCli, parsedOrExit, scriptHelp, UsageError } from './cli.js';

const COMMAND = 'npx tsx scripts/check-labels.ts';

/**
 * The command line of this script: at most one positional argument, the report folder (resolved; default
 * $STUDY_REPORT_DIR, else report/).
 * @throws {UsageError} for an option (there are none but --help) or more than one folder
 */
export function parseCheckLabelsArgs(
  argv: string[],
  env: NodeJS.ProcessEnv = process.env,
): { help: true } | { help: false; dir: string } {
  const cli = parseCli(COMMAND, argv, { options: {}, allowPositionals: true });
  if (cli.help) return cli;
  if (cli.positionals.length > 1)
    throw new UsageError(
      COMMAND,
      `one report folder expected, got ${cli.positionals.length}: ${cli.positionals.join(' ')}`,
    );
  return { help: false, dir: path.resolve(cli.positionals[0] ?? env.STUDY_REPORT_DIR ?? projectPath('report')) };
}

function main(): void {
  const args = parsedOrExit(() => parseCheckLabelsArgs(process.argv.slice(2)));
  if (args.help) {
    console.log(scriptHelp(__filename));
    return;
  }
  const { dir } = args;
  const violations = scanReportDir(dir, publishedVocabulary(loadPublished()));
  for (const v of violations) console.log(`${v.where} · ${v.what} · ${v.column}: "${v.value}" — ${v.reason}`);
  console.log(
    violations.length
      ? `${violations.length} label(s) claim more than the slides print (${dir})`
      : `labels OK: nothing labelled published/as printed outside published.json (${dir})`,
  );
  process.exit(violations.length ? 1 : 0);
}

if (require.main === module) main();
