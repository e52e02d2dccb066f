/**
 * The China Customs importer at scale: a SYNTHETIC download in the portal's format (every field quoted, a
 * trailing comma, YYYYMM dates, thousands separators, Chinese headers and names, UTF-8), written from a tidy
 * universe panel of bench/out/, imported on one thread and on every core, each run in its own process (so its
 * peak memory is its own), with the check that both give the same cells. Part of `npm run bench`.
 *
 *     npx tsx bench/customs.ts [millions]            # default 5: bench/out/customs-5M-SYNTHETIC.csv
 *     npx tsx bench/customs.ts --one <file> <threads>   # one import, one JSON line (what the bench runs)
 *
 * SYNTHETIC: the values are the universe generator's (lib/synthetic/universe.ts), not China's.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { importCustomsCsv } from '../lib/io/importers/customs.js';

/** The header of the bench's download (the portal's Chinese names; the last, empty, for the trailing comma). */
export const CUSTOMS_BENCH_HEADER: string =
  '"数据年月","商品编码","商品名称","贸易伙伴编码","贸易伙伴名称","贸易方式编码","美元",';

/** `1234567` → `1,234,567` (the portal's US-dollar column). */
export function withSeparators(digits: string): string {
  let out = '';
  for (let k = digits.length; k > 0; k -= 3) out = digits.slice(Math.max(0, k - 3), k) + (out ? ',' + out : '');
  return out;
}

/**
 * One tidy panel line (`code,HS8,YYYY-MM,value,partner,regime`) as a line of the portal's download, or undefined for
 * a line that is not a plain data line (comments, the header).
 * @example customsLineOf('01012100,HS8,2015-01,93749,1,10'); // => '"201501","01012100","（合成数据）","1","（合成）","10","93,749",'
 */
export function customsLineOf(tidy: string): string | undefined {
  const f = tidy.split(',');
  if (f.length !== 6 || !/^\d{8}$/.test(f[0]) || !/^\d{4}-\d{2}$/.test(f[2]) || !/^\d+$/.test(f[3])) return undefined;
  const ym = f[2].slice(0, 4) + f[2].slice(5);
  return `"${ym}","${f[0]}","（合成数据）","${f[4]}","（合成）","${f[5]}","${withSeparators(f[3])}",`;
}

/** Write the download made from `tidyFile` to `outFile` (through a temporary file, renamed when complete). */
export function writeCustomsFromTidy(tidyFile: string, outFile: string): { rows: number; bytes: number } {
  const tmp = `${outFile}.tmp-${process.pid}`;
  const out = fs.openSync(tmp, 'w');
  let rows = 0;
  try {
    fs.writeSync(out, CUSTOMS_BENCH_HEADER + '\n');
    const inp = fs.openSync(tidyFile, 'r');
    const chunk = Buffer.allocUnsafe(1 << 22);
    let batch: string[] = [];
    let rest = '';
    try {
      for (;;) {
        const got = fs.readSync(inp, chunk, 0, chunk.length, null);
        const text = rest + chunk.toString('latin1', 0, got);
        const lines = text.split('\n');
        rest = got === 0 ? '' : (lines.pop() ?? '');
        for (const l of lines) {
          const line = customsLineOf(l.replace(/\r$/, ''));
          if (line === undefined) continue;
          batch.push(line);
          rows++;
        }
        if (batch.length >= 100_000 || got === 0) {
          fs.writeSync(out, Buffer.from(batch.join('\n') + (batch.length ? '\n' : ''), 'utf8'));
          batch = [];
        }
        if (got === 0) break;
      }
    } finally {
      fs.closeSync(inp);
    }
  } finally {
    fs.closeSync(out);
  }
  fs.renameSync(tmp, outFile);
  return { rows, bytes: fs.statSync(outFile).size };
}

/** One import's figures (what `--one` prints). */
export interface CustomsRun {
  seconds: number;
  peakRssMB: number;
  rows: number;
  ranges: number;
  serialBecause?: string;
  /** sha256 of the cells (codes, code, month, value), to compare runs. */
  cellsHash: string;
}

function oneRun(file: string, threads: number): CustomsRun {
  const t0 = performance.now();
  const r = importCustomsCsv(file, { threads });
  const seconds = (performance.now() - t0) / 1000;
  const h = createHash('sha256');
  h.update(r.cells.codes.join(','));
  for (const a of [r.cells.code, r.cells.month, r.cells.value])
    h.update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  return {
    seconds,
    peakRssMB: process.resourceUsage().maxRSS / 1024,
    rows: r.report.rowsRead,
    ranges: r.threads.ranges,
    ...(r.threads.serialBecause ? { serialBecause: r.threads.serialBecause } : {}),
    cellsHash: h.digest('hex'),
  };
}

