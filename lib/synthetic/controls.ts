/**
 * SYNTHETIC control economies for teaching the control comparison (notebook 09). Nothing here is any
 * real economy's data: the economies are named "Control A" to "Control F", and no claim about Korea,
 * Japan or any other economy is made or implied.
 *
 * Construction, per group g and month t (logs of US dollars):
 *
 *     China:      log X_g(t)                      (the SYNTHETIC teaching panel's group sum, given; a combined
 *                                                 January–February split evenly between the two months)
 *     common:     c_g(t) = log X_g(t) − mean_t log X_g          if g is in the shared set S
 *                 c_g(t) = 0.05·t/12 + cycle(t)                 otherwise
 *     control e:  log Y_eg(t) = ℓ_eg + c_g(t) + d_eg·t/12 + σ·ε_egt
 *
 * so China = common + a China-specific effect, where the China-specific effect is zero for the groups of S
 * (their whole path is the global component every economy shares) and is China's own path minus a plain
 * trend and the global cycle otherwise. `cycle(t)` is one electronics cycle shared by every economy: +0.25
 * (log) from 2020-07 to 2022-06 (the boom) and −0.15 in 2023 (the bust); ℓ_eg ~ log(10^8) + N(0, 0.5²) the
 * economy's level, d_eg ~ N(0, 0.03²) its own drift per year, ε ~ N(0, 1) monthly noise with σ = 0.05 by
 * default. Seeded (mulberry32 streams keyed by seed, economy and group): the same seed gives the same numbers.
 *
 * @module synthetic/controls
 */
import { fail } from '../core/errors.js';
import type { EconomySeries } from '../steps/controls.js';
import { syntheticHash, syntheticRng } from './rng.js';

/** The seed of the bundled SYNTHETIC controls. */
export const SYNTHETIC_CONTROLS_SEED = 20250925;
/** The groups whose China path is all common component in the SYNTHETIC controls (the set S). */
export const SYNTHETIC_SHARED_GROUPS: readonly number[] = Object.freeze([1, 2, 7, 12, 13, 14]);

/** Options of {@link syntheticControls}. */
export interface SyntheticControlsOptions {
  seed?: number;
  /** How many control economies (1–26, default 6). */
  economies?: number;
  /** Monthly noise σ of the controls (default 0.05). */
  noise?: number;
  /** The shared set S (group ids; default {@link SYNTHETIC_SHARED_GROUPS}). */
  shared?: readonly number[];
}

/**
 * The global electronics cycle every economy shares (log): +0.25 in 2020-07..2022-06, −0.15 in 2023, else 0.
 * @example [globalCycle('2019-12'), globalCycle('2021-01'), globalCycle('2023-05')]; // => [0, 0.25, -0.15]
 */
export function globalCycle(month: string): number {
  if (month >= '2020-07' && month <= '2022-06') return 0.25;
  if (month >= '2023-01' && month <= '2023-12') return -0.15;
  return 0;
}

/**
 * SYNTHETIC control economies built from China's group series (see the module's construction).
 * @param china China's group series (e.g. the SYNTHETIC teaching panel summed into groups)
 * @param groups group_id and name of every key of `china.codes`
 * @throws {StudyError} on a non-positive series, an unknown group, or a bad count or noise
 * @example const gp = runStudy().groupPanel;
 * syntheticControls({ economy: 'China', months: gp.months, codes: gp.codes, values: gp.values, source: 'SYNTHETIC' }, loadGroups()).map((e) => e.economy);
 * // => ['Control A', 'Control B', 'Control C', 'Control D', 'Control E', 'Control F']
 */
