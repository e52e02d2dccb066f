/**
 * The explorer's model (lib/present/explore-model.ts) in Node: settings ↔ URL, the defaults read from
 * the library, and the page's computation equal to runStudy for the same settings. Its page builder is
 * tests/unit/scripts/report/explore.test.ts; the page in Chromium, tests/study/report/explore.test.ts.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadGroups } from '../../../lib/io/data.js';
import { DEFAULT_CHOICES } from '../../../lib/steps/choices.js';
import { partitionMoves } from '../../../lib/steps/partition-teaching.js';
import { loadPanel } from '../../../lib/io/panel.js';
import { groupPanel } from '../../../lib/steps/grouping.js';
import { runStudy } from '../../../lib/study.js';
import { sourceNote } from '../../../lib/io/panel.js';
import { loadPublished } from '../../../lib/io/published.js';
import {
  EXPLORE_DEFAULT_RATE,
  computeExplore,
  exploreData,
  exploreDefaults,
  fullYears,
  prepareExplore,
  settingsFromHash,
  settingsToHash,
  windowYears,
  yearsWindow,
  type ExploreData,
  type ExploreInput,
  type ExploreSettings,
} from '../../../lib/present/explore-model.js';
import type { Panel } from '../../../lib/core/types.js';
import { controlSeries, exploreControlRows } from '../../../lib/present/explore-controls.js';
import { controlIndices, economyOfRun } from '../../../lib/steps/controls.js';
import { SYNTHETIC_CONTROLS_SEED, syntheticControls } from '../../../lib/synthetic/controls.js';
import { aggregatePanel } from '../../../lib/core/codes.js';

let panel: Panel;
let input: ExploreInput;
beforeAll(() => {
  panel = loadPanel({ source: 'synthetic' });
  const gp = groupPanel(panel, 1, loadGroups());
  input = prepareExplore(exploreData(gp, loadPublished().partition, panel.source, sourceNote(panel.source)));
});

/** Settings a reader can reach with the page's sliders (their ranges and steps). */
const settingsArb = fc
  .record({
    growth: fc.integer({ min: -20, max: 300 }).map((i) => +(i / 100).toFixed(2)),
    vh: fc.integer({ min: 5, max: 60 }),
    vm: fc.integer({ min: 0, max: 60 }),
    semiconductorRule: fc.boolean(),
    base: fc.constantFrom<ExploreSettings['base']>('first', { meanOfFirst: 12 }),
    weights: fc.constantFrom('linear' as const, 'uniform' as const, 'exponential' as const),
    rate: fc.integer({ min: -10, max: 20 }).map((i) => +(i * 0.005).toFixed(3)),
    startYear: fc.integer({ min: 2015, max: 2024 }),
    span: fc.integer({ min: 0, max: 9 }),
    janFeb: fc.constantFrom('split-share' as const, 'split-even' as const, 'merge' as const),
  })
  .map((r): ExploreSettings => ({
    growth: r.growth,
    volatilityHigh: Math.max(r.vh, r.vm) / 100,
    volatilityMedium: Math.min(r.vh, r.vm) / 100,
    semiconductorRule: r.semiconductorRule,
    base: r.base,
    weights: r.weights === 'exponential' ? { exponential: r.rate } : r.weights,
    rate: r.rate,
    window: yearsWindow(r.startYear, Math.min(2024, r.startYear + r.span)),
    janFeb: r.janFeb,
  }));

describe('exploreDefaults: the reset target comes from the library', () => {
  it('thresholds are DEFAULT_CHOICES\u2019 and equal the printed cuts', () => {
    const d = exploreDefaults();
    expect([d.growth, d.volatilityHigh, d.volatilityMedium, d.semiconductorRule]).toEqual([
      DEFAULT_CHOICES.growth,
      DEFAULT_CHOICES.volatilityHigh,
      DEFAULT_CHOICES.volatilityMedium,
      DEFAULT_CHOICES.semiconductorRule,
    ]);
    const printed = new Map(loadPublished().thresholds.map((t) => [t.id, t.value] as const));
    expect(d.growth).toBe(printed.get('growth_high'));
    expect(d.volatilityHigh).toBe(printed.get('volatility_high'));
    expect(d.volatilityMedium).toBe(printed.get('volatility_medium_from'));
  });

  it('the settings are DEFAULT_CHOICES under the same names (no translation)', () => {
    const { rate, ...choices } = exploreDefaults();
    for (const [k, v] of Object.entries(choices)) expect(v).toEqual(DEFAULT_CHOICES[k as keyof typeof DEFAULT_CHOICES]);
    if (typeof DEFAULT_CHOICES.weights === 'string') expect(rate).toBe(EXPLORE_DEFAULT_RATE);
  });
});

