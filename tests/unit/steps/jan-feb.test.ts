import { describe, expect, it } from 'vitest';
import * as fc from 'fast-check';
import { monthSequence } from '../../../lib/core/months.js';
import type { Panel } from '../../../lib/core/types.js';
import { prepareSeries, seriesIndices } from '../../../lib/steps/indices.js';
import { annualGroupSums } from '../../../lib/steps/macro.js';
import {
  baseSpan,
  detectJanFeb,
  foldJanFeb,
  janFebOf,
  janFebWindow,
  januaryShare,
  treatJanFeb,
  treatJanFebSeries,
  JAN_FEB_TREATMENTS,
} from '../../../lib/steps/jan-feb.js';

// A hand-made series, 2019-01..2020-04 (16 months): 2019 has both months (January 40, February 60, so January's
// share is 40 / 100 = 0.4), then 100 a month; 2020 publishes January and February as one figure, 200, in February.
const M = monthSequence('2019-01', 16);
const X = [40, 60, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, NaN, 200, 100, 100];
const W: [string, string] = ['2019-01', '2020-04'];
const uniformPop = { window: W, weights: 'uniform', sd: 'population', base: 'first' } as const;

describe('treatJanFebSeries on a hand-made series (2020: January empty, February 200 = 2 × the neighbours 100)', () => {
  it('split-share: January gets the 2019 share 0.4 of 200 = 80, February 120', () => {
    const r = treatJanFebSeries(X, M, 'split-share');
    expect(r.years).toEqual([2020]);
    expect([r.values[12], r.values[13]]).toEqual([80, 120]);
    expect(Array.from(r.values.slice(0, 12))).toEqual(X.slice(0, 12));
  });
  it('split-even: 100 and 100', () => {
    const r = treatJanFebSeries(X, M, 'split-even');
    expect([r.values[12], r.values[13]]).toEqual([100, 100]);
  });
  it('merge: January stays empty (its position listed), February the total 200', () => {
    const r = treatJanFebSeries(X, M, 'merge');
    expect(r.merged).toEqual([12]);
    expect([r.values[12], r.values[13]]).toEqual([NaN, 200]);
  });
  it('error: stops, naming the series and the year', () => {
    expect(() => treatJanFebSeries(X, M, 'error', { label: '84862000' })).toThrow(
      /treatJanFebSeries: 84862000: January and February are combined in 2020 \(janFeb 'error'/,
    );
  });
  it('a share given by the caller wins; no year with both months falls back to one half', () => {
    expect(treatJanFebSeries(X, M, 'split-share', { share: 0.25 }).values[12]).toBe(50);
    const noHistory = [NaN, 200, 100];
    expect(Array.from(treatJanFebSeries(noHistory, monthSequence('2020-01', 3), 'split-share').values)).toEqual([
      100, 100, 100,
    ]);
  });
});

describe('V and G of each treatment, by hand (window 2019-01..2020-04, uniform weights, population SD, first-month base 40)', () => {
  it('split-even: 40, 60 and fourteen 100s — mean 1500 / 16 = 93.75, G = 53.75 / 40, V = √(4575 / 16) / 93.75', () => {
    // squares: (40 − 93.75)² = 2889.0625, (60 − 93.75)² = 1139.0625, 14 × 6.25² = 546.875; sum 4575
    const r = seriesIndices(X, M, { ...uniformPop, janFeb: 'split-even' });
    expect(r.G).toBeCloseTo(53.75 / 40, 12);
    expect(r.V).toBeCloseTo(Math.sqrt(4575 / 16) / 93.75, 12);
    expect(r.n).toBe(16);
  });
  it('split-share: 2020 January 80, February 120 — same mean (the total is kept), V = √(5375 / 16) / 93.75', () => {
    // squares: 2889.0625 + 1139.0625 + 12 × 39.0625 (468.75) + (80 − 93.75)² 189.0625 + (120 − 93.75)² 689.0625 = 5375
    const r = seriesIndices(X, M, { ...uniformPop, janFeb: 'split-share' });
    expect(r.G).toBeCloseTo(53.75 / 40, 12);
    expect(r.V).toBeCloseTo(Math.sqrt(5375 / 16) / 93.75, 12);
  });
  it('merge: fifteen periods, February at its monthly equivalent 100 — mean 1400 / 15, V = √(4533.33… / 15) / mean', () => {
    // values 40, 60, thirteen 100s: mean 93.333…; squares 53.333…² + 33.333…² + 13 × 6.666…² = 4533.333…
    const mean = 1400 / 15;
    const ss = (40 - mean) ** 2 + (60 - mean) ** 2 + 13 * (100 - mean) ** 2;
    expect(ss).toBeCloseTo(4533.3333333, 6);
    const r = seriesIndices(X, M, { ...uniformPop, janFeb: 'merge' });
    expect(r.n).toBe(15);
    expect(r.missingPeriods).toBe(0);
    expect(r.G).toBeCloseTo((mean - 40) / 40, 12);
    expect(r.V).toBeCloseTo(Math.sqrt(ss / 15) / mean, 12);
  });
  it('merge with linear weights: February keeps its own weight 14, January (13) has none — G = (12160 / 123 − 40) / 40', () => {
    // Σ w = 136 − 13 = 123; Σ w·x = 1·40 + 2·60 + 100·(3 + … + 12 = 75) + 100·(14 + 15 + 16) = 160 + 7500 + 4500 = 12160
    const r = seriesIndices(X, M, { ...uniformPop, weights: 'linear', janFeb: 'merge' });
    expect(r.G).toBeCloseTo((12160 / 123 - 40) / 40, 12);
  });
  it('merge, window starting at the merged January: the base is the Jan–Feb period (monthly equivalent 100)', () => {
    const r = seriesIndices(X, M, { ...uniformPop, window: ['2020-01', '2020-04'], janFeb: 'merge' });
    // periods: February 200 / 2 = 100, March 100, April 100 — base 100, G 0, V 0
    expect([r.base, r.G, r.V, r.n]).toEqual([100, 0, 0, 3]);
  });
  it('error: stops the index step, naming the series and the year', () => {
    expect(() => seriesIndices(X, M, { ...uniformPop, janFeb: 'error' }, 'Lithography')).toThrow(
      /Lithography: January and February are combined in 2020/,
    );
  });
  it('quarterly: every treatment gives the first quarter of 2020 the whole 200 + 100', () => {
    const q = (janFeb: (typeof JAN_FEB_TREATMENTS)[number]) =>
      Array.from(
        prepareSeries(X.slice(0, 15).concat([100, 100]), monthSequence('2019-01', 17), {
          window: ['2019-01', '2020-03'],
          frequency: 'quarterly',
          missing: 'error',
          janFeb,
        }).x,
      );
    for (const t of ['split-share', 'split-even', 'merge'] as const) expect(q(t)).toEqual([200, 300, 300, 300, 300]);
  });
});

describe('the missing-month rules meet a combined January–February', () => {
  it("'error' (the default rule) does not stop: the combined year is treated first", () => {
    expect(seriesIndices(X, M, { window: W }).n).toBe(16);
  });
  it("'skip' keeps no double February: the same as the treatment alone", () => {
    const skip = seriesIndices(X, M, { ...uniformPop, missing: 'skip' });
    const plain = seriesIndices(X, M, { ...uniformPop });
    expect([skip.V, skip.G, skip.missingPeriods]).toEqual([plain.V, plain.G, 0]);
  });
  it("'interpolate' invents no January on top of a double February (nothing is filled)", () => {
    const r = seriesIndices(X, M, { ...uniformPop, missing: 'interpolate', janFeb: 'split-even' });
    expect(r.filled).toBe(0);
    expect(r.G).toBeCloseTo(53.75 / 40, 12);
    // under merge the January stays no period: not filled either
    expect(seriesIndices(X, M, { ...uniformPop, missing: 'interpolate', janFeb: 'merge' }).filled).toBe(0);
  });
  it('a January missing beside an ordinary February is a missing month, not a combined one', () => {
    const gap = X.slice();
    gap[13] = 100;
    expect(() => seriesIndices(gap, M, { window: W })).toThrow(/missing value \(NaN\) in 2020-01/);
  });
});

describe('janFebWindow places a merged period', () => {
  it('a window that starts at the February of a merged January halves it too', () => {
    const w = janFebWindow(X, M, 'merge', [13, 15]);
    const mx = Float64Array.from(Array.from(w.values).slice(13));
    w.place(mx, 1);
    expect(Array.from(mx)).toEqual([100, 100, 100]);
  });
  it('merged holds one entry per month of the window, wherever the window starts', () => {
    expect(Array.from(janFebWindow(X, M, 'merge', [13, 15]).merged)).toEqual([0, 0, 0]);
    expect(Array.from(janFebWindow(X, M, 'merge', [10, 13]).merged)).toEqual([0, 0, 1, 0]);
  });
  it('twoMonth marks the February of a merged January, also as the first or the last month of the window', () => {
    expect(Array.from(janFebWindow(X, M, 'merge', [13, 15]).twoMonth)).toEqual([1, 0, 0]);
    expect(Array.from(janFebWindow(X, M, 'merge', [10, 13]).twoMonth)).toEqual([0, 0, 0, 1]);
    expect(Array.from(janFebWindow(X, M, 'merge', [10, 12]).twoMonth)).toEqual([0, 0, 0]);
  });
});

// ---------- panels ----------
const src = (janFeb?: Panel['source']['janFeb']): Panel['source'] => ({
  kind: 'imported',
  label: 'hand-made',
  files: [],
  period: ['2019-01', '2020-04'],
  ...(janFeb ? { janFeb } : {}),
});
const F = (xs: number[]) => Float64Array.from(xs);
/** a: 2019 both months (share 30 / 100 = 0.3), 2020 combined; b: starts 2020, combined; c: starts 2020, combined. */
function handPanel(): Panel {
  const empty2019 = new Array(12).fill(NaN);
  return {
    source: src(),
    months: M,
    codes: ['a', 'b', 'c'],
    values: [
      F([30, 70, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, NaN, 200, 100, 100]),
      F([...empty2019, NaN, 40, 20, 20]),
      F([...empty2019, 0, 10, 5, 5]),
    ],
  };
}

describe('detectJanFeb and treatJanFeb on a hand-made panel', () => {
  it('finds each code and year (b and c with no December: the level is March)', () => {
    const d = detectJanFeb(handPanel());
    expect(d.cells.map((c) => `${c.code} ${c.year} ${c.february} ${c.by}`)).toEqual([
      'a 2020 200 ratio',
      'b 2020 40 ratio',
      'c 2020 10 ratio',
    ]);
    expect([d.years, d.codes]).toEqual([[2020], ['a', 'b', 'c']]);
  });
  it("split-share: a's own share 0.3, b its group's (a's, 0.3), c no group: one half", () => {
    const t = treatJanFeb(handPanel(), 'split-share', { groupOf: (c) => (c === 'c' ? undefined : 'g') });
    expect(t.panel.values.map((v) => [v[12], v[13]])).toEqual([
      [60, 140],
      [12, 28],
      [5, 5],
    ]);
    expect(Object.fromEntries(t.shares)).toEqual({
      a: { share: 0.3, from: 'code' },
      b: { share: 0.3, from: 'group' },
      c: { share: 0.5, from: 'half' },
    });
    expect(t.text).toBe('2020: January and February combined in 3 codes (treatment: split-share)');
    expect(t.panel.source.janFeb).toEqual({
      years: [2020],
      codes: 3,
      cells: 3,
      text: t.text.replace(' (treatment: split-share)', ''),
      treatment: 'split-share',
    });
  });
  it("'error' names the first code and year", () => {
    expect(() => treatJanFeb(handPanel(), 'error')).toThrow(
      /code a: January and February are combined in 2020 \(3 code-years/,
    );
    expect(() => janFebOf(handPanel(), 'error')).toThrow(/janFebOf: code a: January and February are combined in 2020/);
  });
  it('foldJanFeb folds a code that reported both months into February in a year the source knows as combined', () => {
    const p = handPanel();
    p.values[2][12] = 4; // c reported January 4 and February 10 in 2020
    p.source = src({ years: [2020], codes: 2, cells: 2, text: '' });
    const f = foldJanFeb(p);
    expect([f.values[2][12], f.values[2][13]]).toEqual([NaN, 14]);
    expect(f.values[0]).toBe(p.values[0]); // nothing to fold: the same array
  });
});

describe('a Comtrade-like monthly series with no January from 2020', () => {
  // HS6 code, 2018-11..2021-04, 100 a month; from 2020 no January row (NaN in the panel) and February 200
  const months = monthSequence('2018-11', 30);
  const x = months.map((m) =>
    +m.slice(0, 4) >= 2020 ? (m.endsWith('-01') ? NaN : m.endsWith('-02') ? 200 : 100) : 100,
  );
  const panel: Panel = { source: src(), months, codes: ['848620'], values: [F(x)] };
  it('is caught by the panel-level detection, per code and year', () => {
    expect(detectJanFeb(panel).cells.map((c) => `${c.code} ${c.year}`)).toEqual(['848620 2020', '848620 2021']);
  });
  it('a February that holds only its own month (Comtrade giving both months at half, January dropped) is not combined', () => {
    const half = F(x.map((v, t) => (months[t].endsWith('-02') && v === 200 ? 100 : v)));
    expect(detectJanFeb({ ...panel, values: [half] }).cells).toEqual([]);
  });
});

describe('januaryShare', () => {
  it('leaves out the combined years (an empty January is not a share of 0)', () => {
    expect(
      januaryShare(
        X.map((v) => (Number.isNaN(v) ? 0 : v)),
        M,
      ),
    ).toBeCloseTo((0.4 + 0) / 2, 12);
    expect(
      januaryShare(
        X.map((v) => (Number.isNaN(v) ? 0 : v)),
        M,
        [2020],
      ),
    ).toBeCloseTo(0.4, 12);
  });
});

describe('property: the split treatments keep the January + February total', () => {
  it('for random positive series with a combined 2020 and 2021', () => {
    const months = monthSequence('2018-01', 48);
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 1, max: 1e9, noNaN: true }), { minLength: 48, maxLength: 48 }),
        fc.constantFrom('split-share' as const, 'split-even' as const),
        (xs, t) => {
          const v = xs.slice();
          for (const y of [2020, 2021]) {
            const j = months.indexOf(`${y}-01`);
            v[j + 1] = 3 * (v[j - 1] + v[j + 2]); // February well over 1.5 × its neighbours
            v[j] = NaN;
          }
          const before = v.reduce((a, b) => a + (Number.isNaN(b) ? 0 : b), 0);
          const r = treatJanFebSeries(v, months, t);
          const after = Array.from(r.values).reduce((a, b) => a + b, 0);
          return r.years.length === 2 && Math.abs(after - before) <= 1e-9 * before;
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('the macro step counts a year with a combined January–February as complete', () => {
  // one group, 2019-01..2020-12: 2019 every month 100; 2020 no January, February 200, the other months 100
  const months = monthSequence('2019-01', 24);
  const x = F(months.map((m) => (m === '2020-01' ? NaN : m === '2020-02' ? 200 : 100)));
  const gp = (janFeb?: Panel['source']['janFeb']) => ({
    source: src(janFeb),
    months,
    codes: ['Polymers'],
    values: [x],
    members: [['39073000']],
    report: { missing: 'sum-present' as const, missingMemberMonths: 0, missingKeyMonths: 0, droppedCodes: [] },
    batch: 1 as const,
    groups: [
      {
        group_id: 12,
        group: 'Polymers',
        matrixLabel: 'Polymers',
        category: 'intermediate' as const,
        semiconductor: false,
      },
    ],
  });
  it('by the detection (February 200 = 2 × its neighbours): 2020 sums to 1,200 like 2019', () => {
    const r = annualGroupSums(gp() as never);
    expect(r.rows.map((y) => [y.year, y.value_usd])).toEqual([
      [2019, 1200],
      [2020, 1200],
    ]);
    expect(r.incompleteYears).toEqual([]);
  });
  it('a January missing beside an ordinary February leaves the year incomplete', () => {
    const y = Float64Array.from(x);
    y[months.indexOf('2020-02')] = 100;
    const r = annualGroupSums({ ...gp(), values: [y] } as never);
    expect(r.incompleteYears).toEqual([{ group_id: 12, year: 2020 }]);
  });
});

// ---------- the edges of each function ----------
const CHOOSE = "(janFeb 'error'; choose 'split-share', 'split-even' or 'merge')";

describe('januaryShare leaves out a year whose two months sum to 0', () => {
  it('January 0 and February 0 in 2018 is no share (0 / 0): only 2019 counts, 40 / 100', () => {
    expect(januaryShare([0, 0, 40, 60], ['2018-01', '2018-02', '2019-01', '2019-02'])).toBe(0.4);
  });
});

describe('treatJanFebSeries: edges', () => {
  it("a series with no combined year comes back as it is, even under 'error'", () => {
    const plain = [40, 60, 100, 100];
    const r = treatJanFebSeries(plain, monthSequence('2020-01', 4), 'error');
    expect(r).toEqual({ values: Float64Array.from(plain), merged: [], years: [] });
  });
  it("'error' without a label says 'series' and lists every combined year", () => {
    // 2019-12..2021-03: 2020 and 2021 with January empty and February 200 = 2 × the neighbours 100
    const months = monthSequence('2019-12', 16);
    const x = months.map((m) => (m.endsWith('-01') ? NaN : m.endsWith('-02') ? 200 : 100));
    expect(() => treatJanFebSeries(x, months, 'error')).toThrow(
      `treatJanFebSeries: series: January and February are combined in 2020, 2021 ${CHOOSE} (got 2020)`,
    );
  });
  it("a NaN share given by the caller is no share: the series' own 0.4 (January 80 of 200)", () => {
    const r = treatJanFebSeries(X, M, 'split-share', { share: NaN });
    expect([r.values[12], r.values[13]]).toEqual([80, 120]);
  });
});

/**
 * Group shares, 2019-01..2020-04 (2020 combined for a, b, c, k):
 * group g = a (2019: 30 of 100), b (no history), d (2019: January 50, February missing: not a pair),
 *   e (2019: 10 of 100; 2020: January 0 and February 0, not combined: a sum of 0, no share) → 40 / 200 = 0.2;
 * group h = f (2019: 20 of 100; 2020: 60 of 100, not combined), k (no history) → mean of 0.2 and 0.6 = 0.4;
 * group solo = c alone (no history) → no group share: one half.
 */
function groupPanelJF(): Panel {
  const n = (k: number) => new Array(k).fill(NaN);
  const h = (k: number) => new Array(k).fill(100);
  return {
    source: src(),
    months: M,
    codes: ['a', 'b', 'c', 'd', 'e', 'f', 'k'],
    values: [
      F([30, 70, ...h(10), NaN, 200, 100, 100]),
      F([...n(13), 40, 20, 20]),
      F([...n(12), 0, 10, 5, 5]),
      F([50, ...n(15)]),
      F([10, 90, ...h(10), 0, 0, 100, 100]),
      F([20, 80, ...h(10), 60, 40, 100, 100]),
      F([...n(13), 40, 20, 20]),
    ],
  };
}
const GROUP_OF: Record<string, string> = { a: 'g', b: 'g', d: 'g', e: 'g', f: 'h', k: 'h', c: 'solo' };

describe('treatJanFeb: where each share comes from', () => {
  it("split-share: the code's own share, else its group's (years with both months of codes not combined that year), else one half", () => {
    const p = groupPanelJF();
    const t = treatJanFeb(p, 'split-share', { groupOf: (c) => GROUP_OF[c] });
    expect(t.shares.get('a')).toEqual({ share: 0.3, from: 'code' });
    expect(t.shares.get('b')).toEqual({ share: 0.2, from: 'group' });
    expect(t.shares.get('k')!.from).toBe('group');
    expect(t.shares.get('k')!.share).toBeCloseTo(0.4, 15);
    expect(t.shares.get('c')).toEqual({ share: 0.5, from: 'half' });
    expect([...t.shares.keys()].sort()).toEqual(['a', 'b', 'c', 'k']);
    expect([t.panel.values[0][12], t.panel.values[0][13]]).toEqual([60, 140]);
    expect([t.panel.values[1][12], t.panel.values[1][13]]).toEqual([8, 32]);
    expect(t.panel.values[6][12]).toBeCloseTo(16, 12);
    expect(t.panel.values[6][13]).toBeCloseTo(24, 12);
    expect([t.panel.values[2][12], t.panel.values[2][13]]).toEqual([5, 5]);
    // codes with no combined year keep their own arrays
    for (const k of [3, 4, 5]) expect(t.panel.values[k]).toBe(p.values[k]);
  });
  it('split-share without groupOf: a code without its own share takes one half', () => {
    const t = treatJanFeb(handPanel(), 'split-share');
    expect(Object.fromEntries(t.shares)).toEqual({
      a: { share: 0.3, from: 'code' },
      b: { share: 0.5, from: 'half' },
      c: { share: 0.5, from: 'half' },
    });
    expect(t.panel.values.map((v) => [v[12], v[13]])).toEqual([
      [60, 140],
      [20, 20],
      [5, 5],
    ]);
  });
  it('split-even halves every combined total, whatever the own share, and never asks groupOf', () => {
    const t = treatJanFeb(handPanel(), 'split-even', {
      groupOf: () => {
        throw new Error('groupOf consulted');
      },
    });
    expect(t.panel.values.map((v) => [v[12], v[13]])).toEqual([
      [100, 100],
      [20, 20],
      [5, 5],
    ]);
    expect(t.shares.size).toBe(0);
  });
});

describe('treatJanFeb: merge, no combined cell, unknown treatment, exact messages', () => {
  it('merge: every code of a combined year gets January NaN and February both months (c reported 4 and 10: 14); 2019 untouched', () => {
    const p = handPanel();
    p.values[2][12] = 4;
    const t = treatJanFeb(p, 'merge');
    const h = new Array(10).fill(100);
    const n = (k: number) => new Array(k).fill(NaN);
    expect(t.panel.values.map((v) => Array.from(v))).toEqual([
      [30, 70, ...h, NaN, 200, 100, 100],
      [...n(13), 40, 20, 20],
      [...n(13), 14, 5, 5],
    ]);
    expect(t.panel.source.janFeb!.treatment).toBe('merge');
    expect(t.detection.codes).toEqual(['a', 'b']);
  });
  it("a panel with no combined cell is returned as it is, even under 'error', its source saying so", () => {
    const p: Panel = { source: src(), months: M, codes: ['x'], values: [F(X.map((v) => (v === v ? v : 100)))] };
    const t = treatJanFeb(p, 'error');
    expect(t.panel.values).toBe(p.values);
    expect(t.panel.months).toBe(M);
    expect(t.panel.source).toEqual({
      ...p.source,
      janFeb: { years: [], codes: 0, cells: 0, text: '', treatment: 'error' },
    });
    expect([t.text, t.shares.size, t.treatment]).toEqual(['', 0, 'error']);
  });
  it('an unknown treatment is an error naming the function and the value', () => {
    expect(() => treatJanFeb(handPanel(), 'halve' as never)).toThrow(
      `treatJanFeb: janFeb must be 'split-share', 'split-even', 'merge' or 'error' (got "halve")`,
    );
    expect(() => janFebOf(handPanel(), 'halve' as never)).toThrow(
      `janFebOf: janFeb must be 'split-share', 'split-even', 'merge' or 'error' (got "halve")`,
    );
  });
  it("'error': the exact message, naming the first code and year", () => {
    const tail = `(3 code-years in all; janFeb 'error'; choose 'split-share', 'split-even' or 'merge') (got "a 2020")`;
    expect(() => treatJanFeb(handPanel(), 'error')).toThrow(
      `treatJanFeb: code a: January and February are combined in 2020 ${tail}`,
    );
    expect(() => janFebOf(handPanel(), 'error')).toThrow(
      `janFebOf: code a: January and February are combined in 2020 ${tail}`,
    );
  });
});

describe('foldJanFeb: edges', () => {
  it('a panel whose source knows no combined year is returned as it is', () => {
    const p = handPanel();
    expect(foldJanFeb(p)).toBe(p);
    p.source = src({ years: [], codes: 0, cells: 0, text: '' });
    expect(foldJanFeb(p)).toBe(p);
  });
  it('folds the years where both months are present and leaves the others (2020: 4 + 6; 2021: January empty)', () => {
    const months = monthSequence('2020-01', 14);
    const h = new Array(10).fill(100);
    const p: Panel = {
      source: { ...src({ years: [2020, 2021], codes: 1, cells: 1, text: '' }), period: ['2020-01', '2021-02'] },
      months,
      codes: ['x'],
      values: [F([4, 6, ...h, NaN, 20])],
    };
    expect(Array.from(foldJanFeb(p).values[0])).toEqual([NaN, 10, ...h, NaN, 20]);
  });
});

describe('janFebWindow and baseSpan: edges', () => {
  it("'error' without a label names 'series'", () => {
    expect(() => janFebWindow(X, M, 'error', [0, 15])).toThrow(
      `treatJanFebSeries: series: January and February are combined in 2020 ${CHOOSE} (got 2020)`,
    );
  });
  it('a series with no combined year is read as it is: the same values, nothing merged, nothing placed', () => {
    const plain = X.map((v) => (v === v ? v : 100));
    const w = janFebWindow(plain, M, 'merge', [0, 15]);
    expect(w.values).toBe(plain);
    expect(Array.from(w.merged)).toEqual(new Array(16).fill(0));
  });
  it('a window that ends at a merged January marks it; quarterly, January holds 0', () => {
    const w = janFebWindow(X, M, 'merge', [0, 12]);
    expect(Array.from(w.merged)).toEqual([...new Array(12).fill(0), 1]);
    const mx = Float64Array.from(Array.from(w.values).slice(0, 13));
    w.place(mx, 3);
    expect(mx[12]).toBe(0);
  });
  it('a window that starts after the first month, with no merged January before it, keeps its first month', () => {
    const w = janFebWindow(X, M, 'merge', [1, 15]);
    const mx = Float64Array.from(Array.from(w.values).slice(1));
    w.place(mx, 1);
    expect(Array.from(mx)).toEqual([60, ...new Array(10).fill(100), NaN, 100, 100, 100]);
  });
  it('a window that starts at the February of a merged January keeps its total at quarterly frequency', () => {
    const w = janFebWindow(X, M, 'merge', [13, 15]);
    const mx = Float64Array.from(Array.from(w.values).slice(13));
    w.place(mx, 3);
    expect(Array.from(mx)).toEqual([200, 100, 100]);
  });
  it('baseSpan counts only the merged Januaries within the span', () => {
    expect(baseSpan(1, Uint8Array.of(0, 1))).toBe(1);
    expect(baseSpan(2, Uint8Array.of(0, 1, 0))).toBe(3);
  });
});
