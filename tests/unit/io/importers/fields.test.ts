/**
 * The field parsers of lib/io/importers/fields.ts: the byte parsers that are the rules (digits, months, amounts with
 * separators, decimals, missing, negative and invalid values), and the plain-field parsers (a reader's per-line
 * fast path) against them: where a plain parser accepts a field, it returns what the `parse…` parser
 * returns for the same bytes and leaves the field's end in parseState.end; what it does not accept it leaves
 * to the `parse…` parser (-1).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { monthIndex, monthLabel } from '../../../../lib/core/months.js';
import {
  AMOUNT_INVALID,
  AMOUNT_MISSING,
  AMOUNT_NEGATIVE,
  parseAmount,
  parseDigits,
  parseMonth,
  parseState,
  plainAmount,
  plainDigits,
  plainMonth,
} from '../../../../lib/io/importers/fields.js';

const b = (s: string): Buffer => Buffer.from(s, 'latin1');

/** Run a plain parser on `field` followed by `,rest`, and the rule parser on the field alone. */
function both(
  plain: typeof plainDigits,
  rule: typeof parseDigits,
  field: string,
): { plain: number; rule: number; end: number } {
  const line = b(`${field},9`);
  parseState.end = -1;
  const p = plain(line, 0, line.length);
  return { plain: p, rule: rule(line, 0, field.length), end: parseState.end };
}

describe('byte parsers', () => {
  it('parseDigits', () => {
    expect(parseDigits(b('01012100'), 0, 8)).toBe(1012100);
    expect(parseState.digits).toBe(8);
    expect(parseDigits(b(' 116 '), 0, 5)).toBe(116);
    expect(parseDigits(b('12a'), 0, 3)).toBe(-1);
    expect(parseDigits(b(''), 0, 0)).toBe(-1);
  });

  it('parseMonth and labels', () => {
    expect(parseMonth(b('2015-01'), 0, 7)).toBe(1380);
    expect(parseMonth(b('201512'), 0, 6)).toBe(1391);
    expect(parseMonth(b('2015/3'), 0, 6)).toBe(1382);
    expect(parseMonth(b('201513'), 0, 6)).toBe(-1);
    expect(parseMonth(b('2015-00'), 0, 7)).toBe(-1);
    expect(parseMonth(b('15-01'), 0, 5)).toBe(-1);
    expect(monthLabel(1380)).toBe('2015-01');
    expect(monthIndex('2025-06')).toBe((2025 - 1900) * 12 + 5);
    fc.assert(fc.property(fc.integer({ min: 0, max: 3000 }), (m) => monthIndex(monthLabel(m)) === m));
  });

  it('parseAmount: separators, decimals, missing, negative, invalid', () => {
    const p = (s: string): number => parseAmount(b(s), 0, s.length);
    expect(p('5,848,714')).toBe(5848714);
    expect(parseState.separators).toBe(true);
    expect(p('5848714')).toBe(5848714);
    expect(parseState.separators).toBe(false);
    expect(p('1,234.5')).toBe(1234.5);
    expect(p('0.1')).toBe(0.1);
    expect(p('1.5e3')).toBe(1500);
    expect(p('')).toBe(AMOUNT_MISSING);
    expect(p(' - ')).toBe(AMOUNT_MISSING);
    expect(p('-5')).toBe(AMOUNT_NEGATIVE);
    expect(p('-0')).toBe(0);
    expect(p('12,34')).toBe(AMOUNT_INVALID);
    expect(p('1234,567')).toBe(AMOUNT_INVALID);
    expect(p('abc')).toBe(AMOUNT_INVALID);
    expect(p('1.2.3')).toBe(AMOUNT_INVALID);
  });

  it('property: parseAmount equals Number() on decimal text, with or without separators', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 50 }), fc.integer({ min: 0, max: 4 }), (n, dec) => {
        const s = (n / 10 ** dec).toFixed(dec);
        expect(parseAmount(b(s), 0, s.length)).toBe(Number(s));
        const [ip, fp] = s.split('.');
        const sep = Number(ip).toLocaleString('en-US') + (fp ? `.${fp}` : '');
        expect(parseAmount(b(sep), 0, sep.length)).toBe(Number(s));
      }),
      { numRuns: 300 },
    );
  });
});

