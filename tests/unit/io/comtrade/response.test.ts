/**
 * lib/io/comtrade/response.ts: the shape of a valid answer and what it may omit, the truncated-body error, error
 * bodies, and the latest period of an answer.
 */
import { describe, expect, it } from 'vitest';
import { StudyError } from '../../../../lib/core/errors.js';
import { latestPeriodQuery, type ComtradeQuery } from '../../../../lib/io/comtrade/plan.js';
import {
  apiErrorMessage,
  latestPeriodIn,
  validateResponse,
  type ComtradeResponse,
} from '../../../../lib/io/comtrade/response.js';

const rec = (period: string, extra: Record<string, unknown> = {}) => ({
  cmdCode: 'TOTAL',
  period,
  flowCode: 'M',
  primaryValue: 1,
  ...extra,
});

describe('validateResponse', () => {
  it('count missing or null is the number of records; an annual record may give refYear instead of period; a null value is allowed', () => {
    expect(validateResponse(JSON.stringify({ data: [rec('2015'), rec('2016')] })).count).toBe(2);
    expect(validateResponse(JSON.stringify({ count: null, data: [rec('2015')] })).count).toBe(1);
    const r = validateResponse(
      JSON.stringify({
        count: 5,
        data: [{ cmdCode: 854231, refYear: 2015, flowCode: 'M', primaryValue: null }],
        error: 'partial',
      }),
    );
    expect([r.count, r.data.length, r.error]).toEqual([5, 1, 'partial']);
  });

  it('a body cut short is a StudyError of validateResponse marked truncated (so the fetch retries it)', () => {
    let e: unknown;
    try {
      validateResponse('{"count":3,"data":[{"cmdCo');
    } catch (x) {
      e = x;
    }
    expect(e).toBeInstanceOf(StudyError);
    expect((e as StudyError).fn).toBe('validateResponse');
    expect((e as { truncated?: boolean }).truncated).toBe(true);
    expect((e as Error).message).toMatch(
      /^validateResponse: the body is not complete JSON \(.*; 26 bytes\): a truncated response\?$/,
    );
  });

  it('a bad record or count is not truncated (the fetch stops instead of retrying)', () => {
    for (const body of [
      JSON.stringify({ data: [rec('2015', { flowCode: undefined })] }),
      JSON.stringify({ count: -1, data: [] }),
      JSON.stringify({ data: [rec('2015', { primaryValue: -5 })] }),
    ]) {
      let e: unknown;
      try {
        validateResponse(body);
      } catch (x) {
        e = x;
      }
      expect(e).toBeInstanceOf(StudyError);
      expect((e as { truncated?: boolean }).truncated).toBeUndefined();
    }
  });
});

describe('apiErrorMessage', () => {
  it('falls back on `error`, then on the body squeezed to one line of at most 200 characters, then on "(empty body)"', () => {
    expect(apiErrorMessage('{"error":"bad period"}')).toBe('bad period');
    expect(apiErrorMessage(`<html>\n  ${'x'.repeat(300)}\n</html>`)).toBe(`<html> ${'x'.repeat(193)}`);
    expect(apiErrorMessage('  ')).toBe('(empty body)');
  });
});

describe('latestPeriodIn', () => {
  const answer = (periods: string[]): ComtradeResponse => ({
    count: periods.length,
    error: '',
    data: periods.map((p) => rec(p)),
  });
  const q: ComtradeQuery = latestPeriodQuery('M', new Date(Date.UTC(2025, 11, 15)));

  it('the latest month the answer has among the asked ones, as YYYY-MM, whatever the record order', () => {
    expect(latestPeriodIn(answer(['202509', '202501', '202507']), q)).toBe('2025-09');
  });

  it('periods not asked for are ignored; none asked for → undefined', () => {
    expect(latestPeriodIn(answer(['203001', '202412']), q)).toBe(undefined);
    expect(latestPeriodIn(answer(['203001', '202502']), q)).toBe('2025-02');
    expect(latestPeriodIn(answer([]), q)).toBe(undefined);
  });

  it('annual answers give YYYY', () => {
    expect(
      latestPeriodIn(answer(['2022', '2024', '2023']), latestPeriodQuery('A', new Date(Date.UTC(2025, 5, 1)))),
    ).toBe('2024');
  });
});

describe('endpoints, URLs and small helpers', () => {
  it('error messages', () => {
    expect(apiErrorMessage('{"statusCode":429,"message":"Rate limit is exceeded."}')).toBe('Rate limit is exceeded.');
    expect(apiErrorMessage('{"errorObject":{"errorMessage":"bad cmdCode"}}')).toBe('bad cmdCode');
    expect(apiErrorMessage('<html>gateway</html>')).toBe('<html>gateway</html>');
  });

  it('validateResponse: shape, records, truncation', () => {
    expect(validateResponse('{"elapsedTime":"0 secs","count":0,"data":[],"error":""}')).toEqual({
      count: 0,
      data: [],
      error: '',
    });
    expect(() =>
      validateResponse('{"count":1,"data":[{"cmdCode":"854231","period":"201501","flowCode":"M","primaryValue":"x"}]}'),
    ).toThrow(/data\[0\]\.primaryValue must be a non-negative number or null \(got "x"\)/);
    expect(() => validateResponse('{"count":1,"data":[{"period":"201501","flowCode":"M","primaryValue":1}]}')).toThrow(
      /data\[0\]\.cmdCode is missing/,
    );
    expect(() => validateResponse('{"rows":[]}')).toThrow(/expected \{"count": n, "data": \[\.\.\.\]\}/);
    let e: unknown;
    try {
      validateResponse('{"count":3,"data":[{"cmdCo');
    } catch (x) {
      e = x;
    }
    expect((e as { truncated?: boolean }).truncated).toBe(true);
  });
});
