/**
 * Every chart builder of lib/present/chart-specs/ keeps the base's contract (base.ts): a title, the source note, numeric sizes,
 * inline data, axis titles with units, gaps for missing months, labelled published points; each compiles with
 * vega-lite and renders to SVG with vega.
 */
import { describe, expect, it } from 'vitest';
import { partitionAtPublishedCells } from '../../../helpers/fixtures.js';
import { partitionMatrix } from '../../../../lib/steps/partition.js';
import { loadPublished } from '../../../../lib/io/published.js';
import type { StudyChartSpec } from '../../../../lib/present/chart-specs/base.js';
import { groupSmallMultiples } from '../../../../lib/present/chart-specs/grouping.js';
import { macroSharesChart } from '../../../../lib/present/chart-specs/macro.js';
import { growthVolatilityScatter, partitionMatrixChart } from '../../../../lib/present/chart-specs/partition.js';
import { sensitivityHeatmap } from '../../../../lib/present/chart-specs/sensitivity.js';
import { variantIndexChart } from '../../../../lib/present/chart-specs/indices.js';

const NOTE = 'SYNTHETIC teaching data (test fixture) — not the paper’s or China’s figures';
const published = loadPublished();
const rows = partitionAtPublishedCells();
const months = ['2015-01', '2015-02', '2015-03'];
const specs: Record<string, StudyChartSpec> = {
  smallMultiples: groupSmallMultiples(
    { months, codes: ['Polymers', 'ICs'], values: [Float64Array.of(1e6, NaN, 3e6), Float64Array.of(5e6, 6e6, 7e6)] },
    { sourceNote: NOTE },
  ),
  scatter: growthVolatilityScatter(
    rows.map((r) => ({ label: r.matrixLabel, G: r.G, V: r.V, pattern: r.pattern })),
    { sourceNote: NOTE },
  ),
  matrix: partitionMatrixChart(partitionMatrix(rows), new Map(rows.map((r) => [r.matrixLabel, r.pattern])), {
    sourceNote: NOTE,
  }),
  macro: macroSharesChart(
    [2015, 2016, 2024].flatMap((year, k) => [
      { year, series: 'capital goods, adjusted', share_pct: 2 - 0.1 * k },
      { year, series: 'semiconductor intermediates', share_pct: 1.8 + 0.1 * k },
    ]),
    published.macro,
    { sourceNote: NOTE },
  ),
  heatmap: sensitivityHeatmap(
    {
      robustness: [
        { group: 'Polymers', share: 0.9 },
        { group: 'ICs', share: 0.5 },
      ],
      byParameter: [
        { param: 'sd', value: 'sample', group: 'Polymers', share: 1 },
        { param: 'sd', value: 'sample', group: 'ICs', share: 0.25 },
      ],
    },
    { sourceNote: NOTE },
  ),
  variants: variantIndexChart(
    [
      { group: 'Polymers', variant: 'split-share', V: 0.16, G: -0.03 },
      { group: 'Polymers', variant: 'merge', V: 0.17, G: -0.02 },
      { group: 'ICs', variant: 'split-share', V: 0.27, G: 0.66 },
      { group: 'ICs', variant: 'merge', V: 0.28, G: 0.65 },
    ],
    { sourceNote: NOTE, choice: 'janFeb' },
  ),
};

function walk(o: unknown, f: (k: string, v: unknown) => void): void {
  if (o && typeof o === 'object') for (const [k, v] of Object.entries(o)) (f(k, v), walk(v, f));
}

describe('chart specs', () => {
  for (const [name, spec] of Object.entries(specs))
    it(`${name}: title, source note, numeric size, inline data, axis titles`, () => {
      expect(spec.title.text.length).toBeGreaterThan(5);
      expect(spec.title.subtitle).toContain(NOTE);
      let urls = 0;
      let sizes = 0;
      const axisTitles: string[] = [];
      walk(spec, (k, v) => {
        if (k === 'url') urls++;
        if ((k === 'width' || k === 'height') && typeof v !== 'number') throw new Error(`${k} is not a number`);
        if (k === 'width' || k === 'height') sizes++;
        if ((k === 'x' || k === 'y' || k === 'row' || k === 'column') && v && typeof v === 'object' && 'title' in v)
          axisTitles.push(String((v as { title: unknown }).title));
      });
      expect(urls).toBe(0);
      expect(sizes).toBeGreaterThanOrEqual(2);
      expect(axisTitles.length).toBeGreaterThanOrEqual(2);
      expect(JSON.stringify(spec)).not.toMatch(/NaN|Infinity/);
    });
  it('units in axis titles', () => {
    expect(JSON.stringify(specs.smallMultiples)).toContain('million US dollars');
    expect(JSON.stringify(specs.macro)).toContain('% of GDP');
  });
  it('missing months become gaps (null), published points are labelled, peak without year is counted', () => {
    const vals = (specs.smallMultiples.data as { values: { value_musd: number | null }[] }).values;
    expect(vals[1].value_musd).toBeNull();
    const layer = specs.macro.layer as { data: { values: { label?: string; year: number; series: string }[] } }[];
    // the slide prints no years for the semiconductor shares: their points say so
    expect(layer[1].data.values.map((p) => `${p.series} ${p.year}: ${p.label}`).sort()).toEqual([
      'capital goods, adjusted 2015: published',
      'capital goods, adjusted 2024: published',
      'semiconductor intermediates 2015: published, year assumed',
      'semiconductor intermediates 2024: published, year assumed',
    ]);
    expect(specs.macro.title.subtitle[1]).toMatch(/year assumed.*prints the share but no year/);
    expect(specs.macro.title.subtitle[2]).toMatch(/1 published value\(s\) without a stated year/);
    expect(() =>
      macroSharesChart([{ year: 2015, series: 's', share_pct: 1 }], [{ series: 's', year: 2015, value_pct_gdp: 1 }], {
        sourceNote: NOTE,
      }),
    ).toThrow(/needs year_stated/);
  });
  it('sourceNote is required', () => {
    expect(() => sensitivityHeatmap({ robustness: [], byParameter: [] }, { sourceNote: ' ' })).toThrow(
      /^sensitivityHeatmap: sourceNote is required/,
    );
    expect(() =>
      growthVolatilityScatter([{ label: 'x', G: NaN, V: 0, pattern: 'substitution' }], { sourceNote: NOTE }),
    ).toThrow(/G and V of x must be finite/);
    expect(() => variantIndexChart([{ group: 'ICs', variant: 'merge', V: NaN, G: 0 }], { sourceNote: NOTE })).toThrow(
      /^variantIndexChart: V and G of ICs \(merge\) must be finite/,
    );
  });
  it('every spec compiles with vega-lite and renders to SVG with vega', async () => {
    const vl = await import('vega-lite');
    const vega = await import('vega');
    for (const [name, spec] of Object.entries(specs)) {
      const warnings: string[] = [];
      const logger = {
        level: () => logger,
        warn: (...a: unknown[]) => (warnings.push(a.join(' ')), logger),
        info: () => logger,
        debug: () => logger,
        error: (...a: unknown[]) => {
          throw new Error(a.join(' '));
        },
      };
      const compiled = vl.compile(spec as never, { logger: logger as never }).spec;
      const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
      const svg = await view.toSVG();
      expect(svg, name).toMatch(/^<svg/);
      expect(svg, name).toContain('SYNTHETIC');
      expect(warnings, `${name} warnings`).toEqual([]);
      view.finalize();
    }
  });
});
