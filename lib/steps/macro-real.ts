/**
 * The macro step on real data: China's annual imports of every HS6 code (UN Comtrade,
 * partner World), each classified by BEC Rev.4 end use with the UNSD HS→BEC table of the HS
 * revision the year's data are in (HS2012 for 2015–2016, HS2017 for 2017–2021, HS2022 from
 * 2022, or the records' own classificationCode H4/H5/H6), summed into capital goods and
 * intermediates, divided by GDP — with and without the semiconductor groups (their HS6
 * parents, batch 1). An HS6 code with several BEC classes (n:n) takes the project's rule R3:
 * the lowest-numbered intermediate class, else the lowest-numbered class.
 *
 * @module steps/macro-real
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fail } from '../core/errors.js';
import { BEC_END_USE, type GroupRow } from '../io/data.js';
import { macroShares, type EndUseTotal, type GroupAnnual, type MacroYear } from './macro.js';
import { SUBTRACT_RULE_LABELS, type SubtractRule } from './macro-semis.js';
import { referenceDir } from '../io/paths.js';
import type { HsVintage } from '../io/hs-vintage.js';
import type { EndUse } from '../core/types.js';

/** One year of one HS6 code's imports. */
export interface AnnualHs6 {
  year: number;
  hs6: string;
  /** HS revision of the data: HS2012, HS2017 or HS2022. */
  revision: HsRevision;
  value_usd: number;
}

/** The HS revisions with UNSD HS→BEC tables (the vintages of io/hs-vintage). */
export type HsRevision = HsVintage;

/**
 * BEC classes the UNSD tables use at a coarser level than the end-use table: 32 (processed fuels
 * and lubricants, not split into 321 motor spirit — not classified — and 322 other — intermediate)
 * is a mix, so not classified.
 */
const EXTRA_END_USE: Record<string, EndUse> = { '32': 'unclassified' };

const CL_REVISION: Record<string, HsRevision> = { H4: 'HS2012', H5: 'HS2017', H6: 'HS2022' };

/**
 * The HS revision of a year of China's data (the project's rule, as in the code tables).
 * @example revisionOfYear(2017); // => 'HS2017'
 */
export function revisionOfYear(year: number): HsRevision {
  if (!Number.isInteger(year) || year < 2012) fail('revisionOfYear', 'year must be an integer from 2012', year);
  return year <= 2016 ? 'HS2012' : year <= 2021 ? 'HS2017' : 'HS2022';
}

/**
 * Annual HS6 imports from API records (annual, imports, partner World, 6-digit codes; other
 * records are skipped and counted). The revision is the record's classificationCode (H4/H5/H6)
 * when present, else the year's.
 * @throws {StudyError} on a duplicate year × code with another value, a bad year or value
 * @example annualHs6FromRecords([{ freqCode: 'A', period: '2015', flowCode: 'M', partnerCode: 0, cmdCode: '854231', classificationCode: 'H4', primaryValue: 5 }]).rows;
 * // => [{ year: 2015, hs6: '854231', revision: 'HS2012', value_usd: 5 }]
 */
export function annualHs6FromRecords(records: Record<string, unknown>[]): {
  rows: AnnualHs6[];
  skipped: Record<string, number>;
} {
  const fn = 'annualHs6FromRecords';
  const skipped: Record<string, number> = {};
  const skip = (why: string) => (skipped[why] = (skipped[why] ?? 0) + 1);
  const seen = new Map<string, AnnualHs6>();
  records.forEach((r, i) => {
    if (String(r.freqCode ?? 'A') !== 'A') return skip('not annual');
    if (String(r.flowCode) !== 'M') return skip('not imports');
    if (String(r.partnerCode ?? '0') !== '0') return skip('partner other than World');
    const cmd = String(r.cmdCode ?? '');
    if (!/^\d{6}$/.test(cmd)) return skip('not a 6-digit code (total or aggregate)');
    const year = Number(String(r.period ?? r.refYear).slice(0, 4));
    if (!Number.isInteger(year) || year < 1988 || year > 2100) fail(fn, `record ${i}: bad year`, r.period ?? r.refYear);
    const v = r.primaryValue;
    if (v === null || v === undefined) return skip('no value');
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0)
      fail(fn, `record ${i} (${cmd}, ${year}): value must be a non-negative number`, v);
    const cl = String(r.classificationCode ?? '');
    const revision = CL_REVISION[cl] ?? revisionOfYear(year);
    const k = `${year}|${cmd}`;
    const old = seen.get(k);
    if (old) {
      if (old.value_usd !== v)
        fail(fn, `code ${cmd} in ${year} appears twice with different values (${old.value_usd} and ${v})`, k);
      return skip('duplicate (same value)');
    }
    seen.set(k, { year, hs6: cmd, revision, value_usd: v as number });
  });
  const rows = [...seen.values()].sort((a, b) => a.year - b.year || (a.hs6 < b.hs6 ? -1 : a.hs6 > b.hs6 ? 1 : 0));
  return { rows, skipped };
}

