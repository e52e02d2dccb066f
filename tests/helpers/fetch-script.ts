/**
 * Shared by the data:fetch tests: running scripts/data-fetch.ts as npm does (node --import tsx, asynchronously,
 * since the mock API lives in the test's process), and the SYNTHETIC teaching panel summed to HS6 parents, the
 * monthly data the mock serves for China.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';

/** What a run printed: stdout, stderr, and both interleaved as they came (`out`). */
export interface ScriptRun {
  code: number | null;
  stdout: string;
  stderr: string;
  out: string;
}

/**
 * Run `node --import tsx scripts/data-fetch.ts <args>` keyless by default (COMTRADE_API_KEY and COMTRADE_API_BASE
 * emptied unless `env` sets them); `killWhen` is polled every 5 ms and kills the run (SIGKILL) when it says so.
 */
export function runFetchScript(
  args: string[],
  opts: { env?: Record<string, string | undefined>; killWhen?: () => boolean } = {},
): Promise<ScriptRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/data-fetch.ts', ...args], {
      env: { ...process.env, COMTRADE_API_KEY: '', COMTRADE_API_BASE: '', ...opts.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const r: ScriptRun = { code: null, stdout: '', stderr: '', out: '' };
    child.stdout.on('data', (d) => ((r.stdout += d), (r.out += d)));
    child.stderr.on('data', (d) => ((r.stderr += d), (r.out += d)));
    const killWhen = opts.killWhen;
    const timer = killWhen
      ? setInterval(() => {
          if (killWhen()) {
            child.kill('SIGKILL');
            clearInterval(timer);
          }
        }, 5)
      : undefined;
    child.on('close', (code) => {
      if (timer) clearInterval(timer);
      resolve({ ...r, code });
    });
  });
}

/**
 * The SYNTHETIC teaching panel summed to its codes' HS6 parents: code → YYYYMM → US dollars, months up to `last`
 * (YYYY-MM, default every month of the panel).
 */
export function syntheticHs6Monthly(last = '9999-12'): Map<string, Map<string, number>> {
  const monthly = new Map<string, Map<string, number>>();
  const lines = fs
    .readFileSync('data/synthetic/teaching-panel-SYNTHETIC.csv', 'utf8')
    .split('\n')
    .filter((l) => l && !l.startsWith('#'))
    .slice(1);
  for (const l of lines) {
    const [code, , month, value] = l.split(',');
    if (month > last) continue;
    const hs6 = code.slice(0, 6);
    const p = month.replace('-', '');
    const m = monthly.get(hs6) ?? new Map<string, number>();
    m.set(p, (m.get(p) ?? 0) + Number(value));
    monthly.set(hs6, m);
  }
  return monthly;
}
