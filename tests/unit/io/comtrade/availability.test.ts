/**
 * lib/io/comtrade/availability.ts: the availability call's URL (keyless public/v1/getDa, keyed data/v1/getDa, tariff
 * lines), its answer in the shape public clients' fixtures give (period as a number, several records of one period,
 * other reporters, a cut body), the holes of a series, and release dates.
 */
import { describe, expect, it } from 'vitest';
import { StudyError } from '../../../../lib/core/errors.js';
import {
  availabilityGaps,
  availabilityUrl,
  laterRelease,
  parseAvailability,
  releaseOf,
} from '../../../../lib/io/comtrade/availability.js';
import { availabilityRecord } from '../../../helpers/mock-comtrade.js';

describe('availabilityUrl', () => {
  it('keyless public/v1/getDa, keyed data/v1/getDa, tariff lines getDaTariffline; reporter 156 and no period', () => {
    expect(availabilityUrl('https://comtradeapi.un.org', 'final', 'A', false)).toBe(
      'https://comtradeapi.un.org/public/v1/getDa/C/A/HS?reportercode=156',
    );
    expect(availabilityUrl('http://127.0.0.1:1/', 'final', 'M', true)).toBe(
      'http://127.0.0.1:1/data/v1/getDa/C/M/HS?reportercode=156',
    );
    expect(availabilityUrl('http://h', 'tariffline', 'M', false)).toBe(
      'http://h/public/v1/getDaTariffline/C/M/HS?reportercode=156',
    );
  });

  it('every trailing slash of the base is dropped; another reporter by its code', () => {
    expect(availabilityUrl('http://h///', 'final', 'A', false, '410')).toBe(
      'http://h/public/v1/getDa/C/A/HS?reportercode=410',
    );
    expect(availabilityUrl('http://h', 'final', 'A', false, '1')).toBe(
      'http://h/public/v1/getDa/C/A/HS?reportercode=1',
    );
  });

  it('a reporter code that is not 1 to 4 digits alone is refused, naming the code', () => {
    for (const bad of ['x156', '156x', '12345', '', 'CHN'])
      expect(() => availabilityUrl('http://h', 'final', 'M', false, bad)).toThrow(
        `availabilityUrl: reporter code must be digits (got ${JSON.stringify(bad)})`,
      );
    expect(() => availabilityUrl('http://h', 'final', 'M', false, '15 6')).toThrow(
      'availabilityUrl: reporter code must be digits (got "15 6")',
    );
  });
});

describe('parseAvailability', () => {
  it('one entry per period of China, ascending; the original classification kept, the latest release of the period', () => {
    const body = JSON.stringify({
      elapsedTime: '0.02 secs',
      count: 5,
      data: [
        availabilityRecord('201602', 97, '2016-04-01T00:00:00'),
        availabilityRecord('201601', 97, '2016-03-01T09:00:00'),
        {
          ...availabilityRecord('201601', 97, '2017-05-02T10:18:40.23'),
          classificationCode: 'H5',
          isOriginalClassification: false,
        },
        { ...availabilityRecord('201603', 97, '2016-05-01T00:00:00'), reporterCode: 276 },
        availabilityRecord('2016', 97, '2017-06-30T00:00:00'),
      ],
      error: '',
    });
    const a = parseAvailability(body);
    expect(a.count).toBe(5);
    expect(a.periods).toEqual([
      {
        period: '2016',
        classificationCode: 'H4',
        lastReleased: '2017-06-30T00:00:00',
        isOriginalClassification: true,
        totalRecords: 194,
      },
      {
        period: '201601',
        classificationCode: 'H4',
        lastReleased: '2017-05-02T10:18:40.23',
        isOriginalClassification: true,
        totalRecords: 194,
      },
      {
        period: '201602',
        classificationCode: 'H4',
        lastReleased: '2016-04-01T00:00:00',
        isOriginalClassification: true,
        totalRecords: 194,
      },
    ]);
  });

  it('a cut body is truncated (retried); a bad period or release date names the record', () => {
    const cut = (() => {
      try {
        parseAvailability('{"count":1,"data":[{"per');
      } catch (e) {
        return e as StudyError & { truncated?: boolean };
      }
    })()!;
    expect([cut instanceof StudyError, cut.truncated]).toEqual([true, true]);
    expect(() => parseAvailability('{"data":[{"period":"2016-01","lastReleased":"2016-03-01"}]}')).toThrow(
      'data[0].period must be YYYY or YYYYMM',
    );
    expect(() => parseAvailability('{"data":[{"period":201601,"lastReleased":"soon"}]}')).toThrow(
      'data[0].lastReleased must be a date',
    );
  });
});

