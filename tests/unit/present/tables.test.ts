import * as aq from 'arquero';
import { describe, expect, it } from 'vitest';
import { formatValue, tableHtml } from '../../../lib/present/tables.js';

describe('formatValue', () => {
  it.each([
    [1234567.891, 'int', '1,234,568'],
    [-1234.5, 'int', '−1,235'],
    [0.1234, 'pct', '12.3 %'],
    [2.06, 'pp', '2.06 %'],
    [2.5e9, 'usd-bn', '$2.50 bn'],
    [1500000000, 'usd', '$1,500,000,000'],
    [3.14159, { decimals: 3 }, '3.142'],
    [12345.6, { decimals: 1, suffix: ' t' }, '12,345.6 t'],
    [NaN, 'int', '–'],
    [null, 'pct', '–'],
    ['ICs', 'text', 'ICs'],
  ] as const)('formatValue(%s, %j) = %s', (v, f, expected) => {
    expect(formatValue(v, f as never)).toBe(expected);
  });

  it('does not print a negative zero', () => {
    expect(formatValue(-0.0001, 'int')).toBe('0');
  });

  it('rejects an unknown format naming it', () => {
    expect(() => formatValue(1, 'percent' as never)).toThrow(/formatValue: unknown column format \(got "percent"\)/);
  });
});

describe('tableHtml', () => {
  const t = aq.table({ year: [2015, 2024], share: [0.0206, 0.0127], group: ['a<b', 'c'] });

  it('formats per column, with caption and source note', () => {
    const html = tableHtml(t, {
      caption: 'Capital goods',
      formats: { share: 'pct', year: 'text' },
      source: 'SYNTHETIC teaching panel',
    });
    expect(html).toContain('<caption>Capital goods</caption>');
    expect(html).toContain('<td class="num">2.1 %</td>');
    expect(html).toContain('<td class="num">1.3 %</td>');
    expect(html).toContain('<td class="num">2015</td>');
    expect(html).toContain('Source: SYNTHETIC teaching panel');
    expect(html).toContain('a&lt;b');
  });

  it('counts rows beyond maxRows', () => {
    const big = aq.table({ x: Array.from({ length: 120 }, (_, i) => i) });
    const html = tableHtml(big, { maxRows: 10 });
    expect(html.match(/<tr>/g)!.length).toBe(11); // header + 10
    expect(html).toContain('Showing 10 of 120 rows.');
  });

  it('rejects a format for a missing column', () => {
    expect(() => tableHtml(t, { formats: { shares: 'pct' } })).toThrow(
      /tableHtml: format given for a column the table does not have .*\(got "shares"\)/,
    );
  });

  it('rejects a non-table', () => {
    expect(() => tableHtml([] as never)).toThrow(/tableHtml: expected an arquero table/);
  });
});
