import { describe, expect, it } from 'vitest';
import * as fc from 'fast-check';
import { MONTH_LAST_YEAR, MONTH_ORIGIN_YEAR, monthIndex, monthLabel, monthSequence } from '../../../lib/core/months.js';
import { StudyError } from '../../../lib/core/errors.js';

/** The StudyError `f()` throws (fails the test when it throws nothing or something else). */
const thrown = (f: () => unknown): StudyError => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(StudyError);
    return e as StudyError;
  }
  throw new Error('expected a StudyError, nothing was thrown');
};

const badMonth = (got: string) => `monthIndex: month must be YYYY-MM (years 1900–2240) (got ${got})`;

describe('month range constants', () => {
  it('origin 1900, last year 2240: the last index stays below 4,096', () => {
    expect(MONTH_ORIGIN_YEAR).toBe(1900);
    expect(MONTH_LAST_YEAR).toBe(2240);
    expect(monthIndex('2240-12')).toBe(4091);
  });
});

describe('monthIndex', () => {
  it('counts months from January 1900 (index 0)', () => {
    expect(monthIndex('1900-01')).toBe(0);
    expect(monthIndex('1900-12')).toBe(11);
    expect(monthIndex('1901-01')).toBe(12);
    expect(monthIndex('2015-01')).toBe(1380);
    expect(monthIndex('2015-12')).toBe(1391);
  });

  it('accepts the first and last valid years, month 01 and month 12', () => {
    expect(monthIndex('1900-01')).toBe(0);
    expect(monthIndex('1900-12')).toBe(11);
    expect(monthIndex('2240-01')).toBe(4080);
    expect(monthIndex('2240-12')).toBe(4091);
  });

  it('rejects month 00 and 13, naming the function and the value', () => {
    const e = thrown(() => monthIndex('2015-00'));
    expect(e.message).toBe(badMonth('"2015-00"'));
    expect(e.fn).toBe('monthIndex');
    expect(e.value).toBe('2015-00');
    expect(e.name).toBe('StudyError');
    expect(thrown(() => monthIndex('2015-13')).message).toBe(badMonth('"2015-13"'));
    expect(thrown(() => monthIndex('2015-99')).message).toBe(badMonth('"2015-99"'));
  });

  it('rejects the year before the first and the year after the last', () => {
    expect(thrown(() => monthIndex('1899-12')).message).toBe(badMonth('"1899-12"'));
    expect(thrown(() => monthIndex('0000-01')).message).toBe(badMonth('"0000-01"'));
    expect(thrown(() => monthIndex('2241-01')).message).toBe(badMonth('"2241-01"'));
    expect(thrown(() => monthIndex('9999-12')).message).toBe(badMonth('"9999-12"'));
  });

  it('rejects text that is not exactly YYYY-MM (nothing before, nothing after)', () => {
    expect(thrown(() => monthIndex('x2015-01')).message).toBe(badMonth('"x2015-01"'));
    expect(thrown(() => monthIndex(' 2015-01')).message).toBe(badMonth('" 2015-01"'));
    expect(thrown(() => monthIndex('2015-012')).message).toBe(badMonth('"2015-012"'));
    expect(thrown(() => monthIndex('2015-01 ')).message).toBe(badMonth('"2015-01 "'));
    expect(thrown(() => monthIndex('12015-01')).message).toBe(badMonth('"12015-01"'));
    expect(thrown(() => monthIndex('2015-1')).message).toBe(badMonth('"2015-1"'));
    expect(thrown(() => monthIndex('2015/01')).message).toBe(badMonth('"2015/01"'));
    expect(thrown(() => monthIndex('')).message).toBe(badMonth('""'));
  });

  it('rejects a value that is not a string, even one whose text reads YYYY-MM', () => {
    const asMonth = (v: unknown) => v as string;
    const e = thrown(() => monthIndex(asMonth(['2015-01'])));
    expect(e.message).toBe(badMonth('["2015-01"]'));
    expect(e.value).toEqual(['2015-01']);
    expect(thrown(() => monthIndex(asMonth({ toString: () => '2015-01' }))).fn).toBe('monthIndex');
    expect(thrown(() => monthIndex(asMonth(201501))).message).toBe(badMonth('201501'));
    expect(thrown(() => monthIndex(asMonth(undefined))).message).toBe(badMonth('undefined'));
    expect(thrown(() => monthIndex(asMonth(null))).message).toBe(badMonth('null'));
  });

  it('is (year − 1900)·12 + month − 1 for every valid month (property)', () =>
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2240 }), fc.integer({ min: 1, max: 12 }), (y, m) => {
        const label = `${y}-${String(m).padStart(2, '0')}`;
        return monthIndex(label) === (y - 1900) * 12 + m - 1;
      }),
    ));
});

