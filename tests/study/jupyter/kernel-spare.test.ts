/**
 * Warm spare kernels (scripts/jupyter/kernel-spare.cjs, spares.cjs; issue 14): an interactive kernel claims a spare
 * that loaded TypeScript and parsed the declarations ahead of time, and then behaves as the kernel: it sees the
 * launching kernel's environment, runs the study, is interrupted by Jupyter's interrupt, and ends when Jupyter kills
 * the launcher. Headless runs never use spares; spares of an older library build are stopped; the spares folder
 * must be private. Driven through jupyter_client (tests/helpers/spare_probe.py), on the real project's build.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureKernel, ensurePython, jupyterEnv } from '../../../scripts/jupyter/env.js';
import { kernelBuild as kb, spares } from '../../../scripts/jupyter/kernel-modules.js';

const ROOT = path.resolve('.');
type Build = { dir: string; hash: string };

const python = ensurePython();
let build: Build;
const interactiveEnv = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => {
  const env = jupyterEnv(extra);
  delete env.STUDY_HEADLESS;
  delete env.STUDY_KERNEL_SPARE;
  return env;
};

async function readySpare(env: NodeJS.ProcessEnv, b: Build = build): Promise<number> {
  const dir = spares.spareDir(ROOT)!;
  const tag = spares.tagOf(b.hash, env);
  if (!spares.list(dir).some((s) => s.tag === tag && spares.alive(s.pid))) spares.ensureOne(ROOT, b, env, process.pid);
  for (let k = 0; k < 600; k++) {
    const s = spares.list(dir).find((x) => x.tag === tag && x.ready);
    if (s) return s.pid;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('no spare got ready within 60 s');
}

function probe(env: NodeJS.ProcessEnv, ...flags: string[]): Record<string, any> {
  const r = spawnSync(python, [path.join(ROOT, 'tests', 'helpers', 'spare_probe.py'), ROOT, ...flags], { encoding: 'utf8', env, timeout: 200_000 });
  expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
  return JSON.parse(r.stdout.trim().split('\n').pop()!);
}

beforeAll(() => {
  ensureKernel();
  build = kb.ensureBuild(ROOT);
  spares.stopAll(ROOT);
});
afterAll(() => spares.stopAll(ROOT));

describe('warm spare kernels', () => {
  it('an unclaimed spare ends within seconds of its owner (the Jupyter server that started its kernel), not 10 minutes later (issue 24, defect 3)', async () => {
    spares.stopAll(ROOT);
    const owner = spawn('sleep', ['300'], { stdio: 'ignore' });
    const env = interactiveEnv();
    const pid = spares.ensureOne(ROOT, build, env, owner.pid)!;
    const dir = spares.spareDir(ROOT)!;
    for (let k = 0; k < 600 && !spares.list(dir).some((s) => s.pid === pid && s.ready); k++)
      await new Promise((r) => setTimeout(r, 100));
    expect(spares.alive(pid)).toBe(true);
    await new Promise((r) => setTimeout(r, 2500));
    expect(spares.alive(pid)).toBe(true); // its owner lives: it waits
    owner.kill('SIGKILL');
    const t0 = Date.now();
    while (spares.alive(pid) && Date.now() - t0 < 10_000) await new Promise((r) => setTimeout(r, 100));
    expect(spares.alive(pid)).toBe(false);
    expect(Date.now() - t0).toBeLessThan(4000);
    expect(spares.list(dir).some((s) => s.pid === pid)).toBe(false);
  }, 120_000);

  it('an interactive kernel claims the ready spare: the launching environment, the study, interrupt, and it ends with its launcher', async () => {
    const env = interactiveEnv({ STUDY_PROBE: 'from-the-launcher' });
    const sparePid = await readySpare(env);
    const r = probe(env, '--interrupt', '--kill');
    expect(r.kernel).toBe(sparePid); // the cells ran in the spare,
    expect(r.launcher).not.toBe(sparePid); // not in the process Jupyter started
    expect(r.probe).toBe('from-the-launcher');
    expect(r.groups).toBe('17');
    expect(r.interrupted).toBe('Error: Script execution was interrupted by `SIGINT`');
    expect(r.kernelGone).toBe(true);
  }, 240_000);

  it('headless runs (STUDY_HEADLESS=1) and STUDY_KERNEL_SPARE=0 leave a ready spare alone and start none', async () => {
    // the spare the previous test's kernel left ends with that test's Jupyter client (its owner): start one of ours
    spares.stopAll(ROOT);
    const env = interactiveEnv();
    const sparePid = await readySpare(env);
    expect(spares.enabled({ STUDY_HEADLESS: '1' })).toBe(false);
    expect(spares.enabled({ STUDY_KERNEL_SPARE: '0' })).toBe(false);
    expect(spares.enabled({})).toBe(process.platform !== 'win32');
    const r = probe({ ...env, STUDY_HEADLESS: '1', STUDY_PROBE: 'headless' });
    expect(r.kernel).toBe(r.launcher); // tslab ran in the launcher's process
    expect(r.probe).toBe('headless');
    expect(r.groups).toBe('17');
    const dir = spares.spareDir(ROOT)!;
    expect(spares.list(dir).filter((s) => spares.alive(s.pid)).map((s) => s.pid)).toEqual([sparePid]);
  }, 240_000);

  it('a spare of another library build is stopped by the next launch, not claimed', async () => {
    const env = interactiveEnv();
    const old: Build = { dir: build.dir, hash: 'f'.repeat(20) };
    const oldPid = await readySpare(env, old);
    const got = await spares.claim(ROOT, build.hash, '/nonexistent/connection.json', env);
    expect(got === undefined || got.pid !== oldPid).toBe(true);
    for (let k = 0; k < 50 && spares.alive(oldPid); k++) await new Promise((r) => setTimeout(r, 100));
    expect(spares.alive(oldPid)).toBe(false);
    expect(spares.list(spares.spareDir(ROOT)!).some((s) => s.hash === old.hash)).toBe(false);
  }, 120_000);

  it('the spares folder is private: one that others may open is refused', () => {
    const fake = path.join(path.dirname(ROOT), `no-such-project-${process.pid}`);
    const dir = spares.spareDir(fake)!;
    expect((fs.statSync(dir).mode & 0o777).toString(8)).toBe('700');
    fs.chmodSync(dir, 0o755);
    try {
      expect(spares.spareDir(fake)).toBeUndefined();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
