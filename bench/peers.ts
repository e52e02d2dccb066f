/**
 * The engines `npm run bench` compares with, beside pandas: DuckDB (`@duckdb/node-api`) and Polars
 * (`nodejs-polars`), each running the same work on the same file in its own process (bench/peers/duckdb.mjs,
 * bench/peers/polars.mjs: read the CSV, sum partner rows per code × month, V and G over 2015-01..2024-12, pattern
 * counts). They live in bench/peers/ with their own package.json and lock, installed into bench/peers/node_modules
 * (git-ignored) on the first `npm run bench` only, so a user who never benches never downloads them; `--skip-peers`
 * leaves them out. Also the limit: the file's size over this machine's read and byte-scan bandwidth.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';

const DIR = path.resolve('bench', 'peers');

/** nodejs-polars' native package for this platform (npm's name suffix). */
function polarsNativeName(): string {
  const { platform, arch } = process;
  if (platform === 'linux') {
    const glibc = (process.report?.getReport() as { header?: { glibcVersionRuntime?: string } } | undefined)?.header
      ?.glibcVersionRuntime;
    return `nodejs-polars-linux-${arch}-${glibc ? 'gnu' : 'musl'}`;
  }
  if (platform === 'win32') return `nodejs-polars-win32-${arch}-msvc`;
  return `nodejs-polars-${platform}-${arch}`;
}

function pinned(name: string): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(DIR, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
  };
  return pkg.dependencies[name];
}

const installed = (name: string): boolean => fs.existsSync(path.join(DIR, 'node_modules', name, 'package.json'));

/**
 * Install the peers into bench/peers/node_modules when they are not there (npm ci from bench/peers' lock).
 * Returns false, saying why, when they cannot be installed (no network, no npm).
 */
export function ensurePeers(log: (s: string) => void): boolean {
  const native = polarsNativeName();
  if (installed('@duckdb/node-api') && installed('nodejs-polars') && installed(native)) return true;
  log(
    'The bench compares with DuckDB and Polars: installing them once into bench/peers/node_modules (npm ci in bench/peers,\n' +
      '  about 180 MB, never part of npm install; delete the folder to remove them, --skip-peers to bench without them) …',
  );
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const opts = { cwd: DIR, stdio: 'inherit' as const };
  let r = spawnSync(npm, ['ci', '--no-audit', '--no-fund'], opts);
  // nodejs-polars' native packages declare node >= 22, so npm leaves them out on Node 20 (where they run):
  // install this platform's by name at the pinned version
  if (r.status === 0 && !installed(native))
    r = spawnSync(
      npm,
      ['install', '--no-save', '--no-audit', '--no-fund', `${native}@${pinned('nodejs-polars')}`],
      opts,
    );
  const ok = r.status === 0 && installed('@duckdb/node-api') && installed(native);
  if (!ok) log('  the peers could not be installed (network? npm?): the comparison with DuckDB and Polars is skipped.');
  return ok;
}

/** What an engine's script prints (one JSON line). */
export interface EngineRun {
  engine?: string;
  version?: string;
  rows: number;
  codes: number;
  importAggregateSeconds: number;
  totalSeconds: number;
  peakRssMB: number;
  patterns: Record<string, number>;
}

/** Run one peer's script on a file. */
export function runPeer(engine: 'duckdb' | 'polars', file: string): EngineRun {
  const r = spawnSync(process.execPath, [path.join(DIR, `${engine}.mjs`), file], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  if (r.status !== 0) throw new Error(`bench/peers/${engine}.mjs failed:\n${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as EngineRun;
}

/** The median run by total seconds (the lower middle of an even count), with every run's seconds. */
export function medianRun<T extends { totalSeconds: number }>(runs: T[]): T & { allSeconds: number[] } {
  const sorted = [...runs].sort((a, b) => a.totalSeconds - b.totalSeconds);
  return { ...sorted[(sorted.length - 1) >> 1], allSeconds: runs.map((r) => r.totalSeconds) };
}

/** Pattern counts equal, key by key. */
export function samePatterns(a: Record<string, number>, b: Record<string, number>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((k) => a[k] === b[k]);
}

/**
 * The limit: seconds to read the file (from the page cache, 4 MiB reads) and to read it and touch every byte in a
 * JS loop (counting line breaks and commas: the least any parser does), on one thread.
 */
export function measureLimit(file: string): { bytes: number; readSeconds: number; scanSeconds: number } {
  const buf = Buffer.allocUnsafe(4 << 20);
  const pass = (scan: boolean): number => {
    const fd = fs.openSync(file, 'r');
    const t0 = performance.now();
    let n = 0;
    let k = 0;
    while ((n = fs.readSync(fd, buf, 0, buf.length, null)) > 0) {
      if (scan) for (let i = 0; i < n; i++) if (buf[i] === 10 || buf[i] === 44) k++;
    }
    fs.closeSync(fd);
    if (k < 0) throw new Error('unreachable');
    return (performance.now() - t0) / 1000;
  };
  const best = (scan: boolean) => Math.min(pass(scan), pass(scan));
  return { bytes: fs.statSync(file).size, readSeconds: best(false), scanSeconds: best(true) };
}
