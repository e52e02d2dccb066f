/**
 * The kernel's compiled library (scripts/jupyter/kernel-build.cjs, issue 14): a fresh kernel reads
 * lib/ as .js + .d.ts from .kernel-root/builds/<hash>/, and is never stale: an edit of lib/ is
 * compiled by the next kernel launch. A killed build never damages the previous complete build.
 *
 * Runs on a temporary copy of the project (lib/, scripts/, tsconfig files, package.json, the timing script;
 * data/ and node_modules/ symlinked), with its own kernelspec, through Jupyter's client
 * (bench/kernel_timing.py), so the real checkout's lib/ and builds are never touched.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { findPython } from '../../../scripts/jupyter/env.js';
import { kernelBuild as kb } from '../../../scripts/jupyter/kernel-modules.js';
import { tempDir } from '../../helpers/temp.js';

const ROOT = path.resolve('.');
const require = createRequire(path.join(ROOT, 'package.json'));

const tmp = tempDir('kernel-build-');
const copy = path.join(tmp, 'project');
const probeFile = path.join(copy, 'lib', 'core', 'kernel-probe.ts');
const setProbe = (value: string) => fs.writeFileSync(probeFile, `/** A test's probe (tests/study/jupyter/kernel-build.test.ts). */\nexport const KERNEL_PROBE = '${value}';\n`);

beforeAll(() => {
  fs.mkdirSync(copy);
  for (const f of ['lib', 'scripts', 'tsconfig.json', 'tsconfig.kernel.json', 'package.json', 'bench/kernel_timing.py']) fs.cpSync(path.join(ROOT, f), path.join(copy, f), { recursive: true });
  for (const f of ['data', 'node_modules']) fs.symlinkSync(path.join(ROOT, f), path.join(copy, f));
  fs.appendFileSync(path.join(copy, 'lib', 'index.ts'), "export * from './core/kernel-probe.js';\n");
  setProbe('first');
  const r = spawnSync(process.execPath, [path.join(copy, 'scripts', 'jupyter', 'install-kernel.mjs')], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
});

/** Start a fresh kernel on the copy, import the library as the notebooks do, run `cell`, return its output. */
function kernelRun(cell: string, evals: string[] = []): Record<string, unknown> {
  const python = findPython();
  if (!python) throw new Error('Jupyter (jupyter_client) is required: see scripts/jupyter/env.ts INSTALL_HELP');
  const args = [path.join(copy, 'bench', 'kernel_timing.py'), copy, '--runs', '1', '--cell', cell, ...evals.flatMap((e) => ['--eval', e])];
  const r = spawnSync(python, args, { encoding: 'utf8', env: { ...process.env, JUPYTER_PATH: path.join(copy, 'jupyter'), STUDY_KERNEL_SPARE: '0' }, timeout: 280_000 });
  expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
  return JSON.parse(r.stdout.trim().split('\n').pop()!);
}

describe('the kernel never runs a stale library', () => {
  it('a kernel sees an edit of lib/ without any build step; the library still lands in the real project', () => {
    expect(fs.existsSync(kb.buildsDir(copy))).toBe(false); // no build yet: the kernel launch makes it
    const first = kernelRun('console.log(study.KERNEL_PROBE)', [
      'console.log(process.env.STUDY_KERNEL_LIB)',
      'console.log(study.projectRoot())',
      "console.log(study.runStudy({ dataSource: 'synthetic', choices: { growth: 0.4 } }).partition.length)",
    ]);
    expect(first.value).toBe('first');
    const hashA = kb.sourceHash(copy);
    expect(first.eval0).toBe(path.join(kb.buildsDir(copy), hashA, 'lib')); // tslab read the compiled build
    expect(first.eval1).toBe(copy); // data/, notebooks/, esm-import.cjs: the project's own
    expect(Number(first.eval2)).toBe(17); // the study runs (17 groups of batch 1)

    setProbe('second');
    expect(kb.sourceHash(copy)).not.toBe(hashA);
    const second = kernelRun('console.log(study.KERNEL_PROBE)');
    expect(second.value).toBe('second');
    expect(kb.isComplete(path.join(kb.buildsDir(copy), hashA))).toBe(true); // the previous build is kept
  }, 600_000);

  it('a build killed midway leaves the previous build complete and in use; the next launch builds afresh', async () => {
    setProbe('second');
    const before = kb.ensureBuild(copy);
    expect(before.built).toBe(false); // built by the previous test's kernel

    // the build takes a fraction of a second: the builder is killed as soon as its temporary folder appears
    // (fs.watch on the builds folder), i.e. while it is writing the compiled files. Should a busy machine let one
    // build finish before the kill lands, the next attempt uses other sources (at most 5 attempts).
    const tmpBuilds = (hash: string) => fs.readdirSync(kb.buildsDir(copy)).filter((f) => f.startsWith(`${hash}.tmp-`));
    let killed = '';
    let hashKilled = '';
    for (let attempt = 1; attempt <= 5 && !killed; attempt++) {
      setProbe(`killed-${attempt}`);
      const hash = kb.sourceHash(copy);
      const child = spawn(process.execPath, [path.join(copy, 'scripts', 'jupyter', 'kernel-build.cjs'), '--root', copy], { stdio: 'ignore' });
      const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
      const watcher = fs.watch(kb.buildsDir(copy), () => {
        if (tmpBuilds(hash).length) child.kill('SIGKILL');
      });
      const signal = await exited;
      watcher.close();
      if (signal === 'SIGKILL' && tmpBuilds(hash).length === 1) [killed, hashKilled] = [`killed-${attempt}`, hash];
      // a build that finished is not part of the scenario: removed, so pruning cannot drop the previous build
      else fs.rmSync(path.join(kb.buildsDir(copy), hash), { recursive: true, force: true });
    }
    expect(killed, 'no build was killed midway in 5 attempts').not.toBe(''); // … its temporary folder is left behind
    expect(kb.isComplete(path.join(kb.buildsDir(copy), hashKilled))).toBe(false);
    expect(kb.isComplete(before.dir)).toBe(true);

    // back to the previous sources: the previous build is used as it is, no rebuild
    setProbe('second');
    const again = kb.ensureBuild(copy);
    expect(again).toMatchObject({ dir: before.dir, built: false });
    const lib = require(path.join(again.dir, 'lib', 'index.js')) as { KERNEL_PROBE: string };
    expect(lib.KERNEL_PROBE).toBe('second');

    // the killed sources again: a complete new build, the leftover ignored
    setProbe(killed);
    const rebuilt = kb.ensureBuild(copy);
    expect(rebuilt.built).toBe(true);
    expect(rebuilt.hash).toBe(hashKilled);
    expect(fs.readFileSync(path.join(rebuilt.dir, 'lib', 'core', 'kernel-probe.js'), 'utf8')).toContain(`KERNEL_PROBE = "${killed}"`);
    expect(fs.readFileSync(path.join(rebuilt.dir, 'lib', 'core', 'kernel-probe.d.ts'), 'utf8')).toContain('KERNEL_PROBE');
  }, 300_000);

  it('a build that fails (a syntax error in lib/) throws and leaves the builds as they were', () => {
    const before = fs.readdirSync(kb.buildsDir(copy)).sort();
    fs.writeFileSync(probeFile, 'export const KERNEL_PROBE = ;\n');
    expect(() => kb.ensureBuild(copy)).toThrow(/kernel build failed/);
    expect(fs.readdirSync(kb.buildsDir(copy)).sort()).toEqual(before);
    setProbe('second');
  }, 300_000);
});
