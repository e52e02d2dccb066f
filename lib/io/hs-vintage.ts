/**
 * Converting values between HS vintages (HS2012, HS2017, HS2022) with UNSD's correlation tables of 6-digit codes
 * (shipped in `data/reference/unsd-hs-bec/*-correlation.csv`: each row a code of the newer vintage, a code of the
 * older one that shares goods with it, and UNSD's relationship 1:1, 1:n, n:1 or n:n). The rule, per source code:
 *
 * 1. a source code that exists in the target vintage too (its own code among its targets) stays in that code whole:
 *    its other pairs record goods moved in or out by a note at the margin (HS2017's multi-component ICs tie 854231 to
 *    159 HS2012 codes), and UNSD's own conversion tables keep every such code in place (5,125 of 5,125 HS2017→HS2012,
 *    5,241 of 5,241 HS2022→HS2017, counted on the shipped tables);
 * 2. a source code paired with one target code moves to it whole (1:1; several sources with one target, n:1, sum);
 * 3. any other source code (new or split in the revision, with several targets) is split among **its own** targets
 *    in proportion to `weights` (the target vintage's own values of those codes, e.g. the data's periods reported in
 *    that vintage); where its targets have no weight (or weights summing to 0), equally. UNSD's conversion tables give
 *    such a code one target (852411 flat-panel modules → 851712 phones); a weighted split spreads it over the codes
 *    that held those goods;
 * 4. a source code the table does not name is kept as it is and listed in the report.
 *
 * Why per source code and not per connected component (pooling every source of a tangle, then splitting the pool):
 * UNSD's HS2022 tables tie 852411 to 483 HS2017 codes, which chains 2,258 codes into one component; pooling would
 * move pump parts' value into printers' codes. The total is kept: Σ targets = Σ sources.
 * Nothing is rounded.
 *
 * @module io/hs-vintage
 */
import { fail } from '../core/errors.js';
import { readReferenceText, referenceDir } from './paths.js';

/** The HS vintages China's data of the study's window are reported in. */
export type HsVintage = 'HS2012' | 'HS2017' | 'HS2022';

/** The vintages, oldest first. */
export const HS_VINTAGES: readonly HsVintage[] = ['HS2012', 'HS2017', 'HS2022'];

/** What a fetch or import is asked for: the codes as each period was reported, or every period in one vintage. */
export type VintageChoice = 'as-reported' | HsVintage;

/**
 * Read a `--vintage` value.
 * @throws {StudyError} on anything but as-reported, HS2012, HS2017 or HS2022
 * @example parseVintage('hs2012'); // => 'HS2012'
 */
export function parseVintage(s: string): VintageChoice {
  const v = s.trim().toUpperCase();
  if (v === 'AS-REPORTED') return 'as-reported';
  if ((HS_VINTAGES as readonly string[]).includes(v)) return v as HsVintage;
  return fail('parseVintage', 'the vintage must be as-reported, HS2012, HS2017 or HS2022', s);
}

/** One row of a correlation table: a 6-digit code of the source vintage and one of the target vintage. */
export interface HsCorrelationRow {
  from: string;
  to: string;
}

/** One connected component of a correlation table. */
export interface HsCorrelationGroup {
  /** The source codes, sorted. */
  from: string[];
  /** The target codes, sorted. */
  to: string[];
  relationship: '1:1' | '1:n' | 'n:1' | 'n:n';
}

/**
 * The connected components of a correlation table, each with its relationship, sorted by their first source code
 * (what UNSD's relationship column says, computed from the pairs: for reports and checks).
 * @throws {StudyError} on a code that is not 6 digits
 * @example hsCorrelationGroups([{ from: '852411', to: '851712' }, { from: '852411', to: '852459' }])[0].relationship; // => '1:n'
 * @example hsCorrelationGroups([{ from: '111111', to: '999999' }, { from: '222222', to: '999999' }, { from: '222222', to: '888888' }])[0].to; // => ['888888', '999999']
 */
export function hsCorrelationGroups(rows: readonly HsCorrelationRow[]): HsCorrelationGroup[] {
  const { toOf, fromOf } = indexTable('hsCorrelationGroups', rows);
  const seen = new Set<string>();
  const groups: HsCorrelationGroup[] = [];
  for (const start of [...toOf.keys()].sort()) {
    if (seen.has(start)) continue;
    const from = new Set<string>([start]);
    const to = new Set<string>();
    const queue: ['from' | 'to', string][] = [['from', start]];
    while (queue.length) {
      const [side, code] = queue.pop()!;
      const next = side === 'from' ? toOf.get(code)! : fromOf.get(code)!;
      for (const c of next) {
        const set = side === 'from' ? to : from;
        if (set.has(c)) continue;
        set.add(c);
        queue.push([side === 'from' ? 'to' : 'from', c]);
      }
    }
    for (const c of from) seen.add(c);
    const f = [...from].sort();
    const t = [...to].sort();
    const relationship = f.length === 1 ? (t.length === 1 ? '1:1' : '1:n') : t.length === 1 ? 'n:1' : 'n:n';
    groups.push({ from: f, to: t, relationship });
  }
  return groups;
}

