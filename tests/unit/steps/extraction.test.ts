import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { loadCodeBec, loadCodes, loadGroups, loadTechnologies, type CodeRow, type GroupRow } from '../../../lib/io/data.js';
import { referenceDir } from '../../../lib/io/paths.js';
import { batch2Flags, compareCandidates, countByBatch, distinctCodes, itemsWithoutCodes, labelFlag, searchCandidates } from '../../../lib/steps/extraction.js';
import { categoryEndUseCrossTab, categoryShares, codesPerGroup, groupEndUse, studyCategory, STUDY_CATEGORIES } from '../../../lib/steps/grouping.js';
import { listBannerText } from '../../../lib/present/banner.js';
import { categoryShareChart } from '../../../lib/present/chart-specs/grouping.js';

const codes = loadCodes();
const techs = loadTechnologies();
const groups = loadGroups();
const bec = loadCodeBec();

function row(p: Partial<CodeRow>): CodeRow {
  return {
    batch: 1, tech_id: '1', code: '84862031', group_id: 6, desc_zh: 'x', desc_en: 'x', first_year: 2015, last_year: 2025,
    status: 'curated', rationale: 'r', source: 's', ...p,
  };
}

describe('compareCandidates', () => {
  it('marks hits and curated codes (hand example)', () => {
    const curated = [row({ code: '84862031' }), row({ code: '84864010' }), row({ tech_id: '2', code: '85423190', group_id: 2 })];
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
        const out = compareCandidates([...new Set(hitCodes)].map((c) => ({ code: c, description: 'd', years: [2018] })), b1, id);
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
    expect(b.map((x) => [x.items, x.items_with_codes, x.items_without_codes, x.distinct_codes, x.reported_codes, x.groups])).toEqual([
      [36, 28, 8, 144, 0, 17],
      [19, 19, 0, 22, 0, 5],
      [5, 4, 1, 92, 92, 7],
    ]);
  });
  it('per group, batch 1 (all years) and the 2018 list', () => {
    expect(codesPerGroup(codes, groups, { batch: 1 }).map((g) => g.codes)).toEqual([6, 13, 4, 2, 4, 5, 7, 11, 3, 13, 5, 4, 6, 6, 6, 3, 46]);
    expect(codesPerGroup(codes, groups, { batch: 1, year: 2018, excludeTech: ['M'] }).map((g) => g.codes)).toEqual([6, 9, 4, 2, 2, 5, 5, 11, 3, 11, 5, 4, 5, 6, 6, 2, 0]);
  });
  it('per group, batches 2 and 3', () => {
    const nz = (b: 2 | 3) => codesPerGroup(codes, groups, { batch: b }).filter((g) => g.codes > 0).map((g) => [g.group_id, g.codes]);
    expect(nz(2)).toEqual([[5, 3], [9, 1], [10, 3], [11, 14], [16, 1]]);
    expect(nz(3)).toEqual([[2, 10], [3, 5], [6, 5], [8, 12], [11, 8], [16, 6], [17, 46]]);
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
    expect(f.rows.filter((r) => r.flag === 'mismatch').map((r) => r.code)).toEqual(['84799010', '84679910', '84662000', '85159000']);
  });
});

describe('categories and end use', () => {
  it('study category of each Table-1 group', () => {
    const c = groups.map((g) => studyCategory(g));
    expect(c[0]).toBe('semiconductor capital');
    expect(c[1]).toBe('semiconductor intermediate');
    expect(c[3]).toBe('other capital');
    expect(c[9]).toBe('other intermediate');
    expect(c[16]).toBe('consumption');
    expect(() => studyCategory({ group: 'x', category: 'consumption goods', semiconductor: true })).toThrow(/consumption/);
  });
  it('cross-tab, batch 1 (hand-counted from codes.csv × code-bec.csv)', () => {
    const x = categoryEndUseCrossTab(codes, groups, bec, 1);
    expect(x).toHaveLength(12);
    const get = (c: string, e: string) => x.find((r) => r.category === c && r.end_use === e)!.codes;
    expect(get('capital goods', 'capital')).toBe(37);
    expect(get('capital goods', 'intermediate')).toBe(19);
    expect(get('intermediate', 'capital')).toBe(4);
    expect(get('intermediate', 'intermediate')).toBe(38);
    expect(get('consumption goods', 'intermediate')).toBe(8);
    expect(get('consumption goods', 'consumption')).toBe(38);
    expect(x.reduce((a, r) => a + r.codes, 0)).toBe(144);
  });
  it('per group: Passive Components = 4 capacitors (BEC 41, capital) + 2 resistors (BEC 42, intermediate)', () => {
    const g = groupEndUse(codes, groups, bec, 1);
    expect(g[0]).toMatchObject({ group_id: 1, capital: 4, intermediate: 2, consumption: 0, unclassified: 0 });
    expect(g[0].agree_share).toBeCloseTo(4 / 6, 12);
    expect(g.find((r) => r.group_id === 7)).toMatchObject({ capital: 0, intermediate: 7, agree_share: 0 });
    expect(g).toHaveLength(17);
  });
  it('rejects a code without a BEC row or an unknown group', () => {
    const c = [row({ code: '99999999' })];
    expect(() => categoryEndUseCrossTab(c, groups, bec, 1)).toThrow(/BEC/);
    expect(() => groupEndUse(c, groups, bec, 1)).toThrow(/BEC/);
    expect(() => categoryEndUseCrossTab([row({ group_id: 6 })], groups.filter((g) => g.group_id !== 6), bec, 1)).toThrow(/group 6/);
  });
});

