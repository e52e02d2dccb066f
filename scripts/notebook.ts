/**
 * `npm run notebook`: Jupyter on 127.0.0.1 (token authentication kept), opening
 * notebooks/ with the project kernel. Uses classic Notebook, or JupyterLab with
 * `--lab` (or when Notebook is not installed). Extra arguments go to Jupyter.
 * It compiles the library for the kernel and warms one spare kernel before Jupyter starts, so the first
 * notebook's kernel answers in about a second (scripts/jupyter/spares.cjs); the spares end with Jupyter.
 */
import { spawn, spawnSync } from 'node:child_process';
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

function main(): void {
  const { lab: wantLab, rest } = splitNotebookArgs(process.argv.slice(2));
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
    `Starting Jupyter ${app} on 127.0.0.1 with the "TypeScript (study)" kernel (JUPYTER_PATH=${path.join(ROOT, 'jupyter')})`,
  );
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0 ? ['--allow-root'] : [];
  const env = jupyterEnv();
  if (spares.enabled(env)) {
    try {
      spares.ensureOne(ROOT, kernelBuild.ensureBuild(ROOT, { log: (s) => console.log(s) }), env);
    } catch (e) {
      console.log(
        `(no warm kernel: ${(e as Error).message.split('\n')[0]}; the kernel compiles or reports it at launch)`,
      );
    }
  }
  const child = spawn('jupyter', [app, '--ip=127.0.0.1', ...asRoot, path.join(ROOT, 'notebooks'), ...rest], {
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