describe('whole-year windows', () => {
  it('years ↔ window (hand-written), and a window not of whole years is refused', () => {
    expect(yearsWindow(2017, 2023)).toEqual(['2017-01', '2023-12']);
    expect(windowYears(['2017-01', '2023-12'])).toEqual([2017, 2023]);
    expect(() => windowYears(['2017-02', '2023-12'])).toThrow(
      /windowYears: the window must run from a January to a December/,
    );
  });
});

describe('settings in the URL', () => {
  it('a hand-written fragment', () => {
    const s: ExploreSettings = {
      growth: 0.7,
      volatilityHigh: 0.3,
      volatilityMedium: 0.24,
      semiconductorRule: false,
      base: { meanOfFirst: 12 },
      weights: 'uniform',
      rate: 0.02,
      window: ['2017-01', '2024-12'],
      janFeb: 'merge',
    };
    expect(settingsToHash(s)).toBe(
      'g=0.7&vh=0.3&vm=0.24&semi=off&base=mean12&w=uniform&rate=0.02&from=2017&to=2024&jf=merge',
    );
    expect(
      settingsFromHash(
        '#g=0.7&vh=0.3&vm=0.24&semi=off&base=mean12&w=uniform&rate=0.02&from=2017&to=2024&jf=merge',
        exploreDefaults(),
      ),
    ).toEqual({ settings: s, problems: [] });
    // a link from before the choice keeps the default; 'error' is not offered (the page would stop)
    expect(settingsFromHash('#g=0.7', exploreDefaults()).settings.janFeb).toBe('split-share');
    expect(settingsFromHash('#jf=error', exploreDefaults()).problems).toEqual([
      'jf: "error" is not split-share, split-even or merge (kept split-share)',
    ]);
  });

  it('round-trips every reachable setting (property)', () => {
    fc.assert(
      fc.property(settingsArb, (s) => {
        const back = settingsFromHash('#' + settingsToHash(s), {
          ...exploreDefaults(),
          growth: 9,
          window: yearsWindow(1999, 2024),
        });
        expect(back.problems).toEqual([]);
        expect(back.settings).toEqual(s);
      }),
    );
  });

  it('keeps the defaults for absent keys and reports bad values without throwing', () => {
    const d = exploreDefaults();
    expect(settingsFromHash('', d)).toEqual({ settings: d, problems: [] });
    expect(settingsFromHash('#g=0.8', d).settings).toEqual({ ...d, growth: 0.8 });
    const r = settingsFromHash('#g=&vh=x&semi=maybe&w=cubic&base=mean0&from=20.5&to=1800&zoom=2', d);
    expect(r.settings).toEqual(d);
    expect(r.problems).toEqual([
      `g: "" is not a number (kept ${d.growth})`,
      `vh: "x" is not a number (kept ${d.volatilityHigh})`,
      `semi: "maybe" is not on or off (kept ${d.semiconductorRule ? 'on' : 'off'})`,
      `w: "cubic" is not linear, uniform or exp (kept ${d.weights})`,
      `base: "mean0" is not first or meanK (kept ${d.base === 'first' ? 'first' : `mean${d.base.meanOfFirst}`})`,
      `from: "20.5" is not a year (kept ${windowYears(d.window)[0]})`,
      `to: "1800" is not a year (kept ${windowYears(d.window)[1]})`,
      'unknown setting "zoom" (ignored)',
    ]);
  });
});

