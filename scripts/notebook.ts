/**
 * `npm run notebook`: Jupyter on 127.0.0.1 (token authentication kept), opening
 * notebooks/ with the project kernel. Uses classic Notebook, or JupyterLab with
 * `--lab` (or when Notebook is not installed). Extra arguments go to Jupyter.
 *
 *   npm run notebook                            # notebooks/ (the teacher's notebooks)
 *   npm run notebook -- --student               # student/ (npm run student writes it)
 *   npm run notebook -- --notebook-dir=release/03-indices   # any folder (also: a folder as the one positional argument)
 *   npm run notebook -- --lab --port 9999       # JupyterLab, Jupyter's own options passed on
 *
 * Any folder works with the "TypeScript (study)" kernel: its `./lib/index.js` is the project's library, wherever the
 * notebook is.
 * It compiles the library for the kernel and warms one spare kernel before Jupyter starts, so the first
 * notebook's kernel answers in about a second (scripts/jupyter/spares.cjs); the spares end with Jupyter.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT, ensureKernel, jupyterEnv, INSTALL_HELP } from './jupyter/env.js';
import { kernelBuild, spares } from './jupyter/kernel-modules.js';

function has(sub: string): boolean {
  return spawnSync('jupyter', [sub, '--version'], { stdio: 'ignore' }).status === 0;
}

/**
 * The command line of `npm run notebook`: whether `--lab` was given, and every other argument, in order, for
 * Jupyter. Parsed with `parseArgs` in non-strict mode (`strict: false`, `tokens`), because unknown options
 * (`--notebook-dir=…`, `--port 9999`, `--help`) are Jupyter's and pass through untouched. Every argument that is
 * exactly `--lab` is taken out (also after a `--`, as before parseArgs); `--lab=…` is Jupyter's.
 */
export function splitNotebookArgs(args: string[]): { lab: boolean; rest: string[] } {
  const { tokens } = parseArgs({
    args,
    options: { lab: { type: 'boolean' } },
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const labAt = new Set(
    tokens
      .filter(
        (t) =>
          (t.kind === 'option' && t.rawName === '--lab' && t.value === undefined) ||
          (t.kind === 'positional' && t.value === '--lab'),
      )
      .map((t) => t.index),
  );
  return { lab: labAt.size > 0, rest: args.filter((_, i) => !labAt.has(i)) };
}

const DIR_OPTIONS = /^--(?:notebook-dir|ServerApp\.root_dir|NotebookApp\.notebook_dir|ServerApp\.notebook_dir)$/;

/**
 * The folder Jupyter opens: `--student` → student/; `--notebook-dir DIR` (or `=DIR`, or Jupyter's
 * `--ServerApp.root_dir`, `--NotebookApp.notebook_dir`) or one positional folder → that folder, resolved; else
 * notebooks/. The options naming it are taken out of `rest` (Jupyter gets the folder once, as its positional
 * argument: before, `--notebook-dir=student` was passed beside notebooks/ and silently lost to it).
 * @throws Error when two different folders are named
 */
export function notebookFolder(rest: string[], root: string): { folder: string; rest: string[] } {
  const named: string[] = [];
  const out: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    const eq = a.indexOf('=');
    const name = eq > 0 ? a.slice(0, eq) : a;
    if (a === '--student') named.push(path.join(root, 'student'));
    else if (DIR_OPTIONS.test(name)) {
      const v = eq > 0 ? a.slice(eq + 1) : rest[++i];
      if (v === undefined || v === '') throw new Error(`${name} needs a folder`);
      named.push(path.resolve(v));
    } else if (!a.startsWith('-') && (i === 0 || !/^--[\w.-]+$/.test(rest[i - 1]) || rest[i - 1] === '--')) {
      named.push(path.resolve(a));
    } else out.push(a);
  }
  const distinct = [...new Set(named)];
  if (distinct.length > 1) throw new Error(`two folders named: ${distinct.join(' and ')}; give one`);
  return { folder: distinct[0] ?? path.join(root, 'notebooks'), rest: out };
}

function main(): void {
  const split = splitNotebookArgs(process.argv.slice(2));
  const wantLab = split.lab;
  let folder: string;
  let rest: string[];
  try {
    ({ folder, rest } = notebookFolder(split.rest, ROOT));
  } catch (e) {
    console.error(`npm run notebook: ${(e as Error).message}`);
    process.exit(2);
  }
  if (!fs.existsSync(folder) || !fs.statSync(folder).isDirectory()) {
    console.error(
      `npm run notebook: ${folder} is not a folder${folder === path.join(ROOT, 'student') ? ' (write the student edition first: npm run student)' : ''}`,
    );
    process.exit(2);
  }
  ensureKernel();
  const app = wantLab
    ? has('lab')
      ? 'lab'
      : undefined
    : has('notebook')
      ? 'notebook'
      : has('lab')
        ? 'lab'
        : undefined;
  if (!app) {
    console.error(wantLab ? 'JupyterLab was not found (pip install jupyterlab).' : INSTALL_HELP);
    process.exit(1);
  }
  if (rest.some((a) => /^--(ServerApp\.|NotebookApp\.)?(token|password)=?$/.test(a) || /token=''|token=""/.test(a))) {
    console.error('npm run notebook keeps token authentication on; do not pass an empty token.');
    process.exit(1);
  }
  console.log(
    `Starting Jupyter ${app} on 127.0.0.1 in ${folder} with the "TypeScript (study)" kernel (JUPYTER_PATH=${path.join(ROOT, 'jupyter')})`,
  );
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0 ? ['--allow-root'] : [];
  const env = jupyterEnv();
  if (spares.enabled(env)) {
    try {
      spares.ensureOne(ROOT, kernelBuild.ensureBuild(ROOT, { log: (s) => console.log(s) }), env, process.pid);
    } catch (e) {
      console.log(
        `(no warm kernel: ${(e as Error).message.split('\n')[0]}; the kernel compiles or reports it at launch)`,
      );
    }
  }
  const child = spawn('jupyter', [app, '--ip=127.0.0.1', ...asRoot, folder, ...rest], {
    stdio: 'inherit',
    env,
    cwd: ROOT,
  });
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => child.kill(sig));
  child.on('exit', (code) => {
    spares.stopAll(ROOT);
    process.exit(code ?? 0);
  });
}

if (require.main === module) main();
