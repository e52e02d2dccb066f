/**
 * Notebook 09 (controls) on the SYNTHETIC teaching panel and the SYNTHETIC controls: its recorded results equal the
 * library's (lib/steps/controls.ts, lib/steps/controls-macro.ts, lib/synthetic/controls.ts) computed here.
 */
import { describe, expect, it } from 'vitest';
import { notebookResults } from '../../helpers/notebook-results.js';
import { loadGroups } from '../../../lib/io/data.js';
import { runStudy } from '../../../lib/study.js';
import { controlIndices, controlVerdicts, economyOfRun, placeboPartitions } from '../../../lib/steps/controls.js';
import { compareMacroChanges } from '../../../lib/steps/controls-macro.js';
import { macroTable } from '../../../lib/steps/macro.js';
import { SYNTHETIC_CONTROLS_SEED, syntheticControls, syntheticControlsMacro } from '../../../lib/synthetic/controls.js';

const STEM = '09-controls';

describe(`${STEM} key results (SYNTHETIC)`, () => {
  const r = notebookResults(STEM);
  const run = runStudy({ dataSource: 'synthetic' });
  const china = economyOfRun(run);
  const groups = loadGroups();
  const rows = controlIndices([china, ...syntheticControls(china, groups, { seed: SYNTHETIC_CONTROLS_SEED })], groups);

  it('V and G of every group for China and the 6 SYNTHETIC controls equal the library', () => {
    expect(r.controlIndices).toHaveLength(rows.length);
    expect(rows.length).toBe(7 * 17);
    r.controlIndices.forEach((x: any, k: number) => {
      expect([x.economy, x.group_id, x.cell]).toEqual([rows[k].economy, rows[k].group_id, rows[k].cell]);
      expect(x.G).toBeCloseTo(rows[k].G, 10);
      expect(x.V).toBeCloseTo(rows[k].V, 10);
    });
    // China's rows are the study's own (notebook 04)
    for (const p of run.partition) {
      const c = rows.find((x) => x.economy === 'China' && x.group_id === p.group_id)!;
      expect(c.G).toBeCloseTo(p.G, 12);
      expect(c.V).toBeCloseTo(p.V, 12);
    }
  });

  it('the verdicts equal the library under the default rule: 11 China-specific, 6 shared on the SYNTHETIC controls', () => {
    const v = controlVerdicts(rows);
    expect(r.verdicts).toEqual(v.map((x) => ({ group_id: x.group_id, same: x.same, of: x.of, verdict: x.verdict })));
    const n = (w: string) => v.filter((x) => x.verdict === w).length;
    expect([n('China-specific'), n('shared with the controls'), n('mixed')]).toEqual([11, 6, 0]);
    expect(r.msCompare).toBe(true);
  });

  it('the placebo partitions equal the library; China agrees with the published matrix in 17 groups by construction', () => {
    const p = placeboPartitions(rows, run.published.partition);
    expect(r.placebo).toEqual(p);
    expect(p[0]).toEqual({ economy: 'China', position: 17, pattern: 17, of: 17 });
    expect(Math.max(...p.slice(1).map((x) => x.pattern))).toBeLessThan(17);
  });

  it('the macro comparison equals the library (2015→2023, SYNTHETIC controls)', () => {
    const chinaMacro = macroTable({ panel: run.panel }).rows.map((x) => ({
      economy: 'China',
      year: x.year,
      capital_pct: x.capital_pct,
      intermediate_pct: x.intermediate_pct,
    }));
    const all = [...chinaMacro, ...syntheticControlsMacro(chinaMacro)].filter((x) => x.year >= 2015 && x.year <= 2023);
    const c = compareMacroChanges(all, 'China', 2015, 2023);
    expect(r.macroChanges).toEqual(
      c.map((x) => ({ series: x.series, china_pp: x.china_pp, controls_median_pp: x.controls_median_pp, china_rank: x.china_rank })),
    );
    expect(c.map((x) => x.china_pp < x.controls_median_pp)).toEqual([true, true]);
  });
});
