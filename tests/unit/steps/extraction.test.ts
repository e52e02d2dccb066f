import { describe, expect, it } from 'vitest';
import { codeRow } from '../../helpers/fixtures.js';
import fc from 'fast-check';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { tempDir } from '../../helpers/temp.js';
import { loadCodes, loadGroups, loadTechnologies, type TechnologyRow } from '../../../lib/io/data.js';
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

describe('compareCandidates: exact messages and the other technologies of a code', () => {
  it('names the function and the bad techId: empty, blank or not a string', () => {
    const b1 = [codeRow({})];
    expect(() => compareCandidates([], b1, '')).toThrow(
      'compareCandidates: techId must be a non-empty string (got "")',
    );
    expect(() => compareCandidates([], b1, '  ')).toThrow(
      'compareCandidates: techId must be a non-empty string (got "  ")',
    );
    expect(() => compareCandidates([], b1, 1 as unknown as string)).toThrow(
      'compareCandidates: techId must be a non-empty string (got 1)',
    );
  });
  it('names the batches it got when the curated rows mix them', () => {
    expect(() => compareCandidates([], [codeRow({ batch: 1 }), codeRow({ batch: 2 })], '1')).toThrow(
      'compareCandidates: pass the curated rows of one batch (got [1, 2])',
    );
  });
  it('lists every other technology a code is curated for, comma-separated, for hits and for curated-only codes', () => {
    const curated = [
      codeRow({ tech_id: '1', code: '11111111' }),
      codeRow({ tech_id: '2', code: '11111111' }),
      codeRow({ tech_id: '3', code: '11111111' }),
      codeRow({ tech_id: '1', code: '22222222' }),
      codeRow({ tech_id: '2', code: '22222222' }),
      codeRow({ tech_id: '4', code: '22222222' }),
    ];
    const out = compareCandidates([{ code: '11111111', description: 'd', years: [2018] }], curated, '1');
    expect(out.map((c) => [c.code, c.found_by_search, c.curated_elsewhere])).toEqual([
      ['11111111', true, '2, 3'],
      ['22222222', false, '2, 4'],
    ]);
  });
});

describe('searchCandidates on a hand-made reference folder (2015 lists only)', () => {
  // zh: 11111111 甲乙, 22222222 甲, 33333333 乙; en: 11111111 alpha beta, 22222222 alpha, 44444444 gamma
  const dir = tempDir('extraction-ref-');
  fs.mkdirSync(path.join(dir, 'china-customs'));
  fs.writeFileSync(
    path.join(dir, 'china-customs', 'hs8-zh-2015.csv'),
    '商品编码,商品名称,年份\n11111111,甲乙,2015\n22222222,甲,2015\n33333333,乙,2015\n',
  );
  fs.writeFileSync(
    path.join(dir, 'china-customs', 'hs8-en-2015.csv'),
    'CODES,DESCRIPTION,YEAR\n11111111,alpha beta,2015\n22222222,alpha,2015\n44444444,gamma,2015\n',
  );
  const curated = [
    codeRow({ code: '11111111', desc_zh: '甲乙（选定）' }),
    codeRow({ code: '55555555', desc_zh: '戊', first_year: 2016, last_year: 2019 }),
  ];
  it('any keyword of either language finds a code; each code once, with its Chinese description and the languages that found it', () => {
    const out = searchCandidates({ techId: '1', zh: ['甲', '乙'], en: ['alpha', 'gamma'] }, curated, dir);
    expect(out.map((c) => [c.code, c.search, c.description, c.curated])).toEqual([
      ['11111111', 'zh + en', '甲乙', true],
      ['22222222', 'zh + en', '甲', false],
      ['33333333', 'zh', '乙', false],
      ['44444444', 'en', 'gamma', false],
      ['55555555', '–', '戊', true],
    ]);
    expect(out[4]).toMatchObject({ found_by_search: false, first_year: 2016, last_year: 2019 });
  });
  it('without Chinese keywords only the English lists are searched', () => {
    const out = searchCandidates({ techId: '1', zh: [], en: ['gamma'] }, curated, dir);
    expect(out.map((c) => [c.code, c.search])).toEqual([
      ['11111111', '–'],
      ['44444444', 'en'],
      ['55555555', '–'],
    ]);
  });
  it('without English keywords only the Chinese lists are searched', () => {
    const out = searchCandidates({ techId: '1', zh: ['乙'], en: [] }, curated, dir);
    expect(out.map((c) => [c.code, c.search])).toEqual([
      ['11111111', 'zh'],
      ['33333333', 'zh'],
      ['55555555', '–'],
    ]);
  });
});

