/**
 * The "kernel" section of `npm run bench` (issue 14): a fresh project kernel, timed the way Jupyter
 * drives it (bench/kernel_timing.py, jupyter_client): kernel start, the notebooks' first
 * `import * as study from './lib/index.js'`, then a tweaked runStudy cell. Three modes, alternated:
 * - before: tslab on the library's TypeScript sources (STUDY_KERNEL_SOURCES=1, the old launcher);
 * - after:  tslab on the compiled build (.kernel-root/builds/<hash>, scripts/jupyter/kernel-build.cjs), cold:
 *           no warm spare (STUDY_KERNEL_SPARE=0), what a headless run and the first kernel of a session get;
 * - spare:  the compiled build through a warm spare (scripts/jupyter/kernel-spare.cjs), what every later kernel
 *           of a Jupyter session gets (and the first one under `npm run notebook`, which warms one at start).
 * The machine may be shared: medians of several runs, with the load average before each run.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { ROOT, ensureKernel, ensurePython, jupyterEnv } from '../scripts/jupyter/env.js';
import { kernelBuild, spares } from '../scripts/jupyter/kernel-modules.js';

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
  /** Compiling lib/ after an edit, in a fresh Node.js process (as a kernel launch does): medians of `runs`. */
  rebuild: { seconds: number; tscSeconds: number };
  before: KernelRun[];
  after: KernelRun[];
  spare: KernelRun[];
  median: { before: Omit<KernelRun, 'load'>; after: Omit<KernelRun, 'load'>; spare: Omit<KernelRun, 'load'> };
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

type Mode = 'before' | 'after' | 'spare';

/** Start a spare for the current build (unless one is ready) and wait until it listens (at most 60 s). */
function warmSpare(build: { dir: string; hash: string }, env: NodeJS.ProcessEnv): void {
  spares.ensureOne(ROOT, build, env);
  const dir = spares.spareDir(ROOT);
  if (!dir) throw new Error('kernel bench: no private folder for spare kernels in the temp dir');
  const tag = spares.tagOf(build.hash, env);
  const until = Date.now() + 60_000;
  while (!spares.list(dir).some((s) => s.tag === tag && s.ready)) {
    if (Date.now() > until) throw new Error('kernel bench: the spare kernel did not get ready within 60 s');
    spawnSync('sleep', ['0.1']);
  }
}

