/**
 * Benchmark of the control comparison (issue 25): the comparison of 8 economies (China's SYNTHETIC teaching
 * panel and 7 SYNTHETIC control economies) × 17 groups under one setting (`controlIndices`, target < 50 ms),
 * and the sensitivity sweep of a 10,000-combination grid over every economy's group series (`sensitivitySweep`
 * once per economy, target < 2 s for all of them). SYNTHETIC data only: no real economy's figures.
 *
 *     npx tsx bench/controls.ts
 *
 * Exports runControlsBench() for the bench runner (bench/run.ts).
 */
import { performance } from 'node:perf_hooks';
import { runStudy } from '../lib/study.js';
import { controlIndices, economyOfRun } from '../lib/steps/controls.js';
import { groupSeriesFromPanel, sensitivitySweep } from '../lib/steps/sensitivity.js';
import { syntheticControls } from '../lib/synthetic/controls.js';
import { BENCH_GRIDS } from './sensitivity.js';

/** The figures of one run of the controls bench. */
export interface ControlsBenchFigures {
  economies: number;
  groups: number;
  /** Median ms of `controlIndices` over every economy under the default choices. */
  compareMedianMs: number;
  /** Per grid of bench/sensitivity.ts: its combinations (per economy) and the seconds of the sweep over every economy. */
  sweeps: { grid: string; combinations: number; medianSeconds: number; minSeconds: number }[];
  runs: number;
}

/** The bench's economies: China (the SYNTHETIC teaching panel) and `controls` SYNTHETIC control economies. */
export function benchEconomies(controls = 7) {
  const run = runStudy();
  const gp = run.groupPanel;
  const china = economyOfRun(run);
  return { economies: [china, ...syntheticControls(china, gp.groups, { economies: controls })], groups: gp.groups };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Time the comparison under one setting and the 10,000-combination sweep over every economy (one warm-up each). */
export function runControlsBench(runs = 3): ControlsBenchFigures {
  const { economies, groups } = benchEconomies();
  // the mixed grid, and the worst case where every combination needs its own indices
  const grids = ['mixed (200 index settings × 50 threshold settings)', 'worst case (10,000 index settings)'];
  const compare: number[] = [];
  for (let r = 0; r <= 10; r++) {
    const t0 = performance.now();
    controlIndices(economies, groups);
    if (r > 0) compare.push(performance.now() - t0);
  }
  const inputs = economies.map((e) =>
    groupSeriesFromPanel(
      { codes: e.codes, values: e.values, source: { janFeb: { years: e.janFebYears ?? [] } } },
      groups,
    ),
  );
  const months = economies[0].months;
  const sweeps = grids.map((name) => {
    let combinations = 0;
    const seconds: number[] = [];
    for (let r = 0; r <= runs; r++) {
      const t0 = performance.now();
      for (const series of inputs)
        combinations = sensitivitySweep(months, series, groups, BENCH_GRIDS[name]).combinations;
      if (r > 0) seconds.push((performance.now() - t0) / 1000);
    }
    return { grid: name, combinations, medianSeconds: median(seconds), minSeconds: Math.min(...seconds) };
  });
  return { economies: economies.length, groups: groups.length, compareMedianMs: median(compare), sweeps, runs };
}

/** The bench's lines for a run's figures. */
export function controlsBenchLines(f: ControlsBenchFigures): string[] {
  return [
    `  comparison (controlIndices), ${f.economies} economies × ${f.groups} groups, one setting: median ${f.compareMedianMs.toFixed(1)} ms   target < 50 ms: ${f.compareMedianMs < 50 ? 'met' : 'NOT met'}`,
    ...f.sweeps.map(
      (w) =>
        `  sweep (sensitivitySweep per economy), ${w.grid}: ${w.combinations.toLocaleString('en')} settings × ${f.economies} economies, median ${w.medianSeconds.toFixed(2)} s (min ${w.minSeconds.toFixed(2)} s, ${f.runs} runs)   target < 2 s: ${w.medianSeconds < 2 ? 'met' : 'NOT met'}`,
    ),
  ];
}

/** The bench runner's step: print the heading and the figures through `log`, return the figures. */
export function controlsBenchStep(log: (line: string) => void = console.log): ControlsBenchFigures {
  log('\nControl economies (issue 25; SYNTHETIC: China\u2019s teaching panel and SYNTHETIC controls):');
  const f = runControlsBench();
  for (const l of controlsBenchLines(f)) log(l);
  return f;
}

if (process.argv[1] && /controls\.ts$/.test(process.argv[1])) controlsBenchStep();
