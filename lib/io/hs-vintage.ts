/**
 * Converting values between HS vintages (HS2012, HS2017, HS2022) with a correlation table of 6-digit codes, as
 * UNSD publishes them (each row: a code of the source vintage, a code of the target vintage). A row can be part of
 * a 1:1, 1:n, n:1 or n:n relationship; each relationship is treated on its own:
 *
 * - the codes are grouped into connected components of the table (every source code with all its target codes,
 *   and every target code with all its source codes, until closed), so an n:n tangle is one component;
 * - the value of a component's source codes is summed, and split among its target codes in proportion to
 *   `weights` (for example the target vintage's own values of those codes in a year reported in it); where there
 *   are no weights for the component (or they sum to 0), the split is equal. 1:1 and n:1 components need no split;
 * - a source code the table does not name is kept as it is (treated 1:1) and counted in the report.
 *
 * The total is kept: Σ target values = Σ source values, for every component. Nothing is rounded.
 *
 * The correlation tables themselves are not shipped (they are UNSD's; no copy with a licence and provenance is in
 * data/reference/ yet): a caller reads them from where the user put them.
 *
 * @module io/hs-vintage
 */
import { fail } from '../core/errors.js';

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
 * The connected components of a correlation table, each with its relationship, sorted by their first source code.
 * @throws {StudyError} on a code that is not 6 digits
 * @example hsCorrelationGroups([{ from: '852411', to: '851712' }, { from: '852411', to: '852459' }])[0].relationship; // => '1:n'
 * @example hsCorrelationGroups([{ from: '111111', to: '999999' }, { from: '222222', to: '999999' }, { from: '222222', to: '888888' }])[0].to; // => ['888888', '999999']
 */
export function hsCorrelationGroups(rows: readonly HsCorrelationRow[]): HsCorrelationGroup[] {
  const fn = 'hsCorrelationGroups';
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

/** What {@link convertHsVintage} did. */
export interface HsConversionReport {
  /** Components with source values, per relationship. */
  components: Record<HsCorrelationGroup['relationship'], number>;
  /** Source codes the table does not name, kept as they are. */
  unmapped: string[];
  /** Components split equally because no weight was given for their target codes. */
  equalSplits: number;
}

/**
 * Convert values of source-vintage codes into target-vintage codes (see the module comment for the rule).
 * @param values value per source code (finite, ≥ 0)
 * @param rows the correlation table from the source to the target vintage
 * @param weights optional weight per target code for splitting 1:n and n:n components (finite, ≥ 0)
 * @throws {StudyError} on a negative or non-finite value or weight
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
  const out = new Map<string, number>();
  const add = (code: string, v: number) => out.set(code, (out.get(code) ?? 0) + v);
  const report: HsConversionReport = {
    components: { '1:1': 0, '1:n': 0, 'n:1': 0, 'n:n': 0 },
    unmapped: [],
    equalSplits: 0,
  };
  const mapped = new Set<string>();
  for (const g of hsCorrelationGroups(rows)) {
    for (const c of g.from) mapped.add(c);
    const present = g.from.filter((c) => values.has(c));
    if (present.length === 0) continue;
    report.components[g.relationship]++;
    const total = present.reduce((s, c) => s + values.get(c)!, 0);
    if (g.to.length === 1) {
      add(g.to[0], total);
      continue;
    }
    const w = g.to.map((c) => weights.get(c) ?? 0);
    const sum = w.reduce((a, b) => a + b, 0);
    if (sum > 0) g.to.forEach((c, k) => add(c, (total * w[k]) / sum));
    else {
      report.equalSplits++;
      for (const c of g.to) add(c, total / g.to.length);
    }
  }
  for (const [code, v] of [...values].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
    if (!mapped.has(code)) {
      report.unmapped.push(code);
      add(code, v);
    }
  return { values: out, report };
}