describe('parseAvailability: the envelope and every record checked, with exact messages', () => {
  const message = (body: string): string => {
    try {
      parseAvailability(body);
    } catch (e) {
      return (e as Error).message;
    }
    return 'no error';
  };

  it('a cut body names the function, the JSON error and the length', () => {
    const body = '{"count":1,"data":[{"per';
    let why = '';
    try {
      JSON.parse(body);
    } catch (e) {
      why = (e as Error).message;
    }
    expect(message(body)).toBe(
      `parseAvailability: the body is not complete JSON (${why}; 24 bytes): a truncated response?`,
    );
  });

  it('the length of a cut body is in bytes (中 is 3 bytes in UTF-8)', () => {
    expect(message('{"data":[{"x":"中')).toMatch(/; 18 bytes\): a truncated response\?$/); // 16 characters
  });

  it('JSON that is not {count, data: [...]} is refused, showing what came', () => {
    const want = (got: string) =>
      `parseAvailability: expected {"count": n, "data": [...]} from the availability service (got ${got})`;
    expect(message('null')).toBe(want('null'));
    expect(message('5')).toBe(want('5'));
    expect(message('"data"')).toBe(want('"data"'));
    expect(message('[]')).toBe(want('[]'));
    expect(message('{"count":1}')).toBe(want('{"count":1}'));
    expect(message('{"data":5}')).toBe(want('{"data":5}'));
    expect(message('{"data":{"0":1}}')).toBe(want('{"data":{"0":1}}'));
  });

  it('a record that is not an object (a number, null, an array) is refused by its index', () => {
    const good = JSON.stringify(availabilityRecord('201501', 1, '2016-03-01T00:00:00'));
    expect(message('{"data":[5]}')).toBe('parseAvailability: data[0] is not a record (got 5)');
    expect(message(`{"data":[${good},null]}`)).toBe('parseAvailability: data[1] is not a record (got null)');
    expect(message('{"data":[[201501]]}')).toBe('parseAvailability: data[0] is not a record (got [201501])');
    expect(message('{"data":["201501"]}')).toBe('parseAvailability: data[0] is not a record (got "201501")');
  });

  it('the period must be exactly YYYY or YYYYMM; the release a date string (a number is not one)', () => {
    for (const [period, got] of [
      ['"Q12016"', '"Q12016"'],
      ['"2016Q1"', '"2016Q1"'],
      ['2016011', '2016011'],
      ['null', 'null'],
    ])
      expect(message(`{"data":[{"period":${period},"lastReleased":"2016-03-01"}]}`)).toBe(
        `parseAvailability: data[0].period must be YYYY or YYYYMM (got ${got})`,
      );
    expect(message('{"data":[{"lastReleased":"2016-03-01"}]}')).toBe(
      'parseAvailability: data[0].period must be YYYY or YYYYMM (got undefined)',
    );
    expect(message('{"data":[{"period":"201601","lastReleased":2016}]}')).toBe(
      'parseAvailability: data[0].lastReleased must be a date (got 2016)',
    );
    expect(message('{"data":[{"period":"201601"}]}')).toBe(
      'parseAvailability: data[0].lastReleased must be a date (got undefined)',
    );
  });

  it('a bare record: no classification is "", a converted one says so, totalRecords only when a number', () => {
    const a = parseAvailability(
      JSON.stringify({
        data: [
          { period: '201501', lastReleased: '2016-03-01' },
          { period: 201502, lastReleased: '2016-04-01', isOriginalClassification: false, totalRecords: '9' },
          { period: 201503, lastReleased: '2016-05-01', classificationCode: 5, totalRecords: 0 },
        ],
      }),
    );
    expect(a.periods).toStrictEqual([
      { period: '201501', classificationCode: '', lastReleased: '2016-03-01', isOriginalClassification: true },
      { period: '201502', classificationCode: '', lastReleased: '2016-04-01', isOriginalClassification: false },
      {
        period: '201503',
        classificationCode: '',
        lastReleased: '2016-05-01',
        isOriginalClassification: true,
        totalRecords: 0,
      },
    ]);
  });

  it('count: the answer\'s own when a number (not the records listed), else the records listed; error: a string or ""', () => {
    const rec = availabilityRecord('201501', 1, '2016-03-01T00:00:00');
    const given = parseAvailability(JSON.stringify({ count: 7, data: [rec], error: 'partial answer' }));
    expect([given.count, given.error]).toEqual([7, 'partial answer']);
    const none = parseAvailability(JSON.stringify({ data: [rec, { ...rec, period: 201502 }] }));
    expect([none.count, none.error]).toEqual([2, '']);
    const odd = parseAvailability(JSON.stringify({ count: '7', data: [rec], error: 42 }));
    expect([odd.count, odd.error]).toEqual([1, '']);
    expect(given.data).toEqual([rec]);
  });

  it('periods come out ascending whatever order the answer lists them in', () => {
    const rec = (p: string) => availabilityRecord(p, 1, '2016-03-01T00:00:00');
    const order = (ps: string[]) =>
      parseAvailability(JSON.stringify({ data: ps.map(rec) })).periods.map((e) => e.period);
    expect(order(['201501', '201502', '201503', '201504'])).toEqual(['201501', '201502', '201503', '201504']);
    expect(order(['201504', '201503', '201502', '201501'])).toEqual(['201501', '201502', '201503', '201504']);
    expect(order(['201503', '201501', '201504', '201502'])).toEqual(['201501', '201502', '201503', '201504']);
  });

  it('several records of one period: the original classification wins whichever comes first; between equals, the first', () => {
    const original = availabilityRecord('201601', 97, '2016-03-01T09:00:00');
    const converted = {
      ...availabilityRecord('201601', 97, '2017-05-02T10:18:40'),
      classificationCode: 'H5',
      isOriginalClassification: false,
    };
    const one = (data: unknown[]) => parseAvailability(JSON.stringify({ data })).periods;
    const want = (cl: string, orig: boolean) => [
      {
        period: '201601',
        classificationCode: cl,
        lastReleased: '2017-05-02T10:18:40',
        isOriginalClassification: orig,
        totalRecords: 194,
      },
    ];
    expect(one([converted, original])).toEqual(want('H4', true));
    expect(one([original, converted])).toEqual(want('H4', true));
    // two originals (or two converted): the first listed, with the later release
    expect(one([original, { ...original, classificationCode: 'H5', lastReleased: '2017-05-02T10:18:40' }])).toEqual(
      want('H4', true),
    );
    expect(one([converted, { ...converted, classificationCode: 'H6', lastReleased: '2016-03-01T09:00:00' }])).toEqual(
      want('H5', false),
    );
  });
});

