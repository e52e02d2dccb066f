/**
 * Opt-in throughput check (IMPORT_BENCH=1 npx vitest run tests/importers/throughput.test.ts):
 * writes a 2M-row tidy panel to a temp folder, times the streaming reader, and
 * logs rows/s and peak RSS. Skipped by default to keep the suite fast.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTidyPanel } from '../../lib/io/importers/tidy.js';
import { tmpDir } from './helpers.js';

const ON = !!process.env.IMPORT_BENCH;
if (!ON) console.warn('tests/importers/throughput.test.ts: skipped (set IMPORT_BENCH=1 to measure the streaming reader)');

describe.skipIf(!ON)('streaming tidy reader throughput', () => {
  it('reads 2M rows with bounded memory', () => {
    const file = path.join(tmpDir(), 'bench-2m.csv');
    const fd = fs.openSync(file, 'w');
    fs.writeSync(fd, '# SYNTHETIC throughput file\ncode,level,month,value_usd,partner,regime\n');
    let buf = '';
    let n = 0;
    for (let m = 0; m < 13 && n < 2e6; m++)
      for (let c = 0; c < 8900 && n < 2e6; c++)
        for (let p = 0; p < 18 && n < 2e6; p++) {
          buf += `${String(1012100 + c * 9973).padStart(8, '0')},HS8,${2015 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')},${(c * 7919 + p * 104729 + m) % 10000000},${101 + p},10\n`;
          n++;
          if (buf.length > 1 << 20) {
            fs.writeSync(fd, buf);
            buf = '';
          }
        }
    fs.writeSync(fd, buf);
    fs.closeSync(fd);
    const t0 = performance.now();
    const r = readTidyPanel(file);
    const s = (performance.now() - t0) / 1000;
    const rss = process.resourceUsage().maxRSS / 1024;
    console.log(`readTidyPanel: ${n} rows in ${s.toFixed(2)} s = ${(n / s / 1e6).toFixed(2)} M rows/s, peak RSS ${rss.toFixed(0)} MB`);
    expect(r.report.rowsUsed).toBe(n);
    expect(n / s).toBeGreaterThan(1e6);
    fs.rmSync(file);
  });
});
