/**
 * `npm run mutate`: mutation testing of lib/ with StrykerJS (stryker.config.mjs): each small edit of the code (a
 * `<` made `<=`, a condition made `true`, a `+` made `-`, …) is run against the unit tests that reach it; a
 * surviving edit is a bug the tests would not catch. Then prints the score per folder.
 *
 *   npm run mutate                      every mutant of lib/steps, lib/core, lib/io/importers, lib/io/comtrade;
 *                                       incremental: a mutant whose code and tests did not change keeps its result
 *                                       (reports/mutation/incremental.json), so a re-run after a small change takes
 *                                       minutes; a first run of every folder takes hours on two cores (README)
 *   npm run mutate -- --since main      only the files of those folders changed since a git ref (committed or not)
 *   npm run mutate -- --file lib/core/months.ts   one file (repeat --file for more)
 *   npm run mutate -- --force           re-test every selected mutant, ignoring earlier results
 *   npm run mutate -- --batch 2         files per Stryker run (default 4): each run's results are kept when it
 *                                       ends, so an interrupted run loses at most the batch it was in
 *   npm run mutate -- --scores          print the per-folder scores of the last run, run nothing
 *   npm run mutate -- --survivors lib/core/months.ts   list the surviving and uncovered mutants of the last run
 *                                       in a file or folder (file:line:column, mutator, the code and its mutant)
 *   npm run mutate -- --static          test the mutants the last runs ignored because only module loading reaches
 *                                       them (module-level constants and tables: Stryker's ignoreStatic), each
 *                                       against every test of its folder, in a run of their own (with --file or
 *                                       --since: of those files); their results go to reports/mutation-static/
 *                                       and take the Ignored mutants' place in --scores and --survivors; such a
 *                                       run always re-tests them all (minutes: README)
 *
 * Each folder is its own Stryker run against the unit tests that mirror it (stryker.config.mjs); its report goes to
 * reports/mutation/<steps|core|importers|comtrade>/index.html (open it in a browser) and mutation.json, git-ignored.
 * docs/MUTANTS.md lists the surviving mutants kept on purpose and why.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { projectRoot } from '../lib/io/paths.js';
import { numberOption, parseCli, parsedOrExit, scriptHelp, UsageError } from './cli.js';
import {
  folderScores,
  MUTATED_FOLDERS,
  scoreTable,
  staticRanges,
  survivorLines,
  withStatic,
  type MutationReport,
} from './mutate-report.js';

const COMMAND = 'npm run mutate';

/** Files per Stryker run when a whole folder is mutated (`--batch`). */
export const DEFAULT_BATCH = 4;

/**
 * Split files into runs of at most `size` files, in order.
 * @example
 * batchFiles(['a.ts', 'b.ts', 'c.ts', 'd.ts', 'e.ts'], 2); // => [['a.ts', 'b.ts'], ['c.ts', 'd.ts'], ['e.ts']]
 */
export function batchFiles(files: readonly string[], size: number): string[][] {
  const out: string[][] = [];
  for (let i = 0; i < files.length; i += size) out.push(files.slice(i, i + size));
  return out;
}

/** Where the folders' reports go (stryker.config.mjs; STRYKER_REPORTS moves them), and `--static` runs' beside. */
const reportsDir = (isStatic = false): string =>
  `${process.env.STRYKER_REPORTS ?? 'reports/mutation'}${isStatic ? '-static' : ''}`;

/** Where Stryker writes a folder's JSON report (stryker.config.mjs `jsonReporter`). */
export const reportJson = (name: string, isStatic = false): string => `${reportsDir(isStatic)}/${name}/mutation.json`;

export interface MutateArgs {
  since?: string;
  files: string[];
  force: boolean;
  /** Files per Stryker run (default {@link DEFAULT_BATCH}). */
  batch: number;
  scores: boolean;
  /** A file or folder whose surviving mutants to list (nothing is run). */
  survivors?: string;
  /** Test the mutants only module loading reaches (Ignored in the folders' runs). */
  static: boolean;
}

/**
 * Parse `npm run mutate`'s arguments.
 * @throws {UsageError} for an unknown option, a positional argument, or `--since` with `--file`
 */
