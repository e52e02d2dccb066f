/**
 * lib/io/comtrade/response.ts: the shape of a valid answer and what it may omit, the truncated-body error, error
 * bodies, and the quota answer's time.
 */
import { describe, expect, it } from 'vitest';
import { StudyError } from '../../../../lib/core/errors.js';
import {
  apiErrorMessage,
  quotaReset,
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

describe('quotaReset', () => {
  it('reads the time of a used-up quota (hh:mm:ss, d.hh:mm:ss, N days); other errors are not about the quota', () => {
    const q = (m: string) => quotaReset(JSON.stringify({ statusCode: 403, message: m }));
    expect(q('Out of call volume quota. Quota will be replenished in 03:14:17.')).toBe(
      (3 * 3600 + 14 * 60 + 17) * 1000,
    );
    expect(q('Out of call volume quota. Quota will be replenished in 20.09:58:55.')).toBe(
      ((20 * 24 + 9) * 3600 + 58 * 60 + 55) * 1000,
    );
    expect(q('Out of call volume quota. Quota will be replenished in 2.12 days.')).toBe(2.12 * 86_400_000);
    expect(q('Out of call volume quota.')).toBe(0);
    expect(q('Rate limit is exceeded. Try again in 2 seconds.')).toBe(undefined);
    expect(quotaReset('<html>Forbidden</html>')).toBe(undefined);
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