describe('fullYears', () => {
  it('lists the calendar years with all twelve months (hand cases)', () => {
    const months = (from: string, n: number) =>
      Array.from({ length: n }, (_, i) => {
        const m = Number(from.slice(0, 4)) * 12 + Number(from.slice(5)) - 1 + i;
        return `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
      });
    expect(fullYears(months('2015-01', 126))).toEqual([2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024]);
    expect(fullYears(months('2015-02', 23))).toEqual([2016]);
    expect(fullYears(months('2015-02', 22))).toEqual([]);
    expect(fullYears([])).toEqual([]);
    expect(() => fullYears(['2015-13'])).toThrow(/monthIndex: month must be YYYY-MM/);
  });
});

describe('computeExplore equals runStudy', () => {
  const same = (s: ExploreSettings) => {
    const ours = computeExplore(input, s);
    const run = runStudy({ dataSource: 'synthetic', panel, choices: s });
    expect(ours.rows.map(({ publishedGrowth: _a, publishedVolatility: _b, publishedPattern: _c, ...r }) => r)).toEqual(
      run.partition,
    );
    expect(ours.matrix).toEqual(run.matrix);
    expect(ours.comparison).toEqual(run.comparison);
    expect(ours.choices).toEqual(run.choices);
  };

  it('at the starting choices (printed cuts, project defaults): all 17 groups in their published cell on the SYNTHETIC panel', () => {
    const r = computeExplore(input, exploreDefaults());
    same(exploreDefaults());
    expect(r.rows).toHaveLength(17);
    expect(r.comparison.position.agree).toBe(17);
    expect(r.comparison.pattern.agree).toBe(17);
  });

  it('a growth cut just above ICs\u2019 G moves Integrated Circuits to low growth; cut 0.7 equals runStudy', () => {
    const d = exploreDefaults();
    const base = computeExplore(input, d);
    const icG = base.rows.find((x) => x.group === 'Integrated Circuits (ICs)')!.G;
    expect(icG).toBeGreaterThan(d.growth);
    const cut = Math.ceil(icG * 100) / 100;
    const r = computeExplore(input, { ...d, growth: cut });
    same({ ...d, growth: cut });
    expect(r.rows.find((x) => x.group === 'Integrated Circuits (ICs)')!.growth).toBe('low');
    expect(partitionMoves(base.rows, r.rows).find((m) => m.group === 'Integrated Circuits (ICs)')).toMatchObject({
      cellBefore: 'high growth, medium volatility',
      cellAfter: 'low growth, medium volatility',
      patternBefore: 'stockpiling',
      patternAfter: 'substitution',
    });
    same({ ...d, growth: 0.7 });
  });

  it('for random reachable settings (property)', () => {
    fc.assert(fc.property(settingsArb, same), { numRuns: 40 });
  });

  it('rejects what runStudy rejects, naming the library function', () => {
    const d = exploreDefaults();
    expect(() => computeExplore(input, { ...d, window: yearsWindow(2010, 2024) })).toThrow(
      /prepareSeries: .*window 2010-01\.\.2024-12 is outside the data/,
    );
    expect(() => computeExplore(input, { ...d, volatilityMedium: 0.4, volatilityHigh: 0.3 })).toThrow(
      /resolveThresholds: volatilityMedium must not exceed volatilityHigh/,
    );
    expect(() => computeExplore(input, { ...d, window: yearsWindow(2024, 2020) })).toThrow(
      /resolveIndexOptions: window start is after its end/,
    );
  });
});

describe('exploreData / prepareExplore: bad input', () => {
  it('only batch 1 (the published matrix is for batch 1)', () => {
    const gp = groupPanel(panel, 2, loadGroups());
    expect(() => exploreData(gp, [], panel.source, 'x')).toThrow(/exploreData: .*batch 1 only \(got 2\)/);
  });

  it('a group without a series', () => {
    const gp = groupPanel(panel, 1, loadGroups());
    expect(() =>
      exploreData({ ...gp, codes: gp.codes.slice(1), values: gp.values.slice(1) }, [], panel.source, 'x'),
    ).toThrow(/exploreData: group has no series/);
  });

  it('series of the wrong length, missing arrays', () => {
    const d = input.data;
    expect(() => prepareExplore({ ...d, series: d.series.slice(1) })).toThrow(
      /prepareExplore: series must hold one array per group/,
    );
    expect(() => prepareExplore({ ...d, series: d.series.map((s, i) => (i === 3 ? s.slice(1) : s)) })).toThrow(
      /prepareExplore: series of .* must have one value per month \(126\)/,
    );
    expect(() => prepareExplore(null as never)).toThrow(/prepareExplore: data must be an object/);
  });

  it('NaN months survive the JSON trip as missing (null → NaN)', () => {
    const d = exploreData(
      {
        batch: 1,
        months: ['2015-01', '2015-02'],
        codes: ['Polymers'],
        values: [Float64Array.of(NaN, 5)],
        groups: [loadGroups().find((g) => g.group === 'Polymers')!],
      },
      [],
      panel.source,
      'x',
    );
    const back = prepareExplore(JSON.parse(JSON.stringify(d)));
    expect(Array.from(back.panel.values[0])).toEqual([NaN, 5]);
  });
});

describe('HS6 data: the joint group of shared headings in the explorer', () => {
  it('the page data keep its members, so the comparison leaves 3, 6, 8 and 11 out as not comparable (SYNTHETIC summed to HS6)', () => {
    const p = loadPanel({ source: 'synthetic' });
    const h = aggregatePanel(p, Object.fromEntries(p.codes.map((c) => [c, c.slice(0, 6)])));
    const gp = groupPanel({ source: p.source, months: h.months, codes: h.codes, values: h.values }, 1, loadGroups(), {
      hs8: null,
    });
    const data = exploreData(gp, loadPublished().partition, p.source, 'HS6 (test)');
    expect(data.groups.find((g) => g.group_id === 103)).toMatchObject({
      group: '3+6+8+11 (one HS6 heading family)',
      members: [3, 6, 8, 11],
    });
    const r = computeExplore(prepareExplore(data), exploreDefaults());
    expect(r.comparison.pattern.of).toBe(13);
    expect(r.comparison.pattern.notComparable!.map((x) => x.group_id)).toEqual([3, 6, 8, 11]);
    // the explorer and the pipeline agree on the HS6 data too
    expect(r.comparison.pattern.agree).toBe(
      runStudy({ panel: { source: p.source, months: h.months, codes: h.codes, values: h.values } }).comparison!.pattern
        .agree,
    );
  });
});

describe('the control economies in the explorer (issue 25)', () => {
  // notebook 09's controls on SYNTHETIC data: syntheticControls of runStudy's group panel, the bundled seed
  const notebookControls = () => {
    const run = runStudy({ dataSource: 'synthetic' });
    const gp = run.groupPanel;
    const china = economyOfRun(run);
    return {
      china,
      groups: gp.groups,
      controls: syntheticControls(china, gp.groups, { seed: SYNTHETIC_CONTROLS_SEED }),
    };
  };

  it("the page's controls (regenerated from the embedded JSON) have the G and V of controlIndices under a non-default setting", () => {
    const { groups, controls } = notebookControls();
    const s: ExploreSettings = {
      ...exploreDefaults(),
      growth: 0.7,
      volatilityHigh: 0.35,
      semiconductorRule: false,
      weights: 'uniform',
      base: 'first',
      window: yearsWindow(2016, 2023),
      showControls: true,
    };
    // the page's path: the data as JSON, parsed, prepared, the controls rebuilt from China's embedded series
    const data = JSON.parse(
      JSON.stringify({
        ...input.data,
        controls: { kind: 'synthetic', label: 'SYNTHETIC', seed: SYNTHETIC_CONTROLS_SEED, economies: 6 },
      }),
    ) as ExploreData;
    const page = prepareExplore(data);
    const rebuilt = controlSeries(data.controls!, page.panel, data.groups);
    expect(rebuilt.map((e) => e.economy)).toEqual([
      'Control A',
      'Control B',
      'Control C',
      'Control D',
      'Control E',
      'Control F',
    ]);
    const got = exploreControlRows(rebuilt, data.groups, s);
    const want = controlIndices(controls, groups, { ...DEFAULT_CHOICES, ...s });
    expect(got).toHaveLength(6 * 17);
    // the same numbers (the page's codes are in group_id order, the panel's in its own: rows sorted alike)
    const key = (rows: typeof got) =>
      rows
        .map((r) => [r.economy, r.group_id, r.G, r.V, r.cell] as const)
        .sort((x, y) => x[0].localeCompare(y[0]) || x[1] - y[1]);
    expect(key(got)).toEqual(key(want));
    // and the setting moved them: not the defaults' values
    const atDefaults = exploreControlRows(rebuilt, data.groups, exploreDefaults());
    expect(atDefaults.filter((r, i) => r.G !== got[i].G).length).toBe(6 * 17);
  });

  it('imported controls: the embedded series (null = missing) give controlIndices of the same series', () => {
    const { groups, controls } = notebookControls();
    const a = controls[0];
    const values = a.values.map((v) => Float64Array.from(v, (x, t) => (t === a.months.length - 1 ? NaN : x)));
    const embedded = {
      kind: 'imported' as const,
      label: 'Control economies: UN Comtrade, imported per reporter (KOR), HS6',
      economies: [
        {
          economy: 'KOR',
          months: a.months,
          codes: a.codes,
          series: values.map((v) => Array.from(v, (x) => (Number.isNaN(x) ? null : x))),
        },
      ],
    };
    const rebuilt = controlSeries(JSON.parse(JSON.stringify(embedded)), { months: [], codes: [], values: [] }, groups);
    const s = { ...exploreDefaults(), growth: 0.6, weights: 'linear' as const };
    expect(exploreControlRows(rebuilt, groups, s)).toEqual(
      controlIndices([{ ...a, economy: 'KOR', values }], groups, { ...DEFAULT_CHOICES, ...s }),
    );
    expect(controlSeries({ kind: 'none', label: 'none' }, { months: [], codes: [], values: [] }, groups)).toEqual([]);
  });

  it('the checkbox state in the URL: ctl=on round-trips, off is not written, a bad value is reported', () => {
    const on: ExploreSettings = { ...exploreDefaults(), growth: 0.7, showControls: true };
    expect(settingsToHash(on)).toBe(`${settingsToHash({ ...on, showControls: false })}&ctl=on`);
    expect(settingsToHash({ ...on, showControls: false })).not.toMatch(/ctl/);
    expect(settingsFromHash(settingsToHash(on), exploreDefaults())).toEqual({ settings: on, problems: [] });
    expect(settingsFromHash('#ctl=off', { ...exploreDefaults(), showControls: true }).settings.showControls).toBe(
      false,
    );
    expect(settingsFromHash('#ctl=yes', exploreDefaults()).problems).toEqual([
      'ctl: "yes" is not on or off (kept off)',
    ]);
  });
});
