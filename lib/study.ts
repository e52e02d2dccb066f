/**
 * The micro study end to end, as the notebooks and the report use it: load a
 * panel (synthetic or imported), sum a batch's codes into the 17 groups,
 * compute the indices, partition the groups and compare with the published
 * matrix, under one set of the study's choices ({@link StudyChoices}). Each step
 * is a call to the step's own module; this module only wires them so no
 * notebook repeats the wiring. (The macro table is step 5's own:
 * lib/steps/macro.ts.)
 *
 * @module study
 */
import { fail } from './core/errors.js';
import type { Batch, Panel } from './core/types.js';
import { loadGroups } from './io/data.js';
import { loadPanel, sourceNote, type DataSourceKind } from './io/panel.js';
import { CHINA_REPORTER } from './io/reporters.js';
import { loadPublished, type Published } from './io/published.js';
import { groupPanel, type GroupPanel } from './steps/grouping.js';
import { resolveChoices, type IndexOptions, type StudyChoices } from './steps/choices.js';
import { indexTable, type IndexRow } from './steps/indices.js';
import { foldJanFeb, janFebOf, type JanFebRun } from './steps/jan-feb.js';
import {
  comparePartition,
  partitionGroups,
  partitionMatrix,
  type MatrixCell,
  type PartitionRow,
} from './steps/partition.js';

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
  return gp.groups.map((g) => ({
    ...rows.get(g.group)!,
    group_id: g.group_id,
    group: g.group,
    matrixLabel: g.matrixLabel,
  }));
}

/** Options of {@link runStudy}. */
export interface StudyOptions {
  /** 'synthetic' (bundled teaching panel, default) or 'imported' (`npm run data:import`). */
  dataSource?: DataSourceKind;
  /** Which policy list (default 1: the 35 chokepoint technologies + Medicaments). */
  batch?: Batch;
  /**
   * The study's choices (defaults: DEFAULT_CHOICES). Only the choices' own fields are read, so a notebook's
   * whole `params` object can be passed.
   */
  choices?: Partial<StudyChoices>;
  /** A panel already loaded (skips loading). */
  panel?: Panel;
  /**
   * The Comtrade reporter whose imported data to read (default China, '156'): another reporter's are read from
   * `<imported>/reporters/<code>/panel.csv` (`npm run data:fetch -- comtrade --reporter <code>`), at HS6. The
   * combined January–February treatment applies only where those data combine the two months (detected).
   */
  reporter?: string;
}

/** Everything a notebook shows about the micro level. */
export interface StudyRun {
  /** The panel as loaded (combined months untreated; its source names them), so other runs can reuse it. */
  panel: Panel;
  /**
   * Combined January–February (lib/steps/jan-feb.ts): what was found (per code and year), the treatment
   * (the janFeb choice) and the run's line, e.g. '2020–2025: January and February combined in 167 codes
   * (treatment: split-share)' ('' when none).
   */
  janFeb: JanFebRun;
  groupPanel: GroupPanel;
  /** The choices used, every one resolved. */
  choices: StudyChoices;
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
 * Run the micro study: panel → groups → indices → partition → comparison, under one set of choices.
 * @throws {StudyError} from any step, naming the step's function
 * @example const run = runStudy({ dataSource: 'synthetic' });
 * run.comparison!.pattern.agree; // => 17 (by construction on the SYNTHETIC panel)
 */
export function runStudy(opts: StudyOptions = {}): StudyRun {
  const batch = opts.batch ?? 1;
  if (![1, 2, 3].includes(batch)) fail('runStudy', 'batch must be 1, 2 or 3', batch);
  const reporter = opts.reporter ?? CHINA_REPORTER;
  const loaded = opts.panel ?? loadPanel({ source: opts.dataSource ?? 'synthetic', reporter });
  if (reporter !== CHINA_REPORTER && loaded.codes.some((c) => c.length !== 6))
    fail(
      'runStudy',
      `a reporter other than China is studied at HS6 (internationally comparable); this panel has other codes`,
      reporter,
    );
  const groups = loadGroups();
  const choices = resolveChoices(opts.choices ?? {});
  // combined January–February: found per code (janFeb 'error' stops here, naming code and year); treated in
  // the index step on the group sums (prepareSeries), every code of a combined year folded into February
  const janFeb = janFebOf(loaded, choices.janFeb);
  const panel = janFeb.detection.cells.length
    ? { ...loaded, source: { ...loaded.source, janFeb: janFeb.source } }
    : loaded;
  // China's HS8 data (<imported>/hs8/) never split another reporter's HS6 headings
  const gp = groupPanel(foldJanFeb(panel), batch, groups, reporter === CHINA_REPORTER ? {} : { hs8: null });
  const indices = groupIndices(gp, choices);
  const ok = indices.filter((r) => r.status === 'ok');
  const partition = partitionGroups(
    ok.map((r) => ({ group_id: r.group_id, G: r.G!, V: r.V! })),
    gp.groups,
    choices,
  );
  const published = loadPublished();
  return {
    panel,
    groupPanel: gp,
    janFeb,
    choices,
    indices,
    partition,
    matrix: partitionMatrix(partition),
    comparison: batch === 1 ? comparePartition(partition, published.partition) : undefined,
    published,
    // HS6 data: how the shared headings were treated (one joint group, or HS8 value shares), and why
    sourceNote: sourceNote(panel.source) + (gp.hs6 ? ` HS6 grouping: ${gp.hs6.note}.` : ''),
  };
}
