/**
 * An independent V / G computation, written out from docs/METHOD.md (step 3) with the library's defaults, for tests
 * that check generated data without the library's own kernels: the window 2015-01..2024-12 (the first 120 months
 * of a series from 2015-01), linear weights t = 1..120, SD with n − 1.
 */

/** V = SD (sample, n − 1) / mean over the first 120 months. */
export function naiveV(x: ArrayLike<number>): number {
  const y = Array.from(x).slice(0, 120);
  const m = y.reduce((a, b) => a + b, 0) / y.length;
  return Math.sqrt(y.reduce((a, b) => a + (b - m) ** 2, 0) / (y.length - 1)) / m;
}

/** G = Σ t·(x_t − base)/base / Σ t, t = 1..120; base = the first month (the printed formula, the default), or with k = 12 the first-year mean (the variant). */
export function naiveG(x: ArrayLike<number>, k = 1): number {
  const y = Array.from(x);
  const base = y.slice(0, k).reduce((a, b) => a + b, 0) / k;
  let num = 0;
  let den = 0;
  for (let t = 1; t <= 120; t++) {
    num += t * ((y[t - 1] - base) / base);
    den += t;
  }
  return num / den;
}

/** The cell of V and G under the printed cuts with the closed rule: [growth band, volatility band]. */
export function naiveCell(v: number, g: number): [string, string] {
  return [g > 0.5 ? 'high' : 'low', v > 0.3 ? 'high' : v >= 0.24 ? 'medium' : 'low'];
}
