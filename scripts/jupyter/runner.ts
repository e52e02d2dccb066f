/**
 * Runs the study's notebooks headless with Jupyter's own executor (nbclient via
 * scripts/jupyter/nbexec.py, one process per run) and the project kernel, writing the report. Used by
 * `npm start` (scripts/start.ts) and by the notebook tests.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createInterface } from 'node:readline';
import { ROOT, ensureKernel, ensurePython, jupyterEnv } from './env.js';
import { kernelBuild } from './kernel-modules.js';
import { renamedChoiceHint } from '../../lib/steps/choices.js';

/**
 * Notebooks run at once by default: as many as the cores (at least 2). On the 2-core machine, an idle `npm start`
 * took 47.4–50.8 s with 2 at a time and 49.3–52.4 s with 3 (alternating runs; the kernels are CPU-bound once the
 * library is compiled, so a third only adds switching). Under load from elsewhere 3 had been slightly ahead.
 */
export const DEFAULT_JOBS = Math.max(2, os.cpus().length);

export interface NotebookResult {
  notebook: string;
  ok: boolean;
  seconds: number;
  cells: number;
  /** Parameter overrides injected into this notebook. */
  parameters: Record<string, unknown>;
  error?: { cell: number | null; firstLine: string; text: string; injected?: boolean };
  htmlFile: string;
  ipynbFile: string;
}

export interface RunOptions {
  /** Folder of notebooks (default notebooks/). */
  notebookDir?: string;
  /** Output folder (default report/). */
  outDir?: string;
  /** Only notebooks whose file name starts with one of these prefixes. */
  only?: string[];
  /** Overrides: notebook stem or prefix → { name: value }. */
  overrides?: Record<string, Record<string, unknown>>;
  /** Notebooks run at once (default DEFAULT_JOBS). */
  jobs?: number;
  /** Per-cell timeout in seconds (default 600). */
  timeout?: number;
  /** Called with one progress line per finished notebook. */
  log?: (line: string) => void;
}

/** The study notebooks in run order: notebooks/NN-*.ipynb sorted by name. */
export function listNotebooks(dir = path.join(ROOT, 'notebooks')): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => /^\d\d-.+\.ipynb$/.test(f))
    .sort()
    .map((f) => path.join(dir, f));
}

/**
 * Which overrides apply to a notebook: `specific` for keys naming it (its full stem,
 * e.g. "04-partition", or its number "04"), `wildcard` for the key "*" (applied only
 * to notebooks that have the parameter).
 */
export function overridesFor(stem: string, overrides: Record<string, Record<string, unknown>>): { specific: Record<string, unknown>; wildcard: Record<string, unknown> } {
  const specific: Record<string, unknown> = {};
  for (const [key, values] of Object.entries(overrides)) if (key === stem || stem.startsWith(`${key}-`)) Object.assign(specific, values);
  return { specific, wildcard: { ...(overrides['*'] ?? {}) } };
}

/** True when a parameters cell's source defines `name` (as an object key `name:`). */
export function hasParameter(parametersCell: string, name: string): boolean {
  return new RegExp(`(^|[\\s,{])${name.replace(/[$]/g, '\\$&')}\\s*:`, 'm').test(parametersCell);
}

/** The source of a notebook's cell tagged `parameters` ('' when it has none). */
export function parametersSource(file: string): string {
  const nb = JSON.parse(fs.readFileSync(file, 'utf8')) as { cells: { metadata?: { tags?: string[] }; source: string | string[] }[] };
  const cell = nb.cells.find((c) => c.metadata?.tags?.includes('parameters'));
  return cell ? [cell.source].flat().join('') : '';
}

/**
 * Parse `--set <notebook>.<param>=<value>` arguments. Values are read as JSON
 * when they parse (numbers, booleans, arrays, quoted strings), else as text.
 */
