/**
 * The code model of the SYNTHETIC teaching panel (construction steps 5–6): the
 * distinct codes of the curated table with their primary batch and valid years,
 * and each code's monthly series cut from its group's path —
 *   5. the group total is split among the group's primary codes (its codes in the
 *      lowest batch that lists the group, normally batch 1) valid that month, by
 *      seeded code weights with code-level drift and noise, so the primary batch's
 *      group sum equals the designed path exactly (before whole-dollar rounding);
 *   6. codes listed only in other batches get the group path times their own
 *      weight (not calibrated).
 * Every code's random stream is keyed by (seed, code), so a code's values never
 * depend on which other codes are generated with it.
 *
 * @module synthetic/code-series
 */
import type { Batch } from '../core/types.js';
import { fail } from '../core/errors.js';
import type { SyntheticCodeRow, SyntheticGroupRow } from './inputs.js';
import { syntheticHash, syntheticRng } from './rng.js';

/** One distinct code of the teaching panel. */
export interface TeachingCode {
  code: string;
  /** Batch and group of the code's first row in (batch, group, code) order: its series follows this group. */
  batch: Batch;
  groupId: number;
  /** Valid years (the union over the code's rows). */
  first: number;
  last: number;
}

/** The distinct codes of a code table, each group's primary batch, and notes for the meta. */
export interface DistinctCodes {
  /** Sorted by code. */
  codes: TeachingCode[];
  /** Primary batch of each group: the lowest batch that lists it. */
  primaryBatch: Map<number, Batch>;
  warnings: string[];
}

/**
 * The distinct codes of the curated code table: one entry per code whatever
 * batches list it, following the group of its first row in (batch, group, code)
 * order; a code listed in two groups, or with different valid years in two rows,
 * is reported in `warnings` (the union of the years is used).
 *
 * @param groupIds the known group ids
 * @throws {StudyError} on a code that is not 8 digits, an unknown group, or first year after last year
 * @example
 * const d = distinctCodes([
 *   { batch: 3, code: '85423111', group_id: 2, first_year: 2017, last_year: 2025 },
 *   { batch: 1, code: '85423111', group_id: 2, first_year: 2017, last_year: 2025 },
 *   { batch: 2, code: '84561000', group_id: 5, first_year: 2015, last_year: 2016 },
 * ], new Set([2, 5]));
 * d.codes.map((c) => [c.code, c.batch]); // => [['84561000', 2], ['85423111', 1]]
 * [...d.primaryBatch]; // => [[2, 1], [5, 2]]
 */
export function distinctCodes(rows: readonly SyntheticCodeRow[], groupIds: ReadonlySet<number>): DistinctCodes {
  const fn = 'distinctCodes';
  const warnings: string[] = [];
  const info = new Map<string, TeachingCode>();
  const sortedRows = [...rows].sort(
    (a, b) => a.batch - b.batch || a.group_id - b.group_id || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0),
  );
  for (const r of sortedRows) {
    if (!/^\d{8}$/.test(r.code)) fail(fn, 'code must be 8 digits', r.code);
    if (!groupIds.has(r.group_id)) fail(fn, `code ${r.code}: unknown group`, r.group_id);
    if (!(r.first_year <= r.last_year))
      fail(fn, `code ${r.code}: first year after last year`, [r.first_year, r.last_year]);
    const have = info.get(r.code);
    if (!have) {
      info.set(r.code, { code: r.code, batch: r.batch, groupId: r.group_id, first: r.first_year, last: r.last_year });
      continue;
    }
    if (r.group_id !== have.groupId)
      warnings.push(
        `code ${r.code} is listed in group ${have.groupId} (batch ${have.batch}) and group ${r.group_id} (batch ${r.batch}); its series follows group ${have.groupId}`,
      );
    if (r.first_year !== have.first || r.last_year !== have.last) {
      warnings.push(
        `code ${r.code}: valid years differ between rows (${have.first}–${have.last} vs ${r.first_year}–${r.last_year}); using the union`,
      );
      have.first = Math.min(have.first, r.first_year);
      have.last = Math.max(have.last, r.last_year);
    }
  }
  const primaryBatch = new Map<number, Batch>();
  for (const r of sortedRows) {
    const p = primaryBatch.get(r.group_id);
    if (p === undefined || r.batch < p) primaryBatch.set(r.group_id, r.batch);
  }
  return { codes: [...info.values()].sort((a, b) => (a.code < b.code ? -1 : 1)), primaryBatch, warnings };
}

/** Parameters of the code weights: SD of the log share, of the yearly log drift and of the monthly log noise. */
export const CODE_MODEL: Readonly<{ shareSd: number; driftSd: number; noiseSd: number }> = Object.freeze({
  shareSd: 0.9,
  driftSd: 0.03,
  noiseSd: 0.1,
});

