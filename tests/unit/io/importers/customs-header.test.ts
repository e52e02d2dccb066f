import { describe, expect, it } from 'vitest';
import { customsHeaderNames, parseCustomsHeader } from '../../../../lib/io/importers/customs-header.js';

const message = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    return (e as Error).message;
  }
  return 'no error';
};

describe('parseCustomsHeader: header names are matched after cleaning', () => {
  it('a leading byte-order mark, repeated or surrounding spaces and letter case do not matter', () => {
    const h = parseCustomsHeader(['\uFEFFDate of data', '  COMMODITY   code ', 'US\t\tdollar'], 'a.csv');
    expect(h.col).toEqual({ yearmonth: 0, commodity: 1, value_usd: 2 });
    expect(h.lang).toBe('en');
  });

  it('a byte-order mark inside a name is blank space (JavaScript counts it as \\s), not removed', () => {
    expect(parseCustomsHeader(['商品编码', 'US\uFEFFdollar'], 'a.csv').col).toEqual({ commodity: 0, value_usd: 1 });
  });

  it('the columns are read in any order, both spellings of "Supplementary"', () => {
    expect(
      parseCustomsHeader(['美元', 'Supplimentary Unit', '商品编码', 'Supplementary Quantity'], 'a.csv').col,
    ).toEqual({ value_usd: 0, unit_2: 1, commodity: 2, quantity_2: 3 });
  });
});

describe('parseCustomsHeader: width, trailing empty field and language', () => {
  it('a last empty (or blank) field is allowed and flagged', () => {
    const h = parseCustomsHeader(['数据年月', '商品编码', '美元', ''], 'a.csv');
    expect(h).toEqual({
      n: 4,
      trailingEmpty: true,
      col: { yearmonth: 0, commodity: 1, value_usd: 2 },
      names: ['数据年月', '商品编码', '美元', ''],
      lang: 'zh',
    });
    expect(parseCustomsHeader(['商品编码', '美元', ' \t'], 'a.csv').trailingEmpty).toBe(true);
  });

  it('a header whose last field is a name has no trailing empty field', () => {
    const h = parseCustomsHeader(['数据年月', '商品编码', '美元'], 'a.csv');
    expect(h.n).toBe(3);
    expect(h.trailingEmpty).toBe(false);
  });

  it('the language is the one most names are in, Chinese on a tie', () => {
    expect(parseCustomsHeader(['商品编码', 'US dollar'], 'a.csv').lang).toBe('zh');
    expect(parseCustomsHeader(['Commodity code', '美元'], 'a.csv').lang).toBe('zh');
    expect(parseCustomsHeader(['Commodity code', '美元', 'Quantity'], 'a.csv').lang).toBe('en');
    expect(parseCustomsHeader(['商品编码', 'US dollar', '第一数量'], 'a.csv').lang).toBe('zh');
  });
});

describe('parseCustomsHeader: errors name the file, line, column and header', () => {
  it('an empty field before the last one', () => {
    expect(message(() => parseCustomsHeader(['商品编码', ' ', '美元'], 'b.csv'))).toBe(
      'importCustomsCsv: b.csv, line 1: empty header in column 2 (got "商品编码, ,美元")',
    );
  });

  it('an unknown header', () => {
    expect(message(() => parseCustomsHeader(['商品编码', '美元', 'Price'], 'b.csv'))).toBe(
      `importCustomsCsv: b.csv, line 1, column "Price": unknown header: a China Customs download has the headers ${customsHeaderNames().join(', ')} (got "Price")`,
    );
  });

  it('the same column twice, in either language', () => {
    expect(message(() => parseCustomsHeader(['商品编码', '美元', 'US dollar'], 'b.csv'))).toBe(
      'importCustomsCsv: b.csv, line 1, column "US dollar": the same column appears twice (got "US dollar")',
    );
  });

  it('no commodity code column', () => {
    expect(message(() => parseCustomsHeader(['数据年月', '美元'], 'b.csv'))).toBe(
      'importCustomsCsv: b.csv, line 1: no commodity code column (商品编码 / Commodity code) (got "数据年月,美元")',
    );
  });

  it('no US-dollar column, or only a renminbi one', () => {
    expect(message(() => parseCustomsHeader(['商品编码', '第一数量'], 'b.csv'))).toBe(
      'importCustomsCsv: b.csv, line 1: no US-dollar value column (美元 / US dollar) (got "商品编码,第一数量")',
    );
    expect(message(() => parseCustomsHeader(['商品编码', '人民币'], 'b.csv'))).toBe(
      'importCustomsCsv: b.csv, line 1: only a 人民币/Renminbi Yuan value column: download the values in US dollars (美元/US dollar) (got "商品编码,人民币")',
    );
  });
});