function indexTable(fn: string, rows: readonly HsCorrelationRow[]) {
  const toOf = new Map<string, Set<string>>();
  const fromOf = new Map<string, Set<string>>();
  for (const r of rows) {
    for (const c of [r.from, r.to])
      if (typeof c !== 'string' || !/^\d{6}$/.test(c)) fail(fn, 'codes must be 6 digits', c);
    if (!toOf.has(r.from)) toOf.set(r.from, new Set());
    toOf.get(r.from)!.add(r.to);
    if (!fromOf.has(r.to)) fromOf.set(r.to, new Set());
    fromOf.get(r.to)!.add(r.from);
  }
  return { toOf, fromOf };
}

/** What {@link convertHsVintage} did. */
export interface HsConversionReport {
  /** Source codes that exist in the target vintage too, kept whole in their own code (rule 1). */
  kept: number;
  /** Source codes with a value moved whole to their one target code (1:1 and n:1). */
  moved: number;
  /** Source codes with a value split among several target codes (1:n and n:n). */
  split: number;
  /** Of those, split equally because their targets had no weight. */
  equalSplits: number;
  /** Source codes the table does not name, kept as they are. */
  unmapped: string[];
}

/**
 * Convert values of source-vintage codes into target-vintage codes (see the module comment for the rule).
 * @param values value per source code (finite, ≥ 0)
 * @param rows the correlation table from the source to the target vintage
 * @param weights optional weight per target code for splitting a source code among several targets (finite, ≥ 0)
 * @throws {StudyError} on a negative or non-finite value or weight, or a code that is not 6 digits in the table
 * @example const r = convertHsVintage(new Map([['852411', 90]]), [{ from: '852411', to: '851712' }, { from: '852411', to: '852459' }], new Map([['851712', 2], ['852459', 1]]));
 * Object.fromEntries(r.values); // => { '851712': 60, '852459': 30 }
 */
export function convertHsVintage(
  values: ReadonlyMap<string, number>,
  rows: readonly HsCorrelationRow[],
  weights: ReadonlyMap<string, number> = new Map(),
): { values: Map<string, number>; report: HsConversionReport } {
  const fn = 'convertHsVintage';
  for (const [code, v] of values)
    if (!(v >= 0) || !Number.isFinite(v)) fail(fn, `value of ${code} must be finite and ≥ 0`, v);
  for (const [code, w] of weights)
    if (!(w >= 0) || !Number.isFinite(w)) fail(fn, `weight of ${code} must be finite and ≥ 0`, w);
  const { toOf } = indexTable(fn, rows);
  const out = new Map<string, number>();
  const add = (code: string, v: number) => out.set(code, (out.get(code) ?? 0) + v);
  const report: HsConversionReport = { kept: 0, moved: 0, split: 0, equalSplits: 0, unmapped: [] };
  for (const [code, v] of [...values].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const targets = toOf.get(code);
    if (!targets) {
      report.unmapped.push(code);
      add(code, v);
      continue;
    }
    if (targets.size > 1 && targets.has(code)) {
      report.kept++;
      add(code, v);
      continue;
    }
    const to = [...targets].sort();
    if (to.length === 1) {
      report.moved++;
      add(to[0], v);
      continue;
    }
    report.split++;
    const w = to.map((c) => weights.get(c) ?? 0);
    const sum = w.reduce((a, b) => a + b, 0);
    if (sum > 0) to.forEach((c, k) => add(c, v * (w[k] / sum)));
    else {
      report.equalSplits++;
      for (const c of to) add(c, v / to.length);
    }
  }
  return { values: out, report };
}

/**
 * UNSD's correlation table between two vintages, as pairs from `from` to `to` (a shipped table read in either
 * direction: the pairs are the same, only their sides swap).
 * Note: 854231 (HS2017) pairs with 159 HS2012 codes; rule 1 of the module keeps it in 854231.
 * @throws {StudyError} when the two vintages are the same, or the table is missing or has a bad line (naming file and line)
 * @example loadHsCorrelation('HS2022', 'HS2017').filter((r) => r.from === '852411').length; // => 483
 * @example loadHsCorrelation('HS2017', 'HS2012').filter((r) => r.from === '845611').map((r) => r.to); // => ['845610']
 */
