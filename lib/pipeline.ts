/**
 * The study end to end, as the notebooks and the report use it: load a panel
 * (synthetic or imported), sum a batch's codes into the 17 groups, compute the
 * indices, partition the groups, compare with the published matrix, and build
 * the macro table. Each step is a call to the step's own module; this module
 * only wires them so no notebook repeats the wiring.
 *
 * @module pipeline
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { aggregatePanel, type AggregatedPanel } from './codes.js';
import { parseCsv } from './csv.js';
import { codeGroupMap, loadGroups, type GroupRow } from './data.js';
import { fail, failAt } from './errors.js';
import { indexTable, resolveIndexOptions, type IndexOptions, type IndexRow } from './indices.js';
import { macroShares, type EndUseTotal, type GroupAnnual, type MacroYear } from './macro.js';
import { loadPanel } from './panel.js';
import { comparePartition, partitionGroups, partitionMatrix, resolveThresholds, type MatrixCell, type PartitionRow, type Thresholds } from './partition.js';
import { importedDir, projectPath } from './paths.js';
import { hs6GroupInput } from './steps/hs6-grouping.js';
import { loadGdp, loadPublished, type Published } from './published.js';
import type { Batch, DataSource, EndUse, Panel } from './types.js';

/** Where a study run takes its data: the bundled SYNTHETIC panel or the user's imported download. */
export type DataSourceKind = 'synthetic' | 'imported';

/**
 * The source note every table and chart built on a panel carries.
 * @example sourceNote(panel.source);
 * // => "Data: SYNTHETIC teaching panel — not China's data (seed 20250101), 2015-01 to 2025-06. Not the paper's figures."
 */
export function sourceNote(source: DataSource): string {
  return source.kind === 'synthetic'
    ? `Data: ${source.label}. Not the paper's figures.`
    : `Data: ${source.label} (China Customs / UN Comtrade download imported by the user).`;
}

/** A batch's codes summed into its technology groups: one series per group, keyed by group name. */
export interface GroupPanel extends AggregatedPanel {
  batch: Batch;
  /** The groups present, in group_id order. */
  groups: GroupRow[];
}

/**
 * Sum a batch's curated codes into its groups (codes outside the batch are
 * ignored; a code's pre-split predecessor and successors fall in the same
 * group, so the group series is continuous across code changes).
 *
 * @throws {StudyError} when none of the batch's codes is in the panel
 * @example groupPanel(loadPanel({ source: 'synthetic' }), 1).codes.length; // => 17
 */
export function groupPanel(panel: Panel, batch: Batch, groups: GroupRow[] = loadGroups()): GroupPanel {
  // HS6 data (UN Comtrade): each curated code's HS6 parent stands for its group; a parent shared by
  // groups is allocated by their curated lines (steps/hs6-grouping)
  let byCode: Map<string, number>;
  if (panel.codes.length > 0 && panel.codes.every((c) => c.length === 6)) ({ panel, groupOf: byCode } = hs6GroupInput(panel, batch));
  else byCode = codeGroupMap(batch);
  const names = new Map(groups.map((g) => [g.group_id, g.group] as const));
  const inBatch = panel.codes.filter((c) => byCode.has(c));
  if (inBatch.length === 0) fail('groupPanel', `none of batch ${batch}'s curated codes is in the panel (${panel.source.label})`, batch);
  const agg = aggregatePanel(panel, (c) => {
    const id = byCode.get(c);
    return id === undefined ? undefined : names.get(id);
  }, { unmapped: 'drop' });
  const present = groups.filter((g) => agg.codes.includes(g.group));
  return { ...agg, batch, groups: present };
}

/** One group's indices, with its id and labels. */
export interface GroupIndexRow extends IndexRow {
  group_id: number;
  group: string;
  matrixLabel: string;
}

/**
 * V and G of every group of a group panel, in group_id order.
 * @throws {StudyError} as {@link indexTable} (e.g. a zero base under zeroBase 'error')
 * @example groupIndices(gp, { weights: 'uniform' })[0].group; // => 'Passive Components'
 */
