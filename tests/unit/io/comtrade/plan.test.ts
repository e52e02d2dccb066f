/**
 * lib/io/comtrade/plan.ts beyond tests/comtrade-fetch.test.ts: the latest-period call (the
 * exact request data:fetch makes), annual plans across HS revisions, the URL-length cut and
 * the queries that cannot be split.
 */
import { describe, expect, it } from 'vitest';
import { CHINA, MAX_URL_LENGTH, hsRevisionOfYear, latestPeriodQuery, planRequests, requestUrl, splitQuery, type ComtradeQuery } from '../../../../lib/io/comtrade/plan.js';

describe('latestPeriodQuery: the small call that asks which periods the API has', () => {
  it('monthly: the 12 months up to and including this month, across a year boundary; the TOTAL of China from the World', () => {
    const q = latestPeriodQuery('M', new Date(Date.UTC(2026, 1, 28, 23, 59)));
    expect(q).toEqual({
      dataset: 'final',
      freq: 'M',
      periods: ['202503', '202504', '202505', '202506', '202507', '202508', '202509', '202510', '202511', '202512', '202601', '202602'],
      cmdCodes: ['TOTAL'],
      reporterCode: CHINA,
      partnerCode: '0',
      flowCode: 'M',
    });
  });

  it('annual: the three years before this year', () => {
    expect(latestPeriodQuery('A', new Date(Date.UTC(2026, 0, 1))).periods).toEqual(['2023', '2024', '2025']);
  });

  it('the request is the one data:fetch has always made (keyless URL, byte for byte)', () => {
    expect(requestUrl('https://comtradeapi.un.org', latestPeriodQuery('A', new Date(Date.UTC(2025, 6, 1))), false)).toBe(
      'https://comtradeapi.un.org/public/v1/preview/C/A/HS?reporterCode=156&period=2022,2023,2024&cmdCode=TOTAL&flowCode=M&partnerCode=0&partner2Code=0&customsCode=C00&motCode=0&breakdownMode=classic&maxRecords=500&format=JSON&includeDesc=false',
    );
  });
});

describe('planRequests: annual plans and limits', () => {
  it('annual years are grouped by HS revision (a call never mixes two); years before 2012 form their own group', () => {
    const plan = planRequests({ freq: 'A', from: '2010', to: '2023', codes: ['854231'], keyed: false });
    expect(plan.map((q) => q.periods.join(','))).toEqual(['2010,2011', '2012,2013,2014,2015,2016', '2017,2018,2019,2020,2021', '2022,2023']);
    for (const q of plan.filter((x) => Number(x.periods[0]) >= 2012)) expect(new Set(q.periods.map((p) => hsRevisionOfYear(Number(p)))).size).toBe(1);
  });

  it('tariff lines: every partner (no partnerCode), 20 records per code and period, so fewer codes per call', () => {
    const codes = Array.from({ length: 10 }, (_, k) => String(854200 + k));
    const plan = planRequests({ dataset: 'tariffline', freq: 'M', from: '2015-01', to: '2015-12', codes, keyed: false });
    // 500 / (12 × 20) = 2 codes per call → 5 calls of 2
    expect(plan.map((q) => q.cmdCodes.length)).toEqual([2, 2, 2, 2, 2]);
    expect(plan.every((q) => q.partnerCode === null && q.dataset === 'tariffline')).toBe(true);
  });

  it('keyed with many long codes: the URL limit, not the record limit, cuts the calls — every URL within 4,096 characters', () => {
    const codes = Array.from({ length: 3000 }, (_, k) => String(1000000000 + k));
    const plan = planRequests({ freq: 'M', from: '2015-01', to: '2015-01', codes, keyed: true });
    // 11 characters per code in the URL (10 digits and a comma): about 360 codes per call, not 100,000
    expect(plan.length).toBe(9);
    for (const q of plan) expect(requestUrl('https://comtradeapi.un.org', q, true).length).toBeLessThanOrEqual(MAX_URL_LENGTH);
    expect(plan.flatMap((q) => q.cmdCodes)).toEqual(codes);
  });

  it('a bad recordsPerCodePeriod and a year before 2012 in hsRevisionOfYear are refused, naming the value', () => {
    expect(() => planRequests({ freq: 'M', from: '2015-01', to: '2015-01', codes: ['854231'], keyed: false, recordsPerCodePeriod: 0 })).toThrow(
      'planRequests: recordsPerCodePeriod must be at least 1 (got 0)',
    );
    expect(() => hsRevisionOfYear(2011)).toThrow('hsRevisionOfYear: year must be an integer from 2012 (got 2011)');
  });
});

describe('splitQuery', () => {
  const base: ComtradeQuery = { dataset: 'final', freq: 'A', periods: ['2015'], cmdCodes: ['AG6'], reporterCode: '156', partnerCode: '0', flowCode: 'M' };
  it('AG6 over one year cannot be split; over three years it splits 2 + 1', () => {
    expect(splitQuery(base)).toBeUndefined();
    expect(splitQuery({ ...base, periods: ['2015', '2016', '2017'] })!.map((q) => q.periods)).toEqual([['2015', '2016'], ['2017']]);
  });
});
