/**
 * The curated study tables of data/study/ (through their loaders, lib/io/data.ts): their shape and the study's rules
 * (counts per batch as documented in CURATION.md, one group per code and batch, bridges), and every curated code
 * against the official China Customs code lists in data/reference.
 */
import { describe, expect, it } from 'vitest';
import { BEC_END_USE, checkStudyTables, codeGroupMap, loadCodeBec, loadCodeBridges, loadCodes, loadGroups, loadTechnologies, type CodeRow } from '../../../lib/io/data.js';
import { codeDescription, codeYears } from '../../../lib/io/reference.js';

const distinct = (rows: CodeRow[]): Set<string> => new Set(rows.map((r) => r.code));

describe('curated tables: shape and study rules', () => {
  it('groups: 17 ids in order, flags as printed in Table 1', () => {
    const g = loadGroups();
    expect(g.map((x) => x.group_id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17]);
    expect(g.filter((x) => x.semiconductor).map((x) => x.group_id)).toEqual([1, 2, 3, 6, 8, 11]);
    expect(g[16]).toMatchObject({ group: 'Medicaments', matrixLabel: 'Medicines', category: 'consumption goods', semiconductor: false });
  });

  it('technologies: 35 items + M in batch 1, OCR slips fixed, non-goods without codes and with a reason', () => {
    const t = loadTechnologies().filter((x) => x.batch === 1);
    expect(t.map((x) => x.tech_id)).toEqual([...Array.from({ length: 35 }, (_, k) => String(k + 1)), 'M']);
    expect(t.find((x) => x.tech_id === '17')?.name_zh).toBe('铣刀');
    expect(t.find((x) => x.tech_id === '28')?.name_zh).toBe('锂电池隔膜');
    const none = t.filter((x) => !x.has_codes).map((x) => x.tech_id);
    expect(none).toEqual(['3', '8', '11', '13', '15', '20', '31', '33']);
    expect(t.filter((x) => !x.has_codes).every((x) => x.note.startsWith('not a good'))).toBe(true);
    expect(loadTechnologies().filter((x) => x.batch === 2).length).toBe(19);
  });

  it('codes: 8-digit text, counts per batch as documented in CURATION.md', () => {
    const all = loadCodes();
    expect(all.every((r) => /^\d{8}$/.test(r.code))).toBe(true);
    const b1 = loadCodes({ batch: 1 });
    expect(distinct(b1.filter((r) => r.tech_id !== 'M')).size).toBe(98);
    expect(distinct(b1.filter((r) => r.tech_id !== 'M' && r.first_year <= 2018 && r.last_year >= 2018)).size).toBe(86);
    expect(distinct(b1.filter((r) => r.tech_id === 'M')).size).toBe(46);
    expect(distinct(loadCodes({ batch: 2 })).size).toBe(22);
    expect(distinct(loadCodes({ batch: 3 })).size).toBe(92);
  });

  it('every group 1–16 has a batch-1 code from the 35 items; group 17 holds the medicaments (M)', () => {
    const b1 = loadCodes({ batch: 1 });
    for (let g = 1; g <= 16; g++) expect(b1.some((r) => r.group_id === g && r.tech_id !== 'M'), `group ${g}`).toBe(true);
    const m = b1.filter((r) => r.group_id === 17);
    expect(m.length).toBeGreaterThan(0);
    expect(m.every((r) => r.tech_id === 'M' && /^300[24]/.test(r.code))).toBe(true);
    expect(b1.filter((r) => r.tech_id === 'M').every((r) => r.group_id === 17)).toBe(true);
  });

  it('no code in two groups within a batch; the TEM/SEM line is shared by two items with one group', () => {
    for (const b of [1, 2, 3] as const) {
      const m = new Map<string, Set<number>>();
      for (const r of loadCodes({ batch: b })) m.set(r.code, (m.get(r.code) ?? new Set()).add(r.group_id));
      expect([...m.values()].every((s) => s.size === 1)).toBe(true);
    }
    const em = loadCodes({ batch: 1 }).filter((r) => r.code === '90121000');
    expect(em.map((r) => r.tech_id).sort()).toEqual(['23', '35']);
  });

  it('codeGroupMap gives each code its group', () => {
    const m = codeGroupMap(1);
    expect(m.get('84862031')).toBe(6);
    expect(m.get('85423111')).toBe(2);
    expect(m.get('30049090')).toBe(17);
    expect(codeGroupMap(2).get('84821030')).toBe(10);
    expect([...m.keys()]).toEqual([...m.keys()].sort());
  });

  it('batch 2 holds the 19 slide codes plus the pre-split / successor rows', () => {
    const codes = distinct(loadCodes({ batch: 2 }));
    const slide = ['84561100', '84799010', '84798999', '84679910', '84669390', '90262090', '85158090', '84775900', '84775910', '85158010', '84141000', '84821010', '84821020', '84821030', '84662000', '85159000', '84669400', '90319000', '90271000'];
    for (const c of slide) expect(codes.has(c), c).toBe(true);
    expect([...codes].filter((c) => !slide.includes(c)).sort()).toEqual(['84561000', '84775990', '84852000']);
  });

  it('batch 3: reported status, ICs under 854231/33/39 only (memory 854232 excluded)', () => {
    const b3 = loadCodes({ batch: 3 });
    expect(b3.every((r) => r.status === 'reported')).toBe(true);
    expect(b3.some((r) => r.code.startsWith('854232'))).toBe(false);
    expect(b3.filter((r) => r.group_id === 2).map((r) => r.code).sort()).toEqual(['85423100', '85423111', '85423119', '85423190', '85423300', '85423310', '85423390', '85423900', '85423910', '85423990']);
    expect(loadCodes({ batch: 1 }).every((r) => r.status === 'curated')).toBe(true);
    // batch 2: the 19 codes printed on the slide, the 3 bridge codes chosen by the project
    expect(new Set(loadCodes({ batch: 2 }).filter((r) => r.status === 'printed').map((r) => r.code)).size).toBe(19);
    expect(new Set(loadCodes({ batch: 2 }).filter((r) => r.status === 'curated').map((r) => r.code)).size).toBe(3);
    expect(loadCodes({ batch: 3 }).every((r) => r.status === 'reported')).toBe(true);
  });

  it('cross-file consistency (technologies, groups, code-bec, bridges)', () => {
    expect(checkStudyTables()).toEqual([]);
  });

  it('code-bec: one row per curated code, end use from the BEC table', () => {
    const bec = loadCodeBec();
    expect(new Set(bec.map((r) => r.code))).toEqual(distinct(loadCodes()));
    expect(bec.every((r) => BEC_END_USE[r.bec4] === r.end_use && r.code.startsWith(r.hs6))).toBe(true);
    const by = new Map(bec.map((r) => [r.code, r]));
    expect(by.get('85423111')).toMatchObject({ hs6: '854231', hs_vintage: 'HS2012', bec4: '42', end_use: 'intermediate' });
    expect(by.get('84862031')).toMatchObject({ bec4: '41', end_use: 'capital' });
    expect(by.get('30049090')).toMatchObject({ bec4: '63', end_use: 'consumption' });
  });

  it('bridges: the documented IC split and laser machine-tool change', () => {
    const b = loadCodeBridges();
    expect(b.filter((x) => x.old_code === '85423100').map((x) => x.new_code)).toEqual(['85423111', '85423119', '85423190']);
    expect(b.find((x) => x.old_code === '84561000' && x.new_code === '84561100')).toMatchObject({ year_changed: 2017, kind: 'split' });
    expect(b.find((x) => x.old_code === '84775990')).toMatchObject({ new_code: '84775900', year_changed: 2022, kind: 'rename' });
  });
});

