/**
 * lib/io/comtrade/plan.ts: endpoints and request URLs, months and HS revisions, the plan of a fetch (the study codes
 * monthly, every code annual, keyless and keyed; every code × period asked once, within the API's limits), the
 * plan with the availability answer (only the periods the API has), annual plans across HS revisions, the URL-length cut and
 * the queries that cannot be split.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  CHINA,
  MAX_URL_LENGTH,
  endpointPath,
  hsRevisionOfYear,
  monthPeriods,
  planRequests,
  requestUrl,
  splitQuery,
  type ComtradeQuery,
} from '../../../../lib/io/comtrade/plan.js';
import { messageOf } from '../../../helpers/thrown.js';

const Q: ComtradeQuery = {
  dataset: 'final',
  freq: 'M',
  periods: ['201501', '201502'],
  cmdCodes: ['854231', '854232'],
  reporterCode: '156',
  partnerCode: '0',
  flowCode: 'M',
};

describe('planRequests with the availability answer: only the periods the API has', () => {
  it('a month missing in the middle is not asked; a year with no month is not planned; the rest is as without it', () => {
    const all = monthPeriods('2015-01', '2017-12');
    const available = new Set(all.filter((p) => p !== '201603' && !p.startsWith('2017')));
    const codes = ['854231', '854232', '903082'];
    const p = planRequests({ freq: 'M', from: '2015-01', to: '2017-12', codes, keyed: false, available });
    expect(p.map((q) => q.periods)).toEqual([
      monthPeriods('2015-01', '2015-12'),
      monthPeriods('2016-01', '2016-12').filter((m) => m !== '201603'),
    ]);
    expect(p.every((q) => q.cmdCodes.join() === codes.join())).toBe(true);
    const without = planRequests({ freq: 'M', from: '2015-01', to: '2016-12', codes, keyed: false });
    expect(
      planRequests({ freq: 'M', from: '2015-01', to: '2016-12', codes, keyed: false, available: new Set(all) }),
    ).toEqual(without);
  });

  it('annual: years the API lacks drop out of their HS-revision group; none available → an empty plan', () => {
    const p = planRequests({
      freq: 'A',
      from: '2015',
      to: '2024',
      codes: ['854231'],
      keyed: true,
      available: new Set(['2015', '2016', '2018', '2023']),
    });
    expect(p.map((q) => q.periods)).toEqual([['2015', '2016'], ['2018'], ['2023']]);
    expect(
      planRequests({ freq: 'A', from: '2015', to: '2016', codes: ['854231'], keyed: true, available: new Set() }),
    ).toEqual([]);
  });
});

describe('planRequests: annual plans and limits', () => {
  it('annual years are grouped by HS revision (a call never mixes two); years before 2012 form their own group', () => {
    const plan = planRequests({ freq: 'A', from: '2010', to: '2023', codes: ['854231'], keyed: false });
    expect(plan.map((q) => q.periods.join(','))).toEqual([
      '2010,2011',
      '2012,2013,2014,2015,2016',
      '2017,2018,2019,2020,2021',
      '2022,2023',
    ]);
    for (const q of plan.filter((x) => Number(x.periods[0]) >= 2012))
      expect(new Set(q.periods.map((p) => hsRevisionOfYear(Number(p)))).size).toBe(1);
  });

  it('tariff lines: every partner (no partnerCode), 20 records per code and period, so fewer codes per call', () => {
    const codes = Array.from({ length: 10 }, (_, k) => String(854200 + k));
    const plan = planRequests({
      dataset: 'tariffline',
      freq: 'M',
      from: '2015-01',
      to: '2015-12',
      codes,
      keyed: false,
    });
    // 500 / (12 × 20) = 2 codes per call → 5 calls of 2
    expect(plan.map((q) => q.cmdCodes.length)).toEqual([2, 2, 2, 2, 2]);
    expect(plan.every((q) => q.partnerCode === null && q.dataset === 'tariffline')).toBe(true);
  });

  it('keyed with many long codes: the URL limit, not the record limit, cuts the calls — every URL within 4,096 characters', () => {
    const codes = Array.from({ length: 3000 }, (_, k) => String(1000000000 + k));
    const plan = planRequests({ freq: 'M', from: '2015-01', to: '2015-01', codes, keyed: true });
    // 11 characters per code in the URL (10 digits and a comma): about 360 codes per call, not 100,000
    expect(plan.length).toBe(9);
    for (const q of plan)
      expect(requestUrl('https://comtradeapi.un.org', q, true).length).toBeLessThanOrEqual(MAX_URL_LENGTH);
    expect(plan.flatMap((q) => q.cmdCodes)).toEqual(codes);
  });

  it('a bad recordsPerCodePeriod and a year before 2012 in hsRevisionOfYear are refused, naming the value', () => {
    expect(() =>
      planRequests({
        freq: 'M',
        from: '2015-01',
        to: '2015-01',
        codes: ['854231'],
        keyed: false,
        recordsPerCodePeriod: 0,
      }),
    ).toThrow('planRequests: recordsPerCodePeriod must be at least 1 (got 0)');
    expect(() => hsRevisionOfYear(2011)).toThrow('hsRevisionOfYear: year must be an integer from 2012 (got 2011)');
  });
});

describe('splitQuery', () => {
  const base: ComtradeQuery = {
    dataset: 'final',
    freq: 'A',
    periods: ['2015'],
    cmdCodes: ['AG6'],
    reporterCode: '156',
    partnerCode: '0',
    flowCode: 'M',
  };
  it('AG6 over one year cannot be split; over three years it splits 2 + 1', () => {
    expect(splitQuery(base)).toBeUndefined();
    expect(splitQuery({ ...base, periods: ['2015', '2016', '2017'] })!.map((q) => q.periods)).toEqual([
      ['2015', '2016'],
      ['2017'],
    ]);
  });
});

describe('endpoints, URLs and small helpers', () => {
  it('endpoints follow the API: preview keyless, data/v1/get keyed, tariffline variants', () => {
    expect(endpointPath('final', 'M', false)).toBe('/public/v1/preview/C/M/HS');
    expect(endpointPath('final', 'A', true)).toBe('/data/v1/get/C/A/HS');
    expect(endpointPath('tariffline', 'M', false)).toBe('/public/v1/previewTariffline/C/M/HS');
    expect(endpointPath('tariffline', 'M', true)).toBe('/data/v1/getTariffline/C/M/HS');
  });

  it('the URL holds the selection, commas unescaped, maxRecords of the tier, never a key', () => {
    const u = requestUrl('http://h/', Q, true);
    expect(u).toBe(
      'http://h/data/v1/get/C/M/HS?reporterCode=156&period=201501,201502&cmdCode=854231,854232&flowCode=M&partnerCode=0&partner2Code=0&customsCode=C00&motCode=0&breakdownMode=classic&maxRecords=100000&format=JSON&includeDesc=false',
    );
    expect(requestUrl('http://h', { ...Q, dataset: 'tariffline', partnerCode: null }, false)).not.toMatch(
      /partnerCode|breakdownMode/,
    );
  });

  it('months and revisions', () => {
    expect(monthPeriods('2015-11', '2016-02')).toEqual(['201511', '201512', '201601', '201602']);
    expect(() => monthPeriods('2016-02', '2015-11')).toThrow(
      /monthPeriods: the period ends \(2015-11\) before it starts/,
    );
    expect(() => monthPeriods('2015-13', '2016-01')).toThrow(/month must be YYYY-MM \(got "2015-13"\)/);
    expect([2015, 2016, 2017, 2021, 2022, 2024].map(hsRevisionOfYear)).toEqual([
      'HS2012',
      'HS2012',
      'HS2017',
      'HS2017',
      'HS2022',
      'HS2022',
    ]);
  });

  it('splitQuery halves periods first, then codes; one code × one period cannot be split', () => {
    expect(splitQuery(Q)!.map((q) => [q.periods, q.cmdCodes])).toEqual([
      [['201501'], ['854231', '854232']],
      [['201502'], ['854231', '854232']],
    ]);
    expect(splitQuery({ ...Q, periods: ['201501'] })!.map((q) => q.cmdCodes)).toEqual([['854231'], ['854232']]);
    expect(splitQuery({ ...Q, periods: ['201501'], cmdCodes: ['854231'] })).toBeUndefined();
  });
});

describe('planning', () => {
  it('the study codes monthly, keyless: one calendar year per call, ≤ 41 codes (12 × 41 = 492 ≤ 500)', () => {
    const codes = Array.from({ length: 97 }, (_, k) => String(840000 + k));
    const plan = planRequests({ freq: 'M', from: '2015-01', to: '2025-09', codes, keyed: false });
    expect(plan.length).toBe(32); // 2015–2024: 10 years × ceil(97 / 41) = 3 calls; 2025-01..09: 500 / 9 = 55 codes → 2 calls
    expect(plan[0].periods).toEqual(monthPeriods('2015-01', '2015-12'));
    expect(plan[plan.length - 1].periods).toEqual(monthPeriods('2025-01', '2025-09'));
    expect(
      plan
        .filter((q) => q.periods.length === 12)
        .map((q) => q.cmdCodes.length)
        .slice(0, 3),
    ).toEqual([33, 33, 31]); // balanced
    expect(plan.filter((q) => q.periods.length === 9).map((q) => q.cmdCodes.length)).toEqual([49, 48]);
    const keyed = planRequests({ freq: 'M', from: '2015-01', to: '2025-09', codes, keyed: true });
    expect(keyed.length).toBe(11);
  });

  it('every code annual: keyless by the code list of each HS revision; keyed one AG6 call per revision', () => {
    const codesOfYear = (y: number) =>
      Array.from({ length: 5000 + (y >= 2022 ? 300 : y >= 2017 ? 200 : 0) }, (_, k) => String(100000 + k));
    const keyless = planRequests({ freq: 'A', from: '2015', to: '2024', codes: 'all', codesOfYear, keyed: false });
    // HS2012 2015–16: 2 × 5000 / 500 = 20; HS2017 2017–21: 5 × 5200 / 500 = 52; HS2022 2022–24: 3 × 5300 / 500 → 32
    expect(keyless.length).toBe(20 + 52 + 32);
    for (const q of keyless) expect(q.cmdCodes.length * q.periods.length).toBeLessThanOrEqual(500);
    const keyed = planRequests({ freq: 'A', from: '2015', to: '2024', codes: 'all', keyed: true });
    expect(keyed.map((q) => [q.periods.join(','), q.cmdCodes.join(',')])).toEqual([
      ['2015,2016', 'AG6'],
      ['2017,2018,2019,2020,2021', 'AG6'],
      ['2022,2023,2024', 'AG6'],
    ]);
    expect(() => planRequests({ freq: 'A', from: '2015', to: '2024', codes: 'all', keyed: false })).toThrow(
      /codesOfYear/,
    );
  });

  it('property: every code × period is asked exactly once, within the record, period and URL limits', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 10000000, max: 99999999 }).map(String), { minLength: 1, maxLength: 1200 }),
        fc.integer({ min: 2015, max: 2024 }),
        fc.integer({ min: 1, max: 40 }),
        fc.boolean(),
        fc.constantFrom(1, 3, 20),
        (codes, y0, nMonths, keyed, perCell) => {
          const from = `${y0}-01`;
          const months = Array.from(
            { length: nMonths },
            (_, k) => `${y0 + Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`,
          );
          const plan = planRequests({
            freq: 'M',
            from,
            to: months[months.length - 1],
            codes,
            keyed,
            recordsPerCodePeriod: perCell,
          });
          const seen = new Set<string>();
          for (const q of plan) {
            expect(q.periods.length).toBeLessThanOrEqual(12);
            if (q.cmdCodes.length > 1)
              expect(q.cmdCodes.length * q.periods.length * perCell).toBeLessThanOrEqual(keyed ? 100_000 : 500);
            expect(requestUrl('https://comtradeapi.un.org', q, keyed).length).toBeLessThanOrEqual(MAX_URL_LENGTH);
            for (const p of q.periods)
              for (const c of q.cmdCodes) {
                const k = `${c}|${p}`;
                expect(seen.has(k)).toBe(false);
                seen.add(k);
              }
          }
          expect(seen.size).toBe(codes.length * nMonths);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('bad plans are clear errors', () => {
    expect(() => planRequests({ freq: 'M', from: '2015-01', to: '2015-12', codes: [], keyed: false })).toThrow(
      /planRequests: no commodity codes/,
    );
    expect(() => planRequests({ freq: 'M', from: '2015-01', to: '2015-12', codes: ['85A231'], keyed: false })).toThrow(
      /commodity code must be 2–10 digits \(got "85A231"\)/,
    );
    expect(() => planRequests({ freq: 'A', from: '2015-01', to: '2016', codes: ['854231'], keyed: false })).toThrow(
      /annual periods must be YYYY/,
    );
  });
});

describe('exact refusals of bad selections', () => {
  it('monthPeriods: a month that is not exactly YYYY-MM with a month 01–12 is refused, naming it', () => {
    for (const bad of ['x2015-01', '2015-011', '2015-00', '2015-13', '201501', 'abc'])
      expect(messageOf(() => monthPeriods(bad, '2016-01'))).toBe(`monthPeriods: month must be YYYY-MM (got "${bad}")`);
    expect(monthPeriods('2015-01', '2015-01')).toEqual(['201501']);
    expect(monthPeriods('2015-12', '2015-12')).toEqual(['201512']);
  });

  it('planRequests: the reporter code must be 1–4 digits', () => {
    const plan = (reporterCode: string) => () =>
      planRequests({ freq: 'A', from: '2015', to: '2015', codes: ['854231'], keyed: false, reporterCode });
    for (const bad of ['abc', 'x156', '156x', '12345', ''])
      expect(messageOf(plan(bad))).toBe(
        `planRequests: reporterCode must be a Comtrade reporter code (digits) (got "${bad}")`,
      );
    expect(plan('8')()[0].reporterCode).toBe('8');
    expect(plan('8400')()[0].reporterCode).toBe('8400');
    expect(planRequests({ freq: 'A', from: '2015', to: '2015', codes: ['854231'], keyed: false })[0].reporterCode).toBe(
      CHINA,
    );
  });

  it('planRequests: annual bounds must be exactly YYYY, and the end may not come before the start', () => {
    const plan = (from: string, to: string) => () =>
      planRequests({ freq: 'A', from, to, codes: ['854231'], keyed: false });
    for (const [from, to] of [
      ['x2015', '2016'],
      ['20150', '2016'],
      ['2015', 'x2016'],
      ['2015', '20160'],
      ['2015-01', '2016'],
    ])
      expect(messageOf(plan(from, to))).toBe(`planRequests: annual periods must be YYYY (got "${from}..${to}")`);
    expect(messageOf(plan('2016', '2015'))).toBe('planRequests: the period ends (2015) before it starts (got "2016")');
    expect(plan('2016', '2016')().map((q) => q.periods)).toEqual([['2016']]);
  });

  it("codes 'all' keyless without the yearly code lists: the exact message", () => {
    expect(messageOf(() => planRequests({ freq: 'A', from: '2015', to: '2016', codes: 'all', keyed: false }))).toBe(
      `planRequests: codes 'all' without a key needs the code list of each year (codesOfYear) (got "all")`,
    );
  });
});

describe('planRequests: one AG6 call or the code lists', () => {
  const codesOfYear = (y: number) => [`${y}01`, `${y}00`, '010101'];

  it('a keyed final call asks AG6 only while periods × 6,000 codes × records per cell ≤ 100,000 (equal included)', () => {
    // the codes asked by a keyed plan of all codes from `from` to `to`, with so many records per code and period
    const asked = (freq: 'A' | 'M', from: string, to: string, recordsPerCodePeriod: number) =>
      planRequests({ freq, from, to, codes: 'all', codesOfYear, keyed: true, recordsPerCodePeriod }).map(
        (q) => q.cmdCodes,
      );
    const annual = (n: number) => asked('A', '2015', '2015', n);
    // 1 × 6000 × (100000 / 6000) = 100000 exactly: still one AG6 call
    expect(annual(100_000 / 6000)).toEqual([['AG6']]);
    expect(annual(17)).toEqual([['010101', '201500', '201501']]);
    // 12 months × 6000 × 1 = 72,000: AG6; × 2 = 144,000: the code lists
    const monthly = (n: number) => asked('M', '2015-01', '2015-12', n);
    expect(monthly(1)).toEqual([['AG6']]);
    expect(monthly(2)).toEqual([['010101', '201500', '201501']]);
  });

  it('tariff lines never ask AG6, even keyed with one record per cell: they use the code lists', () => {
    const plan = planRequests({
      dataset: 'tariffline',
      freq: 'A',
      from: '2015',
      to: '2015',
      codes: 'all',
      codesOfYear,
      keyed: true,
      recordsPerCodePeriod: 1,
    });
    expect(plan.map((q) => q.cmdCodes)).toEqual([['010101', '201500', '201501']]);
  });

  it('monthly keyless: the code lists are asked by calendar year (not by YYYYMM), merged without repeats and sorted', () => {
    const asked: number[] = [];
    const plan = planRequests({
      freq: 'M',
      from: '2015-11',
      to: '2016-02',
      codes: 'all',
      codesOfYear: (y) => (asked.push(y), codesOfYear(y)),
      keyed: false,
    });
    expect(asked).toEqual([2015, 2016]);
    expect(plan.map((q) => [q.periods, q.cmdCodes])).toEqual([
      [
        ['201511', '201512'],
        ['010101', '201500', '201501'],
      ],
      [
        ['201601', '201602'],
        ['010101', '201600', '201601'],
      ],
    ]);
  });

  it('given codes are asked once each, in sorted order', () => {
    const plan = planRequests({
      freq: 'A',
      from: '2015',
      to: '2015',
      codes: ['854232', '030111', '854231', '030111'],
      keyed: false,
    });
    expect(plan.map((q) => q.cmdCodes)).toEqual([['030111', '854231', '854232']]);
  });
});

describe('planRequests: the URL limit used to the full', () => {
  const tenDigit = (n: number) => Array.from({ length: n }, (_, k) => String(1000000000 + k));
  const urlOf = (q: ComtradeQuery) => requestUrl('https://comtradeapi.un.org', q, true);

  it('as many 10-digit codes as fit (352 for one month keyed) make one call of at most 4,096 characters; one more makes two', () => {
    // the URL without codes is 221 characters; each code adds 11 (10 digits and a comma): (4096 − 221) / 11 = 352
    const one = planRequests({ freq: 'M', from: '2015-01', to: '2015-01', codes: tenDigit(352), keyed: true });
    expect(one.length).toBe(1);
    expect(urlOf(one[0]).length).toBe(4092);
    const two = planRequests({ freq: 'M', from: '2015-01', to: '2015-01', codes: tenDigit(353), keyed: true });
    expect(two.map((q) => q.cmdCodes.length)).toEqual([177, 176]);
  });

  it('with codes of mixed lengths the longest sets the cut: 1,000 ten-digit codes and one of two digits → 3 calls within the limit', () => {
    const plan = planRequests({
      freq: 'M',
      from: '2015-01',
      to: '2015-01',
      codes: [...tenDigit(1000), '85'],
      keyed: true,
    });
    expect(plan.map((q) => q.cmdCodes.length)).toEqual([334, 334, 333]);
    for (const q of plan) expect(urlOf(q).length).toBeLessThanOrEqual(MAX_URL_LENGTH);
  });
});

describe('requestUrl: the base', () => {
  it('every trailing slash of the base is dropped', () => {
    expect(requestUrl('http://h//', Q, false)).toMatch(/^http:\/\/h\/public\/v1\/preview\/C\/M\/HS\?/);
    expect(requestUrl('http://h', Q, false)).toBe(requestUrl('http://h///', Q, false));
  });
});