describe('laterRelease', () => {
  it('the later of two dates whichever comes first; a tie keeps the first as written; a missing one gives the other', () => {
    expect(laterRelease('2025-04-01T00:00:00', '2025-03-10T08:00:00')).toBe('2025-04-01T00:00:00');
    expect(laterRelease('2025-03-10T08:00:00', '2025-04-01T00:00:00')).toBe('2025-04-01T00:00:00');
    expect(laterRelease('2025-03-10T08:00:00', '2025-03-10T08:00:00.000')).toBe('2025-03-10T08:00:00');
    expect(laterRelease('2025-03-10T08:00:00', undefined)).toBe('2025-03-10T08:00:00');
    expect(laterRelease(undefined, '2025-03-10T08:00:00')).toBe('2025-03-10T08:00:00');
    expect(laterRelease(undefined, undefined)).toBe(undefined);
  });
});

describe('availabilityGaps and releaseOf', () => {
  it('holes inside the series, missing after the last and before the first; nothing available', () => {
    const wanted = ['201901', '201902', '201903', '201904', '201905', '201906'];
    expect(availabilityGaps(wanted, new Set(['201902', '201903', '201905', '202001']))).toEqual({
      have: ['201902', '201903', '201905'],
      holes: ['201904'],
      after: ['201906'],
      before: ['201901'],
    });
    expect(availabilityGaps(['2015'], new Set())).toEqual({ have: [], holes: [], after: [], before: ['2015'] });
  });

  it("a call's release is the latest of its periods; periods the answer does not name are ignored", () => {
    const r = new Map([
      ['201501', '2025-01-15T10:00:00'],
      ['201502', '2025-06-01T08:30:00.5'],
    ]);
    expect(releaseOf(['201501', '201502', '201503'], r)).toBe('2025-06-01T08:30:00.5');
    expect(releaseOf(['201503'], r)).toBe(undefined);
  });
});
