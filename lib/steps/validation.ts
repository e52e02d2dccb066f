/**
 * Step 6 of the study, validation with the two later policy lists (notebook 06):
 * the overlap of the batches' code lists (in all and per group), and the
 * persistence of each group's batch-1 matrix cell and pattern in batches 2 and 3
 * (per group, and summed per batch). Pure functions over plain rows.
 *
 * @module steps/validation
 */
import { fail } from '../core/errors.js';
import type { PartitionRow } from './partition.js';
import type { Batch, Category, EndUse, Panel, Pattern } from '../core/types.js';

/** The (batch, code, group) part of a curated code row (data/study/codes.csv). */
export interface BatchCode {
  batch: Batch;
  code: string;
  group_id: number;
}

/** Codes and groups two batches have in common. */
export interface BatchOverlap {
  a: Batch;
  b: Batch;
  /** Distinct codes of each batch. */
  codesA: number;
  codesB: number;
  /** Codes listed in both batches (sorted). */
  commonCodes: string[];
  /** Of the common codes, how many sit in the same group in both batches. */
  commonCodesSameGroup: number;
  /** Group ids of each batch (ascending). */
  groupsA: number[];
  groupsB: number[];
  /** Group ids present in both batches (ascending). */
  commonGroups: number[];
}

function checkBatch(fn: string, b: unknown): void {
  if (b !== 1 && b !== 2 && b !== 3) fail(fn, 'batch must be 1, 2 or 3', b);
}

function codeMap(fn: string, codes: BatchCode[], batch: Batch): Map<string, number> {
  const m = new Map<string, number>();
  for (const r of codes) {
    if (r.batch !== batch) continue;
    if (typeof r.code !== 'string' || r.code === '') fail(fn, 'a code must be a non-empty string', r.code);
    if (!Number.isInteger(r.group_id)) fail(fn, `group_id of code ${r.code} must be an integer`, r.group_id);
    const had = m.get(r.code);
    if (had !== undefined && had !== r.group_id)
      fail(fn, `code ${r.code} has two groups in batch ${batch}`, [had, r.group_id]);
    m.set(r.code, r.group_id);
  }
  return m;
}

const asc = (a: number, b: number): number => a - b;

/**
 * Codes and groups two batches share.
 * @param codes curated code rows (e.g. `loadCodes()`), any batches
 * @throws {StudyError} on a batch outside 1–3, a batch with no codes, or a code with two groups in one batch
 * @example batchOverlap([{ batch: 1, code: '85423111', group_id: 2 }, { batch: 3, code: '85423111', group_id: 2 },
 *   { batch: 3, code: '88071000', group_id: 16 }], 1, 3);
 * // => { a: 1, b: 3, codesA: 1, codesB: 2, commonCodes: ['85423111'], commonCodesSameGroup: 1, groupsA: [2], groupsB: [2, 16], commonGroups: [2] }
 */
export function batchOverlap(codes: BatchCode[], a: Batch, b: Batch): BatchOverlap {
  const fn = 'batchOverlap';
  checkBatch(fn, a);
  checkBatch(fn, b);
  const A = codeMap(fn, codes, a);
  const B = codeMap(fn, codes, b);
  if (A.size === 0) fail(fn, `batch ${a} has no codes`, a);
  if (B.size === 0) fail(fn, `batch ${b} has no codes`, b);
  const commonCodes = [...A.keys()].filter((c) => B.has(c)).sort();
  const groupsA = [...new Set(A.values())].sort(asc);
  const groupsB = [...new Set(B.values())].sort(asc);
  return {
    a,
    b,
    codesA: A.size,
    codesB: B.size,
    commonCodes,
    commonCodesSameGroup: commonCodes.filter((c) => A.get(c) === B.get(c)).length,
    groupsA,
    groupsB,
    commonGroups: groupsA.filter((g) => groupsB.includes(g)),
  };
}

/** One group of one batch: how many codes, and how many of them the reference batch also lists. */
export interface GroupCodeCount {
  batch: Batch;
  group_id: number;
  /** Distinct codes of the group in this batch. */
  codes: number;
  /** Of those, codes the reference batch also lists (in any group). */
  shared: number;
  /** Codes listed only in this batch (not in the reference batch). */
  only_here: number;
}

/**
 * Codes per group of a batch, split into codes shared with a reference batch and codes only in this batch
 * (on the SYNTHETIC panel the latter have synthetic shapes of their group but are not calibrated).
 * @throws {StudyError} on a bad batch or a batch with no codes
 * @example overlapPerGroup([{ batch: 1, code: 'a', group_id: 2 }, { batch: 3, code: 'a', group_id: 2 }, { batch: 3, code: 'b', group_id: 2 }], 3);
 * // => [{ batch: 3, group_id: 2, codes: 2, shared: 1, only_here: 1 }]
 */
export function overlapPerGroup(codes: BatchCode[], batch: Batch, reference: Batch = 1): GroupCodeCount[] {
  const fn = 'overlapPerGroup';
  checkBatch(fn, batch);
  checkBatch(fn, reference);
  const here = codeMap(fn, codes, batch);
  if (here.size === 0) fail(fn, `batch ${batch} has no codes`, batch);
  const ref = codeMap(fn, codes, reference);
  const by = new Map<number, GroupCodeCount>();
  for (const [code, g] of here) {
    const e = by.get(g) ?? { batch, group_id: g, codes: 0, shared: 0, only_here: 0 };
    e.codes++;
    if (batch !== reference && ref.has(code)) e.shared++;
    else if (batch === reference) e.shared++;
    else e.only_here++;
    by.set(g, e);
  }
  return [...by.values()].sort((x, y) => x.group_id - y.group_id);
}