describe('distinctCodes and countByBatch on hand-made rows', () => {
  const rows = [
    codeRow({ batch: 2, tech_id: 'B2-01', code: '30000000' }),
    codeRow({ batch: 1, code: '20000000', first_year: 2016, last_year: 2018 }),
    codeRow({ batch: 1, tech_id: '2', code: '10000000' }),
    codeRow({ batch: 1, tech_id: '3', code: '20000000', first_year: 2016, last_year: 2018 }),
  ];
  it('no filter: every distinct code of every batch, ascending', () => {
    expect(distinctCodes(rows)).toEqual(['10000000', '20000000', '30000000']);
    expect(distinctCodes(rows, { batch: 1 })).toEqual(['10000000', '20000000']);
  });
  it('a code is kept in its first and its last year, not outside', () => {
    const inYear = (year: number) => distinctCodes(rows, { batch: 1, year }).includes('20000000');
    expect([2015, 2016, 2017, 2018, 2019].map(inYear)).toEqual([false, true, true, true, false]);
  });
  it('a non-integer year: the exact message', () => {
    expect(() => distinctCodes(rows, { year: 2018.5 })).toThrow('distinctCodes: year must be an integer (got 2018.5)');
  });
  it('curated-or-printed codes are the distinct codes less the reported ones', () => {
    const c = [
      codeRow({ code: '10000000', status: 'curated' }),
      codeRow({ code: '20000000', status: 'printed' }),
      codeRow({ code: '30000000', status: 'reported' }),
      codeRow({ tech_id: '2', code: '30000000', status: 'reported' }),
    ];
    const [b1] = countByBatch(c, []);
    expect([b1.distinct_codes, b1.curated_or_printed_codes, b1.reported_codes, b1.rows]).toEqual([3, 2, 1, 4]);
  });
});

describe('labelFlag and batch2Flags on hand-made notes', () => {
  it('any space (or none) after the colon; no verdict: the exact message', () => {
    expect(labelFlag('label vs official line:broad')).toBe('broad');
    expect(labelFlag('label vs official line:  weak: x')).toBe('weak');
    expect(() => labelFlag('no verdict here')).toThrow(
      'labelFlag: the note has no "label vs official line: consistent|broad|WEAK|MISMATCH" verdict (got "no verdict here")',
    );
  });
  it('the slide code ("" when the note has none) and the verdict after "label vs official line:"', () => {
    const tech = (tech_id: string, note: string, batch: 1 | 2 = 2): TechnologyRow => ({
      batch,
      tech_id,
      name_zh: 'z',
      name_en: `label ${tech_id}`,
      has_codes: true,
      note,
      source: 's',
    });
    const f = batch2Flags([
      tech('1', 'a batch-1 note without a verdict', 1),
      tech('B2-01', 'slide code 84662000; label vs official line: MISMATCH: the official line is work holders'),
      tech('B2-02', 'label vs official line:  WEAK, a part only'),
      tech('B2-03', 'slide code 12345678; label vs official line:consistent'),
      // a note over two lines: the verdict is what follows the phrase, not the first line kept in front of it
      tech('B2-04', 'slide code 87654321;\nlabel vs official line: BROAD: a heading, and\nmore'),
    ]);
    expect(f.rows).toEqual([
      {
        tech_id: 'B2-01',
        code: '84662000',
        label: 'label B2-01',
        flag: 'mismatch',
        verdict: 'MISMATCH: the official line is work holders',
      },
      { tech_id: 'B2-02', code: '', label: 'label B2-02', flag: 'weak', verdict: 'WEAK, a part only' },
      { tech_id: 'B2-03', code: '12345678', label: 'label B2-03', flag: 'consistent', verdict: 'consistent' },
      {
        tech_id: 'B2-04',
        code: '87654321',
        label: 'label B2-04',
        flag: 'broad',
        verdict: 'BROAD: a heading, and\nmore',
      },
    ]);
    expect(f.counts).toEqual({ consistent: 1, broad: 1, weak: 1, mismatch: 1 });
  });
});