export function parseSetArgs(sets: string[]): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const s of sets) {
    const m = /^([^.=]+)\.([A-Za-z_$][\w$]*)=(.*)$/s.exec(s);
    if (!m) throw new Error(`--set ${s}: expected <notebook>.<parameter>=<value>, e.g. --set 04-partition.growth=0.4`);
    const [, nb, name, raw] = m;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      value = raw;
    }
    (out[nb] ??= {})[name] = value;
  }
  return out;
}

/** Check that every override names an existing notebook, and that every "*" parameter exists in at least one. */
export function checkOverrideTargets(notebooks: string[], overrides: Record<string, Record<string, unknown>>): void {
  const stems = notebooks.map((n) => path.basename(n, '.ipynb'));
  for (const name of Object.keys(overrides['*'] ?? {})) {
    if (!notebooks.some((n) => hasParameter(parametersSource(n), name)))
      throw new Error(`--set *.${name}: no notebook has a parameter named "${name}"${renamedChoiceHint(name) ? ` (${renamedChoiceHint(name)})` : ''}`);
  }
  for (const key of Object.keys(overrides)) {
    if (key === '*') continue;
    if (!stems.some((s) => s === key || s.startsWith(`${key}-`)))
      throw new Error(`parameters given for notebook "${key}", which does not exist; notebooks: ${stems.join(', ')}`);
  }
}

function injectedSource(stem: string, values: { specific: Record<string, unknown>; wildcard: Record<string, unknown> }): string {
  const lines = ['// Parameters injected by `npm start -- --set …` (papermill convention)', "import { applyParameters } from './lib/index.js';"];
  lines.push(`applyParameters(params, ${JSON.stringify({ ...values.wildcard, ...values.specific })}, ${JSON.stringify(stem)});`);
  return lines.join('\n');
}

/** The executors running now (one per runNotebooks call), for {@link stopNotebooks}. */
const running = new Set<ChildProcess>();
/** Set by {@link stopNotebooks}: no further notebook is started in this process. */
let stopped = false;

/**
 * Stop every notebook run in progress and resolve once each executor has exited. Each executor ends its
 * kernels (and waits for them) before it exits, so when this resolves nothing of these runs writes any more:
 * an interrupted `npm start` can remove its temporary report safely. Executors still alive after
 * `graceMs` are killed outright.
 */
