import { describe, expect, it } from 'vitest';
import { codeRow } from '../../helpers/fixtures.js';
import fc from 'fast-check';
import { loadCodes, loadGroups, loadTechnologies } from '../../../lib/io/data.js';
import { referenceDir } from '../../../lib/io/paths.js';
import {
  batch2Flags,
  compareCandidates,
  countByBatch,
  distinctCodes,
  itemsWithoutCodes,
  labelFlag,
  searchCandidates,
} from '../../../lib/steps/extraction.js';
import { codesPerGroup } from '../../../lib/steps/grouping.js';

const codes = loadCodes();
const techs = loadTechnologies();
const groups = loadGroups();

describe('compareCandidates', () => {
  it('marks hits and curated codes (hand example)', () => {
    const curated = [
      codeRow({ code: '84862031' }),
      codeRow({ code: '84864010' }),
      codeRow({ tech_id: '2', code: '85423190', group_id: 2 }),
    ];
    const hits = [
      { code: '84862031', description: 'stepper', years: [2016, 2015, 2020] },
      { code: '84863031', description: 'fpd stepper', years: [2018] },
      { code: '85423190', description: 'ic', years: [2017] },
    ];
    const out = compareCandidates(hits, curated, '1');
    expect(out.map((c) => [c.code, c.found_by_search, c.curated, c.group_id, c.curated_elsewhere])).toEqual([
      ['84862031', true, true, 6, ''],
      ['84863031', true, false, null, ''],
      ['84864010', false, true, 6, ''],
      ['85423190', true, false, null, '2'],
    ]);
    expect(out[0]).toMatchObject({ first_year: 2015, last_year: 2020, description: 'stepper' });
    expect(out[2]).toMatchObject({ first_year: 2015, last_year: 2025, description: 'x' });
  });
  it('without hits returns exactly the curated codes of the technology (lithography: 5)', () => {
    const out = compareCandidates([], loadCodes({ batch: 1 }), '1');
    expect(out.map((c) => c.code)).toEqual(['84862031', '84862039', '84863031', '84863039', '84864010']);
    expect(out.every((c) => c.curated && !c.found_by_search)).toBe(true);
  });
  it('rejects bad input', () => {
    expect(() => compareCandidates([], codes, '1')).toThrow(/one batch/);
    expect(() => compareCandidates([], loadCodes({ batch: 1 }), '')).toThrow(/techId/);
    expect(() => compareCandidates([{ code: '1', description: '', years: [] }], [], '1')).toThrow(/no years/);
  });
  it('property: every curated code of the technology appears, once, in ascending order', () => {
    const b1 = loadCodes({ batch: 1 });
    const ids = [...new Set(b1.map((r) => r.tech_id))];
    fc.assert(
      fc.property(fc.constantFrom(...ids), fc.subarray(b1.map((r) => r.code)), (id, hitCodes) => {
        const out = compareCandidates(
          [...new Set(hitCodes)].map((c) => ({ code: c, description: 'd', years: [2018] })),
          b1,
          id,
        );
        const list = out.map((c) => c.code);
        expect([...list].sort()).toEqual(list);
        expect(new Set(list).size).toBe(list.length);
        for (const r of b1.filter((r) => r.tech_id === id)) expect(list).toContain(r.code);
      }),
      { numRuns: 40 },
    );
  });
});

