/**
 * Step 5, which semiconductor imports are subtracted from which end-use class. The BEC totals
 * hold each code's imports in the class of that code (capital goods, intermediates, or neither),
 * so the default rule subtracts each code from the class where its value sits: a group printed
 * as capital goods in Table 1 can have lines that BEC counts as intermediates (resistors 853321,
 * parts of chip-making machines 848690: BEC 42), and those are subtracted from intermediates.
 * The rule of Table 1 (a whole group from the class printed for it) and no subtraction stay
 * available as named choices.
 *
 * @module steps/macro-semis
 */
import { fail } from '../core/errors.js';
import type { Batch, Category, EndUse, Panel } from '../core/types.js';
import { loadCodeBec, type GroupRow } from '../io/data.js';
import { groupPanel } from './grouping.js';
import { annualGroupSums, type GroupAnnual } from './macro.js';
import { classifyHs6, loadHsBecTables, revisionOfYear, type HsBecTables } from './macro-real.js';

/**
 * Which semiconductor imports are subtracted from which class: 'code-class' (default: each code
 * from the class of its own BEC end use), 'table1' (each group wholly from the class Table 1
 * prints for it) or 'none' (nothing subtracted).
 */
export type SubtractRule = 'code-class' | 'table1' | 'none';

/** The rules of {@link SubtractRule}, default first. */
export const SUBTRACT_RULES: readonly SubtractRule[] = ['code-class', 'table1', 'none'];

/** Words for each rule, for captions and tables. */
export const SUBTRACT_RULE_LABELS: Readonly<Record<SubtractRule, string>> = Object.freeze({
  'code-class': "by each code's BEC class",
  table1: 'by Table 1 (whole group from its printed class)',
  none: 'none',
});

/** Annual imports of the part of one group whose codes have one BEC end use. */
export interface ClassAnnual extends GroupAnnual {
  end_use: EndUse;
}

/** The semiconductor imports subtracted in one year, by class (US dollars). */
export interface SemiSums {
  capital: number;
  intermediate: number;
  /** Semiconductor imports in neither class (consumption goods or unclassified): not subtracted. */
  neither: number;
}

/** A group row as the subtraction reads it; `wholeGroup` (set by overrideGroups) puts the whole group in its category. */
export type SubtractGroup = {
  group_id: number;
  category: Category | string;
  semiconductor: boolean;
  wholeGroup?: boolean;
};

const CLASS_OF: Record<string, 'capital' | 'intermediate' | undefined> = {
  'capital goods': 'capital',
  intermediate: 'intermediate',
  'consumption goods': undefined,
};

/**
 * The semiconductor imports to subtract, per year and class, under a rule. Rows may carry an
 * `end_use` (parts of a group by its codes' BEC end use, see {@link annualGroupClassSums}); rule
 * 'code-class' needs it on every row of a semiconductor group.
 * @throws {StudyError} on an unknown rule, a missing group-year under missingGroupYear 'error', a
 *   semiconductor group printed as consumption goods under 'table1', or a row without end use under 'code-class'
 * @example semiSums([{ year: 2015, group_id: 1, end_use: 'capital', value_usd: 3 }, { year: 2015, group_id: 1, end_use: 'intermediate', value_usd: 2 }],
 *   [{ group_id: 1, category: 'capital goods', semiconductor: true }], 'code-class', [2015]).get(2015);
 * // => { capital: 3, intermediate: 2, neither: 0 } (under 'table1': { capital: 5, intermediate: 0, neither: 0 })
 */