export function groupIndices(gp: GroupPanel, options: Partial<IndexOptions> = {}): GroupIndexRow[] {
  const rows = new Map(indexTable(gp, options).map((r) => [r.key, r] as const));
  return gp.groups.map((g) => ({ ...rows.get(g.group)!, group_id: g.group_id, group: g.group, matrixLabel: g.matrixLabel }));
}

/** Options of {@link runStudy}. */
export interface StudyOptions {
  /** 'synthetic' (bundled teaching panel, default) or 'imported' (`npm run data:import`). */
  dataSource?: DataSourceKind;
  /** Which policy list (default 1: the 35 chokepoint technologies + Medicaments). */
  batch?: Batch;
  /** Index options (defaults: DEFAULT_INDEX_OPTIONS). */
  index?: Partial<IndexOptions>;
  /** Partition thresholds (defaults: DEFAULT_THRESHOLDS). */
  thresholds?: Partial<Thresholds>;
  /** A panel already loaded (skips loading). */
  panel?: Panel;
}

/** Everything a notebook shows about the micro level. */
export interface StudyRun {
  panel: Panel;
  groupPanel: GroupPanel;
  indexOptions: IndexOptions;
  thresholds: Thresholds;
  indices: GroupIndexRow[];
  partition: PartitionRow[];
  matrix: MatrixCell[];
  /** Agreement with the published matrix (batch 1 only; the slides publish no partition for batches 2 and 3). */
  comparison?: ReturnType<typeof comparePartition>;
  published: Published;
  /** For captions and chart notes. */
  sourceNote: string;
}

/**
 * Run the micro study: panel → groups → indices → partition → comparison.
 * @throws {StudyError} from any step, naming the step's function
 * @example const run = runStudy({ dataSource: 'synthetic' });
 * run.comparison!.pattern.agree; // => 17 (by construction on the SYNTHETIC panel)
 */
export function runStudy(opts: StudyOptions = {}): StudyRun {
  const batch = opts.batch ?? 1;
  if (![1, 2, 3].includes(batch)) fail('runStudy', 'batch must be 1, 2 or 3', batch);
  const panel = opts.panel ?? loadPanel({ source: opts.dataSource ?? 'synthetic' });
  const groups = loadGroups();
  const gp = groupPanel(panel, batch, groups);
  const indexOptions = resolveIndexOptions(opts.index ?? {});
  const thresholds = resolveThresholds(opts.thresholds ?? {});
  const indices = groupIndices(gp, indexOptions);
  const ok = indices.filter((r) => r.status === 'ok');
  const partition = partitionGroups(ok.map((r) => ({ group_id: r.group_id, G: r.G!, V: r.V! })), gp.groups, thresholds);
  const published = loadPublished();
  return {
    panel,
    groupPanel: gp,
    indexOptions,
    thresholds,
    indices,
    partition,
    matrix: partitionMatrix(partition),
    comparison: batch === 1 ? comparePartition(partition, published.partition) : undefined,
    published,
    sourceNote: sourceNote(panel.source),
  };
}

/**
 * Annual sums of each group's monthly imports (full calendar years only; a year
 * with a missing month is left out and listed).
 * @example annualGroupSums(gp).rows.find((r) => r.year === 2015 && r.group_id === 2)?.value_usd; // => 208,694,… (SYNTHETIC)
 */
