/**
 * `npm start`: run the whole study. Executes every notebook in notebooks/ headless
 * with Jupyter's executor and the project kernel (two at a time), then writes
 * report/: one HTML page per notebook and report/index.html.
 *
 *   npm start
 *   npm start -- --set 04-partition.growthThreshold=0.4 --set 03.weights='"uniform"'
 *   npm start -- --params my-params.json      ({"04-partition": {"growthThreshold": 0.4}})
 *   npm start -- --only 03,04 --jobs 1 --out /tmp/report    (default: cores + 1 notebooks at a time)
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT } from './jupyter-env.js';
import { DEFAULT_JOBS, checkOverrideTargets, formatFailure, listNotebooks, parseSetArgs, runNotebooks } from './study-runner.js';
import { buildReport } from './build-report.js';

function parseArgs(argv: string[]) {
  const sets: string[] = [];
  let paramsFile: string | undefined;
  let only: string[] | undefined;
  let jobs = DEFAULT_JOBS;
  let outDir = path.join(ROOT, 'report');
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--set') sets.push(val());
    else if (a.startsWith('--set=')) sets.push(a.slice(6));
    else if (a === '--params') paramsFile = val();
    else if (a === '--only') only = val().split(',');
    else if (a === '--jobs') jobs = Number(val());
    else if (a === '--out') outDir = path.resolve(val());
    else if (a === '--help' || a === '-h') {
      console.log(fs.readFileSync(__filename, 'utf8').split('*/')[0]);
      process.exit(0);
    } else throw new Error(`unknown option ${a} (see npm start -- --help)`);
  }
  return { sets, paramsFile, only, jobs, outDir };
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const overrides = parseSetArgs(args.sets);
  if (args.paramsFile) {
    const fromFile = JSON.parse(fs.readFileSync(args.paramsFile, 'utf8')) as Record<string, Record<string, unknown>>;
    for (const [nb, values] of Object.entries(fromFile)) overrides[nb] = { ...values, ...(overrides[nb] ?? {}) };
  }
  let notebooks = listNotebooks();
  if (args.only) notebooks = notebooks.filter((n) => args.only!.some((p) => path.basename(n).startsWith(p)));
  if (notebooks.length === 0) throw new Error('no notebooks to run (notebooks/NN-*.ipynb)');
  checkOverrideTargets(notebooks, overrides);
  const t0 = Date.now();
  console.log(`Running ${notebooks.length} notebook${notebooks.length === 1 ? '' : 's'} (${args.jobs} at a time) → ${path.relative(ROOT, args.outDir) || '.'}/`);
  fs.rmSync(args.outDir, { recursive: true, force: true });
  const results = await runNotebooks(notebooks, { outDir: args.outDir, overrides, jobs: args.jobs, log: (l) => console.log(l) });
  await buildReport(results, args.outDir);
  const failed = results.filter((r) => !r.ok);
  const total = ((Date.now() - t0) / 1000).toFixed(1);
  if (failed.length) {
    console.error(`\n${failed.length} of ${results.length} notebook${results.length === 1 ? '' : 's'} failed (${total} s):\n`);
    for (const r of failed) console.error(formatFailure(r) + '\n');
    return 1;
  }
  console.log(`All ${results.length} notebooks ran in ${total} s. Report: ${path.relative(process.cwd(), path.join(args.outDir, 'index.html'))}`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(`npm start: ${(e as Error).message}`);
    process.exit(1);
  },
);
