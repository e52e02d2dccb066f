/**
 * Benchmark of the sensitivity sweep: 10,000 parameter combinations over 17 groups × 126 months
 * (SYNTHETIC series, deterministic). Target: < 1 s per sweep.
 *
 *     npx tsx bench/sensitivity.ts
 *
 * Exports runSensitivityBench() for a bench runner.
 */
import { readCsvFile } from '../lib/io/csv.js';
import { projectPath } from '../lib/io/paths.js';
import { monthSequence } from '../lib/core/months.js';
import { seriesIndices } from '../lib/steps/indices.js';
import { partitionGroups, type GroupInfo } from '../lib/steps/partition.js';
import { combinationParams, sensitivitySweep, type GroupSeries, type SweepGrid } from '../lib/steps/sensitivity.js';
import { lcg, noisyGroupSeries } from '../tests/helpers/random-series.js';

export interface BenchFigure {
  name: string;
  combinations: number;
  groups: number;
  months: number;
  medianMs: number;
  minMs: number;
  runs: number;
}

function setup() {
  const groups: GroupInfo[] = readCsvFile(projectPath('data', 'study', 'groups.csv')).rows.map((r) => ({
    group_id: Number(r.group_id),
    group: r.group,
    matrixLabel: r.matrix_label,
    category: r.category,
    semiconductor: r.semiconductor === 'yes',
  }));
  const months = monthSequence('2015-01', 126);
  const series: GroupSeries[] = noisyGroupSeries(
    groups.map((g) => g.group_id),
    months,
    lcg(20250101),
  );

  return { groups, months, series };
}

const windows: [string, string][] = [
  ['2015-01', '2024-12'],
  ['2016-01', '2024-12'],
  ['2017-01', '2024-12'],
  ['2015-01', '2023-12'],
  ['2015-01', '2025-06'],
  ['2018-01', '2025-06'],
  ['2015-07', '2024-12'],
  ['2015-01', '2022-12'],
  ['2019-01', '2024-12'],
  ['2016-07', '2025-06'],
];

/** The grids timed: a mixed grid, and a worst case where every combination needs its own indices. */
export const BENCH_GRIDS: Record<string, SweepGrid> = {
  // 5 windows × 5 weights × 4 bases × 2 sd = 200 index combinations; × 5 × 5 × 2 thresholds = 10,000
  'mixed (200 index settings × 50 threshold settings)': {
    window: windows.slice(0, 5),
    weights: ['linear', 'uniform', { exponential: 0.01 }, { exponential: 0.02 }, { exponential: 0.05 }],
    base: ['first', { meanOfFirst: 3 }, { meanOfFirst: 6 }, { meanOfFirst: 12 }],
    sd: ['sample', 'population'],
    growth: [0.3, 0.4, 0.5, 0.6, 0.7],
    volatilityHigh: [0.2, 0.25, 0.3, 0.35, 0.4],
    semiconductorRule: [true, false],
  },
  // 10 windows × 100 weight schemes × 10 bases = 10,000 index combinations, thresholds fixed
  'worst case (10,000 index settings)': {
    window: windows,
    weights: Array.from({ length: 100 }, (_, k) => ({ exponential: k / 500 })),
    base: Array.from({ length: 10 }, (_, k) => ({ meanOfFirst: k + 1 })),
  },
  // 6 whole-year windows × 3 frequencies × 4 weights × 2 bases × 2 sd = 288 index settings; × 5 × 7 thresholds = 10,080
  'frequencies (monthly/quarterly/annual)': {
    window: [windows[0], windows[1], windows[2], windows[3], windows[7], windows[8]],
    frequency: ['monthly', 'quarterly', 'annual'],
    weights: ['linear', 'uniform', { exponential: 0.02 }, { exponential: 0.05 }],
    base: ['first', { meanOfFirst: 12 }],
    sd: ['sample', 'population'],
    growth: [0.3, 0.4, 0.5, 0.6, 0.7],
    volatilityHigh: [0.2, 0.25, 0.28, 0.3, 0.32, 0.35, 0.4],
  },
};

/** Time each grid (one warm-up, then `runs` timed sweeps) and the slow per-combination path for comparison. */
export function runSensitivityBench(runs = 5): { figures: BenchFigure[]; slowPathMsPer10k: number } {
  const { groups, months, series } = setup();
  const figures: BenchFigure[] = [];
  for (const [name, grid] of Object.entries(BENCH_GRIDS)) {
    sensitivitySweep(months, series, groups, grid);
    const times: number[] = [];
    let combinations = 0;
    for (let r = 0; r < runs; r++) {
      const t0 = performance.now();
      const res = sensitivitySweep(months, series, groups, grid);
      times.push(performance.now() - t0);
      combinations = res.combinations;
    }
    times.sort((a, b) => a - b);
    figures.push({
      name,
      combinations,
      groups: series.length,
      months: months.length,
      medianMs: times[Math.floor(times.length / 2)],
      minMs: times[0],
      runs,
    });
  }
  // slow path: seriesIndices + partitionGroups for each of 300 combinations of the worst-case grid
  const res = sensitivitySweep(months, series, groups, BENCH_GRIDS['worst case (10,000 index settings)']);
  const t0 = performance.now();
  const N = 300;
  for (let c = 0; c < N; c++) {
    const p = combinationParams(res, c * 33);
    const rows = series.map((s) => {
      const r = seriesIndices(s.values, months, p);
      return { group_id: s.group_id, G: r.G!, V: r.V! };
    });
    partitionGroups(rows, groups, p);
  }
  const slowPathMsPer10k = ((performance.now() - t0) / N) * 10_000;
  return { figures, slowPathMsPer10k };
}

if (process.argv[1] && /sensitivity(\.bench)?\.ts$/.test(process.argv[1])) {
  const { figures, slowPathMsPer10k } = runSensitivityBench();
  console.log(
    `sensitivity sweep benchmark (SYNTHETIC series; node ${process.version}; ${new Date().toISOString().slice(0, 10)})`,
  );
  for (const f of figures)
    console.log(
      `  ${f.name}: ${f.combinations} combinations × ${f.groups} groups × ${f.months} months — median ${f.medianMs.toFixed(1)} ms, min ${f.minMs.toFixed(1)} ms (${f.runs} runs)${f.medianMs < 1000 ? '  [< 1 s target met]' : '  [OVER 1 s target]'}`,
    );
  console.log(
    `  for comparison, the per-combination path (seriesIndices + partitionGroups): ≈ ${(slowPathMsPer10k / 1000).toFixed(2)} s per 10,000 combinations`,
  );
}
