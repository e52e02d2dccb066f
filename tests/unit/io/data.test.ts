/** The loaders of the curated study tables (lib/io/data.ts) reject bad input, naming file, line, column and value; valid rows round-trip. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { toCsv } from '../../../lib/io/csv.js';
import { projectPath } from '../../../lib/io/paths.js';
import {
  checkStudyTables,
  loadCodeBec,
  loadCodeBridges,
  loadCodes,
  loadGroups,
  loadTechnologies,
} from '../../../lib/io/data.js';
import { tempDir } from '../../helpers/temp.js';

const STUDY = projectPath('data', 'study');

describe('loaders reject bad input, naming file, line, column and value', () => {
  const tmp = tempDir('study-');
  let n = 0;
  /** Copy data/study to a temp dir, then apply `edit` to one file's text. */
  const mutate = (file: string, edit: (text: string) => string): string => {
    const dir = path.join(tmp, `case${n++}`);
    fs.mkdirSync(dir);
    for (const f of fs.readdirSync(STUDY))
      if (f.endsWith('.csv')) fs.copyFileSync(path.join(STUDY, f), path.join(dir, f));
    fs.writeFileSync(path.join(dir, file), edit(fs.readFileSync(path.join(STUDY, file), 'utf8')));
    return dir;
  };
  const CODE_HEADER = 'batch,tech_id,code,group_id,desc_zh,desc_en,first_year,last_year,status,rationale,source';
  const codesDir = (lines: string[]): string => mutate('codes.csv', () => [CODE_HEADER, ...lines].join('\n') + '\n');
  const ok = (
    code: string,
    group: number,
    more: Partial<Record<'batch' | 'first' | 'last' | 'status' | 'tech', string>> = {},
  ): string =>
    [
      more.batch ?? '1',
      more.tech ?? '2',
      code,
      group,
      'd',
      'e',
      more.first ?? '2017',
      more.last ?? '2025',
      more.status ?? 'curated',
      'r',
      's',
    ].join(',');

  it('code that lost its leading zero or is not 8 digits', () => {
    expect(() => loadCodes({ dir: codesDir([ok('8542311', 2)]) })).toThrow(
      /loadCodes: .*codes\.csv, line 2, column "code": must be a 8-digit code .*\(got "8542311"\)/,
    );
  });
  it('group outside 1–17', () => {
    expect(() => loadCodes({ dir: codesDir([ok('85423111', 2), ok('85423119', 18)]) })).toThrow(
      /line 3, column "group_id": must be between 1 and 17 \(got "18"\)/,
    );
  });
  it('batch outside 1–3 and years outside 2015–2025 or reversed', () => {
    expect(() => loadCodes({ dir: codesDir([ok('85423111', 2, { batch: '4' })]) })).toThrow(
      /column "batch": must be between 1 and 3 \(got "4"\)/,
    );
    expect(() => loadCodes({ dir: codesDir([ok('85423111', 2, { first: '2014' })]) })).toThrow(
      /column "first_year": must be between 2015 and 2025 \(got "2014"\)/,
    );
    expect(() => loadCodes({ dir: codesDir([ok('85423111', 2, { first: '2020', last: '2019' })]) })).toThrow(
      /column "last_year": last_year is before first_year 2020 \(got 2019\)/,
    );
    expect(() => loadCodes({ dir: codesDir([ok('85423111', 2, { first: '2017.5' })]) })).toThrow(/must be an integer/);
  });
  it('unknown status', () => {
    expect(() => loadCodes({ dir: codesDir([ok('85423111', 2, { status: 'maybe' })]) })).toThrow(
      /column "status": must be one of curated, printed, reported \(got "maybe"\)/,
    );
  });
  it('one code in two groups within a batch (allowed across batches)', () => {
    expect(() => loadCodes({ dir: codesDir([ok('85423111', 2), ok('85423111', 3, { tech: '5' })]) })).toThrow(
      /line 3, column "group_id": code 85423111 already has group 2 in batch 1/,
    );
    expect(loadCodes({ dir: codesDir([ok('85423111', 2), ok('85423111', 3, { batch: '3' })]) }).length).toBe(2);
  });
  it('duplicate (batch, technology, code) row and missing column', () => {
    expect(() => loadCodes({ dir: codesDir([ok('85423111', 2), ok('85423111', 2)]) })).toThrow(
      /duplicate row for batch 1, technology 2/,
    );
    expect(() => loadCodes({ dir: mutate('codes.csv', (t) => t.replace('status,', 'state,')) })).toThrow(
      /missing column "status"/,
    );
  });
  it('a field count that differs from the header (unquoted comma)', () => {
    expect(() => loadCodes({ dir: codesDir([ok('85423111', 2) + ',extra']) })).toThrow(/line 2: expected 11 fields/);
  });
  it('technologies: has_codes=no without a reason, duplicate id', () => {
    expect(() =>
      loadTechnologies(
        mutate('technologies.csv', (t) => t.replace('no,not a good: no customs code (software),', 'no,,')),
      ),
    ).toThrow(/column "note": an item without codes needs a note/);
    expect(() => loadTechnologies(mutate('technologies.csv', (t) => t.replace('\n1,2,芯片', '\n1,1,芯片')))).toThrow(
      /duplicate technology id in batch 1 \(got "1"\)/,
    );
  });
  it('groups: duplicate id, unknown category, bad flag', () => {
    expect(() => loadGroups(mutate('groups.csv', (t) => t.replace('\n2,Integrated', '\n1,Integrated')))).toThrow(
      /line 3, column "group_id": duplicate group id \(got 1\)/,
    );
    expect(() =>
      loadGroups(
        mutate('groups.csv', (t) =>
          t.replace(
            '2,Integrated Circuits (ICs),Integrated Circuits,intermediate',
            '2,Integrated Circuits (ICs),Integrated Circuits,intermediates',
          ),
        ),
      ),
    ).toThrow(/column "category": must be one of/);
    expect(() => loadGroups(mutate('groups.csv', (t) => t.replace('intermediate,yes', 'intermediate,Semi')))).toThrow(
      /column "semiconductor": must be one of yes, no \(got "Semi"\)/,
    );
  });
  it('code-bec: end use disagreeing with the BEC code, unknown BEC, hs6 not the prefix', () => {
    expect(() =>
      loadCodeBec(
        mutate('code-bec.csv', (t) =>
          t.replace('84862031,848620,HS2012,41,capital', '84862031,848620,HS2012,41,intermediate'),
        ),
      ),
    ).toThrow(/column "end_use": BEC 41 is capital \(got "intermediate"\)/);
    expect(() =>
      loadCodeBec(mutate('code-bec.csv', (t) => t.replace('84862031,848620,HS2012,41,', '84862031,848620,HS2012,99,'))),
    ).toThrow(/column "bec4": not a BEC Rev.4 code/);
    expect(() => loadCodeBec(mutate('code-bec.csv', (t) => t.replace('84862031,848620,', '84862031,848630,')))).toThrow(
      /column "hs6": hs6 is not the first six digits of 84862031/,
    );
  });
  it('bridges: self-bridge, year outside 2016–2025, unknown kind', () => {
    const H = 'old_code,new_code,year_changed,kind,note,source\n';
    expect(() => loadCodeBridges(mutate('code-bridges.csv', () => H + '85423100,85423100,2017,split,,s\n'))).toThrow(
      /column "new_code": a code cannot bridge to itself/,
    );
    expect(() => loadCodeBridges(mutate('code-bridges.csv', () => H + '85423100,85423111,2015,split,,s\n'))).toThrow(
      /column "year_changed": must be between 2016 and 2025/,
    );
    expect(() =>
      loadCodeBridges(mutate('code-bridges.csv', () => H + '85423100,85423111,2017,splitting,,s\n')),
    ).toThrow(/column "kind": must be one of split, rename, merge/);
  });
  it('missing file names the path', () => {
    expect(() => loadGroups(path.join(tmp, 'nowhere'))).toThrow(/readCsvFile: .*nowhere.*groups\.csv: file not found/);
  });
  it('cross-file check reports a code whose technology is missing', () => {
    const dir = mutate('codes.csv', (t) => t + '1,99,85423111,2,d,e,2017,2025,curated,r,s\n');
    expect(checkStudyTables(dir)).toContain(
      'codes.csv: batch 1 technology 99 (code 85423111) is not in technologies.csv',
    );
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
          batch: r.batch,
          tech_id: r.tech_id,
          code: r.code,
          group_id: (Number(r.code.slice(-2)) % 17) + 1,
          desc_zh: r.desc_zh,
          desc_en: r.desc_en,
          first_year: r.first_year,
          last_year: Math.min(2025, r.first_year + r.span),
          status: r.status,
          rationale: 'because, reasons',
          source: 'test',
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
