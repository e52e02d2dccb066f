import { describe, expect, it } from 'vitest';
import { CODE_MODEL, CODE_MODEL_DESCRIPTION, codeSeries, distinctCodes } from '../../../lib/synthetic/code-series.js';
import type { SyntheticCodeRow } from '../../../lib/synthetic/inputs.js';
import { syntheticMonths } from '../../../lib/synthetic/paths.js';
import { syntheticHash, syntheticRng } from '../../../lib/synthetic/rng.js';

const MONTHS = syntheticMonths('2015-01', '2016-12');
const row = (
  batch: 1 | 2 | 3,
  code: string,
  group_id: number,
  first_year = 2015,
  last_year = 2025,
): SyntheticCodeRow => ({ batch, code, group_id, first_year, last_year });
const groups = [
  { group_id: 9, group: 'nine' },
  { group_id: 10, group: 'ten' },
];
const path = Float64Array.from(MONTHS, (_, i) => 1000 + 10 * i);
const paths = new Map([
  [9, path],
  [10, path],
]);

/** The documented code model, written out: share s = exp(0.9·z), drift d = 0.03·z, weight s·exp(d·t/12 + 0.1·z_t − 0.1²/2) in valid months. */
function model(code: string, seed: number, first = 2015, last = 2025): { s: number; w: number[] } {
  const r = syntheticRng(syntheticHash(seed, 'code', code));
  const s = Math.exp(0.9 * r.normal());
  const d = 0.03 * r.normal();
  const w = MONTHS.map((m, t) => {
    const z = r.normal();
    const y = Number(m.slice(0, 4));
    return y >= first && y <= last ? s * Math.exp(d * (t / 12) + 0.1 * z - 0.005) : 0;
  });
  return { s, w };
}

describe('distinctCodes', () => {
  it('one entry per code, following its first row in (batch, group, code) order; primary batch = lowest', () => {
    const d = distinctCodes(
      [row(3, '22222222', 9), row(1, '22222222', 9), row(2, '11111111', 10), row(3, '33333333', 10)],
      new Set([9, 10]),
    );
    expect(d.codes).toEqual([
      { code: '11111111', batch: 2, groupId: 10, first: 2015, last: 2025 },
      { code: '22222222', batch: 1, groupId: 9, first: 2015, last: 2025 },
      { code: '33333333', batch: 3, groupId: 10, first: 2015, last: 2025 },
    ]);
    expect([...d.primaryBatch].sort()).toEqual([
      [10, 2],
      [9, 1],
    ]);
    expect(d.warnings).toEqual([]);
  });
  it('reports a code in two groups and unions differing valid years', () => {
    const d = distinctCodes([row(1, '22222222', 9, 2015, 2018), row(2, '22222222', 10, 2017, 2025)], new Set([9, 10]));
    expect(d.codes).toEqual([{ code: '22222222', batch: 1, groupId: 9, first: 2015, last: 2025 }]);
    expect(d.warnings).toEqual([
      'code 22222222 is listed in group 9 (batch 1) and group 10 (batch 2); its series follows group 9',
      'code 22222222: valid years differ between rows (2015–2018 vs 2017–2025); using the union',
    ]);
  });
  it('rejects a malformed code, an unknown group and reversed years, naming itself and the value', () => {
    expect(() => distinctCodes([row(1, '1234', 9)], new Set([9]))).toThrow(
      'distinctCodes: code must be 8 digits (got "1234")',
    );
    expect(() => distinctCodes([row(1, '12345678', 99)], new Set([9]))).toThrow(
      'distinctCodes: code 12345678: unknown group (got 99)',
    );
    expect(() => distinctCodes([row(1, '12345678', 9, 2020, 2018)], new Set([9]))).toThrow(
      'distinctCodes: code 12345678: first year after last year (got [2020, 2018])',
    );
  });
});

describe('codeSeries', () => {
  const d = distinctCodes(
    [row(1, '11111111', 9), row(1, '22222222', 9, 2016), row(2, '33333333', 9), row(1, '44444444', 10)],
    new Set([9, 10]),
  );
  const { values, warnings } = codeSeries(d.codes, d.primaryBatch, groups, paths, MONTHS, 5);
  it('the primary codes valid in a month share the group path exactly', () => {
    const a = values.get('11111111')!;
    const b = values.get('22222222')!;
    for (let i = 0; i < MONTHS.length; i++) expect(a[i] + b[i]).toBeCloseTo(path[i], 9);
    // 22222222 starts in 2016: 11111111 carries all of 2015
    for (let i = 0; i < 12; i++) {
      expect(b[i]).toBe(0);
      expect(a[i]).toBeCloseTo(path[i], 12);
    }
    expect(b[12]).toBeGreaterThan(0);
    expect(warnings).toEqual([]);
  });
  it('the primary codes split the path by weight; another batch’s code gets path × weight / (Σ primary shares + own share)', () => {
    const a = model('11111111', 5);
    const b = model('22222222', 5, 2016);
    const c = model('33333333', 5);
    for (const i of [0, 5, 12, 23]) {
      expect(values.get('11111111')![i]).toBeCloseTo((path[i] * a.w[i]) / (a.w[i] + b.w[i]), 9);
      expect(values.get('33333333')![i]).toBeCloseTo((path[i] * c.w[i]) / (a.s + b.s + c.s), 9);
    }
  });
  it('a code’s series depends only on (seed, code), not on the other codes', () => {
    const alone = distinctCodes([row(1, '44444444', 10)], new Set([10]));
    const one = codeSeries(alone.codes, alone.primaryBatch, groups.slice(1), paths, MONTHS, 5).values.get('44444444')!;
    expect(Array.from(one)).toEqual(Array.from(values.get('44444444')!));
    const other = codeSeries(d.codes, d.primaryBatch, groups, paths, MONTHS, 6).values.get('33333333')!;
    expect(Array.from(other)).not.toEqual(Array.from(values.get('33333333')!));
  });
  it('reports a group without codes and months without a valid primary code', () => {
    const late = distinctCodes([row(1, '11111111', 9, 2016)], new Set([9]));
    const r = codeSeries(late.codes, late.primaryBatch, groups, paths, MONTHS, 5);
    expect(r.warnings).toEqual([
      'group 9 (nine): 12 month(s) with no valid batch-1 code; the group sum is 0 there',
      'group 10 (ten) has no codes: no series generated',
    ]);
    expect(r.values.has('11111111')).toBe(true);
  });
  it('the description states the model’s constants', () => {
    expect(CODE_MODEL).toEqual({ shareSd: 0.9, driftSd: 0.03, noiseSd: 0.1 });
    expect(CODE_MODEL_DESCRIPTION).toContain(
      'share s = exp(0.9·z), drift d = 0.03·z per year, monthly weight s·exp(d·t/12 + 0.1·z_t − 0.1²/2)',
    );
  });
});
