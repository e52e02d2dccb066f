import { beforeEach, describe, expect, it } from 'vitest';
import { freshModule } from '../../../helpers/fresh-module.js';

type HeaderModule = typeof import('../../../../lib/io/importers/customs-header.js');
let customsHeaderNames: HeaderModule['customsHeaderNames'];
let parseCustomsHeader: HeaderModule['parseCustomsHeader'];
// a new instance of the module for each test: it builds its header table when it loads (tests/helpers/fresh-module.ts)
beforeEach(async () => {
  ({ customsHeaderNames, parseCustomsHeader } = await freshModule<HeaderModule>('lib/io/importers/customs-header.ts'));
});

const EN = [
  'Date of data',
  'Commodity code',
  'Commodity',
  'Trading partner code',
  'Trading partner',
  'Customs Regime code',
  'Customs Regime',
  'Locations of importers and exporters code',
  'Locations of importers and exporters',
  'Quantity',
  'Unit',
  'Supplimentary Quantity',
  'Supplimentary Unit',
  'US dollar',
  'Renminbi Yuan',
];
const ZH = [
  '数据年月',
  '商品编码',
  '商品名称',
  '贸易伙伴编码',
  '贸易伙伴名称',
  '贸易方式编码',
  '贸易方式名称',
  '注册地编码',
  '注册地名称',
  '第一数量',
  '第一计量单位',
  '第二数量',
  '第二计量单位',
  '美元',
  '人民币',
];
const ALL_COLUMNS = {
  yearmonth: 0,
  commodity: 1,
  commodity_name: 2,
  partner: 3,
  partner_name: 4,
  regime: 5,
  regime_name: 6,
  province: 7,
  province_name: 8,
  quantity_1: 9,
  unit_1: 10,
  quantity_2: 11,
  unit_2: 12,
  value_usd: 13,
  value_cny: 14,
};

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

describe('parseCustomsHeader: every column of a download, in either language', () => {
  it("the expected names are each column's Chinese name, then its English ones", () => {
    expect(customsHeaderNames()).toEqual(
      ZH.flatMap((zh, k) =>
        k === 11
          ? [zh, 'Supplimentary Quantity', 'Supplementary Quantity']
          : k === 12
            ? [zh, 'Supplimentary Unit', 'Supplementary Unit']
            : [zh, EN[k]],
      ),
    );
  });

  it('a full English header maps each of its 15 names to its column', () => {
    const h = parseCustomsHeader([...EN, ''], 'en.csv');
    expect(h.col).toEqual(ALL_COLUMNS);
    expect([h.n, h.trailingEmpty, h.lang]).toEqual([16, true, 'en']);
  });

  it('a full English header with the other spelling of "Supplementary"', () => {
    const en = [...EN];
    en[11] = 'Supplementary Quantity';
    en[12] = 'Supplementary Unit';
    expect(parseCustomsHeader(en, 'en.csv').col).toEqual(ALL_COLUMNS);
  });

  it('a full Chinese header maps each of its 15 names to its column', () => {
    const h = parseCustomsHeader(ZH, 'zh.csv');
    expect(h.col).toEqual(ALL_COLUMNS);
    expect([h.n, h.trailingEmpty, h.lang]).toEqual([15, false, 'zh']);
  });

  it('the English regime, location and renminbi names are columns, not unknown headers', () => {
    expect(
      parseCustomsHeader(
        ['Commodity code', 'Customs Regime code', 'Locations of importers and exporters', 'US dollar', 'Renminbi Yuan'],
        'en.csv',
      ).col,
    ).toEqual({ commodity: 0, regime: 1, province_name: 2, value_usd: 3, value_cny: 4 });
    expect(message(() => parseCustomsHeader(['Commodity code', 'Renminbi Yuan'], 'en.csv'))).toBe(
      'importCustomsCsv: en.csv, line 1: only a 人民币/Renminbi Yuan value column: download the values in US dollars (美元/US dollar) (got "Commodity code,Renminbi Yuan")',
    );
  });

  it('the first quantity and unit are two columns (English Quantity and Unit, without the supplementary pair)', () => {
    expect(parseCustomsHeader(['Commodity code', 'Quantity', 'Unit', 'US dollar'], 'en.csv').col).toEqual({
      commodity: 0,
      quantity_1: 1,
      unit_1: 2,
      value_usd: 3,
    });
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

  it('blank space inside a name counts as one space, not as nothing: words run together are an unknown header', () => {
    expect(message(() => parseCustomsHeader(['商品编码', '美元', 'Tradingpartner'], 'b.csv'))).toBe(
      `importCustomsCsv: b.csv, line 1, column "Tradingpartner": unknown header: a China Customs download has the headers ${customsHeaderNames().join(', ')} (got "Tradingpartner")`,
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