export function loadHsCorrelation(from: HsVintage, to: HsVintage, dir: string = referenceDir()): HsCorrelationRow[] {
  const fn = 'loadHsCorrelation';
  if (from === to) fail(fn, 'the source and target vintages are the same', from);
  const [newer, older] = from > to ? [from, to] : [to, from];
  const rel = `unsd-hs-bec/hs${newer.slice(2)}-hs${older.slice(2)}-correlation.csv`;
  const lines = readReferenceText(rel, dir)
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/);
  if (lines[0] !== 'from,to,relationship')
    fail(fn, `${rel} line 1: expected the header from,to,relationship`, lines[0]);
  const rows: HsCorrelationRow[] = [];
  lines.slice(1).forEach((l, k) => {
    if (l === '') return;
    const m = /^(\d{6}),(\d{6}),(1:1|1:n|n:1|n:n)$/.exec(l);
    if (!m) fail(fn, `${rel} line ${k + 2}: expected code,code,relationship`, l);
    rows.push(from === newer ? { from: m![1], to: m![2] } : { from: m![2], to: m![1] });
  });
  return rows;
}

/** One value of one code in one period, with the vintage its code is in. */
export interface VintageRow {
  /** A year (`2017`) or a month (`2017-03`). */
  period: string;
  code: string;
  vintage: HsVintage;
  value: number;
}

/** What {@link convertToVintage} did, per source vintage converted. */
export interface VintageConversion {
  target: HsVintage;
  /** Periods whose data were in the target vintage already: their values are the weights of every split. */
  weightPeriods: string[];
  steps: ({ from: HsVintage; periods: string[]; valueIn: number; valueOut: number } & HsConversionReport)[];
}

/**
 * Put every period's values in one vintage: periods already in `target` stay as they are; the others are converted
 * with UNSD's correlation table (module rule), the weights of a split being each target code's total over the
 * periods reported in `target` (equal splits when there are none, counted in the report). Rows come out sorted by
 * period and code, in `target`.
 * @param load reads a correlation table (default: the shipped tables)
 * @throws {StudyError} on a negative or non-finite value, a code that is not 6 digits, or a period × code twice
 * @example convertToVintage([{ period: '2016', code: '854231', vintage: 'HS2012', value: 5 }], 'HS2017').rows;
 * // => [{ period: '2016', code: '854231', vintage: 'HS2017', value: 5 }]
 */
export function convertToVintage(
  rows: readonly VintageRow[],
  target: HsVintage,
  load: (from: HsVintage, to: HsVintage) => HsCorrelationRow[] = (f, t) => loadHsCorrelation(f, t),
): { rows: VintageRow[]; report: VintageConversion } {
  const fn = 'convertToVintage';
  const seen = new Set<string>();
  const weights = new Map<string, number>();
  const weightPeriods = new Set<string>();
  for (const r of rows) {
    if (!/^\d{6}$/.test(r.code)) fail(fn, `period ${r.period}: codes must be 6 digits`, r.code);
    if (!(r.value >= 0) || !Number.isFinite(r.value)) fail(fn, `${r.code} in ${r.period}: value must be ≥ 0`, r.value);
    const k = `${r.period}|${r.code}`;
    if (seen.has(k)) fail(fn, 'a period × code appears twice', k);
    seen.add(k);
    if (!HS_VINTAGES.includes(r.vintage)) fail(fn, `${r.code} in ${r.period}: unknown vintage`, r.vintage);
    if (r.vintage === target) {
      weightPeriods.add(r.period);
      weights.set(r.code, (weights.get(r.code) ?? 0) + r.value);
    }
  }
  const out: VintageRow[] = rows.filter((r) => r.vintage === target).map((r) => ({ ...r }));
  const steps: VintageConversion['steps'] = [];
  for (const from of HS_VINTAGES) {
    if (from === target) continue;
    const mine = rows.filter((r) => r.vintage === from);
    if (mine.length === 0) continue;
    const table = load(from, target);
    const byPeriod = new Map<string, Map<string, number>>();
    for (const r of mine) {
      if (!byPeriod.has(r.period)) byPeriod.set(r.period, new Map());
      byPeriod.get(r.period)!.set(r.code, r.value);
    }
    const periods = [...byPeriod.keys()].sort();
    const step = {
      from,
      periods,
      valueIn: 0,
      valueOut: 0,
      kept: 0,
      moved: 0,
      split: 0,
      equalSplits: 0,
      unmapped: [] as string[],
    };
    const unmapped = new Set<string>();
    for (const period of periods) {
      const values = byPeriod.get(period)!;
      const res = convertHsVintage(values, table, weights);
      step.kept += res.report.kept;
      step.moved += res.report.moved;
      step.split += res.report.split;
      step.equalSplits += res.report.equalSplits;
      for (const c of res.report.unmapped) unmapped.add(c);
      for (const v of values.values()) step.valueIn += v;
      for (const [code, value] of res.values) {
        step.valueOut += value;
        out.push({ period, code, vintage: target, value });
      }
    }
    step.unmapped = [...unmapped].sort();
    steps.push(step);
  }
  out.sort((a, b) =>
    a.period < b.period ? -1 : a.period > b.period ? 1 : a.code < b.code ? -1 : a.code > b.code ? 1 : 0,
  );
  return { rows: out, report: { target, weightPeriods: [...weightPeriods].sort(), steps } };
}