export function semiSums(
  rows: (GroupAnnual & { end_use?: EndUse })[],
  groups: SubtractGroup[],
  rule: SubtractRule,
  years: number[],
  missingGroupYear: 'error' | 'zero' = 'error',
): Map<number, SemiSums> {
  const fn = 'semiSums';
  if (!SUBTRACT_RULES.includes(rule)) fail(fn, `unknown rule (expected one of ${SUBTRACT_RULES.join(', ')})`, rule);
  const semi = new Map(groups.filter((g) => g.semiconductor).map((g) => [g.group_id, g] as const));
  for (const g of semi.values())
    if ((rule === 'table1' || g.wholeGroup) && CLASS_OF[g.category] === undefined)
      fail(
        fn,
        `semiconductor group ${g.group_id} has category "${g.category}", which has no end-use class to subtract from`,
        g.category,
      );
  const out = new Map<number, SemiSums>(years.map((y) => [y, { capital: 0, intermediate: 0, neither: 0 }]));
  if (rule === 'none') return out;
  const seen = new Set<string>();
  for (const r of rows) {
    const g = semi.get(r.group_id);
    const s = out.get(r.year);
    if (!g || !s) continue;
    seen.add(`${r.year}|${r.group_id}`);
    let cls: keyof SemiSums;
    if (rule === 'table1' || g.wholeGroup) cls = CLASS_OF[g.category]!;
    else if (r.end_use === undefined)
      fail(
        fn,
        `rule 'code-class' needs each code's end use: group ${r.group_id} in ${r.year} has a row without one`,
        r,
      );
    else cls = r.end_use === 'capital' || r.end_use === 'intermediate' ? r.end_use : 'neither';
    s[cls!] += r.value_usd;
  }
  if (missingGroupYear === 'error')
    for (const y of years)
      for (const id of semi.keys())
        if (!seen.has(`${y}|${id}`))
          fail(fn, `no annual value for semiconductor group ${id} in ${y} (missingGroupYear 'error')`, id);
  return out;
}

/** A code's end use in a year (undefined: no class known). */
export type CodeClassOf = (code: string, year: number) => EndUse | undefined;

/**
 * Each code's BEC end use: an 8-digit curated code from data/study/code-bec.csv; a 6-digit code (or
 * an 8-digit code not curated, by its HS6 parent) from UNSD's HS→BEC table of the year's HS revision
 * (rule R3 for n:n), else of the nearest other revision that has the code (data reported in an older
 * revision), else 'unclassified' (not subtracted; the macro table counts it as semi_neither_usd).
 * @example codeClassOf()('85332110', 2015); // => 'intermediate' (resistors, BEC 42)
 * @example codeClassOf()('848690', 2015); // => 'intermediate' (parts of chip-making machines, BEC 42)
 * @example codeClassOf()('300210', 2017); // => 'intermediate' (HS2012 code, not in HS2017: HS2012's table)
 */
export function codeClassOf(
  codeBec: { code: string; end_use: EndUse }[] = loadCodeBec(),
  tables?: HsBecTables,
): CodeClassOf {
  const hs8 = new Map(codeBec.map((r) => [r.code, r.end_use] as const));
  let t = tables;
  return (code, year) => {
    const curated = code.length === 8 ? hs8.get(code) : undefined;
    if (curated) return curated;
    t ??= loadHsBecTables();
    const own = revisionOfYear(year);
    const gap = (r: string) => Math.abs(Number(r.slice(2)) - Number(own.slice(2)));
    const order = (['HS2012', 'HS2017', 'HS2022'] as const).slice().sort((a, b) => gap(a) - gap(b));
    for (const rev of order) {
      const c = classifyHs6(code.slice(0, 6), rev, t);
      if (c) return c.end_use;
    }
    return 'unclassified';
  };
}

/**
 * A panel split by its codes' end use: one panel per class, each holding the months of the codes
 * that are in that class that year (other months 0; a missing month stays missing in every class),
 * so the classes sum back to the panel.
 * @throws {StudyError} when a code has no class (`classOf` returns undefined)
 * @example [...splitPanelByClass(panel, codeClassOf()).keys()].sort(); // => ['capital', 'consumption', 'intermediate'] (SYNTHETIC)
 */
export function splitPanelByClass(panel: Panel, classOf: CodeClassOf): Map<EndUse, Panel> {
  const years = panel.months.map((m) => Number(m.slice(0, 4)));
  const parts = new Map<EndUse, { codes: string[]; values: Float64Array[] }>();
  panel.codes.forEach((code, k) => {
    const cls = new Map<number, EndUse>();
    for (const y of new Set(years)) {
      const c = classOf(code, y);
      if (c === undefined) fail('splitPanelByClass', `code ${code} has no BEC end use in ${y}`, code);
      cls.set(y, c!);
    }
    for (const c of new Set(cls.values())) {
      const p = parts.get(c) ?? { codes: [], values: [] };
      p.codes.push(code);
      p.values.push(panel.values[k].map((v, t) => (Number.isNaN(v) || cls.get(years[t]) === c ? v : 0)));
      parts.set(c, p);
    }
  });
  return new Map(
    [...parts].map(([c, p]) => [c, { source: panel.source, months: panel.months, codes: p.codes, values: p.values }]),
  );
}

