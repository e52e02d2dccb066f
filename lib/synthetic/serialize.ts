/**
 * The SYNTHETIC teaching panel and BEC totals as the text of their files in
 * data/synthetic/: CSV through the library's {@link toCsv} under a `# SYNTHETIC …`
 * comment line, the meta as stable pretty-printed JSON. Deterministic: the same
 * panel gives the same bytes (`npm run data:synthetic -- --check` compares them
 * with the committed files).
 *
 * @exampleSetup
 * const { codes, groups, gdp } = loadTeachingInputs();
 * const panel = generateTeachingPanel(codes, groups, gdp); // the committed SYNTHETIC panel (default seed)
 * const bec = generateBecTotals(panel, gdp);
 *
 * @module synthetic/serialize
 */
import { toCsv } from '../io/csv.js';
import type { SyntheticBecTotals } from './bec-totals.js';
import { SYNTHETIC_GENERATOR_VERSION, TEACHING_GENERATOR_FILE, type TeachingPanel } from './generate.js';

/**
 * The teaching panel as CSV text: a `# SYNTHETIC …` comment line, then
 * `code,level,month,value_usd`, rows sorted by code then month.
 *
 * @example teachingPanelCsv(panel).split('\n').slice(1, 3); // => ['code,level,month,value_usd', '30021000,HS8,2015-01,81072315']
 */
export function teachingPanelCsv(panel: TeachingPanel): string {
  const comment = `# SYNTHETIC teaching panel — generated, not China Customs data. Seed ${panel.meta.seed}; generator ${panel.meta.generator} v${panel.meta.generatorVersion}; see data/README.md`;
  const rows = panel.rows.map((r) => ({ code: r.code, level: r.level, month: r.month, value_usd: r.value.toFixed(0) }));
  return `${comment}\n${toCsv(rows, ['code', 'level', 'month', 'value_usd'])}`;
}

/**
 * The teaching panel's meta as stable, pretty-printed JSON; with `bec`, the BEC
 * totals' targets and achieved shares are added under `becTotals`.
 * @example JSON.parse(teachingPanelMetaJson(panel, bec)).synthetic; // => true
 */
export function teachingPanelMetaJson(panel: TeachingPanel, bec?: SyntheticBecTotals): string {
  const out: Record<string, unknown> = { ...panel.meta };
  if (bec) {
    const t = panel.meta.calibration.targets;
    out.becTotals = {
      synthetic: true,
      file: 'data/synthetic/bec-totals-SYNTHETIC.csv',
      definition:
        "value_usd = adjusted share × GDP + the teaching panel's semiconductor sum of the same end use (capital: semiconductor capital groups; intermediate: semiconductor intermediate groups), rounded to whole dollars.",
      targets: {
        capitalAdjustedPct: t.capitalAdjustedPath,
        intermediateAdjustedPct: t.intermediateAdjustedPath,
        published:
          'capital 2.06 (2015) → 1.27 (2024); intermediates 6.40 → 5.26; both 8.46 → 6.53 with a small uptick in 2024; years in between: geometric decline 2015 → 2023 (a choice, not published)',
      },
      achieved: bec.achieved,
    };
  }
  return JSON.stringify(out, null, 2) + '\n';
}

/**
 * The BEC totals as CSV text: a `# SYNTHETIC …` comment line, then `year,end_use,value_usd`.
 * @example becTotalsCsv(bec, 1).split('\n').slice(0, 3);
 * // => ['# SYNTHETIC BEC end-use import totals — generated, not UN or China Customs data. Seed 1; generator lib/synthetic/teaching.ts v2.1.0; …', 'year,end_use,value_usd', '2015,capital,…']
 */
export function becTotalsCsv(bec: SyntheticBecTotals, seed: number): string {
  const comment = `# SYNTHETIC BEC end-use import totals — generated, not UN or China Customs data. Seed ${seed}; generator ${TEACHING_GENERATOR_FILE} v${SYNTHETIC_GENERATOR_VERSION}; (total − teaching-panel semiconductor sums) / GDP = the published adjusted shares; see data/README.md`;
  const rows = bec.rows.map((r) => ({ year: r.year, end_use: r.endUse, value_usd: r.valueUsd.toFixed(0) }));
  return `${comment}\n${toCsv(rows, ['year', 'end_use', 'value_usd'])}`;
}