describe('categoryShares', () => {
  it('hand example', () => {
    const out = categoryShares(
      [
        { year: 2015, group_id: 2, value_usd: 3 },
        { year: 2015, group_id: 17, value_usd: 1 },
        { year: 2016, group_id: 1, value_usd: 2 },
        { year: 2016, group_id: 4, value_usd: 6 },
      ],
      groups,
    );
    expect(out).toHaveLength(10);
    const s = (y: number, c: string) => out.find((r) => r.year === y && r.category === c)!.share;
    expect(s(2015, 'semiconductor intermediate')).toBe(0.75);
    expect(s(2015, 'consumption')).toBe(0.25);
    expect(s(2015, 'other capital')).toBe(0);
    expect(s(2016, 'semiconductor capital')).toBe(0.25);
    expect(s(2016, 'other capital')).toBe(0.75);
  });
  it('rejects bad values', () => {
    expect(() => categoryShares([{ year: 2015, group_id: 99, value_usd: 1 }], groups)).toThrow(/group/);
    expect(() => categoryShares([{ year: 2015, group_id: 1, value_usd: NaN }], groups)).toThrow(/non-negative/);
    expect(() => categoryShares([{ year: 2015, group_id: 1, value_usd: 0 }], groups)).toThrow(/no imports/);
  });
  it('property: shares of a year sum to 1 and each lies in [0, 1]', () => {
    const gs: GroupRow[] = groups;
    fc.assert(
      fc.property(fc.array(fc.record({ group_id: fc.integer({ min: 1, max: 17 }), value_usd: fc.double({ min: 1, max: 1e12, noNaN: true }) }), { minLength: 1, maxLength: 30 }), (rs) => {
        const out = categoryShares(rs.map((r) => ({ year: 2020, ...r })), gs);
        expect(out.map((r) => r.category)).toEqual([...STUDY_CATEGORIES]);
        expect(out.reduce((a, r) => a + r.share, 0)).toBeCloseTo(1, 9);
        for (const r of out) expect(r.share >= 0 && r.share <= 1).toBe(true);
      }),
      { numRuns: 60 },
    );
  });
});

describe('banner and chart', () => {
  it('banner text names the lists and says nothing is synthetic', () => {
    expect(listBannerText('/ref', [])).toBe(
      'Data: real, public code lists — curated tables data/study/*.csv and China Customs HS8 code lists 2015–2025 (/ref) · no import data, nothing synthetic · Parameters: defaults',
    );
    expect(listBannerText('/ref', [{ name: 'listYear', value: 2020, default: 2018 }])).toMatch(/Parameters changed: listYear = 2020 \(default 2018\)$/);
  });
  it('chart needs a source note and finite shares', () => {
    const rows = categoryShares([{ year: 2015, group_id: 2, value_usd: 1 }], groups);
    const spec = categoryShareChart(rows, { sourceNote: 'SYNTHETIC' }) as any;
    expect(spec.title.subtitle).toEqual(['SYNTHETIC']);
    expect(spec.data.values).toHaveLength(5);
    expect(() => categoryShareChart(rows, { sourceNote: '' })).toThrow(/sourceNote/);
    expect(() => categoryShareChart([{ ...rows[0], share: NaN }], { sourceNote: 'x' })).toThrow(/finite/);
  });
});

describe('searchCandidates', () => {
  it('a folder without code lists is an error naming it, never an empty search', () => {
    expect(() => searchCandidates({ techId: '21', zh: ['光刻胶'], en: [] }, loadCodes({ batch: 1 }), '/nonexistent-reference')).toThrow(/no china-customs\/ code lists.*\/nonexistent-reference/);
  });
  it('epoxy resin (环氧树脂): paints, adhesives and the curated resin', () => {
    const out = searchCandidates({ techId: '32', zh: ['环氧树脂'], en: ['epoxy'] }, loadCodes({ batch: 1 }), referenceDir());
    const zhOnly = out.filter((c) => c.search.startsWith('zh')).map((c) => c.code);
    expect(zhOnly).toEqual(['32099010', '35069120', '39073000']);
    expect(out.filter((c) => c.curated).map((c) => c.code)).toEqual(['39073000']);
    expect(out.find((c) => c.code === '29103000')?.search).toBe('en');
  });
});
