/**
 * The header row of a China Customs online-query download: its column names (Chinese or English, matched by
 * name, both spellings of "Supplementary") and the columns the importer (lib/io/importers/customs) reads.
 *
 * @module io/importers/customs-header
 */
import { failAt } from '../../core/errors.js';

const FN = 'importCustomsCsv';

/**
 * Header names of a China Customs online-query download → clean column names.
 * Source: data/reference/china-customs/download-columns.csv (the column
 * headers of the China Customs statistics portal downloads; both spellings of
 * "Supplementary" occur).
 */
export const CUSTOMS_COLUMNS: readonly {
  readonly name: string;
  readonly en: readonly string[];
  readonly zh: string;
}[] = [
  { name: 'yearmonth', en: ['Date of data'], zh: '数据年月' },
  { name: 'commodity', en: ['Commodity code'], zh: '商品编码' },
  { name: 'commodity_name', en: ['Commodity'], zh: '商品名称' },
  { name: 'partner', en: ['Trading partner code'], zh: '贸易伙伴编码' },
  { name: 'partner_name', en: ['Trading partner'], zh: '贸易伙伴名称' },
  { name: 'regime', en: ['Customs Regime code'], zh: '贸易方式编码' },
  { name: 'regime_name', en: ['Customs Regime'], zh: '贸易方式名称' },
  { name: 'province', en: ['Locations of importers and exporters code'], zh: '注册地编码' },
  { name: 'province_name', en: ['Locations of importers and exporters'], zh: '注册地名称' },
  { name: 'quantity_1', en: ['Quantity'], zh: '第一数量' },
  { name: 'unit_1', en: ['Unit'], zh: '第一计量单位' },
  { name: 'quantity_2', en: ['Supplimentary Quantity', 'Supplementary Quantity'], zh: '第二数量' },
  { name: 'unit_2', en: ['Supplimentary Unit', 'Supplementary Unit'], zh: '第二计量单位' },
  { name: 'value_usd', en: ['US dollar'], zh: '美元' },
  { name: 'value_cny', en: ['Renminbi Yuan'], zh: '人民币' },
];

function norm(h: string): string {
  return h
    .replace(/^\uFEFF/, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

const HEADER_LOOKUP: Map<string, { name: string; lang: 'zh' | 'en' }> = (() => {
  const m = new Map<string, { name: string; lang: 'zh' | 'en' }>();
  for (const c of CUSTOMS_COLUMNS) {
    m.set(norm(c.zh), { name: c.name, lang: 'zh' });
    for (const e of c.en) m.set(norm(e), { name: c.name, lang: 'en' });
  }
  return m;
})();

/**
 * The expected header names, for error messages: each column's Chinese name, then its English ones.
 * @example customsHeaderNames().slice(0, 3); // => ['数据年月', 'Date of data', '商品编码']
 */
export function customsHeaderNames(): string[] {
  return CUSTOMS_COLUMNS.flatMap((c) => [c.zh, ...c.en]);
}

/** A matched header: its width, whether its last field is empty, the column of each name, the names, the language. */
export interface CustomsHeader {
  n: number;
  trailingEmpty: boolean;
  col: Record<string, number>;
  names: string[];
  lang: 'zh' | 'en';
}

/**
 * Match a customs download header row by name.
 * @throws {InputError} for an unknown or repeated header, or when the commodity code or US-dollar column is missing
 * @example parseCustomsHeader(['数据年月', '商品编码', '美元', ''], 'a.csv').col.value_usd; // => 2
 */
export function parseCustomsHeader(fields: string[], file: string): CustomsHeader {
  const col: Record<string, number> = {};
  let zh = 0;
  let en = 0;
  fields.forEach((raw, k) => {
    const h = norm(raw);
    if (h === '') {
      if (k === fields.length - 1) return;
      failAt(FN, { file, line: 1 }, `empty header in column ${k + 1}`, fields.join(','));
    }
    const hit = HEADER_LOOKUP.get(h);
    if (!hit)
      failAt(
        FN,
        { file, line: 1, column: raw },
        `unknown header: a China Customs download has the headers ${customsHeaderNames().join(', ')}`,
        raw,
      );
    if (col[hit.name] !== undefined) {
      // Quantity and unit names repeat in some English downloads only for the two units; anything else is an error
      failAt(FN, { file, line: 1, column: raw }, 'the same column appears twice', raw);
    }
    col[hit.name] = k;
    if (hit.lang === 'zh') zh++;
    else en++;
  });
  if (col.commodity === undefined)
    failAt(FN, { file, line: 1 }, 'no commodity code column (商品编码 / Commodity code)', fields.join(','));
  if (col.value_usd === undefined)
    failAt(
      FN,
      { file, line: 1 },
      col.value_cny !== undefined
        ? 'only a 人民币/Renminbi Yuan value column: download the values in US dollars (美元/US dollar)'
        : 'no US-dollar value column (美元 / US dollar)',
      fields.join(','),
    );
  return {
    n: fields.length,
    trailingEmpty: norm(fields[fields.length - 1] ?? '') === '',
    col,
    names: fields,
    lang: zh >= en ? 'zh' : 'en',
  };
}