function timeKernel(python: string, mode: Mode, build: { dir: string; hash: string }): KernelRun {
  const env = jupyterEnv(
    mode === 'before'
      ? { STUDY_KERNEL_SOURCES: '1', STUDY_KERNEL_SPARE: '0' }
      : mode === 'after'
        ? { STUDY_KERNEL_SPARE: '0' }
        : {},
  );
  if (mode !== 'before') delete env.STUDY_KERNEL_SOURCES;
  if (mode === 'spare') {
    delete env.STUDY_KERNEL_SPARE;
    delete env.STUDY_HEADLESS;
    warmSpare(build, env);
  }
  const r = spawnSync(python, [path.join(ROOT, 'bench', 'kernel_timing.py'), ROOT, '--runs', '1'], {
    encoding: 'utf8',
    env,
    cwd: ROOT,
  });
  if (r.status !== 0) throw new Error(`kernel timing failed:\n${r.stdout}\n${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as KernelRun;
}

/**
 * Seconds to compile lib/ in a fresh Node.js process, as the first kernel launch after an edit does: the
 * builder's compile step (esbuild + oxc-transform), or `tsc --noCheck` (the builder before, for comparison).
 */
function timeRebuild(tool: 'builder' | 'tsc'): number {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'kernel-rebuild-'));
  const args =
    tool === 'builder'
      ? [
          '-e',
          `require(${JSON.stringify(path.join(ROOT, 'scripts', 'jupyter', 'kernel-build.cjs'))}).compile(${JSON.stringify(ROOT)}, ${JSON.stringify(path.join(out, 'lib'))})`,
        ]
      : [
          path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'),
          '-p',
          path.join(ROOT, 'tsconfig.kernel.json'),
          '--noEmit',
          'false',
          '--noCheck',
          '--outDir',
          path.join(out, 'lib'),
        ];
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8' });
  const seconds = (performance.now() - t0) / 1000;
  const ok =
    r.status === 0 &&
    fs.existsSync(path.join(out, 'lib', 'index.js')) &&
    fs.existsSync(path.join(out, 'lib', 'index.d.ts'));
  fs.rmSync(out, { recursive: true, force: true });
  if (!ok) throw new Error(`bench: the ${tool} build failed:\n${r.stdout}${r.stderr}`);
  return seconds;
}

/** Run the section: `runs` fresh kernels per mode, alternating before/after. */
export function runKernelBench(runs: number, log: (s: string) => void = console.log): KernelBench {
  const python = ensurePython(log);
  ensureKernel();
  const build = kernelBuild.ensureBuild(ROOT);
  log(
    `  library build (.kernel-root): ${build.built ? `compiled now in ${build.seconds.toFixed(1)} s (lib/ changed since the last build)` : 'up to date'}`,
  );
  const before: KernelRun[] = [];
  const after: KernelRun[] = [];
  const spare: KernelRun[] = [];
  const builds: number[] = [];
  const tscs: number[] = [];
  for (let i = 0; i < runs; i++) {
    builds.push(timeRebuild('builder'));
    tscs.push(timeRebuild('tsc'));
  }
  const rebuild = { seconds: median(builds), tscSeconds: median(tscs) };
  log(
    `  compiling lib/ after an edit (fresh process, as the next kernel launch does), medians of ${runs}: ${rebuild.seconds.toFixed(2)} s (esbuild + oxc-transform); tsc --noCheck, the builder before: ${rebuild.tscSeconds.toFixed(2)} s`,
  );
  spares.stopAll(ROOT);
  for (let i = 0; i < runs; i++) {
    before.push(timeKernel(python, 'before', build));
    after.push(timeKernel(python, 'after', build));
    spare.push(timeKernel(python, 'spare', build));
  }
  spares.stopAll(ROOT);
  const med = (rs: KernelRun[]) => ({
    start: median(rs.map((r) => r.start)),
    import: median(rs.map((r) => r.import)),
    cell: median(rs.map((r) => r.cell)),
    cell2: median(rs.map((r) => r.cell2)),
  });
  const loadAverage = median([...before, ...after, ...spare].map((r) => r.load[0]));
  const m = { before: med(before), after: med(after), spare: med(spare) };
  const result = {
    runs,
    build: { built: build.built, seconds: build.seconds },
    rebuild,
    before,
    after,
    spare,
    median: m,
    loadAverage,
  };
  const f = (x: number) => `${x.toFixed(2)} s`.padStart(9);
  const row = (name: string, pick: (r: Omit<KernelRun, 'load'>) => number) =>
    log(`  ${name.padEnd(33)}| ${f(pick(m.before))} | ${f(pick(m.after))} | ${f(pick(m.spare))}`);
  log(
    `  medians of ${runs} fresh kernels each; 1-min load average ${loadAverage.toFixed(1)} (median over runs) on ${os.cpus().length} cores`,
  );
  log('                                   |    before |  compiled | + spare');
  row('kernel start', (r) => r.start);
  row('first import of the library', (r) => r.import);
  row('start + first import', (r) => r.start + r.import);
  row('tweaked runStudy cell (first)', (r) => r.cell);
  row('tweaked runStudy cell (again)', (r) => r.cell2);
  log(
    '  before: tslab type-checks lib/*.ts in every fresh kernel; compiled: it reads the .d.ts + .js (cold start, no spare);',
  );
  log(
    '  + spare: the kernel claims a warm spare (TypeScript loaded, declarations parsed): every kernel of a Jupyter session',
  );
  const cold = m.after.start + m.after.import;
  const warm = m.spare.start + m.spare.import;
  const tweak = Math.max(m.spare.cell, m.spare.cell2, m.after.cell, m.after.cell2);
  log(
    `  targets: start + first import ≤ 2 s: ${warm <= 2 ? 'met' : 'NOT met'} with a spare (${warm.toFixed(2)} s), ${cold <= 2 ? 'met' : 'not met'} cold (${cold.toFixed(2)} s); tweaked cell ≤ 0.2 s: ${tweak <= 0.2 ? 'met' : 'NOT met'} (${tweak.toFixed(2)} s)`,
  );
  return result;
}
