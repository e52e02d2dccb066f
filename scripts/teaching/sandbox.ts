/**
 * Where and how a submission runs when it is graded (scripts/teaching/grader.ts): a fresh working folder per
 * submission, and two confinements measured to work on this machine (Node 20, Debian, root in CI):
 *
 * - files: the kernel runs under Node.js's permission model (`--experimental-permission` on Node 20, `--permission`
 *   on 22+): it may READ only its working folder (the submission, a copy of the compiled library, a package.json),
 *   the project's node_modules and data/, and WRITE only the folder's `scratch/` (also its HOME and TMPDIR). No child
 *   processes, no worker threads. Native addons stay allowed (`--allow-addons`): the kernel's ZeroMQ transport is one.
 * - network: the executor and its kernel run in a network namespace of their own (`unshare -n`, loopback only;
 *   `unshare -rn` as a user where user namespaces are allowed): the kernel talks to the executor over that loopback
 *   and reaches nothing else — not the internet, not a server on the machine's own 127.0.0.1.
 *
 * Each confinement that cannot be had here is reported (see {@link confinement}) and the grades say so.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { ROOT } from '../jupyter/env.js';
import { kernelBuild } from '../jupyter/kernel-modules.js';

/** The kernel name of a graded submission (its spec lives in the working folder's jupyter/kernels/). */
export const GRADE_KERNEL = 'tslab-grade';

/**
 * The library a submission's kernel reads: the compiled build (.js + .d.ts, scripts/jupyter/kernel-build.cjs) of the
 * current lib/, so tslab reads declarations instead of type-checking the sources in every graded kernel (4.5 → 0.5 s
 * per submission); lib/ itself when it does not compile, so the submission shows the compiler's error.
 */
export function libraryToCopy(): string {
  try {
    return path.join(kernelBuild.ensureBuild(ROOT).dir, 'lib');
  } catch {
    return path.join(ROOT, 'lib');
  }
}

/**
 * Take the expected answers and the model answers out of a library copy (its compiled lib/teaching/exercises/*.js):
 * each module's exercises keep what the check shows (prompt, hint, tolerance, points …) and lose `expected` and
 * `solutionExpr`, so a submission's kernel cannot compute or read them; its check then hands the answer to the
 * grader ("submitted"), which compares it with the answers of its own run (scripts/teaching/expected.ts). Other
 * exports (e.g. an exercise's own data) are kept as data. `sourceDir`: the compiled library the copy was made from.
 * Returns the files rewritten (none for a copy of the sources, when lib/ does not compile).
 */
export function stripAnswers(libDir: string, sourceDir: string = libDir): string[] {
  const dir = path.join(libDir, 'teaching', 'exercises');
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  for (const f of fs.readdirSync(dir).filter((x) => /^\d\d-.+\.js$/.test(x))) {
    // the compiled module it was copied from (CommonJS; loaded once per build, its imports found above it)
    const mod = createRequire(__filename)(path.join(sourceDir, 'teaching', 'exercises', f)) as Record<string, unknown>;
    const lines = ['"use strict";', 'Object.defineProperty(exports, "__esModule", { value: true });'];
    for (const [name, value] of Object.entries(mod)) {
      const data = Array.isArray(value)
        ? value.map((e: Record<string, unknown>) => {
            const { expected: _e, solutionExpr: _s, ...shown } = e;
            return shown;
          })
        : value;
      lines.push(`exports.${name} = ${JSON.stringify(data)};`);
    }
    fs.writeFileSync(path.join(dir, f), lines.join('\n') + '\n');
    out.push(path.join(dir, f));
  }
  return out;
}

/** What confines a graded kernel here. */
export interface Confinement {
  /** Node's permission model on the kernel (reads and writes limited as above). */
  files: boolean;
  /** The command prefix that gives the executor a network namespace of its own ([] when none could be had). */
  network: string[];
  /** One line for the grades: what is confined and what is not. */
  summary: string;
}

let measured: Confinement | undefined;

/**
 * The confinement available on this machine, measured once per process (`STUDY_GRADE_CONFINE=0` turns both off, for
 * a teacher who must grade where neither works; the grades then say so).
 */
export function confinement(): Confinement {
  if (measured) return measured;
  const off = process.env.STUDY_GRADE_CONFINE === '0';
  const files =
    !off &&
    spawnSync(process.execPath, [...permissionFlags(os.tmpdir(), []), '-e', '0'], { stdio: 'ignore' }).status === 0;
  let network: string[] = [];
  if (!off)
    for (const prefix of [
      ['unshare', '-n'],
      ['unshare', '-rn'],
    ]) {
      const probe = spawnSync(prefix[0], [...prefix.slice(1), 'sh', '-c', 'ip link set lo up'], { stdio: 'ignore' });
      if (probe.status === 0) {
        network = prefix;
        break;
      }
    }
  const parts = [
    files
      ? 'files: the kernel reads only its folder, node_modules and data/, writes only its scratch folder'
      : 'files: NOT confined (Node.js permission model unavailable)',
    network.length
      ? 'network: none (a network namespace of its own)'
      : 'network: NOT confined (no network namespace: unshare failed)',
  ];
  measured = { files, network, summary: parts.join('; ') };
  return measured;
}

