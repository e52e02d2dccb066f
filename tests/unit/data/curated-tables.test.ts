import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { toCsv } from '../../../lib/io/csv.js';
import { projectPath } from '../../../lib/io/paths.js';
import { BEC_END_USE, checkStudyTables, codeGroupMap, loadCodeBec, loadCodeBridges, loadCodes, loadGroups, loadTechnologies, type CodeRow } from '../../../lib/io/data.js';
import { codeDescription, codeYears } from '../../../lib/io/reference.js';

const STUDY = projectPath('data', 'study');
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

describe('loaders reject bad input, naming file, line, column and value', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'study-'));
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
  let n = 0;
  /** Copy data/study to a temp dir, then apply `edit` to one file's text. */
  const mutate = (file: string, edit: (text: string) => string): string => {
    const dir = path.join(tmp, `case${n++}`);
    fs.mkdirSync(dir);
    for (const f of fs.readdirSync(STUDY)) if (f.endsWith('.csv')) fs.copyFileSync(path.join(STUDY, f), path.join(dir, f));
    fs.writeFileSync(path.join(dir, file), edit(fs.readFileSync(path.join(STUDY, file), 'utf8')));
    return dir;
  };
  const CODE_HEADER = 'batch,tech_id,code,group_id,desc_zh,desc_en,first_year,last_year,status,rationale,source';
  const codesDir = (lines: string[]): string => mutate('codes.csv', () => [CODE_HEADER, ...lines].join('\n') + '\n');
  const ok = (code: string, group: number, more: Partial<Record<'batch' | 'first' | 'last' | 'status' | 'tech', string>> = {}): string =>
    [more.batch ?? '1', more.tech ?? '2', code, group, 'd', 'e', more.first ?? '2017', more.last ?? '2025', more.status ?? 'curated', 'r', 's'].join(',');

  it('code that lost its leading zero or is not 8 digits', () => {
    expect(() => loadCodes({ dir: codesDir([ok('8542311', 2)]) })).toThrow(/loadCodes: .*codes\.csv, line 2, column "code": must be a 8-digit code .*\(got "8542311"\)/);
  });
  it('group outside 1–17', () => {
    expect(() => loadCodes({ dir: codesDir([ok('85423111', 2), ok('85423119', 18)]) })).toThrow(/line 3, column "group_id": must be between 1 and 17 \(got "18"\)/);
  });
  it('batch outside 1–3 and years outside 2015–2025 or reversed', () => {
    expect(() => loadCodes({ dir: codesDir([ok('85423111', 2, { batch: '4' })]) })).toThrow(/column "batch": must be between 1 and 3 \(got "4"\)/);
    expect(() => loadCodes({ dir: codesDir([ok('85423111', 2, { first: '2014' })]) })).toThrow(/column "first_year": must be between 2015 and 2025 \(got "2014"\)/);
    expect(() => loadCodes({ dir: codesDir([ok('85423111', 2, { first: '2020', last: '2019' })]) })).toThrow(/column "last_year": last_year is before first_year 2020 \(got 2019\)/);
    expect(() => loadCodes({ dir: codesDir([ok('85423111', 2, { first: '2017.5' })]) })).toThrow(/must be an integer/);
  });
  it('unknown status', () => {
    expect(() => loadCodes({ dir: codesDir([ok('85423111', 2, { status: 'maybe' })]) })).toThrow(/column "status": must be one of curated, printed, reported \(got "maybe"\)/);
  });
  it('one code in two groups within a batch (allowed across batches)', () => {
    expect(() => loadCodes({ dir: codesDir([ok('85423111', 2), ok('85423111', 3, { tech: '5' })]) })).toThrow(/line 3, column "group_id": code 85423111 already has group 2 in batch 1/);
    expect(loadCodes({ dir: codesDir([ok('85423111', 2), ok('85423111', 3, { batch: '3' })]) }).length).toBe(2);
  });
  it('duplicate (batch, technology, code) row and missing column', () => {
    expect(() => loadCodes({ dir: codesDir([ok('85423111', 2), ok('85423111', 2)]) })).toThrow(/duplicate row for batch 1, technology 2/);
    expect(() => loadCodes({ dir: mutate('codes.csv', (t) => t.replace('status,', 'state,')) })).toThrow(/missing column "status"/);
  });
  it('a field count that differs from the header (unquoted comma)', () => {
    expect(() => loadCodes({ dir: codesDir([ok('85423111', 2) + ',extra']) })).toThrow(/line 2: expected 11 fields/);
  });
  it('technologies: has_codes=no without a reason, duplicate id', () => {
    expect(() => loadTechnologies(mutate('technologies.csv', (t) => t.replace('no,not a good: no customs code (software),', 'no,,')))).toThrow(/column "note": an item without codes needs a note/);
    expect(() => loadTechnologies(mutate('technologies.csv', (t) => t.replace('\n1,2,芯片', '\n1,1,芯片')))).toThrow(/duplicate technology id in batch 1 \(got "1"\)/);
  });
  it('groups: duplicate id, unknown category, bad flag', () => {
    expect(() => loadGroups(mutate('groups.csv', (t) => t.replace('\n2,Integrated', '\n1,Integrated')))).toThrow(/line 3, column "group_id": duplicate group id \(got 1\)/);
    expect(() => loadGroups(mutate('groups.csv', (t) => t.replace('2,Integrated Circuits (ICs),Integrated Circuits,intermediate', '2,Integrated Circuits (ICs),Integrated Circuits,intermediates')))).toThrow(/column "category": must be one of/);
    expect(() => loadGroups(mutate('groups.csv', (t) => t.replace('intermediate,yes', 'intermediate,Semi')))).toThrow(/column "semiconductor": must be one of yes, no \(got "Semi"\)/);
  });
  it('code-bec: end use disagreeing with the BEC code, unknown BEC, hs6 not the prefix', () => {
    expect(() => loadCodeBec(mutate('code-bec.csv', (t) => t.replace('84862031,848620,HS2012,41,capital', '84862031,848620,HS2012,41,intermediate')))).toThrow(/column "end_use": BEC 41 is capital \(got "intermediate"\)/);
    expect(() => loadCodeBec(mutate('code-bec.csv', (t) => t.replace('84862031,848620,HS2012,41,', '84862031,848620,HS2012,99,')))).toThrow(/column "bec4": not a BEC Rev.4 code/);
    expect(() => loadCodeBec(mutate('code-bec.csv', (t) => t.replace('84862031,848620,', '84862031,848630,')))).toThrow(/column "hs6": hs6 is not the first six digits of 84862031/);
  });
  it('bridges: self-bridge, year outside 2016–2025, unknown kind', () => {
    const H = 'old_code,new_code,year_changed,kind,note,source\n';
    expect(() => loadCodeBridges(mutate('code-bridges.csv', () => H + '85423100,85423100,2017,split,,s\n'))).toThrow(/column "new_code": a code cannot bridge to itself/);
    expect(() => loadCodeBridges(mutate('code-bridges.csv', () => H + '85423100,85423111,2015,split,,s\n'))).toThrow(/column "year_changed": must be between 2016 and 2025/);
    expect(() => loadCodeBridges(mutate('code-bridges.csv', () => H + '85423100,85423111,2017,splitting,,s\n'))).toThrow(/column "kind": must be one of split, rename, merge/);
  });
  it('missing file names the path', () => {
    expect(() => loadGroups(path.join(tmp, 'nowhere'))).toThrow(/readCsvFile: .*nowhere.*groups\.csv: file not found/);
  });
  it('cross-file check reports a code whose technology is missing', () => {
    const dir = mutate('codes.csv', (t) => t + '1,99,85423111,2,d,e,2017,2025,curated,r,s\n');
    expect(checkStudyTables(dir)).toContain('codes.csv: batch 1 technology 99 (code 85423111) is not in technologies.csv');
  });

  it('property: valid rows written with toCsv load back unchanged (quotes, commas, leading zeros)', () => {
    const row = fc.record({
      batch: fc.constantFrom(1, 2, 3),
      tech_id: fc.stringMatching(/^[A-Z0-9-]{1,6}$/),
      code: fc.stringMatching(/^\d{8}$/),
      desc_zh: fc.string({ minLength: 1, maxLength: 12 }).filter((s) => s.trim() !== '' && !/[\r\n]/.test(s)),
      desc_en: fc.constantFrom('Parts, nes', 'say "x"', '0101'),
      first_year: fc.integer({ min: 2015, max: 2025 }),
      span: fc.integer({ min: 0, max: 10 }),
      status: fc.constantFrom('curated', 'printed', 'reported'),
    });
    let k = 0;
    fc.assert(
      fc.property(fc.uniqueArray(row, { minLength: 1, maxLength: 8, selector: (r) => r.code }), (rows) => {
        const full = rows.map((r) => ({
          batch: r.batch, tech_id: r.tech_id, code: r.code, group_id: (Number(r.code.slice(-2)) % 17) + 1,
          desc_zh: r.desc_zh, desc_en: r.desc_en, first_year: r.first_year, last_year: Math.min(2025, r.first_year + r.span),
          status: r.status, rationale: 'because, reasons', source: 'test',
        }));
        const dir = path.join(tmp, `prop${k++}`);
        fs.mkdirSync(dir);
        fs.writeFileSync(path.join(dir, 'codes.csv'), toCsv(full, CODE_HEADER.split(',')));
        expect(loadCodes({ dir })).toEqual(full);
      }),
      { numRuns: 30 },
    );
  });
});
