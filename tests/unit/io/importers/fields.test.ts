/**
 * The plain-field parsers of lib/io/importers/fields.ts (a reader's per-line fast path) against the field
 * parsers that are the rules: where a plain parser accepts a field, it returns what the `parse…` parser
 * returns for the same bytes and leaves the field's end in parseState.end; what it does not accept it leaves
 * to the `parse…` parser (-1).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
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