/**
 * The code model in words, as the panel's meta records it.
 * @example CODE_MODEL_DESCRIPTION.slice(0, 33); // => 'Each code: share s = exp(0.9·z), '
 */
export const CODE_MODEL_DESCRIPTION: string = `Each code: share s = exp(${CODE_MODEL.shareSd}·z), drift d = ${CODE_MODEL.driftSd}·z per year, monthly weight s·exp(d·t/12 + ${CODE_MODEL.noiseSd}·z_t − ${CODE_MODEL.noiseSd}²/2) (z standard normal, seeded by code). Primary codes (the group's codes in the lowest batch listing the group) split the group path by weight among the codes valid that month; other codes get path × weight / (Σ primary shares + s). Values rounded to whole dollars.`;

/**
 * Every code's monthly series (US dollars, not yet rounded; 0 outside its valid
 * years): the group path split by weight among the primary codes valid that month,
 * path × weight / (Σ primary shares + own share) for the group's other codes.
 * A group without codes, or months in which no primary code is valid, are reported
 * in `warnings`.
 *
 * @param codes the distinct codes ({@link distinctCodes})
 * @param pathById each group's monthly path, aligned with `months`
 * @example
 * const months = syntheticMonths('2015-01', '2015-12');
 * const d = distinctCodes([
 *   { batch: 1, code: '11111111', group_id: 9, first_year: 2015, last_year: 2025 },
 *   { batch: 1, code: '22222222', group_id: 9, first_year: 2015, last_year: 2025 },
 * ], new Set([9]));
 * const { values } = codeSeries(d.codes, d.primaryBatch, [{ group_id: 9, group: 'g' }], new Map([[9, new Float64Array(12).fill(100)]]), months, 1);
 * Math.round(values.get('11111111')![0] + values.get('22222222')![0]); // => 100 (the primary codes share the group path)
 */
export function codeSeries(
  codes: readonly TeachingCode[],
  primaryBatch: ReadonlyMap<number, Batch>,
  groups: readonly Pick<SyntheticGroupRow, 'group_id' | 'group'>[],
  pathById: ReadonlyMap<number, Float64Array>,
  months: readonly string[],
  seed: number,
): { values: Map<string, Float64Array>; warnings: string[] } {
  const T = months.length;
  const warnings: string[] = [];
  const { shareSd, driftSd, noiseSd } = CODE_MODEL;
  const monthYear = months.map((m) => +m.slice(0, 4));
  const weights = new Map<string, Float64Array>();
  const share = new Map<string, number>();
  for (const c of codes) {
    const rng = syntheticRng(syntheticHash(seed, 'code', c.code));
    const s = Math.exp(shareSd * rng.normal());
    const drift = driftSd * rng.normal();
    const w = new Float64Array(T);
    for (let i = 0; i < T; i++) {
      const valid = monthYear[i] >= c.first && monthYear[i] <= c.last;
      const z = rng.normal(); // drawn for every month so validity does not shift the stream
      w[i] = valid ? s * Math.exp(drift * (i / 12) + noiseSd * z - (noiseSd * noiseSd) / 2) : 0;
    }
    weights.set(c.code, w);
    share.set(c.code, s);
  }
  const values = new Map<string, Float64Array>();
  for (const g of groups) {
    const pb = primaryBatch.get(g.group_id);
    if (pb === undefined) {
      warnings.push(`group ${g.group_id} (${g.group}) has no codes: no series generated`);
      continue;
    }
    const path = pathById.get(g.group_id);
    if (!path || path.length !== T)
      return fail('codeSeries', `group ${g.group_id}: no path of ${T} months`, g.group_id);
    const primary = codes.filter((c) => c.groupId === g.group_id && c.batch === pb);
    const secondary = codes.filter((c) => c.groupId === g.group_id && c.batch !== pb);
    let gap = 0;
    for (const c of primary) values.set(c.code, new Float64Array(T));
    for (let i = 0; i < T; i++) {
      let tot = 0;
      for (const c of primary) tot += (weights.get(c.code) as Float64Array)[i];
      if (tot === 0) {
        gap++;
        continue;
      }
      for (const c of primary)
        (values.get(c.code) as Float64Array)[i] = (path[i] * (weights.get(c.code) as Float64Array)[i]) / tot;
    }
    if (gap > 0)
      warnings.push(
        `group ${g.group_id} (${g.group}): ${gap} month(s) with no valid batch-${pb} code; the group sum is 0 there`,
      );
    const sPrimary = primary.reduce((a, c) => a + (share.get(c.code) as number), 0);
    for (const c of secondary) {
      const w = weights.get(c.code) as Float64Array;
      const s = share.get(c.code) as number;
      const v = new Float64Array(T);
      for (let i = 0; i < T; i++) v[i] = (path[i] * w[i]) / (sPrimary + s);
      values.set(c.code, v);
    }
  }
  return { values, warnings };
}
