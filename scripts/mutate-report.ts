/**
 * Reading Stryker's JSON reports for `npm run mutate` (scripts/mutate.ts): the score per folder, the surviving
 * mutants with the code they change, and the mutants reached only while modules load (Stryker's *Ignored*), which
 * `npm run mutate -- --static` tests in a run of their own whose results {@link withStatic} puts in their place.
 */
import * as path from 'node:path';
import { projectRoot } from '../lib/io/paths.js';

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

/** Where a `--static` run writes its reports (beside the folders' own, reports/mutation/). */
export const STATIC_REPORTS = 'reports/mutation-static';

/**
 * Stryker `--mutate` ranges (file:line:column-line:column; lines from 1, columns from 0) that cover exactly the
 * Ignored mutants (reached only while modules load) of the report's files in `files`, one range per mutant
 * location, in file and position order.
 * @example
 * const at = (l: number, c: number, e: number) => ({ start: { line: l, column: c }, end: { line: l, column: e } });
 * staticRanges({ files: { 'lib/core/months.ts': { mutants: [
 *   { status: 'Ignored', location: at(3, 15, 20) }, { status: 'Killed', location: at(1, 1, 4) },
 *   { status: 'Ignored', location: at(3, 15, 20) }, { status: 'Ignored', location: at(2, 7, 9) } ] } } }, ['lib/core/months.ts']);
 * // => ['lib/core/months.ts:2:6-2:8', 'lib/core/months.ts:3:14-3:19']
 */
export function staticRanges(report: MutationReport, files: readonly string[]): string[] {
  const out: { file: string; line: number; col: number; range: string }[] = [];
  const seen = new Set<string>();
  for (const file of files) {
    for (const m of report.files[file]?.mutants ?? []) {
      if (m.status !== 'Ignored' || !m.location) continue;
      const { start, end } = m.location;
      // the report's columns count from 1, Stryker's --mutate ranges from 0
      const range = `${file}:${start.line}:${start.column - 1}-${end.line}:${end.column - 1}`;
      if (seen.has(range)) continue;
      seen.add(range);
      out.push({ file, line: start.line, col: start.column, range });
    }
  }
  return out.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.col - b.col).map((o) => o.range);
}

/**
 * The report with each Ignored mutant replaced by the result a `--static` run gave the same mutant (same file,
 * mutator, replacement and location), and how many were replaced. A mutant whose code moved since that run
 * stays Ignored.
 * @example
 * const at = { start: { line: 1, column: 1 }, end: { line: 1, column: 5 } };
 * const main = { files: { 'lib/core/months.ts': { mutants: [{ status: 'Ignored', mutatorName: 'StringLiteral', replacement: '""', location: at }] } } };
 * const run = { files: { 'lib/core/months.ts': { mutants: [{ status: 'Survived', mutatorName: 'StringLiteral', replacement: '""', location: at }] } } };
 * const merged = withStatic(main, run);
 * [merged.replaced, merged.report.files['lib/core/months.ts'].mutants[0].status]; // => [1, 'Survived']
 */
export function withStatic(
  report: MutationReport,
  staticRun: MutationReport,
): { report: MutationReport; replaced: number } {
  const key = (file: string, m: ReportMutant): string => {
    const l = m.location;
    return `${file}|${m.mutatorName}|${m.replacement}|${l?.start.line}:${l?.start.column}-${l?.end.line}:${l?.end.column}`;
  };
  const found = new Map<string, string>();
  for (const [file, { mutants }] of Object.entries(staticRun.files))
    for (const m of mutants) if (m.status !== 'Ignored') found.set(key(file, m), m.status);
  let replaced = 0;
  const files: MutationReport['files'] = {};
  for (const [file, v] of Object.entries(report.files)) {
    const mutants = v.mutants.map((m) => {
      const status = m.status === 'Ignored' ? found.get(key(file, m)) : undefined;
      if (status === undefined) return m;
      replaced++;
      return { ...m, status };
    });
    files[file] = { ...v, mutants };
  }
  return { report: { files }, replaced };
}