/** HS6 → BEC Rev.4 classes, per HS revision. */
export type HsBecTables = Record<HsRevision, Map<string, string[]>>;

/**
 * Read the UNSD HS→BEC Rev.4 tables (reference `unsd-hs-bec/hs{2012,2017,2022}-to-bec4.csv`).
 * @throws {StudyError} when the reference folder or a table is absent
 * @example loadHsBecTables().HS2012.get('848620'); // => ['41']
 */
export function loadHsBecTables(dir: string | undefined = referenceDir()): HsBecTables {
  const fn = 'loadHsBecTables';
  if (!dir) fail(fn, 'the reference tables are needed (STUDY_REFERENCE_DIR or data/reference)', dir);
  const out = {} as HsBecTables;
  for (const rev of ['HS2012', 'HS2017', 'HS2022'] as HsRevision[]) {
    const f = path.join(dir!, 'unsd-hs-bec', `hs${rev.slice(2)}-to-bec4.csv`);
    if (!fs.existsSync(f)) fail(fn, 'HS→BEC table missing', f);
    const m = new Map<string, string[]>();
    fs.readFileSync(f, 'utf8')
      .replace(/^\uFEFF/, '')
      .split(/\r?\n/)
      .slice(1)
      .forEach((l, k) => {
        if (!l.replace(/,/g, '').trim()) return; // blank (or only commas: the HS2022 table ends with such lines)
        const [hs, bec] = l.split(',').map((x) => x.trim());
        if (!/^\d{6}$/.test(hs)) fail(fn, `${path.basename(f)} line ${k + 2}: expected an HS6 code`, l);
        const list = m.get(hs) ?? [];
        m.set(hs, list);
        // a code without a BEC class (e.g. monetary gold, "n/a") stays listed with no class: unclassified
        if (/^\d{1,3}$/.test(bec ?? '')) {
          if (!list.includes(bec)) list.push(bec); // a repeated line adds nothing
        } else if (!/^n\/?a$/i.test(bec ?? ''))
          fail(fn, `${path.basename(f)} line ${k + 2}: expected a BEC class or n/a`, l);
      });
    out[rev] = m;
  }
  return out;
}

/**
 * The BEC class and end use of an HS6 code in a revision's table; several classes (n:n) →
 * rule R3 (lowest-numbered intermediate class, else lowest-numbered class). Undefined when
 * the table has no row for the code.
 * @example classifyHs6('848620', 'HS2012', { HS2012: new Map([['848620', ['41']]]), HS2017: new Map(), HS2022: new Map() }); // => { bec4: '41', end_use: 'capital', rule: 'R1' }
 */
export function classifyHs6(
  hs6: string,
  revision: HsRevision,
  tables: HsBecTables,
): { bec4: string; end_use: EndUse; rule: 'R1' | 'R3' } | undefined {
  const becs = tables[revision]?.get(hs6);
  if (!becs || becs.length === 0) return undefined;
  const uniq = [...new Set(becs)].sort((a, b) => Number(a) - Number(b));
  const endUse = (b: string): EndUse => {
    const e = BEC_END_USE[b] ?? EXTRA_END_USE[b];
    if (!e) fail('classifyHs6', `BEC class ${b} of ${hs6} (${revision}) has no end use`, b);
    return e;
  };
  if (uniq.length === 1) return { bec4: uniq[0], end_use: endUse(uniq[0]), rule: 'R1' };
  const inter = uniq.find((b) => endUse(b) === 'intermediate');
  const bec4 = inter ?? uniq[0];
  return { bec4, end_use: endUse(bec4), rule: 'R3' };
}