export function parseMutateArgs(argv: string[]): { help: true } | ({ help: false } & MutateArgs) {
  const cli = parseCli(COMMAND, argv, {
    options: {
      since: { type: 'string' },
      file: { type: 'string', multiple: true },
      force: { type: 'boolean', default: false },
      batch: { type: 'string' },
      scores: { type: 'boolean', default: false },
      survivors: { type: 'string' },
      static: { type: 'boolean', default: false },
    },
  });
  if (cli.help) return cli;
  const files = cli.values.file ?? [];
  if (cli.values.since !== undefined && files.length > 0)
    throw new UsageError(COMMAND, '--since and --file choose the files two ways: give one of them');
  return {
    help: false,
    since: cli.values.since,
    files,
    force: cli.values.force,
    batch:
      cli.values.batch === undefined
        ? DEFAULT_BATCH
        : numberOption(COMMAND, 'batch', cli.values.batch, { integer: true, min: 1 }),
    scores: cli.values.scores,
    survivors: cli.values.survivors,
    static: cli.values.static,
  };
}

/**
 * The files of `changed` (paths relative to the project root, as git prints them) that mutation testing covers:
 * TypeScript sources under one of {@link MUTATED_FOLDERS}, in order, each once.
 * @example
 * mutatedFiles(['lib/core/months.ts', 'lib/present/tables.ts', 'README.md', 'lib/io/comtrade/plan.ts', 'lib/core/months.ts']);
 * // => ['lib/core/months.ts', 'lib/io/comtrade/plan.ts']
 */
export function mutatedFiles(changed: readonly string[]): string[] {
  const inFolder = (f: string): boolean => MUTATED_FOLDERS.some(({ folder }) => f.startsWith(`${folder}/`));
  return [...new Set(changed.map((f) => f.split(path.sep).join('/')))]
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && inFolder(f))
    .sort();
}

/** Files changed since `ref`: committed, staged, unstaged, and new untracked files. */
function changedSince(root: string, ref: string): string[] {
  const git = (args: string[]): string[] => {
    const r = spawnSync('git', args, { cwd: root, encoding: 'utf8' });
    if (r.status !== 0) throw new UsageError(COMMAND, `git ${args.join(' ')} failed: ${r.stderr.trim()}`);
    return r.stdout.split('\n').filter(Boolean);
  };
  return [
    ...git(['diff', '--name-only', '--diff-filter=ACMR', ref]),
    ...git(['ls-files', '--others', '--exclude-standard']),
  ];
}

/** Every folder's last JSON report in one (of the `--static` runs with `isStatic`), with when each was written. */
function readFolderReports(root: string, isStatic: boolean, dates: string[] = []): MutationReport {
  const report: MutationReport = { files: {} };
  for (const { name } of MUTATED_FOLDERS) {
    const file = path.resolve(root, reportJson(name, isStatic));
    if (!fs.existsSync(file)) continue;
    const one = JSON.parse(fs.readFileSync(file, 'utf8')) as MutationReport;
    for (const [f, v] of Object.entries(one.files))
      report.files[(path.isAbsolute(f) ? path.relative(root, f) : f).split(path.sep).join('/')] = v;
    dates.push(`${name} ${fs.statSync(file).mtime.toISOString().slice(0, 16)}`);
  }
  return report;
}

/** The folders' last reports, their Ignored mutants replaced by the `--static` runs' results. */
function readReports(root: string, dates: string[] = [], staticDates: string[] = []): MutationReport {
  const merged = withStatic(readFolderReports(root, false, dates), readFolderReports(root, true, staticDates));
  if (merged.replaced > 0) staticDates.push(`${merged.replaced} mutants`);
  return merged.report;
}

