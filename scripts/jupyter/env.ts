/**
 * Finding Jupyter (a Python with nbclient, nbconvert and ipykernel) and the
 * project kernel, shared by `npm start`, `npm run notebook` and the tests.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { projectRoot } from '../../lib/io/paths.js';

export const ROOT = projectRoot();
export const KERNEL_NAME = 'tslab-study';
export const JUPYTER_DIR = path.join(ROOT, 'jupyter');

const APT_PACKAGES = [
  'jupyter-notebook',
  'jupyter-nbconvert',
  'python3-ipykernel',
  'jupyter-client',
  'jupyter-core',
  'python3-nbclient',
  'python3-nbformat',
];

export const INSTALL_HELP = [
  'Jupyter (nbclient + nbconvert + ipykernel) was not found.',
  'Install it with one of:',
  `  Debian/Ubuntu:  sudo apt-get install -y --no-install-recommends ${APT_PACKAGES.join(' ')}`,
  '  elsewhere:      python3 -m pip install notebook nbconvert nbclient ipykernel   (or jupyterlab)',
  'Then run the command again. Set STUDY_PYTHON=/path/to/python3 to choose the interpreter.',
].join('\n');

/** Jupyter's executor packages, located without importing them (importing nbconvert alone takes ~0.5 s). */
const HAS_JUPYTER = 'import importlib.util as u, sys; sys.exit(0 if all(u.find_spec(m) for m in ("nbclient", "nbconvert", "nbformat", "ipykernel")) else 1)';

function hasJupyter(python: string): boolean {
  const r = spawnSync(python, ['-c', HAS_JUPYTER], { stdio: 'ignore' });
  return r.status === 0;
}

const found = new Map<string, string | undefined>();

/** The Python interpreter that has Jupyter's executor, or undefined (looked up once per process and STUDY_PYTHON). */
export function findPython(): string | undefined {
  const key = process.env.STUDY_PYTHON ?? '';
  if (!found.has(key) || found.get(key) === undefined) {
    const candidates = [process.env.STUDY_PYTHON, '/usr/bin/python3', 'python3', 'python'].filter((c): c is string => !!c);
    found.set(key, candidates.find((c) => hasJupyter(c)));
  }
  return found.get(key);
}

/**
 * Install Debian packages with apt-get when this is Debian and we are root (CI, fresh containers)
 * and `STUDY_NO_APT` is not 1. Returns false when it could not try or apt-get failed.
 */
export function aptInstall(packages: string[], what: string, log: (s: string) => void = console.log): boolean {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || !fs.existsSync('/etc/debian_version') || process.env.STUDY_NO_APT === '1') return false;
  log(`${what} not found: installing it with apt-get (${packages.join(' ')}) …`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  return spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], { stdio: 'inherit', env }).status === 0;
}

/**
 * The Python with Jupyter; installs it with apt when running as root on Debian
 * (CI, fresh containers); otherwise throws with the install instructions.
 */
export function ensurePython(log: (s: string) => void = console.log): string {
  const python = findPython() ?? (aptInstall(APT_PACKAGES, 'Jupyter', log) ? findPython() : undefined);
  if (!python) throw new Error(INSTALL_HELP);
  return python;
}

/** Where the browser tests look for Chromium (`CHROMIUM_PATH` overrides). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const BROWSER_PACKAGES = ['chromium', 'fonts-dejavu-core', 'fonts-wqy-zenhei'];

/**
 * Chromium for the browser tests (Debian's package, driven by playwright-core; never a downloaded
 * browser): installs it with apt as root on Debian, otherwise throws with the exact command.
 */
export function ensureChromium(log: (s: string) => void = console.log): string {
  if (fs.existsSync(CHROMIUM) || (aptInstall(BROWSER_PACKAGES, 'Chromium', log) && fs.existsSync(CHROMIUM))) return CHROMIUM;
  throw new Error(
    [
      `Chromium was not found at ${CHROMIUM}; the browser tests need it.`,
      `  Debian/Ubuntu:  sudo apt-get install -y --no-install-recommends ${BROWSER_PACKAGES.join(' ')}`,
      '  elsewhere:      install Chromium and set CHROMIUM_PATH=/path/to/chromium',
    ].join('\n'),
  );
}

/**
 * Make sure the project-local kernelspec exists and points at this checkout's launcher (npm install
 * writes it; a clone without install, a moved folder or an older layout may have none or a stale one).
 */
export function ensureKernel(): void {
  const spec = path.join(JUPYTER_DIR, 'kernels', KERNEL_NAME, 'kernel.json');
  let launcher: string | undefined;
  try {
    launcher = (JSON.parse(fs.readFileSync(spec, 'utf8')) as { argv?: string[] }).argv?.[1];
  } catch {
    launcher = undefined;
  }
  if (launcher === path.join(ROOT, 'scripts', 'jupyter', 'kernel.cjs') && fs.existsSync(launcher)) return;
  const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'jupyter', 'install-kernel.mjs')], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('could not register the project kernel (scripts/jupyter/install-kernel.mjs failed)');
}

/** Environment for Jupyter processes: the project kernel on JUPYTER_PATH, quiet debugger, headless charts. */
export function jupyterEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const jp = [JUPYTER_DIR, process.env.JUPYTER_PATH].filter(Boolean).join(path.delimiter);
  return { ...process.env, JUPYTER_PATH: jp, PYDEVD_DISABLE_FILE_VALIDATION: '1', PYTHONWARNINGS: 'ignore', ...extra };
}