/** Node.js's permission-model flags: read `reads`, write `write` only (Node 20: --experimental-permission). */
export function permissionFlags(write: string, reads: string[]): string[] {
  const major = Number(process.versions.node.split('.')[0]);
  return [
    major >= 22 ? '--permission' : '--experimental-permission',
    '--no-warnings',
    '--allow-addons',
    ...[...reads, write].map((r) => `--allow-fs-read=${r}`),
    `--allow-fs-write=${write}`,
  ];
}

/**
 * A fresh working folder for one submission: the library (compiled, see libraryToCopy) and a package.json (copied),
 * node_modules and data (linked: the kernel may read them, never write them when confined), `scratch/`, `home/`,
 * `tmp/` and `runtime/` (the connection file), and a kernel spec (`reads`: further folders the kernel may read, e.g.
 * the code lists outside the project) whose kernel starts there under the permission model.
 */
export function makeWorkFolder(
  lib = libraryToCopy(),
  confine = confinement(),
  reads: string[] = [],
  opts: { strip?: boolean } = {},
): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'study-grade-'));
  fs.copyFileSync(path.join(ROOT, 'package.json'), path.join(dir, 'package.json'));
  if (fs.existsSync(path.join(ROOT, 'tsconfig.json')))
    fs.copyFileSync(path.join(ROOT, 'tsconfig.json'), path.join(dir, 'tsconfig.json'));
  fs.cpSync(lib, path.join(dir, 'lib'), { recursive: true });
  if (opts.strip ?? true) stripAnswers(path.join(dir, 'lib'), lib);
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  fs.symlinkSync(path.join(ROOT, 'data'), path.join(dir, 'data'), 'dir');
  for (const d of ['scratch', 'scratch/home', 'scratch/tmp', 'runtime']) fs.mkdirSync(path.join(dir, d));
  const spec = path.join(dir, 'jupyter', 'kernels', GRADE_KERNEL);
  fs.mkdirSync(spec, { recursive: true });
  const tslab = path.join(ROOT, 'node_modules', 'tslab', 'bin', 'tslab');
  const flags = confine.files
    ? permissionFlags(path.join(dir, 'scratch'), [
        dir,
        // as linked and as they really are (a linked node_modules is read at its real place)
        ...new Set(['node_modules', 'data'].flatMap((d) => [path.join(ROOT, d), fs.realpathSync(path.join(ROOT, d))])),
        '/etc/alpine-release', // ZeroMQ's loader asks whether this is Alpine Linux
        ...reads,
      ])
    : [];
  fs.writeFileSync(
    path.join(spec, 'kernel.json'),
    JSON.stringify(
      {
        argv: [process.execPath, ...flags, tslab, 'kernel', '--config-path', '{connection_file}'],
        display_name: 'TypeScript (study, grading)',
        language: 'typescript',
        env: {
          HOME: path.join(dir, 'scratch', 'home'),
          TMPDIR: path.join(dir, 'scratch', 'tmp'),
        },
      },
      null,
      1,
    ),
  );
  return dir;
}

/** What the executor (scripts/jupyter/nbgrade.py) reports. */
export interface ExecResult {
  outcome: 'ok' | 'timeout' | 'dead' | 'unreadable';
  seconds: number;
  errors: { cell: number; text: string }[];
  stoppedAt: number | null;
  detail: string;
}

/**
 * Execute `src` into `out` in the working folder `cwd` (made by {@link makeWorkFolder}), within the confinement:
 * the executor and kernel in their own network namespace when one can be had. Never rejects.
 */
export function runExecutor(
  python: string,
  src: string,
  out: string,
  cwd: string,
  limit: number,
  env: NodeJS.ProcessEnv,
  confine = confinement(),
): Promise<ExecResult> {
  return new Promise((resolve) => {
    const args = [
      path.join(ROOT, 'scripts', 'jupyter', 'nbgrade.py'),
      src,
      out,
      '--cwd',
      cwd,
      '--limit',
      String(limit),
      '--kernel',
      GRADE_KERNEL,
    ];
    const [cmd, ...pre] = confine.network.length
      ? [...confine.network, 'sh', '-c', 'ip link set lo up && exec "$@"', 'sh', python]
      : [python];
    const child = spawn(cmd, [...pre, ...args], {
      cwd,
      // the connection file goes to a temporary file of the executor's (nbclient): inside the folder, where the kernel may read it
      env: { ...env, JUPYTER_RUNTIME_DIR: path.join(cwd, 'runtime'), TMPDIR: path.join(cwd, 'runtime') },
    });
    let so = '';
    let se = '';
    child.stdout.on('data', (d) => (so += d));
    child.stderr.on('data', (d) => (se += d));
    // backstop: the executor enforces the limit itself (on the cells); this only catches a hung executor (kernel start-up included)
    const hard = setTimeout(
      () => {
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 15_000).unref();
      },
      (limit + 150) * 1000,
    );
    child.on('close', (code) => {
      clearTimeout(hard);
      const line = so.trim().split('\n').filter(Boolean).pop() ?? '';
      try {
        resolve(JSON.parse(line) as ExecResult);
      } catch {
        resolve({
          outcome: 'dead',
          seconds: 0,
          errors: [],
          stoppedAt: null,
          detail: `the executor failed (exit ${code}): ${se.trim().split('\n').slice(-5).join(' | ')}`,
        });
      }
    });
  });
}