/** Annual end-use totals and what could not be classified. */
export interface BecTotalsResult {
  totals: EndUseTotal[];
  /** Codes with no row in their revision's table, by year (their value is counted as 'unclassified'). */
  unmatched: { year: number; hs6: string; revision: HsRevision; value_usd: number }[];
  /** Codes classified by rule R3 (n:n). */
  nToN: number;
}

/**
 * Sum annual HS6 imports into BEC end-use totals by year (all four end uses, unmatched codes
 * as 'unclassified').
 * @example becTotalsFromHs6([{ year: 2015, hs6: '848620', revision: 'HS2012', value_usd: 7 }], loadHsBecTables()).totals.find((t) => t.end_use === 'capital')?.value_usd; // => 7
 */
export function becTotalsFromHs6(rows: AnnualHs6[], tables: HsBecTables): BecTotalsResult {
  const sums = new Map<string, number>();
  const unmatched: BecTotalsResult['unmatched'] = [];
  let nToN = 0;
  const years = new Set<number>();
  for (const r of rows) {
    years.add(r.year);
    const c = classifyHs6(r.hs6, r.revision, tables);
    if (!c) unmatched.push({ year: r.year, hs6: r.hs6, revision: r.revision, value_usd: r.value_usd });
    else if (c.rule === 'R3') nToN++;
    const eu: EndUse = c ? c.end_use : 'unclassified';
    sums.set(`${r.year}|${eu}`, (sums.get(`${r.year}|${eu}`) ?? 0) + r.value_usd);
  }
  const totals: EndUseTotal[] = [];
  for (const year of [...years].sort((a, b) => a - b))
    for (const end_use of ['capital', 'intermediate', 'consumption', 'unclassified'] as EndUse[])
      totals.push({ year, end_use, value_usd: sums.get(`${year}|${end_use}`) ?? 0 });
  return { totals, unmatched, nToN };
}

/**
 * Annual sums of the study groups from annual HS6 data (each group's HS6 parents; a shared
 * parent allocated by shares, see steps/hs6-grouping), for every year with data. With the HS→BEC
 * tables, each row is the part of a group in one BEC end use (each HS6 code's class in its
 * revision, rule R3 for n:n; a code with no row: 'unclassified').
 * @example groupAnnualFromHs6([{ year: 2015, hs6: '854231', revision: 'HS2012', value_usd: 9 }], new Map([['854231', 2]])); // => [{ year: 2015, group_id: 2, value_usd: 9 }]
 * @example groupAnnualFromHs6([{ year: 2015, hs6: '848690', revision: 'HS2012', value_usd: 9 }], new Map([['848690', 8]]), loadHsBecTables());
 * // => [{ year: 2015, group_id: 8, value_usd: 9, end_use: 'intermediate' }] (848690, parts: BEC 42)
 */
export function groupAnnualFromHs6(
  rows: AnnualHs6[],
  hs6Group: Map<string, number | { group_id: number; share: number }[]>,
  tables?: HsBecTables,
): (GroupAnnual & { end_use?: EndUse })[] {
  const m = new Map<string, GroupAnnual & { end_use?: EndUse }>();
  const years = [...new Set(rows.map((r) => r.year))];
  const alloc = (v: number | { group_id: number; share: number }[]) =>
    typeof v === 'number' ? [{ group_id: v, share: 1 }] : v;
  const ids = [...new Set([...hs6Group.values()].flatMap((v) => alloc(v).map((a) => a.group_id)))];
  if (!tables)
    for (const year of years)
      for (const group_id of ids) m.set(`${year}|${group_id}`, { year, group_id, value_usd: 0 });
  for (const r of rows) {
    const g = hs6Group.get(r.hs6);
    if (g === undefined) continue;
    const end_use = tables ? (classifyHs6(r.hs6, r.revision, tables)?.end_use ?? 'unclassified') : undefined;
    for (const a of alloc(g)) {
      const k = `${r.year}|${a.group_id}${end_use ? `|${end_use}` : ''}`;
      const e = m.get(k) ?? { year: r.year, group_id: a.group_id, value_usd: 0, ...(end_use ? { end_use } : {}) };
      e.value_usd += r.value_usd * a.share;
      m.set(k, e);
    }
  }
  return [...m.values()].sort(
    (a, b) => a.year - b.year || a.group_id - b.group_id || String(a.end_use).localeCompare(String(b.end_use)),
  );
}

