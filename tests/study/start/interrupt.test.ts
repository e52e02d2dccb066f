/**
 * `npm start` replaces the report only when the run is complete: Ctrl-C in the middle leaves the last
 * good report as it was (and no temporary folder behind); a complete run replaces it.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/temp.js';

const tmp = tempDir('start-');
const out = path.join(tmp, 'report');
// exactly what `npm start` runs (node --import tsx scripts/start.ts), with this test's node
const [cmd, ...cmdArgs] = (
  JSON.parse(fs.readFileSync('package.json', 'utf8')) as { scripts: { start: string } }
).scripts.start.split(' ');
const started: ChildProcess[] = [];
/** A run left behind by a failed expectation: stopped as Ctrl-C would stop it (its kernels too), so it cannot
 * replace the report under the next test. */
async function stopLeftRuns(): Promise<void> {
  for (const c of started.filter((c) => c.exitCode === null && c.signalCode === null)) {
    const gone = new Promise((resolve) => c.once('exit', resolve));
    process.kill(-c.pid!, 'SIGTERM');
    await gone;
  }
}
afterEach(stopLeftRuns, 60_000);

function start(args: string[]) {
  // detached: its own process group, so a signal reaches npm start and every child, as Ctrl-C does
  expect(cmd).toBe('node'); // no wrapper process between the shell and the run (tsx's CLI would SIGKILL a busy run on Ctrl-C)
  const child = spawn(process.execPath, [...cmdArgs, ...args], { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  started.push(child);
  let text = '';
  child.stdout.on('data', (d) => (text += d));
  child.stderr.on('data', (d) => (text += d));
  const done = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  /** Resolves as soon as the run prints a line matching `re`. */
  const printed = (re: RegExp) =>
    new Promise<void>((resolve) => {
      const check = () => re.test(text) && resolve();
      child.stdout.on('data', check);
      child.stderr.on('data', check);
      check();
    });
  return { child, done, printed, output: () => text };
}

/** The last good report: one page the tests recognise. */
function goodReport(): void {
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(path.join(out, 'index.html'), 'GOOD REPORT');
}

const partials = () => fs.readdirSync(tmp).filter((f) => f.includes('.partial-'));

/** Processes whose environment names `dir` (a run's executor and kernels get it in STUDY_RUN_DIR), with their command lines. */
function processesUsing(dir: string): { pid: number; cmd: string }[] {
  const found: { pid: number; cmd: string }[] = [];
  for (const pid of fs.readdirSync('/proc').filter((f) => /^\d+$/.test(f))) {
    try {
      if (fs.readFileSync(`/proc/${pid}/environ`, 'latin1').includes(dir))
        found.push({ pid: Number(pid), cmd: fs.readFileSync(`/proc/${pid}/cmdline`, 'latin1').split('\0').join(' ') });
    } catch {
      /* gone, or not ours to read */
    }
  }
  return found;
}

/** Wait (up to `ms`) until `cond` holds; returns whether it did. */
async function waitFor(cond: () => boolean, ms: number): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 100)))
    if (cond()) return true;
  return cond();
}

describe('npm start and the last good report', () => {
  it('Ctrl-C during the run leaves the previous report intact and no temporary folder', async () => {
    goodReport();
    const run = start(['--only', '00', '--jobs', '1', '--out', out]);
    // wait until the run has started writing its temporary report
    expect(await waitFor(() => partials().length === 1, 60_000)).toBe(true);
    const partial = path.join(tmp, partials()[0]);
    // then until the kernel runs (its launcher, with the temporary folder in its environment)
    expect(
      await waitFor(() => processesUsing(partial).some((p) => p.cmd.includes('kernel.cjs')), 90_000),
      run.output(),
    ).toBe(true);
    await new Promise((r) => setTimeout(r, 1500));
    process.kill(-run.child.pid!, 'SIGINT');
    const code = await run.done;
    expect(code, run.output()).toBe(130);
    expect(fs.readFileSync(path.join(out, 'index.html'), 'utf8')).toBe('GOOD REPORT');
    expect(fs.readdirSync(out)).toEqual(['index.html']);
    expect(partials()).toEqual([]);
    // the executor ended its kernel before npm start removed the folder: nothing of the run is left
    // running, so nothing can re-create the folder later
    expect(processesUsing(partial)).toEqual([]);
    await new Promise((r) => setTimeout(r, 1000));
    expect(partials()).toEqual([]);
  });

  it('Ctrl-C while the report is being built (after the last notebook) also leaves the previous report', async () => {
    goodReport();
    const run = start(['--only', '00', '--jobs', '1', '--out', out]);
    await run.printed(/\[1\/1\] ok/); // the notebook ran; the report is being written (≈ 0.4 s)
    const partial = path.join(tmp, partials()[0]);
    process.kill(-run.child.pid!, 'SIGINT');
    const code = await run.done;
    expect(code, run.output()).toBe(130);
    expect(run.output()).toMatch(/interrupted \(SIGINT\); the previous report .* is unchanged/);
    expect(fs.readFileSync(path.join(out, 'index.html'), 'utf8')).toBe('GOOD REPORT');
    expect(fs.readdirSync(out)).toEqual(['index.html']);
    expect(partials()).toEqual([]);
    expect(processesUsing(partial)).toEqual([]);
  }, 120_000);

  it('a complete run replaces the report', async () => {
    const run = start(['--only', '00', '--jobs', '1', '--out', out]);
    const code = await run.done;
    expect(code, run.output()).toBe(0);
    expect(fs.readFileSync(path.join(out, 'index.html'), 'utf8')).toMatch(/<!DOCTYPE html>/);
    expect(fs.existsSync(path.join(out, '00-environment.html'))).toBe(true);
    expect(partials()).toEqual([]);
    expect(fs.readdirSync(tmp).sort()).toEqual(['report']);
  }, 300_000);
});
