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
import { messageOf } from '../../../helpers/thrown.js';

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

  it('a cut body is measured in bytes, not characters (中 is 3 bytes in UTF-8)', () => {
    // 16 characters, 18 bytes
    expect(() => validateResponse('{"data":[{"x":"中')).toThrow(/; 18 bytes\): a truncated response\?$/);
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

describe('validateResponse: exact refusals of a bad shape, record or count', () => {
  const msg = (doc: unknown) => messageOf(() => validateResponse(JSON.stringify(doc)));

  it('a body that is not an object with a data array: null, a number, a string', () => {
    for (const [body, got] of [
      ['null', 'null'],
      ['5', '5'],
      ['"data"', '"data"'],
    ])
      expect(messageOf(() => validateResponse(body))).toBe(
        `validateResponse: expected {"count": n, "data": [...]} from the API (got ${got})`,
      );
  });

  it('a record that is null, a number or an array is not a record', () => {
    expect(msg({ data: [rec('2015'), null] })).toBe('validateResponse: data[1] is not a record (got null)');
    expect(msg({ data: [5] })).toBe('validateResponse: data[0] is not a record (got 5)');
    expect(msg({ data: [['TOTAL', '2015', 'M', 1]] })).toBe(
      'validateResponse: data[0] is not a record (got ["TOTAL", "2015", "M", 1])',
    );
  });

  it('a blank or empty cmdCode is missing; a record without period and refYear, or without flowCode, is refused', () => {
    expect(msg({ data: [rec('2015', { cmdCode: '  ' })] })).toBe(
      'validateResponse: data[0].cmdCode is missing (got "  ")',
    );
    expect(msg({ data: [rec('2015', { cmdCode: '' })] })).toBe('validateResponse: data[0].cmdCode is missing (got "")');
    expect(msg({ data: [{ cmdCode: 'TOTAL', flowCode: 'M', primaryValue: 1 }] })).toBe(
      'validateResponse: data[0] has neither period nor refYear (got {"cmdCode":"TOTAL","flowCode":"M","primaryValue":1})',
    );
    expect(msg({ data: [{ cmdCode: 'TOTAL', period: '2015', primaryValue: 1 }] })).toBe(
      'validateResponse: data[0].flowCode is missing (got {"cmdCode":"TOTAL","period":"2015","primaryValue":1})',
    );
  });

  it('primaryValue: 0 is allowed; a value too large for a double (Infinity once parsed) and a negative one are refused', () => {
    expect(validateResponse(JSON.stringify({ data: [rec('2015', { primaryValue: 0 })] })).data[0].primaryValue).toBe(0);
    expect(
      messageOf(() =>
        validateResponse('{"data":[{"cmdCode":"1","period":"2015","flowCode":"M","primaryValue":1e400}]}'),
      ),
    ).toBe('validateResponse: data[0].primaryValue must be a non-negative number or null (got Infinity)');
    expect(msg({ data: [rec('2015', { primaryValue: -0.5 })] })).toBe(
      'validateResponse: data[0].primaryValue must be a non-negative number or null (got -0.5)',
    );
  });

  it('count: a negative, fractional or non-number count is refused, naming it', () => {
    expect(msg({ count: -1, data: [] })).toBe('validateResponse: count must be a non-negative integer (got -1)');
    expect(msg({ count: 2.5, data: [] })).toBe('validateResponse: count must be a non-negative integer (got 2.5)');
    expect(msg({ count: '3', data: [] })).toBe('validateResponse: count must be a non-negative integer (got "3")');
  });

  it('error: kept when a string, else (absent or not a string) the empty string', () => {
    expect(validateResponse(JSON.stringify({ data: [] })).error).toBe('');
    expect(validateResponse(JSON.stringify({ data: [], error: 5 })).error).toBe('');
    expect(validateResponse(JSON.stringify({ data: [], error: 'note' })).error).toBe('note');
  });
});

describe('apiErrorMessage: only a non-empty string is a message', () => {
  it('an empty or non-string message falls back on the body', () => {
    expect(apiErrorMessage('{"message":""}')).toBe('{"message":""}');
    expect(apiErrorMessage('{"message":5}')).toBe('{"message":5}');
    expect(apiErrorMessage('{"message":true}')).toBe('{"message":true}');
  });
});

describe('quotaReset: the "N days" form', () => {
  it('reads whole and fractional days, one day or several', () => {
    const q = (m: string) => quotaReset(JSON.stringify({ statusCode: 403, message: m }));
    expect(q('Out of call volume quota. Quota will be replenished in 12 days.')).toBe(12 * 86_400_000);
    expect(q('Out of call volume quota. Quota will be replenished in 1 day.')).toBe(86_400_000);
    expect(q('Out of call volume quota. Quota will be replenished in 0.5 days.')).toBe(43_200_000);
  });
});