/** The macro table on real data, with what went into it. */
export interface MacroRealResult {
  rows: MacroYear[];
  totals: BecTotalsResult;
  /** The semiconductor groups' annual imports, by BEC end use of their HS6 codes. */
  groupAnnual: (GroupAnnual & { end_use?: EndUse })[];
  /** One line for captions: real data, never synthetic. */
  sourceNote: string;
}

/**
 * Capital goods and intermediates as % of GDP from annual HS6 data, with and without the
 * semiconductor groups (at HS6), for the years that have data and GDP.
 * @throws {StudyError} as {@link macroShares} (e.g. a year without GDP)
 * @example macroReal([{ year: 2015, hs6: '848620', revision: 'HS2012', value_usd: 2e10 }], loadHsBecTables(), [{ year: 2015, gdp_usd: 1e12 }],
 *   loadGroups(), new Map([['848620', 6]])).rows[0].capital_pct; // => 2 (capital imports / GDP × 100: 848620, lithography tools, is a capital good)
 * @example const r = macroReal([{ year: 2015, hs6: '848620', revision: 'HS2012', value_usd: 2e10 }, { year: 2015, hs6: '848690', revision: 'HS2012', value_usd: 1e10 }],
 *   loadHsBecTables(), [{ year: 2015, gdp_usd: 1e12 }], loadGroups(), new Map([['848620', 6], ['848690', 8]])).rows[0];
 * [r.semi_capital_pct, r.semi_intermediate_pct]; // => [2, 1] (848690, parts, BEC 42, comes out of intermediates; with opts.subtract 'table1': [3, 0])
 */
export function macroReal(
  rows: AnnualHs6[],
  tables: HsBecTables,
  gdp: { year: number; gdp_usd: number }[],
  groups: GroupRow[],
  hs6Group: Map<string, number | { group_id: number; share: number }[]>,
  opts: { subtract?: SubtractRule; excludeHs6?: string[] } = {},
): MacroRealResult {
  if (rows.length === 0) fail('macroReal', 'no annual HS6 rows', rows);
  const totals = becTotalsFromHs6(rows, tables);
  const subtract = opts.subtract ?? 'code-class';
  const drop = new Set(opts.excludeHs6 ?? []);
  const groupAnnual = groupAnnualFromHs6(
    rows.filter((r) => !drop.has(r.hs6)),
    hs6Group,
    tables,
  );
  const years = [...new Set(rows.map((r) => r.year))]
    .filter((y) => gdp.some((g) => g.year === y))
    .sort((a, b) => a - b);
  const out = macroShares(totals.totals, groupAnnual, groups, gdp, { years, missingGroupYear: 'zero', subtract });
  const y0 = years[0];
  const y1 = years[years.length - 1];
  const revs = [...new Set(rows.map((r) => r.revision))].sort();
  return {
    rows: out,
    totals,
    groupAnnual,
    sourceNote: `Real data: UN Comtrade, China's annual imports from the World by HS6 code, ${y0}–${y1}, classified by BEC Rev.4 end use (${revs.length === 1 ? `every year in ${revs[0]}, UNSD's ${revs[0]}→BEC table` : `UNSD HS→BEC tables, each year in the HS revision it was reported in (${revs.join(', ')})`}); semiconductor groups at HS6 (broader than the paper's HS8 groups), subtracted ${SUBTRACT_RULE_LABELS[subtract]}${drop.size ? ` without ${[...drop].join(', ')}` : ''}; GDP: World Bank WDI, current US dollars.`,
  };
}

/**
 * The end-use totals as the `bec-totals.csv` the study reads for imported data (`year,end_use,value_usd`),
 * with `#` lines saying where they come from.
 * @example becTotalsCsv([{ year: 2015, end_use: 'capital', value_usd: 7 }], 'note').split('\n')[1]; // => 'year,end_use,value_usd'
 */
export function becTotalsCsv(totals: EndUseTotal[], note: string): string {
  const lines = [`# ${note.replace(/\n/g, ' ')}`, 'year,end_use,value_usd'];
  for (const t of totals) lines.push(`${t.year},${t.end_use},${t.value_usd}`);
  return lines.join('\n') + '\n';
}