describe('byte parsers: edges of the rules', () => {
  it('parseDigits trims spaces and tabs on both sides, and a field of blanks is empty', () => {
    expect(parseDigits(b('\t116\t'), 0, 5)).toBe(116);
    expect(parseState.digits).toBe(3);
    expect(parseDigits(b('116 '), 0, 4)).toBe(116);
    // one blank field followed by another blank: the trim stops at the field's end
    expect(parseDigits(b('  '), 0, 1)).toBe(-1);
    expect(parseState.digits).toBe(0);
  });

  it('parseDigits reads up to 15 digits', () => {
    expect(parseDigits(b('123456789012345'), 0, 15)).toBe(123456789012345);
    expect(parseState.digits).toBe(15);
    expect(parseDigits(b('1234567890123456'), 0, 16)).toBe(-1);
    expect(parseState.digits).toBe(16);
  });

  it('parseMonth: every spelling, with spaces around', () => {
    const p = (s: string): number => parseMonth(b(s), 0, s.length);
    expect(p('2015.3')).toBe(1382);
    expect(p('2015.03')).toBe(1382);
    expect(p('2015-9')).toBe(1388);
    expect(p('2015/10')).toBe(1389);
    expect(p('201509')).toBe(1388);
    expect(p('2015-01 ')).toBe(1380);
    expect(p(' 2015-12  ')).toBe(1391);
  });

  it('parseMonth rejects a non-digit where a digit belongs, and a wrong separator', () => {
    const p = (s: string): number => parseMonth(b(s), 0, s.length);
    // bytes just below '0' ('/') and just above '9' (':', ';') would make a valid month or year if read as digits
    for (const field of [
      '20/0-01',
      '19:0-01',
      '2015x1',
      '2015x01',
      '2015-:',
      '20151/',
      '20150:',
      '2015-1/',
      '2015-0:',
      '2015-/;',
    ])
      expect([field, p(field)]).toEqual([field, -1]);
    // the field ends after 5 bytes: what follows it is not read
    expect(parseMonth(b('2015-01'), 0, 5)).toBe(-1);
  });

  it('parseMonth reads years 1900 to 2240', () => {
    const p = (s: string): number => parseMonth(b(s), 0, s.length);
    expect(p('1899-11')).toBe(-1);
    expect(p('1900-01')).toBe(0);
    expect(p('190001')).toBe(0);
    expect(p('2240-12')).toBe(340 * 12 + 11);
    expect(p('2241-01')).toBe(-1);
  });

  it('parseAmount trims spaces and tabs on both sides, and a field of blanks is missing', () => {
    expect(parseAmount(b('\t5\t'), 0, 3)).toBe(5);
    expect(parseAmount(b('5 '), 0, 2)).toBe(5);
    expect(parseAmount(b('  '), 0, 1)).toBe(AMOUNT_MISSING);
    expect(parseAmount(b(' '), 0, 1)).toBe(AMOUNT_MISSING);
  });

  it('parseAmount: a minus before anything but a number is invalid, -0 is zero', () => {
    const p = (s: string): number => parseAmount(b(s), 0, s.length);
    expect(p('-abc')).toBe(AMOUNT_INVALID);
    expect(p('--5')).toBe(AMOUNT_INVALID);
    expect(p('-0.0')).toBe(0);
    expect(p('-1,234')).toBe(AMOUNT_NEGATIVE);
  });

  it('parseAmount: bytes just below the digits (punctuation) are not digits', () => {
    const p = (s: string): number => parseAmount(b(s), 0, s.length);
    // '/' is '0' − 1 and ',' is '0' − 4: read as digits, a lone one would come out as -1 or -4
    for (const field of ['/', ',', '..', '*/', '(', '/,']) expect([field, p(field)]).toEqual([field, AMOUNT_INVALID]);
  });

  it('parseAmount: thousands separators only in groups of three before the decimal point', () => {
    const p = (s: string): number => parseAmount(b(s), 0, s.length);
    for (const field of [',123', '1,,234', '1,', '1,23.5', '1,.5', '1.5,3', '1.,5', '1.5,000', '1..5', '.', '+'])
      expect([field, p(field)]).toEqual([field, AMOUNT_INVALID]);
    expect(p('1,234.')).toBe(1234);
    expect(parseState.separators).toBe(true);
    expect(p('+1,234.5')).toBe(1234.5);
    expect(p('.5')).toBe(0.5);
  });

  it('parseAmount: more than 15 digits are read exactly as Number reads them, in every spelling the short form has', () => {
    const p = (s: string): number => parseAmount(b(s), 0, s.length);
    expect(p(`0.${'0'.repeat(22)}1`)).toBe(1e-23);
    expect(p('1,234,567,890,123,456')).toBe(1234567890123456);
    expect(parseState.separators).toBe(true);
    expect(p('1,234,567,890,123,456.78')).toBe(1234567890123456.78);
    expect(p('1,234,567,890,123,456.')).toBe(1234567890123456);
    expect(parseState.separators).toBe(true);
    expect(p('1234567890123456.')).toBe(1234567890123456);
    expect(parseState.separators).toBe(false);
    expect(p('.1234567890123456')).toBe(0.1234567890123456);
  });

  it('parseAmount: exponent notation, without separators', () => {
    const p = (s: string): number => parseAmount(b(s), 0, s.length);
    expect(p('1.5e3')).toBe(1500);
    expect(parseState.separators).toBe(false);
    expect(p('1e+5')).toBe(100000);
    expect(p('25e-1')).toBe(2.5);
    expect(p('1E10')).toBe(1e10);
    expect(p('.5e3')).toBe(500);
    expect(p('5.e3')).toBe(5000);
    for (const field of ['1,234e5', '0x10', '5\r', '5e', '.e3', '1e400', '1e5x', '++5', '+-5'])
      expect([field, p(field)]).toEqual([field, AMOUNT_INVALID]);
  });
});

