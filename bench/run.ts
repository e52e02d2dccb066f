/**
 * `npm run bench`: the study's pipeline at scale, against pandas on the same
 * file in the same run, plus the kernel section (bench/kernel.ts), the sensitivity sweep and the full `npm start`.
 *
 *   npm run bench                       # 1 M, 5 M and 20 M rows, pandas, sweep, npm start
 *   npm run bench -- --sizes 1,5 --skip-start --skip-pandas
 *   npm run bench -- --kernel-only --kernel-runs 5     # only the kernel section (fresh kernel start, first import)
 *   npm run bench -- --tests-only                      # only the test suites: the unit project, npm test cold and warm
 *   npm run bench -- --skip-tests                      # everything but the test suites (they take minutes)
 *
 * Panels are SYNTHETIC (lib/synthetic/universe.ts: every code of China's 2023
 * list, 18 partners) written to bench/out/ (git-ignored) and reused when present.
 * python3-pandas is installed with apt when missing and running as root on Debian.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { generateUniverse, universeCodesFromReference } from '../lib/synthetic/universe.js';
import { progressBar } from '../lib/present/display.js';
import { runSensitivityBench } from './sensitivity.js';
import { runKernelBench } from './kernel.js';
import { numberListOption, numberOption, parseCli, parsedOrExit, scriptHelp } from '../scripts/cli.js';

const COMMAND = 'npm run bench';

/** What `npm run bench` was asked to do. */
export interface BenchArgs {
  /** `--sizes 1,5,20`: panel sizes in millions of rows. */
  sizes: number[];
  skipPandas: boolean;
  skipStart: boolean;
  skipKernel: boolean;
  kernelOnly: boolean;
  /** `--kernel-runs N` (default 3). */
  kernelRuns: number;
  skipTests: boolean;
  testsOnly: boolean;
}

/**
 * The command line of `npm run bench` (the arguments after the script).
 * @throws {UsageError} for an unknown option, a missing value, a `--sizes` item that is not a positive number or a
 * `--kernel-runs` that is not a whole number ≥ 1
 */
export function parseBenchArgs(argv: string[]): { help: true } | ({ help: false } & BenchArgs) {
  const flag = { type: 'boolean', default: false } as const;
  const cli = parseCli(COMMAND, argv, {
    options: {
      sizes: { type: 'string', default: '1,5,20' },
      'skip-pandas': flag,
      'skip-start': flag,
      'skip-kernel': flag,
      'kernel-only': flag,
      'kernel-runs': { type: 'string', default: '3' },
      'skip-tests': flag,
      'tests-only': flag,
    },
  });
  if (cli.help) return cli;
  const v = cli.values;
  return {
    help: false,
    sizes: numberListOption(COMMAND, 'sizes', v.sizes, { positive: true }),
    skipPandas: v['skip-pandas'],
    skipStart: v['skip-start'],
    skipKernel: v['skip-kernel'],
    kernelOnly: v['kernel-only'],
    kernelRuns: numberOption(COMMAND, 'kernel-runs', v['kernel-runs'], { integer: true, min: 1 }),
    skipTests: v['skip-tests'],
    testsOnly: v['tests-only'],
  };
}

const OUT = path.resolve('bench', 'out');
const PARTNERS = 18;
const MONTHS = 126;
const tsx = path.resolve('node_modules', '.bin', 'tsx');

function log(s = ''): void {
  console.log(s);
}

function pandasPython(): string | undefined {
  const ok = (py: string) => spawnSync(py, ['-c', 'import pandas, numpy'], { stdio: 'ignore' }).status === 0;
  for (const py of ['/usr/bin/python3', 'python3']) if (ok(py)) return py;
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (root && fs.existsSync('/etc/debian_version')) {
    log('pandas not found: apt-get install python3-pandas …');
    spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'python3-pandas'], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    if (ok('/usr/bin/python3')) return '/usr/bin/python3';
  }
  log('pandas is not available (apt-get install python3-pandas, or pip install pandas): the comparison is skipped.');
  return undefined;
}

function universeCodes(): string[] {
  return universeCodesFromReference(2023);
}

/** The first 400 bytes of a file (the generator's comment line and header). */
function fileHead(file: string): string {
  const fd = fs.openSync(file, 'r');
  const buf = Buffer.alloc(400);
  const n = fs.readSync(fd, buf, 0, 400, 0);
  fs.closeSync(fd);
  return buf.subarray(0, n).toString('utf8');
}

