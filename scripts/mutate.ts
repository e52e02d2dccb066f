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

const COMMAND = 'npm run mutate';

/**
 * The folders mutation testing covers, each a run of its own (stryker.config.mjs `FOLDERS`, chosen by the
 * STRYKER_FOLDER name), with the score each must reach (README).
 */
export const MUTATED_FOLDERS: readonly { name: string; folder: string; target: number }[] = [
  { name: 'steps', folder: 'lib/steps', target: 90 },
  { name: 'core', folder: 'lib/core', target: 90 },
  { name: 'importers', folder: 'lib/io/importers', target: 85 },
  { name: 'comtrade', folder: 'lib/io/comtrade', target: 85 },
];

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

/** Where Stryker writes a folder's JSON report (stryker.config.mjs `jsonReporter`; STRYKER_REPORTS moves it). */
export const reportJson = (name: string): string =>
  `${process.env.STRYKER_REPORTS ?? 'reports/mutation'}/${name}/mutation.json`;

export interface MutateArgs {
  since?: string;
  files: string[];
  force: boolean;
  /** Files per Stryker run (default {@link DEFAULT_BATCH}). */
  batch: number;
  scores: boolean;
  /** A file or folder whose surviving mutants to list (nothing is run). */
  survivors?: string;
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

/** The mutants of one folder, by Stryker's status, and its mutation score. */
export interface FolderScore {
  folder: string;
  target: number;
  mutants: number;
  killed: number;
  timeout: number;
  survived: number;
  noCoverage: number;
  ignored: number;
  errors: number;
  /** (killed + timeout) / (killed + timeout + survived + no coverage) × 100 (Stryker's definition); NaN: none. */
  score: number;
}

/** A mutant as Stryker's JSON report gives it (the fields read here). */
export interface ReportMutant {
  status: string;
  mutatorName?: string;
  replacement?: string;
  location?: { start: { line: number; column: number }; end: { line: number; column: number } };
}

/** The part of Stryker's JSON report (mutation-testing-report-schema) the scores read. */
export interface MutationReport {
  files: Record<string, { mutants: ReportMutant[]; source?: string }>;
}

/**
 * The surviving and uncovered mutants of the report's files under `prefix` (a file or a folder), one line each:
 * where (file:line:column, 1-based), status, mutator, the original code and what the mutant makes of it (first
 * line of each, 60 characters at most), in file and line order.
 * @example
 * const report = { files: { 'lib/core/months.ts': { source: 'const a = b < c;\n', mutants: [
 *   { status: 'Killed', mutatorName: 'EqualityOperator', replacement: 'b <= c', location: { start: { line: 1, column: 11 }, end: { line: 1, column: 16 } } },
 *   { status: 'Survived', mutatorName: 'ConditionalExpression', replacement: 'true', location: { start: { line: 1, column: 11 }, end: { line: 1, column: 16 } } },
 * ] } } };
 * survivorLines(report, 'lib/core'); // => ['lib/core/months.ts:1:11  Survived  ConditionalExpression  b < c  →  true']
 */
export function survivorLines(report: MutationReport, prefix: string): string[] {
  const want = prefix.replace(/\/+$/, '');
  const short = (t: string): string => {
    const first = t.split('\n')[0];
    return first.length > 60 ? `${first.slice(0, 59)}…` : first;
  };
  const out: { file: string; line: number; col: number; text: string }[] = [];
  for (const [file, { mutants, source }] of Object.entries(report.files)) {
    if (file !== want && !file.startsWith(`${want}/`)) continue;
    const lines = (source ?? '').split('\n');
    for (const m of mutants) {
      if (m.status !== 'Survived' && m.status !== 'NoCoverage') continue;
      const { start, end } = m.location ?? { start: { line: 0, column: 0 }, end: { line: 0, column: 0 } };
      let original = '';
      if (start.line > 0) {
        const span = lines.slice(start.line - 1, end.line);
        span[span.length - 1] = span[span.length - 1].slice(
          0,
          end.line === start.line ? end.column - 1 : end.column - 1,
        );
        span[0] = span[0].slice(start.column - 1);
        original = span.join('\n').trim();
      }
      out.push({
        file,
        line: start.line,
        col: start.column,
        text: `${file}:${start.line}:${start.column}  ${m.status}  ${m.mutatorName ?? '?'}  ${short(original)}  →  ${short(m.replacement ?? '')}`,
      });
    }
  }
  return out.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.col - b.col).map((o) => o.text);
}

/**
 * Scores per folder of {@link MUTATED_FOLDERS} from Stryker's JSON report (file names relative to the project
 * root, or absolute under `root`). Ignored mutants and compile or runtime errors do not count, as in Stryker.
 * @example
 * const report = { files: { 'lib/core/months.ts': { mutants: [{ status: 'Killed' }, { status: 'Timeout' }, { status: 'Survived' }, { status: 'NoCoverage' }, { status: 'Ignored' }] } } };
 * const core = folderScores(report).find((s) => s.folder === 'lib/core');
 * core.score; // => 50
 * [core.mutants, core.ignored]; // => [5, 1]
 */