describe('curated codes against the official code lists (real reference data)', () => {

  it('every curated code is in the list of every year first_year..last_year, and the years are exact', () => {
    for (const r of loadCodes()) {
      const ys = codeYears(r.code);
      const want = Array.from({ length: r.last_year - r.first_year + 1 }, (_, k) => r.first_year + k);
      expect(ys, `${r.code}`).toEqual(want);
    }
  });

  it('descriptions match the lists (latest year present)', () => {
    for (const r of loadCodes()) {
      expect(r.desc_zh, r.code).toBe(codeDescription(r.code, 'zh')?.description);
      expect(r.desc_en, r.code).toBe(codeDescription(r.code, 'en')?.description);
    }
  });

  it("bridges: the old code's last year is the year before the new code's first", () => {
    for (const b of loadCodeBridges()) {
      const o = codeYears(b.old_code);
      const n = codeYears(b.new_code);
      expect(o[o.length - 1], `${b.old_code}`).toBe(b.year_changed - 1);
      expect(n[0], `${b.new_code}`).toBe(b.year_changed);
    }
  });

  it('every curated code that starts after 2015 or ends before 2025 is bridged (except the documented 30021900)', () => {
    const b = loadCodeBridges();
    const olds = new Set(b.map((x) => x.old_code));
    const news = new Set(b.map((x) => x.new_code));
    const loose = [...new Map(loadCodes().map((r) => [r.code, r])).values()]
      .filter((r) => (r.last_year < 2025 && !olds.has(r.code)) || (r.first_year > 2015 && !news.has(r.code)))
      .map((r) => r.code);
    expect(loose).toEqual(['30021900']);
  });
});