function ensurePanel(
  millions: number,
  all: string[],
): { file: string; rows: number; seconds: number; generated: boolean } {
  const nCodes = Math.min(all.length, Math.round((millions * 1e6) / (MONTHS * PARTNERS)));
  const codes = all.slice(0, nCodes);
  const file = path.join(OUT, `universe-${millions}M-SYNTHETIC.csv`);
  const rows = nCodes * MONTHS * PARTNERS;
  if (
    fs.existsSync(file) &&
    fileHead(file).includes(
      `${nCodes} codes × ${MONTHS} months × ${PARTNERS} partners; regime 10 (ordinary trade) throughout\ncode,level`,
    )
  ) {
    return { file, rows, seconds: 0, generated: false };
  }
  const t0 = performance.now();
  const bar = progressBar(`generating ${path.basename(file)}`);
  generateUniverse({ codes, seed: 20250101, partners: PARTNERS, file, onProgress: (d, t) => bar.update(d, t) });
  return { file, rows, seconds: (performance.now() - t0) / 1000, generated: true };
}

interface PipelineRun {
  rows: number;
  codes: number;
  importAggregateSeconds: number;
  indicesSeconds: number;
  partitionSeconds: number;
  totalSeconds: number;
  peakRssMB: number;
  patterns: Record<string, number>;
}

