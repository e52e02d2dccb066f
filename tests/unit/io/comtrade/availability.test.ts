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