function printScores(root: string): boolean {
  const dates: string[] = [];
  const staticDates: string[] = [];
  const report = readReports(root, dates, staticDates);
  if (dates.length === 0) {
    console.error(`mutate: no report in ${reportsDir()}/: run npm run mutate first`);
    return false;
  }
  console.log(`\nMutation score per folder (${reportsDir()}/<folder>/mutation.json; last runs: ${dates.join(', ')}):`);
  if (staticDates.length > 0)
    console.log(
      `Mutants only module loading reaches, from the --static runs (${reportsDir(true)}/; ${staticDates.join(', ')})`,
    );
  console.log(scoreTable(folderScores(report, root)));
  // a score covers only the files its runs mutated: name the files of each folder with no mutant in the reports
  // (not run yet, or nothing to mutate, as in a file of types)
  for (const { folder } of MUTATED_FOLDERS) {
    const all = mutatedFiles(fs.readdirSync(path.join(root, folder), { recursive: true }).map((f) => `${folder}/${f}`));
    const missing = all.filter((f) => report.files[f] === undefined);
    if (missing.length > 0 && missing.length < all.length)
      console.log(
        `${folder}: ${all.length - missing.length} of ${all.length} files in the reports; not run yet or nothing to mutate: ${missing.join(', ')}`,
      );
  }
  return true;
}

function main(): void {
  const args = parsedOrExit(() => parseMutateArgs(process.argv.slice(2)));
  if (args.help) {
    console.log(scriptHelp(__filename));
    return;
  }
  const root = projectRoot();
  if (args.scores) process.exit(printScores(root) ? 0 : 1);
  if (args.survivors !== undefined) {
    const report = readReports(root);
    const lines = survivorLines(report, args.survivors.split(path.sep).join('/'));
    console.log(
      lines.length > 0 ? lines.join('\n') : `mutate: no surviving mutant under ${args.survivors} in the last runs`,
    );
    return;
  }
  let files: string[] = [];
  if (args.since !== undefined) {
    files = mutatedFiles(parsedOrExit(() => changedSince(root, args.since!)));
    if (files.length === 0) {
      console.log(`mutate: no file of ${MUTATED_FOLDERS.map((f) => f.folder).join(', ')} changed since ${args.since}`);
      return;
    }
  } else if (args.files.length > 0) {
    files = mutatedFiles(args.files);
    const outside = args.files.filter((f) => !files.includes(f.split(path.sep).join('/')));
    if (outside.length > 0)
      parsedOrExit(() => {
        throw new UsageError(COMMAND, `--file ${outside[0]} is not a .ts file of the mutated folders`);
      });
  }
  const stryker = path.join(root, 'node_modules', '@stryker-mutator', 'core', 'bin', 'stryker.js');
  const lastRuns = args.static ? readFolderReports(root, false) : undefined;
  const selected = args.since !== undefined || args.files.length > 0;
  for (const { name, folder } of MUTATED_FOLDERS) {
    const mine = selected
      ? files.filter((f) => f.startsWith(`${folder}/`))
      : mutatedFiles(fs.readdirSync(path.join(root, folder), { recursive: true }).map((f) => `${folder}/${f}`));
    if (mine.length === 0) continue;
    // one Stryker run per batch of files: each run adds its results to the folder's incremental file when it ends,
    // so an interrupted first run (two hours) keeps the batches it finished; a batch costs one dry run of the tests
    const batches = batchFiles(mine, args.batch);
    for (const [k, batch] of batches.entries()) {
      // --static: only the ranges of the mutants the folder's last run ignored
      const mutate = lastRuns ? staticRanges(lastRuns, batch) : batch;
      if (mutate.length === 0) {
        console.log(`mutate: ${folder}: no ignored mutant in the last runs of ${batch.join(', ')}`);
        continue;
      }
      console.log(`mutate: ${folder}, batch ${k + 1} of ${batches.length}: ${batch.join(', ')}`);
      // Stryker's --mutate takes one comma-separated list (a repeated --mutate keeps only the last)
      // a --static run always re-tests: Stryker's incremental mode keeps a module-level mutant's result whatever
      // tests were added, as it has no per-test coverage to compare
      const strykerArgs = ['run', '--mutate', mutate.join(','), ...(args.force || lastRuns ? ['--force'] : [])];
      const staticEnv = lastRuns ? { STRYKER_STATIC: '1', STRYKER_REPORTS: reportsDir(true) } : {};
      const r = spawnSync(process.execPath, [stryker, ...strykerArgs], {
        cwd: root,
        stdio: 'inherit',
        env: { ...process.env, STRYKER_FOLDER: name, ...staticEnv },
      });
      if (r.status !== 0) process.exit(r.status ?? 1);
    }
  }
  printScores(root);
}

if (require.main === module) main();
