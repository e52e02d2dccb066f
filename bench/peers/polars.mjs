// Polars on one tidy panel file, for npm run bench: a lazy scan of the CSV (comment lines skipped, the columns
// typed as the other engines read them), the sum of partner rows per code × month collected with the streaming
// engine, then each code's base, V and G over 2015-01..2024-12 as bench/pipeline_pandas.py computes them (JS on
// the ~1 M cells, patterns.mjs).
//   node bench/peers/polars.mjs <panel.csv>
import { performance } from 'node:perf_hooks';
import pl from 'nodejs-polars';
import { WINDOW, classify, monthIndex, report } from './patterns.mjs';

const file = process.argv[2];
const t0 = performance.now();
const cells = await pl
  .scanCSV(file, {
    commentPrefix: '#',
    schema: { code: pl.Utf8, level: pl.Utf8, month: pl.Utf8, value_usd: pl.Float64, partner: pl.Utf8, regime: pl.Utf8 },
  })
  .groupBy(['code', 'month'])
  .agg(pl.col('value_usd').sum().alias('v'), pl.col('value_usd').count().alias('n'))
  .sort(['code', 'month'])
  .collect({ streaming: true });
const code = cells.getColumn('code').toArray();
const month = cells.getColumn('month').toArray();
const v = cells.getColumn('v').toArray();
const n = cells.getColumn('n').toArray();
const t1 = performance.now();
// per code, over the window (cells sorted by code, month)
const lo = monthIndex(WINDOW[0]);
const hi = monthIndex(WINDOW[1]);
const seen = new Set();
for (let i = 0; i < month.length; i++) {
  const m = monthIndex(month[i]);
  if (m >= lo && m <= hi) seen.add(m);
}
const T = seen.size;
const codes = [];
const base = [];
const V = [];
const G = [];
let rows = 0;
for (let i = 0; i < code.length; ) {
  let j = i;
  const xs = [];
  let b = NaN;
  let sg = 0;
  while (j < code.length && code[j] === code[i]) {
    rows += Number(n[j]);
    const m = monthIndex(month[j]);
    if (m >= lo && m <= hi) xs.push([m - lo + 1, v[j]]);
    if (m === lo) b = v[j];
    j++;
  }
  if (xs.length > 0) {
    const mean = xs.reduce((s, x) => s + x[1], 0) / xs.length;
    const ss = xs.reduce((s, x) => s + (x[1] - mean) ** 2, 0);
    for (const [t, x] of xs) sg += ((x - b) / b) * t;
    codes.push(code[i]);
    base.push(b);
    V.push(xs.length > 1 ? Math.sqrt(ss / (xs.length - 1)) / mean : NaN);
    G.push(xs.length === T ? sg / ((T * (T + 1)) / 2) : NaN);
  }
  i = j;
}
const patterns = classify(codes, base, V, G);
const t2 = performance.now();
report({
  engine: 'polars',
  version: JSON.parse((await import('node:fs')).readFileSync(new URL('./node_modules/nodejs-polars/package.json', import.meta.url), 'utf8')).version,
  rows,
  codes: codes.length,
  importAggregateSeconds: (t1 - t0) / 1000,
  totalSeconds: (t2 - t0) / 1000,
  patterns,
});