function runJson(cmd: string, argv: string[]): PipelineRun {
  const r = spawnSync(cmd, argv, { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`${cmd} ${argv.join(' ')} failed:\n${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as PipelineRun;
}

const fmt = (x: number, d = 2) => x.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });

/** Wall time of a command (seconds) and whether it passed. */
function timed(cmd: string, argv: string[], env: Record<string, string> = {}): { seconds: number; ok: boolean } {
  const t0 = performance.now();
  const r = spawnSync(cmd, argv, { stdio: 'ignore', env: { ...process.env, ...env } });
  return { seconds: (performance.now() - t0) / 1000, ok: r.status === 0 };
}

/**
 * The test suites as a developer waits for them: the unit project; `npm test` cold (STUDY_TEST_FRESH=1: every
 * notebook and submission executed, as on a fresh clone) and warm (right after: inputs unchanged, so the executed
 * notebooks and grades of the cold run are reused; tests/helpers/run-cache.ts).
 */
function runTestBench(): Record<string, { seconds: number; ok: boolean }> {
  const vitest = path.resolve('node_modules', '.bin', 'vitest');
  log('\nTests (wall time, this machine):');
  const out: Record<string, { seconds: number; ok: boolean }> = {};
  const show = (name: string, r: { seconds: number; ok: boolean }, target?: number) =>
    log(
      `  ${name.padEnd(44)} ${fmt(r.seconds, 1).padStart(7)} s${r.ok ? '' : ' (FAILED)'}${target ? `   target ≤ ${target} s: ${r.seconds <= target ? 'met' : 'NOT met'}` : ''}`,
    );
  // the unit project is short and the machine noisy: the median of three runs (each one printed)
  const units = [0, 1, 2].map(() => timed(vitest, ['run', '--project', 'unit']));
  const sorted = [...units].sort((a, b) => a.seconds - b.seconds);
  out.unit = { seconds: sorted[1].seconds, ok: units.every((u) => u.ok) };
  show(`unit project (npm run test:unit), median of 3`, out.unit, 15);
  log(`    the three runs: ${units.map((u) => `${fmt(u.seconds, 1)} s`).join(', ')}`);
  out.npmTestCold = timed(vitest, ['run'], { STUDY_TEST_FRESH: '1' });
  show('npm test, cold (every execution)', out.npmTestCold, 120);
  out.npmTestWarm = timed(vitest, ['run']);
  show('npm test, warm (inputs unchanged)', out.npmTestWarm, 120);
  return out;
}

function main(): void {
  const args = parsedOrExit(() => parseBenchArgs(process.argv.slice(2)));
  if (args.help) {
    log(scriptHelp(__filename));
    return;
  }
  const { sizes, skipPandas, skipStart, skipKernel, kernelOnly, kernelRuns, skipTests, testsOnly } = args;
  fs.mkdirSync(OUT, { recursive: true });
  log(
    `Machine: ${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), ${fmt(os.totalmem() / 2 ** 30, 0)} GiB, node ${process.version}`,
  );
  const results: Record<string, unknown>[] = [];
  if (testsOnly) {
    results.push({ tests: runTestBench() });
    fs.writeFileSync(path.join(OUT, 'results-tests.json'), JSON.stringify(results, null, 1) + '\n');
    return;
  }
  if (!skipKernel) {
    log(
      '\nKernel (a fresh project kernel through jupyter_client: start, first import of the library, a tweaked runStudy cell):',
    );
    results.push({ kernel: runKernelBench(kernelRuns, log) });
  }
  if (kernelOnly) {
    fs.writeFileSync(path.join(OUT, 'results-kernel.json'), JSON.stringify(results, null, 1) + '\n');
    log(`\nAll figures: ${path.relative(process.cwd(), path.join(OUT, 'results-kernel.json'))}`);
    return;
  }
  const python = skipPandas ? undefined : pandasPython();
  const codes = universeCodes();
  log('\nPipeline: import (partner rows summed to code × month) + indices per code + partition; same file for both.');
  log(
    'rows        | ours: total s  rows/s      peak MB | pandas: total s  peak MB | ratio ours/pandas | patterns equal',
  );
  for (const m of sizes) {
    const p = ensurePanel(m, codes);
    if (p.generated)
      log(
        `  (generated ${path.relative(process.cwd(), p.file)}: ${fmt(p.rows, 0)} rows in ${fmt(p.seconds, 1)} s, ${fmt(fs.statSync(p.file).size / 2 ** 20, 0)} MB)`,
      );
    const ours = runJson(tsx, ['bench/pipeline.ts', p.file]);
    const pandas = python ? runJson(python, ['bench/pipeline_pandas.py', p.file]) : undefined;
    const same = pandas ? JSON.stringify(ours.patterns) === JSON.stringify(pandas.patterns) : undefined;
    const ratio = pandas ? ours.totalSeconds / pandas.totalSeconds : undefined;
    log(
      `${fmt(ours.rows, 0).padStart(11)} | ${fmt(ours.totalSeconds).padStart(13)}  ${fmt(ours.rows / ours.totalSeconds, 0).padStart(10)}  ${fmt(ours.peakRssMB, 0).padStart(7)} | ` +
        (pandas
          ? `${fmt(pandas.totalSeconds).padStart(15)}  ${fmt(pandas.peakRssMB, 0).padStart(7)} | ${fmt(ratio!).padStart(17)} | ${same ? 'yes' : 'NO'}`
          : 'skipped'),
    );
    log(
      `            |   import+aggregate ${fmt(ours.importAggregateSeconds)} s, indices ${fmt(ours.indicesSeconds, 3)} s, partition ${fmt(ours.partitionSeconds, 3)} s` +
        (pandas
          ? `; pandas ${fmt(pandas.importAggregateSeconds)} / ${fmt(pandas.indicesSeconds, 3)} / ${fmt(pandas.partitionSeconds, 3)} s`
          : ''),
    );
    if (pandas && !same)
      log(
        `            !! pattern counts differ: ours ${JSON.stringify(ours.patterns)} pandas ${JSON.stringify(pandas.patterns)}`,
      );
    results.push({ millions: m, file: path.basename(p.file), ours, pandas, ratio, patternsEqual: same });
  }

  log('\nSensitivity sweep (17 groups × 126 months, SYNTHETIC series):');
  const sweep = runSensitivityBench(5);
  for (const f of sweep.figures)
    log(
      `  ${f.name}: ${fmt(f.combinations, 0)} combinations, median ${fmt(f.medianMs, 1)} ms (min ${fmt(f.minMs, 1)} ms)`,
    );
  results.push({ sensitivity: sweep });

  if (!skipStart) {
    log('\nFull study (npm start, all notebooks):');
    const t0 = performance.now();
    // exactly what `npm start` runs (node --import tsx scripts/start.ts)
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/start.ts', '--out', path.join(OUT, 'report')], {
      encoding: 'utf8',
    });
    const seconds = (performance.now() - t0) / 1000;
    log(
      r.stdout
        .trim()
        .split('\n')
        .map((l) => `  ${l}`)
        .join('\n'),
    );
    log(
      `  npm start: ${fmt(seconds, 1)} s wall${r.status === 0 ? '' : ' (FAILED)'}   target ≤ 45 s: ${seconds <= 45 ? 'met' : 'NOT met'}`,
    );
    results.push({ npmStartSeconds: seconds, ok: r.status === 0 });
  }
  if (!skipTests) results.push({ tests: runTestBench() });
  fs.writeFileSync(path.join(OUT, 'results.json'), JSON.stringify(results, null, 1) + '\n');
  log(`\nAll figures: ${path.relative(process.cwd(), path.join(OUT, 'results.json'))}`);
}

if (require.main === module) main();
