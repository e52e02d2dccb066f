/**
 * The "kernel" section of `npm run bench` (issue 14): a fresh project kernel, timed the way Jupyter
 * drives it (bench/kernel_timing.py, jupyter_client): kernel start, the notebooks' first
 * `import * as study from './lib/index.js'`, then a tweaked runStudy cell. Two modes, alternated:
 * - before: tslab on the library's TypeScript sources (STUDY_KERNEL_SOURCES=1, the old launcher);
 * - after:  tslab on the compiled build (.kernel-root/builds/<hash>, scripts/jupyter/kernel-build.cjs).
 * The machine may be shared: medians of several runs, with the load average before each run.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROOT, ensureKernel, ensurePython, jupyterEnv } from '../scripts/jupyter/env.js';

export interface KernelRun {
  start: number;
  import: number;
  cell: number;
  cell2: number;
  load: number[];
}

export interface KernelBench {
  runs: number;
  build: { built: boolean; seconds: number };
  before: KernelRun[];
  after: KernelRun[];
  median: { before: Omit<KernelRun, 'load'>; after: Omit<KernelRun, 'load'> };
  loadAverage: number;
}

/**
 * The median of a non-empty list.
 * @example median([3, 1, 2]); // => 2
 * @example median([4, 1, 2, 3]); // => 2.5
 */
export function median(xs: number[]): number {
  if (xs.length === 0) throw new Error('median: empty list');
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function timeKernel(python: string, sources: boolean): KernelRun {
  const env = jupyterEnv(sources ? { STUDY_KERNEL_SOURCES: '1' } : {});
  if (!sources) delete env.STUDY_KERNEL_SOURCES;
  const r = spawnSync(python, [path.join(ROOT, 'bench', 'kernel_timing.py'), ROOT, '--runs', '1'], { encoding: 'utf8', env, cwd: ROOT });
  if (r.status !== 0) throw new Error(`kernel timing failed:\n${r.stdout}\n${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as KernelRun;
}

/** Run the section: `runs` fresh kernels per mode, alternating before/after. */
export function runKernelBench(runs: number, log: (s: string) => void = console.log): KernelBench {
  const python = ensurePython(log);
  ensureKernel();
  const kb = createRequire(path.join(ROOT, 'package.json'))('./scripts/jupyter/kernel-build.cjs') as {
    ensureBuild(root: string): { built: boolean; seconds: number };
  };
  const build = kb.ensureBuild(ROOT);
  log(`  library build (.kernel-root): ${build.built ? `compiled now in ${build.seconds.toFixed(1)} s (lib/ changed since the last build)` : 'up to date'}`);
  const before: KernelRun[] = [];
  const after: KernelRun[] = [];
  for (let i = 0; i < runs; i++) {
    before.push(timeKernel(python, true));
    after.push(timeKernel(python, false));
  }
  const med = (rs: KernelRun[]) => ({ start: median(rs.map((r) => r.start)), import: median(rs.map((r) => r.import)), cell: median(rs.map((r) => r.cell)), cell2: median(rs.map((r) => r.cell2)) });
  const loadAverage = median([...before, ...after].map((r) => r.load[0]));
  const result = { runs, build: { built: build.built, seconds: build.seconds }, before, after, median: { before: med(before), after: med(after) }, loadAverage };
  const f = (x: number) => `${x.toFixed(2)} s`.padStart(9);
  log(`  medians of ${runs} fresh kernels each; 1-min load average ${loadAverage.toFixed(1)} (median over runs) on ${os.cpus().length} cores`);
  log('                                   |    before |     after');
  log(`  kernel start                     | ${f(result.median.before.start)} | ${f(result.median.after.start)}`);
  log(`  first import of the library      | ${f(result.median.before.import)} | ${f(result.median.after.import)}`);
  log(`  start + first import             | ${f(result.median.before.start + result.median.before.import)} | ${f(result.median.after.start + result.median.after.import)}`);
  log(`  tweaked runStudy cell (first)    | ${f(result.median.before.cell)} | ${f(result.median.after.cell)}`);
  log(`  tweaked runStudy cell (again)    | ${f(result.median.before.cell2)} | ${f(result.median.after.cell2)}`);
  log('  before: tslab type-checks lib/*.ts in every fresh kernel; after: it reads the compiled .d.ts + .js');
  const first = result.median.after.start + result.median.after.import;
  const tweak = Math.max(result.median.after.cell, result.median.after.cell2);
  log(`  targets: start + first import ≤ 2 s: ${first <= 2 ? 'met' : 'NOT met'} (${first.toFixed(2)} s); tweaked cell ≤ 0.2 s: ${tweak <= 0.2 ? 'met' : 'NOT met'} (${tweak.toFixed(2)} s)`);
  return result;
}