export function stopNotebooks(graceMs = 10_000): Promise<void> {
  stopped = true;
  const waits = [...running].map(
    (child) =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
        child.once('close', () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  );
  return Promise.all(waits).then(() => undefined);
}

/** One notebook for the executor (scripts/jupyter/nbexec.py), and the result's fixed fields. */
function prepareJob(file: string, outDir: string, given: { specific: Record<string, unknown>; wildcard: Record<string, unknown> }) {
  const stem = path.basename(file, '.ipynb');
  const ipynbFile = path.join(outDir, 'notebooks', `${stem}.ipynb`);
  const htmlFile = path.join(outDir, `${stem}.html`);
  fs.rmSync(path.join(outDir, 'results', `${stem}.json`), { force: true });
  // "*" values go only to notebooks that have the parameter; the report records what was applied
  const known = parametersSource(file);
  const applied = { specific: given.specific, wildcard: Object.fromEntries(Object.entries(given.wildcard).filter(([k]) => hasParameter(known, k))) };
  const parameters: Record<string, unknown> = { ...applied.wildcard, ...applied.specific };
  const job = {
    src: file,
    out_ipynb: ipynbFile,
    out_html: htmlFile,
    inject: Object.keys(parameters).length ? injectedSource(stem, applied) : null,
    env: { STUDY_NOTEBOOK: stem, STUDY_RESULTS_DIR: path.join(outDir, 'results') },
  };
  return { job, fixed: { notebook: stem, parameters, htmlFile, ipynbFile } };
}

/**
 * Run a list of notebooks with `jobs` kernels at a time, in order of start, in one executor process
 * (scripts/jupyter/nbexec.py: Python, nbclient and the HTML template are loaded once per run, not per
 * notebook). Never throws for a notebook error (see each result's `ok`); a notebook the executor could
 * not report on gets `ok: false` with the executor's own error output.
 */
export async function runNotebooks(files: string[], opts: RunOptions & { python?: string }): Promise<NotebookResult[]> {
  const python = opts.python ?? ensurePython();
  ensureKernel();
  // compile the library for the kernels once, before starting them in parallel (each would otherwise
  // build it on its own when lib/ changed); a failed build is left to the kernels, which report it
  try {
    kernelBuild.ensureBuild(ROOT, { log: opts.log });
  } catch {
    /* the kernels fall back to the sources and show the compiler's error */
  }
  if (stopped) throw new Error('runNotebooks: not started: the runs of this process were stopped (stopNotebooks)');
  if (files.length === 0) return [];
  const outDir = opts.outDir ?? path.join(ROOT, 'report');
  const jobs = Math.max(1, opts.jobs ?? DEFAULT_JOBS);
  fs.mkdirSync(path.join(outDir, 'notebooks'), { recursive: true });
  const prepared = files.map((f) => prepareJob(f, outDir, overridesFor(path.basename(f, '.ipynb'), opts.overrides ?? {})));
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'study-run-'));
  const jobsFile = path.join(tmp, 'jobs.json');
  fs.writeFileSync(jobsFile, JSON.stringify(prepared.map((p) => p.job)));
  const results: (NotebookResult | undefined)[] = new Array(files.length);
  const started = Date.now();
  let done = 0;
  const args = [path.join(ROOT, 'scripts', 'jupyter', 'nbexec.py'), jobsFile, '--jobs', String(jobs), '--timeout', String(opts.timeout ?? 600), '--cwd', ROOT];
  const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
    // STUDY_RUN_DIR names the run's output folder in the executor's and the kernels' environment (a run's
    // processes can be found by it, e.g. by tests/study/start/interrupt.test.ts)
    const child = spawn(python, args, { cwd: ROOT, env: jupyterEnv({ STUDY_HEADLESS: '1', STUDY_RUN_DIR: outDir }) });
    running.add(child);
    let se = '';
    // one JSON line per finished notebook; anything else on stdout is not a result
    createInterface({ input: child.stdout }).on('line', (line) => {
      let parsed: { job?: number; ok: boolean; seconds: number; cells: number; error?: NotebookResult['error'] };
      try {
        parsed = JSON.parse(line);
      } catch {
        return;
      }
      if (typeof parsed.job !== 'number' || !prepared[parsed.job]) return;
      const { job, ...rest } = parsed;
      const r: NotebookResult = { ...prepared[job].fixed, ...rest };
      results[job] = r;
      done++;
      if (!stopped) opts.log?.(`[${done}/${files.length}] ${r.ok ? 'ok  ' : 'FAIL'} ${r.notebook}  ${r.seconds.toFixed(1)} s${r.ok ? '' : `  (cell ${r.error?.cell ?? '?'})`}`);
    });
    child.stderr.on('data', (d) => (se += d));
    child.on('close', (c) => {
      running.delete(child);
      resolve({ code: c, stderr: se });
    });
  });
  fs.rmSync(tmp, { recursive: true, force: true });
  return prepared.map(
    (p, i) =>
      results[i] ?? {
        ...p.fixed,
        ok: false,
        seconds: (Date.now() - started) / 1000,
        cells: 0,
        error: { cell: null, firstLine: '', text: `the executor failed (exit ${code}):\n${stderr.trim().split('\n').slice(-15).join('\n')}` },
      },
  );
}

/** A failure as a reader should see it: notebook, cell number, its first line, and the kernel's own error text. */
export function formatFailure(r: NotebookResult): string {
  const e = r.error;
  if (!e) return '';
  const where = e.cell === null ? 'before any cell ran' : `cell ${e.cell}${e.injected ? ' (injected parameters)' : ''}`;
  return [`notebook ${r.notebook}.ipynb, ${where}: ${e.firstLine}`, ...e.text.split('\n').map((l) => `    ${l}`)].join('\n');
}