export function annualGroupSums(gp: GroupPanel): { rows: GroupAnnual[]; incompleteYears: { group_id: number; year: number }[] } {
  const rows: GroupAnnual[] = [];
  const incompleteYears: { group_id: number; year: number }[] = [];
  const ids = new Map(gp.groups.map((g) => [g.group, g.group_id] as const));
  gp.codes.forEach((key, k) => {
    const group_id = ids.get(key);
    if (group_id === undefined) return;
    const byYear = new Map<number, { sum: number; months: number; missing: boolean }>();
    gp.months.forEach((m, t) => {
      const y = Number(m.slice(0, 4));
      const e = byYear.get(y) ?? { sum: 0, months: 0, missing: false };
      const v = gp.values[k][t];
      if (Number.isNaN(v)) e.missing = true;
      else e.sum += v;
      e.months++;
      byYear.set(y, e);
    });
    for (const [year, e] of byYear) {
      if (e.months === 12 && !e.missing) rows.push({ year, group_id, value_usd: e.sum });
      else incompleteYears.push({ group_id, year });
    }
  });
  rows.sort((a, b) => a.year - b.year || a.group_id - b.group_id);
  return { rows, incompleteYears };
}

/**
 * China's annual imports by BEC end-use class (US dollars): the SYNTHETIC totals
 * bundled with the teaching panel, or `data/imported/bec-totals.csv` (same
 * format: `year,end_use,value_usd`, `#` comment lines allowed) for real data.
 * @throws {InputError} naming file, line and column on a malformed row; {@link StudyError} when the file is absent
 * @example loadBecTotals('synthetic').find((r) => r.year === 2015 && r.end_use === 'capital')?.value_usd; // => 242537517934
 */
export function loadBecTotals(kind: DataSourceKind = 'synthetic', file?: string): EndUseTotal[] {
  const f = file ?? (kind === 'synthetic' ? projectPath('data/synthetic/bec-totals-SYNTHETIC.csv') : path.join(importedDir(), 'bec-totals.csv'));
  if (!fs.existsSync(f))
    fail('loadBecTotals', kind === 'imported' ? 'no imported BEC totals: put year,end_use,value_usd rows in data/imported/bec-totals.csv' : 'the synthetic BEC totals are missing: run `npm run data:synthetic`', f);
  const lines = fs.readFileSync(f, 'utf8').split('\n');
  let skip = 0;
  while (skip < lines.length && lines[skip].startsWith('#')) skip++;
  const table = parseCsv(lines.slice(skip).join('\n'), f);
  const ends: EndUse[] = ['capital', 'intermediate', 'consumption', 'unclassified'];
  return table.rows.map((r, i) => {
    const line = table.lines[i] + skip;
    const year = Number(r.year);
    const value = Number(r.value_usd);
    if (!Number.isInteger(year)) failAt('loadBecTotals', { file: f, line, column: 'year' }, 'not a year', r.year);
    if (!ends.includes(r.end_use as EndUse)) failAt('loadBecTotals', { file: f, line, column: 'end_use' }, `expected one of ${ends.join(', ')}`, r.end_use);
    if (!Number.isFinite(value) || value < 0) failAt('loadBecTotals', { file: f, line, column: 'value_usd' }, 'not a non-negative number', r.value_usd);
    return { year, end_use: r.end_use as EndUse, value_usd: value };
  });
}

/**
 * The macro table: capital-goods and intermediate imports as % of GDP by year,
 * with and without the semiconductor groups (batch 1), for the years that have
 * BEC totals, GDP and full group years.
 * @example macroTable({ dataSource: 'synthetic' }).find((r) => r.year === 2015)?.capital_adjusted_pct; // => 2.06 (by construction)
 */
export function macroTable(opts: { dataSource?: DataSourceKind; panel?: Panel; years?: number[] } = {}): { rows: MacroYear[]; sourceNote: string } {
  const kind = opts.dataSource ?? 'synthetic';
  const panel = opts.panel ?? loadPanel({ source: kind });
  const groups = loadGroups();
  const gp = groupPanel(panel, 1, groups);
  const totals = loadBecTotals(panel.source.kind);
  const gdp = loadGdp();
  const years =
    opts.years ??
    [...new Set(totals.map((t) => t.year))].filter((y) => gdp.some((g) => g.year === y)).sort((a, b) => a - b);
  const rows = macroShares(totals, annualGroupSums(gp).rows, groups, gdp, { years });
  return { rows, sourceNote: sourceNote(panel.source) + ' GDP: World Bank WDI, current US dollars.' };
}