describe('plain field parsers: edges', () => {
  it('plainDigits reads every digit and nothing else', () => {
    expect(plainDigits(b('9'), 0, 1)).toBe(9);
    expect(plainDigits(b('1:'), 0, 2)).toBe(-1);
    expect(plainDigits(b('1/'), 0, 2)).toBe(-1);
  });

  it('plainDigits reads 15 digits (no more), and counts the digits of a field that starts mid-line', () => {
    parseState.end = -1;
    expect(plainDigits(b('123456789012345,7'), 0, 17)).toBe(123456789012345);
    expect([parseState.end, parseState.digits]).toEqual([15, 15]);
    expect(plainDigits(b('1234567890123456,7'), 0, 18)).toBe(-1);
    // the field '0116' at offset 4: 4 digits (the leading zero counts), ending at the comma at 7
    expect(plainDigits(b('HS8,0116,9'), 4, 10)).toBe(116);
    expect([parseState.end, parseState.digits]).toEqual([8, 4]);
  });

  it('plainMonth reads a field that ends the line', () => {
    parseState.end = -1;
    expect(plainMonth(b('2015-01'), 0, 7)).toBe(1380);
    expect(parseState.end).toBe(7);
    expect(plainMonth(b('2015-01'), 0, 6)).toBe(-1);
  });

  it('plainMonth: months 01 to 12, years 1900 to 2240, digits only', () => {
    const p = (s: string): number => plainMonth(b(s), 0, s.length);
    expect(p('2019-09')).toBe(119 * 12 + 8);
    expect(p('2015-10')).toBe(1389);
    expect(p('2015-12')).toBe(1391);
    expect(p('1900-01')).toBe(0);
    expect(p('2240-12')).toBe(340 * 12 + 11);
    for (const field of [
      '1899-12',
      '2241-01',
      '2015-00',
      '2015-13',
      '20/0-01',
      '19:0-01',
      '2015-1/',
      '2015-0:',
      '2015-/;',
    ])
      expect([field, p(field)]).toEqual([field, -1]);
  });
});