/** Import `file` in a fresh process with `threads` threads. */
export function customsRunInProcess(file: string, threads: number): CustomsRun {
  const r = spawnSync(process.execPath, ['--import', 'tsx', __filename, '--one', file, String(threads)], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  if (r.status !== 0) throw new Error(`bench/customs.ts --one ${file} ${threads} failed:\n${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as CustomsRun;
}

/** The figures of the customs bench: the file and the runs on one thread and on every core, interleaved. */
export interface CustomsBench {
  file: string;
  rows: number;
  bytes: number;
  generatedSeconds?: number;
  one: CustomsRun[];
  all: CustomsRun[];
  threads: number;
  sameCells: boolean;
}

/**
 * Make bench/out/customs-<m>M-SYNTHETIC.csv from the tidy universe file `tidyFile` (reused while it is newer than
 * that file), then import it
 * `runs` times on one thread and on every core.
 */
export function runCustomsBench(tidyFile: string, outDir: string, m: number, runs: number): CustomsBench {
  const file = path.join(outDir, `customs-${m}M-SYNTHETIC.csv`);
  let generatedSeconds: number | undefined;
  if (!fs.existsSync(file) || fs.statSync(file).mtimeMs < fs.statSync(tidyFile).mtimeMs) {
    const t0 = performance.now();
    writeCustomsFromTidy(tidyFile, file);
    generatedSeconds = (performance.now() - t0) / 1000;
  }
  const threads = Math.max(1, os.availableParallelism());
  const one: CustomsRun[] = [];
  const all: CustomsRun[] = [];
  for (let k = 0; k < runs; k++) {
    one.push(customsRunInProcess(file, 1));
    all.push(customsRunInProcess(file, threads));
  }
  const hashes = new Set([...one, ...all].map((r) => r.cellsHash));
  return {
    file,
    rows: one[0].rows,
    bytes: fs.statSync(file).size,
    ...(generatedSeconds !== undefined ? { generatedSeconds } : {}),
    one,
    all,
    threads,
    sameCells: hashes.size === 1,
  };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[(xs.length - 1) >> 1];

/** The bench's lines for the customs step. */
export function customsBenchLines(b: CustomsBench): string[] {
  const fmt = (x: number, d = 2) => x.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
  const s1 = median(b.one.map((r) => r.seconds));
  const sN = median(b.all.map((r) => r.seconds));
  const mem = (rs: CustomsRun[]) => fmt(Math.max(...rs.map((r) => r.peakRssMB)), 0);
  const lines = [
    `China Customs download format (SYNTHETIC: every field quoted, thousands separators, Chinese names, UTF-8), ${fmt(b.rows, 0)} rows, ${fmt(b.bytes / 2 ** 20, 0)} MB (${path.basename(b.file)}${b.generatedSeconds !== undefined ? `, written in ${fmt(b.generatedSeconds, 1)} s` : ''}):`,
    `  one thread       ${fmt(s1).padStart(6)} s   runs ${b.one.map((r) => fmt(r.seconds)).join(', ')}   peak ${mem(b.one)} MB`,
    `  ${`${b.threads} threads`.padEnd(16)} ${fmt(sN).padStart(6)} s   runs ${b.all.map((r) => fmt(r.seconds)).join(', ')}   peak ${mem(b.all)} MB   read in ${b.all[0].ranges} range(s)${b.all[0].serialBecause ? ` (one thread because ${b.all[0].serialBecause})` : ''}`,
    `  speed-up ${fmt(s1 / sN)} ×; the same cells on one thread and on ${b.threads}: ${b.sameCells ? 'yes' : 'NO'}`,
  ];
  return lines;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(__filename)) {
  const argv = process.argv.slice(2);
  if (argv[0] === '--one') {
    console.log(JSON.stringify(oneRun(argv[1], Number(argv[2]))));
  } else {
    const m = Number(argv[0] ?? 5);
    const tidy = path.join('bench', 'out', `universe-${m}M-SYNTHETIC.csv`);
    if (!fs.existsSync(tidy)) {
      console.error(`${tidy} is missing: npm run bench -- --sizes ${m} writes it`);
      process.exit(1);
    }
    const b = runCustomsBench(tidy, path.join('bench', 'out'), m, 2);
    for (const l of customsBenchLines(b)) console.log(l);
    if (!b.sameCells) process.exitCode = 1;
  }
}