describe('monthLabel', () => {
  it('labels index 0 as January 1900 and the last index as December 2240', () => {
    expect(monthLabel(0)).toBe('1900-01');
    expect(monthLabel(11)).toBe('1900-12');
    expect(monthLabel(12)).toBe('1901-01');
    expect(monthLabel(1380)).toBe('2015-01');
    expect(monthLabel(1388)).toBe('2015-09');
    expect(monthLabel(1389)).toBe('2015-10');
    expect(monthLabel(4091)).toBe('2240-12');
  });

  it('rejects a negative index, naming the function and the value', () => {
    const e = thrown(() => monthLabel(-1));
    expect(e.message).toBe('monthLabel: month index must be a non-negative integer (got -1)');
    expect(e.fn).toBe('monthLabel');
    expect(e.value).toBe(-1);
    expect(thrown(() => monthLabel(-12)).message).toBe(
      'monthLabel: month index must be a non-negative integer (got -12)',
    );
  });

  it('rejects an index that is not an integer', () => {
    expect(thrown(() => monthLabel(1.5)).message).toBe(
      'monthLabel: month index must be a non-negative integer (got 1.5)',
    );
    expect(thrown(() => monthLabel(NaN)).message).toBe(
      'monthLabel: month index must be a non-negative integer (got NaN)',
    );
    expect(thrown(() => monthLabel(Infinity)).message).toBe(
      'monthLabel: month index must be a non-negative integer (got Infinity)',
    );
  });

  it('is the inverse of monthIndex over the whole range (property)', () =>
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4091 }), (i) => {
        const label = monthLabel(i);
        return /^\d{4}-\d{2}$/.test(label) && monthIndex(label) === i;
      }),
    ));
});

describe('monthSequence', () => {
  it('lists n consecutive months, crossing a year end', () => {
    expect(monthSequence('2015-11', 3)).toEqual(['2015-11', '2015-12', '2016-01']);
    expect(monthSequence('1900-01', 1)).toEqual(['1900-01']);
    expect(monthSequence('2240-10', 3)).toEqual(['2240-10', '2240-11', '2240-12']);
  });

  it('n = 0 gives no months', () => {
    expect(monthSequence('2015-11', 0)).toEqual([]);
  });

  it('rejects a negative or fractional n, naming the function and the value', () => {
    const e = thrown(() => monthSequence('2015-11', -1));
    expect(e.message).toBe('monthSequence: n must be a non-negative integer (got -1)');
    expect(e.fn).toBe('monthSequence');
    expect(e.value).toBe(-1);
    expect(thrown(() => monthSequence('2015-11', 1.5)).message).toBe(
      'monthSequence: n must be a non-negative integer (got 1.5)',
    );
    expect(thrown(() => monthSequence('2015-11', NaN)).message).toBe(
      'monthSequence: n must be a non-negative integer (got NaN)',
    );
  });

  it('rejects a bad start as monthIndex does, also when n = 0', () => {
    expect(thrown(() => monthSequence('2015-13', 2)).message).toBe(badMonth('"2015-13"'));
    expect(thrown(() => monthSequence('2015-13', 0)).message).toBe(badMonth('"2015-13"'));
  });

  it('runs past December 2240 when asked (monthLabel checks only that the index is a non-negative integer)', () => {
    expect(monthSequence('2240-12', 2)).toEqual(['2240-12', '2241-01']);
  });
});