describe('counts (hand-checked against CURATION.md)', () => {
  it('batch-1 codes from the 35 items: 98 over 2015–2025, 86 in the 2018 list', () => {
    expect(distinctCodes(codes, { batch: 1, excludeTech: ['M'] })).toHaveLength(98);
    expect(distinctCodes(codes, { batch: 1, excludeTech: ['M'], year: 2018 })).toHaveLength(86);
    expect(distinctCodes(codes, { batch: 1, onlyTech: ['M'] })).toHaveLength(46);
  });
  it('per batch', () => {
    const b = countByBatch(codes, techs);
    expect(
      b.map((x) => [x.items, x.items_with_codes, x.items_without_codes, x.distinct_codes, x.reported_codes, x.groups]),
    ).toEqual([
      [36, 28, 8, 144, 0, 17],
      [19, 19, 0, 22, 0, 5],
      [5, 4, 1, 92, 92, 7],
    ]);
  });
  it('per group, batch 1 (all years) and the 2018 list', () => {
    expect(codesPerGroup(codes, groups, { batch: 1 }).map((g) => g.codes)).toEqual([
      6, 13, 4, 2, 4, 5, 7, 11, 3, 13, 5, 4, 6, 6, 6, 3, 46,
    ]);
    expect(codesPerGroup(codes, groups, { batch: 1, year: 2018, excludeTech: ['M'] }).map((g) => g.codes)).toEqual([
      6, 9, 4, 2, 2, 5, 5, 11, 3, 11, 5, 4, 5, 6, 6, 2, 0,
    ]);
  });
  it('per group, batches 2 and 3', () => {
    const nz = (b: 2 | 3) =>
      codesPerGroup(codes, groups, { batch: b })
        .filter((g) => g.codes > 0)
        .map((g) => [g.group_id, g.codes]);
    expect(nz(2)).toEqual([
      [5, 3],
      [9, 1],
      [10, 3],
      [11, 14],
      [16, 1],
    ]);
    expect(nz(3)).toEqual([
      [2, 10],
      [3, 5],
      [6, 5],
      [8, 12],
      [11, 8],
      [16, 6],
      [17, 46],
    ]);
  });
  it('items without codes', () => {
    expect(itemsWithoutCodes(techs, 1).map((t) => t.tech_id)).toEqual(['3', '8', '11', '13', '15', '20', '31', '33']);
    expect(itemsWithoutCodes(techs, 1).every((t) => t.reason.length > 0)).toBe(true);
    expect(itemsWithoutCodes(techs, 3).map((t) => t.name_zh)).toEqual(['存储器']);
    expect(itemsWithoutCodes(techs, 2)).toEqual([]);
  });
  it('year must be an integer', () => {
    expect(() => distinctCodes(codes, { year: 2018.5 })).toThrow(/integer/);
  });
});

describe('batch-2 label flags', () => {
  it('reads the verdict', () => {
    expect(labelFlag('slide code 1; label vs official line: MISMATCH: x')).toBe('mismatch');
    expect(labelFlag('label vs official line: WEAK: y')).toBe('weak');
    expect(labelFlag('label vs official line: consistent, but z')).toBe('consistent');
    expect(() => labelFlag('no verdict here')).toThrow(/verdict/);
  });
  it('counts on the curated table: 4 consistent, 8 broad, 3 weak, 4 mismatch', () => {
    const f = batch2Flags(techs);
    expect(f.counts).toEqual({ consistent: 4, broad: 8, weak: 3, mismatch: 4 });
    expect(f.rows.filter((r) => r.flag === 'mismatch').map((r) => r.code)).toEqual([
      '84799010',
      '84679910',
      '84662000',
      '85159000',
    ]);
  });
});

describe('searchCandidates', () => {
  it('a folder without code lists is an error naming it, never an empty search', () => {
    expect(() =>
      searchCandidates({ techId: '21', zh: ['光刻胶'], en: [] }, loadCodes({ batch: 1 }), '/nonexistent-reference'),
    ).toThrow(/no china-customs\/ code lists.*\/nonexistent-reference/);
  });
  it('epoxy resin (环氧树脂): paints, adhesives and the curated resin', () => {
    const out = searchCandidates(
      { techId: '32', zh: ['环氧树脂'], en: ['epoxy'] },
      loadCodes({ batch: 1 }),
      referenceDir(),
    );
    const zhOnly = out.filter((c) => c.search.startsWith('zh')).map((c) => c.code);
    expect(zhOnly).toEqual(['32099010', '35069120', '39073000']);
    expect(out.filter((c) => c.curated).map((c) => c.code)).toEqual(['39073000']);
    expect(out.find((c) => c.code === '29103000')?.search).toBe('en');
  });
});
