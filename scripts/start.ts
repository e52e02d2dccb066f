/**
 * `npm start`: run the whole study. Executes every notebook in notebooks/ headless
 * with Jupyter's executor and the project kernel (two at a time), then writes
 * report/: one HTML page per notebook and report/index.html.
 *
 *   npm start
 *   npm start -- --set 04-partition.growth=0.4 --set 03.weights='"uniform"'
 *   npm start -- --params my-params.json      ({"04-partition": {"growth": 0.4}})
 *   npm start -- --only 03,04 --jobs 1 --out /tmp/report    (default: as many notebooks at a time as cores, at least 2)
 *
 * The report is built in a temporary folder beside the output (`<out>.partial-<pid>`) and replaces the
 * output only when every notebook ran and the report is complete: an interrupted run (Ctrl-C, a kill)
 * or a failed one leaves the last good report as it was. A failed run's report goes to `<out>-failed/`.
 *
 * On imported data (`--set '*.dataSource="imported"'`) that is a sum of some partners with no World row (a UN
 * Comtrade file without partner 0), the first line printed says so: "Imported data (…/manifest.json): sum of 2
 * partners: Argentina, Germany — not China's total imports".
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT } from './jupyter/env.js';
import {
  DEFAULT_JOBS,
  checkOverrideTargets,
  formatFailure,
  listNotebooks,
  parseSetArgs,
  runNotebooks,
  stopNotebooks,
} from './jupyter/runner.js';
import { buildReport } from './report/build.js';
import { numberOption, parseCli, scriptHelp } from './cli.js';
import { importedDir } from '../lib/io/paths.js';
import { importedPartners } from '../lib/io/partners.js';

const COMMAND = 'npm start';

/** What `npm start` was asked to do. */
export interface StartArgs {
  /** `--set nb.name=value`, in order (repeatable). */
  sets: string[];
  /** `--params file.json`. */
  paramsFile?: string;
  /** `--only 03,04`: notebook name prefixes. */
  only?: string[];
  /** `--jobs N`: notebooks at a time (default {@link DEFAULT_JOBS}). */
  jobs: number;
  /** `--out DIR`, resolved (default report/). */
  outDir: string;
}

/**
 * The command line of `npm start` (the arguments after the script).
 * @throws {UsageError} for an unknown option, a missing value or a `--jobs` that is not a whole number ≥ 1
 */
export function parseStartArgs(argv: string[]): { help: true } | ({ help: false } & StartArgs) {
  const cli = parseCli(COMMAND, argv, {
    options: {
      set: { type: 'string', multiple: true },
      params: { type: 'string' },
      only: { type: 'string' },
      jobs: { type: 'string' },
      out: { type: 'string' },
    },
  });
  if (cli.help) return cli;
  const v = cli.values;
  return {
    help: false,
    sets: v.set ?? [],
    paramsFile: v.params,
    only: v.only?.split(','),
    jobs: v.jobs === undefined ? DEFAULT_JOBS : numberOption(COMMAND, 'jobs', v.jobs, { integer: true, min: 1 }),
    outDir: v.out === undefined ? path.join(ROOT, 'report') : path.resolve(v.out),
  };
}

/**
 * The line `npm start` prints first when a notebook runs on the imported data (`--set …dataSource="imported"`,
 * for one notebook or `*`) and the imported panel is a sum of some partners with no World row (lib/io/partners.ts):
 * 'Imported data: sum of 2 partners: Argentina, Germany — not China's total imports'. Undefined otherwise.
 */
export function importedDataWarning(
  overrides: Record<string, Record<string, unknown>>,
  dir: string = importedDir(),
): string | undefined {
  if (!Object.values(overrides).some((o) => o.dataSource === 'imported')) return undefined;
  const partners = importedPartners(dir);
  return partners ? `Imported data (${path.join(dir, 'manifest.json')}): ${partners}` : undefined;
}

/**
 * Ctrl-C (or SIGTERM, SIGHUP) sets this and stops the notebook runs; `main` then removes the temporary
 * folder at its next step (see {@link abandon}) and exits with 130. The run's own code does the clean-up,
 * not the signal handler, so nothing of the run writes into the folder after it is removed. A second
 * Ctrl-C removes the folder and exits at once.
 */
let interrupted: NodeJS.Signals | undefined;
/** This run's temporary folder and output, once started. */
let current: { partial: string; outDir: string } | undefined;

/**
 * A fresh temporary folder beside `outDir` for this run; removed if the run is interrupted. Leftovers
 * of runs that were killed outright (kill -9) are removed first.
 */