/**
 * Annual sums of each group of a batch, split by its codes' BEC end use, for the years in which the whole group is
 * complete ({@link annualGroupSums}); the classes of a group sum to its annual total, and a month missing in one
 * class's codes only counts as nothing in that class.
 * @example annualGroupClassSums(panel, 1).filter((r) => r.year === 2015 && r.group_id === 1).map((r) => r.end_use);
 * // => ['capital', 'intermediate'] (Passive Components: capacitors BEC 41, resistors BEC 42)
 */
export function annualGroupClassSums(
  panel: Panel,
  batch: Batch,
  groups?: GroupRow[],
  classOf: CodeClassOf = codeClassOf(),
): ClassAnnual[] {
  const out: ClassAnnual[] = [];
  // A year is complete when the whole group's is, as under Table 1's rule (a group month is the sum of its codes
  // present that month): a month missing in every code of one class but present in the group's other codes adds
  // nothing to that class, and does not drop the class's whole year.
  const complete = new Set(
    annualGroupSums(groupPanel(panel, batch, groups)).rows.map((r) => `${r.group_id}|${r.year}`),
  );
  for (const [end_use, part] of splitPanelByClass(panel, classOf)) {
    let gp;
    try {
      gp = groupPanel(part, batch, groups);
    } catch (e) {
      if (/none of batch/.test(String((e as Error).message))) continue; // no curated code in this class
      throw e;
    }
    // the group-years in which this class has a value at all (a class with no code valid that year has no row)
    const present = new Set<string>();
    const ids = new Map(gp.groups.map((g) => [g.group, g.group_id] as const));
    gp.values.forEach((row, k) =>
      row.forEach((v, t) => {
        if (!Number.isNaN(v)) present.add(`${ids.get(gp.codes[k])}|${gp.months[t].slice(0, 4)}`);
      }),
    );
    const filled = { ...gp, values: gp.values.map((row) => row.map((v) => (Number.isNaN(v) ? 0 : v))) };
    for (const r of annualGroupSums(filled).rows) {
      const key = `${r.group_id}|${r.year}`;
      if (complete.has(key) && present.has(key)) out.push({ ...r, end_use });
    }
  }
  return out.sort((a, b) => a.year - b.year || a.group_id - b.group_id || (a.end_use < b.end_use ? -1 : 1));
}

/** A category override for the macro adjustment: a Table-1 category, or 'not subtracted' (the group stays in its class). */
export type CategoryOverride = Category | 'not subtracted';

/**
 * Group rows with some groups re-categorised for the macro adjustment (the input rows are not changed).
 * 'not subtracted' clears the group's semiconductor flag, so macroShares leaves it in the class totals;
 * a category puts the whole group in that class under every rule (`wholeGroup`, also under 'code-class').
 * @throws {StudyError} on an override for an unknown group id or an unknown category
 * @example overrideGroups([{ group_id: 1, category: 'capital goods', semiconductor: true }], { 1: 'intermediate' })[0].category;
 * // => 'intermediate'
 */
export function overrideGroups<T extends { group_id: number; category: Category; semiconductor: boolean }>(
  groups: T[],
  overrides: Record<number, CategoryOverride>,
): (T & { wholeGroup?: boolean })[] {
  const fn = 'overrideGroups';
  const known: CategoryOverride[] = ['capital goods', 'intermediate', 'consumption goods', 'not subtracted'];
  const ids = new Set(groups.map((g) => g.group_id));
  for (const [k, v] of Object.entries(overrides)) {
    if (!ids.has(Number(k))) fail(fn, 'override for a group id not in the group table', k);
    if (!known.includes(v)) fail(fn, `unknown category (expected one of ${known.join(', ')})`, v);
  }
  return groups.map((g) => {
    const o = overrides[g.group_id];
    if (o === undefined) return { ...g };
    return o === 'not subtracted' ? { ...g, semiconductor: false } : { ...g, category: o, wholeGroup: true };
  });
}

/**
 * A panel without some codes (the input is not changed), e.g. to leave a line out of the semiconductor sums.
 * @example withoutCodes(panel, ['84869091']).codes.includes('84869091'); // => false
 */
export function withoutCodes(panel: Panel, codes: string[]): Panel {
  if (codes.length === 0) return panel;
  const drop = new Set(codes);
  const keep = panel.codes.map((c) => !drop.has(c));
  return {
    ...panel,
    codes: panel.codes.filter((_, k) => keep[k]),
    values: panel.values.filter((_, k) => keep[k]),
  };
}
