// The study's screen on code × month sums, as bench/pipeline_pandas.py computes it (V: sample SD / mean over
// 2015-01..2024-12, missing months skipped; G: linear weights 1..T, base = 2015-01, NaN if a month is missing;
// printed cuts G > 0.5, V > 0.3; semiconductors 8486*, 8541*, 8542* count as high V). Shared by the DuckDB and
// Polars scripts when they hand back cells; DuckDB computes V and G in SQL and uses only `classify`.
export const WINDOW = ['2015-01', '2024-12'];
export const SEMI = /^(8486|8541|8542)/;

/** Pattern counts from per-code base, V and G. */
export function classify(codes, base, V, G) {
  const c = { substitution: 0, 'no effect': 0, stockpiling: 0, skipped: 0, total: 0 };
  for (let i = 0; i < codes.length; i++) {
    c.total++;
    const ok = Number.isFinite(G[i]) && Number.isFinite(V[i]) && base[i] > 0;
    if (!ok) c.skipped++;
    else if (!(G[i] > 0.5)) c.substitution++;
    else if (V[i] > 0.3 || SEMI.test(codes[i])) c.stockpiling++;
    else c['no effect']++;
  }
  return c;
}

/** Month index of YYYY-MM. */
export const monthIndex = (m) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1;

/** The JSON line the bench reads. */
export function report(o) {
  console.log(JSON.stringify({ ...o, peakRssMB: process.resourceUsage().maxRSS / 1024 }));
}
