/**
 * `npm start` replaces the report only when the run is complete: Ctrl-C in the middle leaves the last
 * good report as it was (and no temporary folder behind); a complete run replaces it.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'start-'));
const out = path.join(tmp, 'report');
const tsx = path.resolve('node_modules/.bin/tsx');
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function start(args: string[]) {
  // detached: its own process group, so a signal reaches npm start and every child, as Ctrl-C does
  const child = spawn(tsx, ['scripts/start.ts', ...args], { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  child.stdout.on('data', (d) => (text += d));
  child.stderr.on('data', (d) => (text += d));
  const done = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, done, output: () => text };
}

const partials = () => fs.readdirSync(tmp).filter((f) => f.includes('.partial-'));

describe('npm start and the last good report', () => {
  it('Ctrl-C during the run leaves the previous report intact and no temporary folder', async () => {
    fs.mkdirSync(out, { recursive: true });
    fs.writeFileSync(path.join(out, 'index.html'), 'GOOD REPORT');
    const run = start(['--only', '00', '--jobs', '1', '--out', out]);
    // wait until the run has started writing its temporary report
    for (let k = 0; k < 200 && partials().length === 0; k++) await new Promise((r) => setTimeout(r, 100));
    expect(partials()).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 1500));
    process.kill(-run.child.pid!, 'SIGINT');
    const code = await run.done;
    expect(code, run.output()).not.toBe(0);
    expect(fs.readFileSync(path.join(out, 'index.html'), 'utf8')).toBe('GOOD REPORT');
    expect(fs.readdirSync(out)).toEqual(['index.html']);
    expect(partials()).toEqual([]);
  });

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