export function folderScores(report: MutationReport, root = projectRoot()): FolderScore[] {
  return MUTATED_FOLDERS.map(({ folder, target }) => {
    const s: FolderScore = {
      folder,
      target,
      mutants: 0,
      killed: 0,
      timeout: 0,
      survived: 0,
      noCoverage: 0,
      ignored: 0,
      errors: 0,
      score: NaN,
    };
    for (const [name, file] of Object.entries(report.files)) {
      const rel = (path.isAbsolute(name) ? path.relative(root, name) : name).split(path.sep).join('/');
      if (!rel.startsWith(`${folder}/`)) continue;
      for (const m of file.mutants) {
        s.mutants++;
        if (m.status === 'Killed') s.killed++;
        else if (m.status === 'Timeout') s.timeout++;
        else if (m.status === 'Survived') s.survived++;
        else if (m.status === 'NoCoverage') s.noCoverage++;
        else if (m.status === 'Ignored') s.ignored++;
        else s.errors++;
      }
    }
    const detected = s.killed + s.timeout;
    const valid = detected + s.survived + s.noCoverage;
    s.score = valid === 0 ? NaN : (100 * detected) / valid;
    return s;
  });
}

/**
 * The per-folder scores as a text table, one column per count; a folder with no mutant in the report (not in the
 * last run) says "not run".
 * @example
 * const t = scoreTable([{ folder: 'lib/core', target: 90, mutants: 4, killed: 3, timeout: 0, survived: 1, noCoverage: 0, ignored: 0, errors: 0, score: 75 }]);
 * t.split('\n')[2]; // => 'lib/core          75.00 %    90 %  below        4        3        0         1        0        0'
 */
export function scoreTable(scores: readonly FolderScore[]): string {
  const cols: [string, number][] = [
    ['score', 9],
    ['target', 8],
    ['', 7],
    ['mutants', 9],
    ['killed', 9],
    ['timeout', 9],
    ['survived', 10],
    ['no cov.', 9],
    ['ignored', 9],
  ];
  const head = 'folder'.padEnd(16) + cols.map(([h, w]) => h.padStart(w)).join('');
  const rows = scores.map((s) => {
    if (s.mutants === 0) return `${s.folder.padEnd(16)}  not run`;
    const cells = [
      `${s.score.toFixed(2)} %`,
      `${s.target} %`,
      `  ${s.score >= s.target ? 'met' : 'below'}`.padEnd(7),
      s.mutants,
      s.killed,
      s.timeout,
      s.survived,
      s.noCoverage,
      s.ignored,
    ];
    return s.folder.padEnd(16) + cells.map((c, k) => (k === 2 ? String(c) : String(c).padStart(cols[k][1]))).join('');
  });
  return [head, '-'.repeat(head.length), ...rows].join('\n');
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

/** Every folder's last JSON report in one, with when each was written. */
function readReports(root: string, dates: string[] = []): MutationReport {
  const report: MutationReport = { files: {} };
  for (const { name } of MUTATED_FOLDERS) {
    const file = path.resolve(root, reportJson(name));
    if (!fs.existsSync(file)) continue;
    const one = JSON.parse(fs.readFileSync(file, 'utf8')) as MutationReport;
    for (const [f, v] of Object.entries(one.files))
      report.files[(path.isAbsolute(f) ? path.relative(root, f) : f).split(path.sep).join('/')] = v;
    dates.push(`${name} ${fs.statSync(file).mtime.toISOString().slice(0, 16)}`);
  }
  return report;
}

function printScores(root: string): boolean {
  const dates: string[] = [];
  const report = readReports(root, dates);
  if (dates.length === 0) {
    console.error('mutate: no report in reports/mutation/: run npm run mutate first');
    return false;
  }
  console.log(`\nMutation score per folder (reports/mutation/<folder>/mutation.json; last runs: ${dates.join(', ')}):`);
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
      console.log(`mutate: ${folder}, batch ${k + 1} of ${batches.length}: ${batch.join(', ')}`);
      // Stryker's --mutate takes one comma-separated list (a repeated --mutate keeps only the last)
      const strykerArgs = ['run', '--mutate', batch.join(','), ...(args.force ? ['--force'] : [])];
      const r = spawnSync(process.execPath, [stryker, ...strykerArgs], {
        cwd: root,
        stdio: 'inherit',
        env: { ...process.env, STRYKER_FOLDER: name },
      });
      if (r.status !== 0) process.exit(r.status ?? 1);
    }
  }
  printScores(root);
}

if (require.main === module) main();