describe('plain field parsers', () => {
  it('read up to the comma or the line end, and leave the end', () => {
    const line = b('01012100,HS8,2015-01,12.5,116,10');
    expect(plainDigits(line, 0, line.length)).toBe(1012100);
    expect([parseState.end, parseState.digits]).toEqual([8, 8]);
    expect(plainMonth(line, 13, line.length)).toBe(1380);
    expect(parseState.end).toBe(20);
    expect(plainAmount(line, 21, line.length)).toBe(12.5);
    expect(parseState.end).toBe(25);
    expect(plainDigits(line, 26, line.length)).toBe(116);
    expect(parseState.end).toBe(29);
    expect(plainDigits(line, 30, line.length)).toBe(10);
    expect(parseState.end).toBe(line.length);
  });

  it('leave everything that is not plain to the parse… parsers (-1), which read it', () => {
    for (const [field, rule] of [
      [' 116', 116],
      ['"116"', -1],
      ['', -1],
      ['1234567890123456', -1],
    ] as const)
      expect([field, both(plainDigits, parseDigits, field)]).toEqual([field, { plain: -1, rule, end: -1 }]);
    for (const [field, rule] of [
      ['201501', 1380],
      ['2015/01', 1380],
      ['2015-1', 1380],
      [' 2015-01', 1380],
      ['2015-13', -1],
      ['1899-12', -1],
      ['2015-01x', -1],
    ] as const)
      expect([field, both(plainMonth, parseMonth, field)]).toEqual([field, { plain: -1, rule, end: -1 }]);
    for (const [field, rule] of [
      ['', -1], // missing
      ['-', -1], // missing
      ['+5', 5],
      ['5e3', 5000],
      [' 5', 5],
      ['1.2.3', -2],
      ['-5', -3],
      ['1234567890123456', 1234567890123456],
    ] as const)
      expect([field, both(plainAmount, parseAmount, field)]).toEqual([field, { plain: -1, rule, end: -1 }]);
  });

  it('property: where a plain parser accepts a field, the parse… parser returns the same and the end is the field end', () => {
    const digitText = fc.stringMatching(/^[0-9]{1,16}$/);
    const amountText = fc.oneof(fc.stringMatching(/^[0-9]{0,9}\.?[0-9]{0,8}$/), fc.stringMatching(/^[0-9 .a-]{0,6}$/));
    const monthText = fc.oneof(
      fc
        .tuple(fc.integer({ min: 1890, max: 2250 }), fc.integer({ min: 0, max: 13 }))
        .map(([y, m]) => `${y}-${String(m).padStart(2, '0')}`),
      fc.stringMatching(/^[0-9/ -]{5,8}$/),
    );
    const check = (plain: typeof plainDigits, rule: typeof parseDigits) => (field: string) => {
      const r = both(plain, rule, field);
      if (r.plain >= 0) {
        expect(r.plain).toBe(r.rule);
        expect(r.end).toBe(field.length);
      }
    };
    fc.assert(fc.property(digitText, check(plainDigits, parseDigits)), { numRuns: 300 });
    fc.assert(fc.property(monthText, check(plainMonth, parseMonth)), { numRuns: 300 });
    fc.assert(fc.property(amountText, check(plainAmount, parseAmount)), { numRuns: 300 });
  });

  it('property: plain amounts are the decimal text correctly rounded, as parseAmount reads them', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{1,8}$/), fc.stringMatching(/^[0-9]{0,7}$/), (ip, fp) => {
        const text = fp ? `${ip}.${fp}` : ip;
        const line = b(text);
        expect(plainAmount(line, 0, line.length)).toBe(Number(text));
      }),
      { numRuns: 300 },
    );
  });
});