/** Whether a group keeps its reference-batch pattern in another batch. */
export type PersistenceStatus = 'same pattern' | 'pattern changed' | 'skipped' | 'not listed' | 'not in reference';

/** One group in one comparison batch. */
export interface PersistenceRow {
  batch: Batch;
  group_id: number;
  group: string;
  /** Pattern and matrix cell ("growth/volatility") in the reference batch (null: not there). */
  base_pattern: Pattern | null;
  base_cell: string | null;
  /** Pattern and cell in this batch (null: not listed, or skipped). */
  pattern: Pattern | null;
  cell: string | null;
  status: PersistenceStatus;
  /** Same matrix cell as in the reference batch (false when either is missing). */
  same_cell: boolean;
}

const cellOf = (r: Pick<PartitionRow, 'growth' | 'volatility'>): string =>
  `${r.growth} growth / ${r.volatility} volatility`;

/**
 * Compare each group's pattern in another batch with its pattern in the reference batch (batch 1).
 * Every reference group gets a row: 'not listed' when the batch has no code of the group,
 * 'skipped' when the batch lists it but its indices were skipped (e.g. a zero base), else
 * 'same pattern' or 'pattern changed'. A group of the batch missing from the reference gets 'not in reference'.
 * @param base partition of the reference batch
 * @param other the batch, its partition, and the group ids it lists (with or without indices)
 * @throws {StudyError} on a bad batch, duplicate group ids, or a partitioned group not in `listed`
 * @example persistenceRows([{ group_id: 2, group: 'ICs', growth: 'high', volatility: 'medium', pattern: 'stockpiling' }],
 *   { batch: 3, partition: [{ group_id: 2, group: 'ICs', growth: 'high', volatility: 'medium', pattern: 'stockpiling' }], listed: [2] })[0].status;
 * // => 'same pattern'
 */
export function persistenceRows(
  base: Pick<PartitionRow, 'group_id' | 'group' | 'growth' | 'volatility' | 'pattern'>[],
  other: {
    batch: Batch;
    partition: Pick<PartitionRow, 'group_id' | 'group' | 'growth' | 'volatility' | 'pattern'>[];
    listed: number[];
    names?: Record<number, string>;
  },
): PersistenceRow[] {
  const fn = 'persistenceRows';
  checkBatch(fn, other.batch);
  const uniq = <T extends { group_id: number }>(rows: T[], what: string): Map<number, T> => {
    const m = new Map<number, T>();
    for (const r of rows) {
      if (m.has(r.group_id)) fail(fn, `duplicate group_id in ${what}`, r.group_id);
      m.set(r.group_id, r);
    }
    return m;
  };
  const B = uniq(base, 'the reference partition');
  const O = uniq(other.partition, `batch ${other.batch}'s partition`);
  const listed = new Set(other.listed);
  for (const id of O.keys())
    if (!listed.has(id))
      fail(fn, `group ${id} is partitioned but not in the listed groups of batch ${other.batch}`, id);
  const ids = [...new Set([...B.keys(), ...listed])].sort(asc);
  return ids.map((id) => {
    const b = B.get(id);
    const o = O.get(id);
    const group = b?.group ?? o?.group ?? other.names?.[id] ?? `group ${id}`;
    let status: PersistenceStatus;
    if (!b) status = 'not in reference';
    else if (!listed.has(id)) status = 'not listed';
    else if (!o) status = 'skipped';
    else status = o.pattern === b.pattern ? 'same pattern' : 'pattern changed';
    return {
      batch: other.batch,
      group_id: id,
      group,
      base_pattern: b ? b.pattern : null,
      base_cell: b ? cellOf(b) : null,
      pattern: o ? o.pattern : null,
      cell: o ? cellOf(o) : null,
      status,
      same_cell: !!(b && o && cellOf(b) === cellOf(o)),
    };
  });
}

/** Counts of {@link persistenceRows} for one batch. */
export interface PersistenceSummary {
  batch: Batch;
  /** Groups the batch lists. */
  listed: number;
  /** Listed groups with indices (not skipped). */
  computed: number;
  skipped: number;
  same_pattern: number;
  pattern_changed: number;
  same_cell: number;
}

/**
 * Count the statuses of persistence rows, one summary per batch (ascending).
 * @example persistenceSummary([{ batch: 2, status: 'same pattern', same_cell: true, pattern: 'substitution' },
 *   { batch: 2, status: 'not listed', same_cell: false, pattern: null }]);
 * // => [{ batch: 2, listed: 1, computed: 1, skipped: 0, same_pattern: 1, pattern_changed: 0, same_cell: 1 }]
 */
export function persistenceSummary(
  rows: Pick<PersistenceRow, 'batch' | 'status' | 'same_cell' | 'pattern'>[],
): PersistenceSummary[] {
  const by = new Map<Batch, PersistenceSummary>();
  for (const r of rows) {
    const s = by.get(r.batch) ?? {
      batch: r.batch,
      listed: 0,
      computed: 0,
      skipped: 0,
      same_pattern: 0,
      pattern_changed: 0,
      same_cell: 0,
    };
    if (r.status !== 'not listed') s.listed++;
    if (r.status === 'skipped') s.skipped++;
    if (r.pattern !== null) s.computed++;
    if (r.status === 'same pattern') s.same_pattern++;
    if (r.status === 'pattern changed') s.pattern_changed++;
    if (r.same_cell) s.same_cell++;
    by.set(r.batch, s);
  }
  return [...by.values()].sort((a, b) => a.batch - b.batch);
}