function startPartial(outDir: string): string {
  const parent = path.dirname(outDir);
  fs.mkdirSync(parent, { recursive: true });
  const prefix = `${path.basename(outDir)}.partial-`;
  for (const f of fs.readdirSync(parent)) {
    const pid = Number(f.slice(prefix.length));
    if (f.startsWith(prefix) && !isRunning(pid)) fs.rmSync(path.join(parent, f), { recursive: true, force: true });
  }
  const partial = path.join(parent, `${prefix}${process.pid}`);
  fs.rmSync(partial, { recursive: true, force: true });
  fs.mkdirSync(partial);
  current = { partial, outDir };
  const onSignal = (sig: NodeJS.Signals) => {
    if (interrupted) process.exit(abandon());
    interrupted = sig;
    console.error(`\nnpm start: ${sig}: stopping the notebooks (Ctrl-C again to stop at once)…`);
    // the executor ends its kernels before it exits, so no kernel can write into the folder later
    void stopNotebooks();
  };
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(sig, onSignal);
  return partial;
}

/**
 * Whether the run was interrupted. Waits one turn of the event loop first: a signal that arrived while
 * the report was being built (synchronous work) is only handled there.
 */
async function interruptedNow(): Promise<boolean> {
  await new Promise((resolve) => setImmediate(resolve));
  return interrupted !== undefined;
}

/** Remove the interrupted run's temporary folder, say that the last report is unchanged; the exit code (130). */
function abandon(): number {
  const { partial, outDir } = current!;
  fs.rmSync(partial, { recursive: true, force: true, maxRetries: 5 });
  console.error(
    `npm start: interrupted (${interrupted}); the previous report in ${path.relative(process.cwd(), outDir) || '.'}/ is unchanged.`,
  );
  return 130;
}

function isRunning(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return pid !== process.pid;
  } catch {
    return false;
  }
}

/** Put the complete folder `from` in place of `to` (the old `to` is moved aside, then removed). */
function replaceDir(from: string, to: string): void {
  const old = `${to}.old-${process.pid}`;
  if (fs.existsSync(to)) fs.renameSync(to, old);
  fs.renameSync(from, to);
  fs.rmSync(old, { recursive: true, force: true });
}

async function main(): Promise<number> {
  const args = parseStartArgs(process.argv.slice(2));
  if (args.help) {
    console.log(scriptHelp(__filename));
    return 0;
  }
  const overrides = parseSetArgs(args.sets);
  if (args.paramsFile) {
    const fromFile = JSON.parse(fs.readFileSync(args.paramsFile, 'utf8')) as Record<string, Record<string, unknown>>;
    for (const [nb, values] of Object.entries(fromFile)) overrides[nb] = { ...values, ...(overrides[nb] ?? {}) };
  }
  let notebooks = listNotebooks();
  if (args.only) notebooks = notebooks.filter((n) => args.only!.some((p) => path.basename(n).startsWith(p)));
  if (notebooks.length === 0) throw new Error('no notebooks to run (notebooks/NN-*.ipynb)');
  checkOverrideTargets(notebooks, overrides);
  const partners = importedDataWarning(overrides);
  if (partners) console.log(partners);
  const t0 = Date.now();
  console.log(
    `Running ${notebooks.length} notebook${notebooks.length === 1 ? '' : 's'} (${args.jobs} at a time) → ${path.relative(ROOT, args.outDir) || '.'}/`,
  );
  const partial = startPartial(args.outDir);
  const results = await runNotebooks(notebooks, {
    outDir: partial,
    overrides,
    jobs: args.jobs,
    log: (l) => console.log(l),
  });
  if (await interruptedNow()) return abandon();
  await buildReport(results, partial);
  // the last moment to stop: after this the complete report replaces the old one
  if (await interruptedNow()) return abandon();
  const failed = results.filter((r) => !r.ok);
  const total = ((Date.now() - t0) / 1000).toFixed(1);
  if (failed.length) {
    const failedDir = `${args.outDir}-failed`;
    replaceDir(partial, failedDir);
    console.error(
      `\n${failed.length} of ${results.length} notebook${results.length === 1 ? '' : 's'} failed (${total} s); the last good report is unchanged, this run's is in ${path.relative(process.cwd(), failedDir)}/:\n`,
    );
    for (const r of failed) console.error(formatFailure(r) + '\n');
    return 1;
  }
  replaceDir(partial, args.outDir);
  console.log(
    `All ${results.length} notebooks ran in ${total} s. Report: ${path.relative(process.cwd(), path.join(args.outDir, 'index.html'))}`,
  );
  return 0;
}

if (require.main === module)
  main().then(
    (code) => process.exit(code),
    (e) => {
      if (interrupted && current) process.exit(abandon());
      console.error(`npm start: ${(e as Error).message}`);
      process.exit(1);
    },
  );
