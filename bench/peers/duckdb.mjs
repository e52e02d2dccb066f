// DuckDB on one tidy panel file, for npm run bench: one SQL query reads the CSV, sums partner rows per
// code × month, and computes each code's base, V and G over 2015-01..2024-12 (as bench/pipeline_pandas.py);
// the pattern counts follow in JS (patterns.mjs). Threads: every core (DuckDB's default), printed.
//   node bench/peers/duckdb.mjs <panel.csv>
import * as os from 'node:os';
import { performance } from 'node:perf_hooks';
import { DuckDBInstance } from '@duckdb/node-api';
import { WINDOW, classify, report } from './patterns.mjs';

const file = process.argv[2];
const threads = Number(process.env.BENCH_THREADS ?? os.availableParallelism());
const t0 = performance.now();
const db = await DuckDBInstance.create(':memory:', { threads: String(threads) });
const con = await db.connect();
const path = file.replace(/'/g, "''");
const q = `
WITH cells AS (
  SELECT code, month, sum(value_usd) AS v, count(*) AS n
  FROM read_csv('${path}', header = true, comment = '#', auto_detect = false,
    columns = {'code': 'VARCHAR', 'level': 'VARCHAR', 'month': 'VARCHAR', 'value_usd': 'DOUBLE', 'partner': 'VARCHAR', 'regime': 'VARCHAR'})
  GROUP BY code, month
), win AS (
  SELECT code, v, (CAST(month[1:4] AS INTEGER) - ${WINDOW[0].slice(0, 4)}) * 12 + CAST(month[6:7] AS INTEGER) AS t
  FROM cells WHERE month BETWEEN '${WINDOW[0]}' AND '${WINDOW[1]}'
), T AS (SELECT count(DISTINCT t) AS T FROM win),
based AS (SELECT code, v, t, max(v) FILTER (WHERE t = 1) OVER (PARTITION BY code) AS base FROM win),
per AS (
  SELECT code, any_value(base) AS base, stddev_samp(v) / avg(v) AS V, count(*) AS k, sum((v - base) / base * t) AS sg
  FROM based GROUP BY code
)
SELECT code, base, V, CASE WHEN k = (SELECT T FROM T) THEN sg / (SELECT T * (T + 1) / 2 FROM T) END AS G,
  (SELECT sum(n) FROM cells) AS rows
FROM per ORDER BY code`;
const reader = await con.runAndReadAll(q);
const cols = reader.getColumnsObjectJS();
const t1 = performance.now();
const num = (a) => a.map((x) => (x === null ? NaN : Number(x)));
const patterns = classify(cols.code, num(cols.base), num(cols.V), num(cols.G));
const t2 = performance.now();
report({
  engine: 'duckdb',
  version: (await (await con.runAndReadAll('SELECT version() AS v')).getColumnsObjectJS()).v[0],
  threads,
  rows: Number(cols.rows[0] ?? 0),
  codes: cols.code.length,
  importAggregateSeconds: (t1 - t0) / 1000,
  totalSeconds: (t2 - t0) / 1000,
  patterns,
});
