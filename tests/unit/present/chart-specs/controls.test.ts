/** The control comparison's charts (lib/present/chart-specs/controls.ts): China highlighted, source note required. */
import { describe, expect, it } from 'vitest';
import { controlsSmallMultiples, macroControlsChart } from '../../../../lib/present/chart-specs/controls.js';

describe('controls charts', () => {
  const rows = [
    { economy: 'China', group: 'ICs', G: 0.7, V: 0.27 },
    { economy: 'Control A', group: 'ICs', G: 0.4, V: 0.2 },
    { economy: 'China', group: 'Polymers', G: 0.1, V: 0.1 },
  ];
  it('small multiples: one panel per group, China marked, the cuts drawn, the source note under the title', () => {
    const s = controlsSmallMultiples(rows, { sourceNote: 'SYNTHETIC controls', thresholds: { growth: 0.6 } }) as any;
    expect(s.facet.sort).toEqual(['ICs', 'Polymers']);
    expect(s.data.values.map((v: any) => v.who)).toEqual(['China', 'control', 'China']);
    expect(s.spec.layer[1].encoding.x.datum).toBe(0.6);
    expect(s.spec.layer[2].encoding.y.datum).toBe(0.3);
    expect(s.title.subtitle).toEqual(['SYNTHETIC controls']);
    expect(() => controlsSmallMultiples(rows, { sourceNote: '' })).toThrow(/sourceNote is required/);
    expect(() => controlsSmallMultiples(rows.slice(1, 2), { sourceNote: 'x' })).toThrow(/no row of China/);
    expect(() => controlsSmallMultiples([{ ...rows[0], G: NaN }], { sourceNote: 'x' })).toThrow(/must be finite/);
  });
  it('macro chart: two series per economy-year', () => {
    const s = macroControlsChart(
      [
        { economy: 'China', year: 2015, capital_pct: 2, intermediate_pct: 6 },
        { economy: 'KOR', year: 2015, capital_pct: 3, intermediate_pct: 9 },
      ],
      { sourceNote: 'real' },
    ) as any;
    expect(s.data.values.map((v: any) => `${v.economy} ${v.series} ${v.who}`)).toEqual([
      'China capital goods China',
      'China intermediates China',
      'KOR capital goods control',
      'KOR intermediates control',
    ]);
    expect(() =>
      macroControlsChart([{ economy: 'X', year: 2015, capital_pct: NaN, intermediate_pct: 1 }], { sourceNote: 'x' }),
    ).toThrow(/finite/);
  });
});