export function syntheticControls(
  china: EconomySeries,
  groups: readonly { group_id: number; group: string }[],
  o: SyntheticControlsOptions = {},
): EconomySeries[] {
  const fn = 'syntheticControls';
  const seed = o.seed ?? SYNTHETIC_CONTROLS_SEED;
  const n = o.economies ?? 6;
  const sigma = o.noise ?? 0.05;
  const shared = new Set(o.shared ?? SYNTHETIC_SHARED_GROUPS);
  if (!Number.isInteger(n) || n < 1 || n > 26) fail(fn, 'economies must be a whole number from 1 to 26', n);
  if (!(sigma >= 0 && sigma < 1)) fail(fn, 'noise must be in [0, 1)', sigma);
  const idOf = new Map(groups.map((g) => [g.group, g.group_id] as const));
  const T = china.months.length;
  const common = china.codes.map((key, k) => {
    const id = idOf.get(key);
    if (id === undefined) fail(fn, 'group not in the group table', key);
    const x = china.values[k];
    // a combined January–February (January missing, February holding both) is split evenly for the common path
    const logs = Float64Array.from({ length: T }, (_, t) => {
      const jan = Number.isNaN(x[t]) && china.months[t].endsWith('-01') && x[t + 1] > 0;
      const feb = china.months[t].endsWith('-02') && t > 0 && Number.isNaN(x[t - 1]);
      const v = jan ? x[t + 1] / 2 : feb ? x[t] / 2 : x[t];
      if (!(v > 0)) fail(fn, `China's series must be positive (${key}, ${china.months[t]})`, x[t]);
      return Math.log(v);
    });
    if (shared.has(id!)) {
      const mean = logs.reduce((a, b) => a + b, 0) / T;
      return logs.map((v) => v - mean);
    }
    return Float64Array.from({ length: T }, (_, t) => (0.05 * t) / 12 + globalCycle(china.months[t]));
  });
  return Array.from({ length: n }, (_, e) => {
    const economy = `Control ${String.fromCharCode(65 + e)}`;
    const values = china.codes.map((key, k) => {
      const r = syntheticRng(syntheticHash(seed, economy, key));
      const level = Math.log(1e8) + 0.5 * r.normal();
      const drift = 0.03 * r.normal();
      return Float64Array.from({ length: T }, (_, t) =>
        Math.round(Math.exp(level + common[k][t] + (drift * t) / 12 + sigma * r.normal())),
      );
    });
    return {
      economy,
      months: china.months.slice(),
      codes: china.codes.slice(),
      values,
      source: `SYNTHETIC control economy (seed ${seed}) — not any real economy's data`,
    };
  });
}

/** One SYNTHETIC economy-year of the macro series (% of GDP). */
export interface SyntheticMacroRow {
  economy: string;
  year: number;
  capital_pct: number;
  intermediate_pct: number;
}

/**
 * SYNTHETIC control economies' capital-goods and intermediate imports as % of GDP, for teaching the macro
 * comparison. Each series of each control starts from China's first-year share times exp(0.4·N(0, 1)) (its own
 * level) and follows one common global path, −1 % a year with +4 % in 2021–2022 (the boom), times its own noise
 * exp(0.03·N(0, 1)) each year. China's own rows (given) are not changed. No real economy's figures.
 * @throws {StudyError} on no rows or a non-positive share
 * @example syntheticControlsMacro([{ year: 2015, capital_pct: 2, intermediate_pct: 6 }, { year: 2016, capital_pct: 1.9, intermediate_pct: 5.8 }]).length; // => 12 (6 controls × 2 years)
 */
export function syntheticControlsMacro(
  china: readonly { year: number; capital_pct: number; intermediate_pct: number }[],
  o: { seed?: number; economies?: number } = {},
): SyntheticMacroRow[] {
  const fn = 'syntheticControlsMacro';
  if (china.length === 0) fail(fn, "no rows of China's macro table", china);
  const seed = o.seed ?? SYNTHETIC_CONTROLS_SEED;
  const n = o.economies ?? 6;
  if (!Number.isInteger(n) || n < 1 || n > 26) fail(fn, 'economies must be a whole number from 1 to 26', n);
  const rows = [...china].sort((a, b) => a.year - b.year);
  const first = rows[0];
  if (!(first.capital_pct > 0 && first.intermediate_pct > 0))
    fail(fn, "China's first-year shares must be positive", first);
  const out: SyntheticMacroRow[] = [];
  for (let e = 0; e < n; e++) {
    const economy = `Control ${String.fromCharCode(65 + e)}`;
    const r = syntheticRng(syntheticHash(seed, 'macro', economy));
    const lc = first.capital_pct * Math.exp(0.4 * r.normal());
    const li = first.intermediate_pct * Math.exp(0.4 * r.normal());
    for (const row of rows) {
      const k = row.year - first.year;
      const common = -0.01 * k + (row.year === 2021 || row.year === 2022 ? 0.04 : 0);
      out.push({
        economy,
        year: row.year,
        capital_pct: lc * Math.exp(common + 0.03 * r.normal()),
        intermediate_pct: li * Math.exp(common + 0.03 * r.normal()),
      });
    }
  }
  return out;
}
