/**
 * Commodity codes: normalisation and validation of HS8/HS6 codes, bridging of
 * codes renamed or split between years, and aggregation of a code panel into
 * grouped series (by group, category or end-use class).
 *
 * @module core/codes
 */
import { fail } from './errors.js';
import type { Panel } from './types.js';

/** Code level: China Customs 8-digit (HS8) or the international 6-digit HS6. */
export type CodeLevel = 'HS8' | 'HS6';

/** A normalised code and, when the input was repaired, what was done. */
export interface NormalisedCode {
  code: string;
  /** A reported repair (e.g. a restored leading zero), or undefined when none. */
  repair?: string;
}

const LEN: Record<CodeLevel, number> = { HS8: 8, HS6: 6 };

/**
 * Normalise one commodity code: strip spaces and dots, then restore one lost
 * leading zero when the code is one digit short (7-digit HS8, 5-digit HS6 —
 * what a spreadsheet does to `01012100`); the repair is reported, never silent.
 *
 * @param raw the code as read (text or a number)
 * @param level 'HS8' (default) or 'HS6'
 * @throws {StudyError} when the result is not all digits or has the wrong length
 * @example normaliseCode('8542.31 11'); // => { code: '85423111' }
 * @example normaliseCode(1012100); // => { code: '01012100', repair: 'restored a lost leading zero ("1012100" → "01012100")' }
 */
export function normaliseCode(raw: string | number, level: CodeLevel = 'HS8'): NormalisedCode {
  if (typeof raw === 'number' && !Number.isInteger(raw))
    fail('normaliseCode', 'a numeric code must be an integer', raw);
  if (typeof raw !== 'string' && typeof raw !== 'number') fail('normaliseCode', 'code must be text or a number', raw);
  const s = String(raw).replace(/[\s.]/g, '');
  if (!/^\d+$/.test(s))
    fail('normaliseCode', `${level} code must contain only digits (spaces and dots are stripped)`, raw);
  const n = LEN[level];
  if (s.length === n) return { code: s };
  if (s.length === n - 1)
    return {
      code: '0' + s,
      repair: `restored a lost leading zero (${JSON.stringify(s)} → ${JSON.stringify('0' + s)})`,
    };
  return fail('normaliseCode', `${level} code must have ${n} digits`, raw);
}

/**
 * True when `code` is exactly 8 digits (no repair).
 * @example isHS8('85423111'); // => true
 * @example isHS8('8542311'); // => false
 */
export function isHS8(code: string): boolean {
  return typeof code === 'string' && /^\d{8}$/.test(code);
}

/**
 * True when `code` is exactly 6 digits (no repair).
 * @example isHS6('854231'); // => true
 */
export function isHS6(code: string): boolean {
  return typeof code === 'string' && /^\d{6}$/.test(code);
}

/**
 * Assert that `code` is a valid code of `level` and return it.
 * @throws {StudyError} naming the caller's code when invalid
 * @example validateCode('854231', 'HS6'); // => '854231'
 */
export function validateCode(code: string, level: CodeLevel = 'HS8'): string {
  if (!(level === 'HS8' ? isHS8(code) : isHS6(code)))
    fail('validateCode', `not a valid ${level} code (${LEN[level]} digits)`, code);
  return code;
}

/** One code change: `old_code` was replaced (renamed, split or merged) by `new_code` from `year_changed`. */
export interface CodeBridge {
  old_code: string;
  new_code: string;
  year_changed: number;
}

/** The result of {@link bridgeCodes}. */
export interface BridgeResult {
  /** Every input code → its aggregation key (itself when not bridged). */
  mapping: Map<string, string>;
  /** Family key → the codes it joins (old and new, ascending). */
  families: Map<string, string[]>;
  /** Bridged codes seen in the input with a non-missing, non-zero value at or after their year of change (for panels only). */
  lateOldCodes: { code: string; month: string; value: number }[];
}

/**
 * Map pre-split (or renamed) codes to the successor set used for aggregation.
 *
 * Rule: bridges link codes into families (connected components of old→new
 * links, so chains and merges work). A family's key is its successor set —
 * the codes that are never an `old_code`, ascending, joined by `+`
 * (`'85423111+85423119+85423190'`). A pure rename therefore maps to the new
 * code (`84561000 → 84561100`). Every member of a family (old or new) maps to
 * the same key, so summing by key gives one series continuous across the
 * change. Codes not in any bridge map to themselves.
 *
 * @param input a panel, or rows with a `code` (e.g. PanelRow[])
 * @param bridges the code changes
 * @throws {StudyError} on an invalid code, a self-bridge, or a cycle (a family with no successor)
 * @example bridgeCodes([{ code: '85423100' }, { code: '85423111' }],
 *   [{ old_code: '85423100', new_code: '85423111', year_changed: 2017 }, { old_code: '85423100', new_code: '85423119', year_changed: 2017 }]).mapping.get('85423100');
 * // => '85423111+85423119'
 */
export function bridgeCodes(
  input: Pick<Panel, 'codes' | 'months' | 'values'> | { code: string }[],
  bridges: CodeBridge[],
): BridgeResult {
  const codes: string[] = Array.isArray(input) ? [...new Set(input.map((r) => r.code))] : input.codes;
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let r = x;
    while (parent.get(r) !== r) r = parent.get(r)!;
    let y = x;
    while (parent.get(y) !== r) {
      const nx = parent.get(y)!;
      parent.set(y, r);
      y = nx;
    }
    return r;
  };
  const add = (x: string) => {
    if (!parent.has(x)) parent.set(x, x);
  };
  const olds = new Set<string>();
  bridges.forEach((b) => {
    for (const c of [b.old_code, b.new_code])
      if (!isHS8(c) && !isHS6(c)) fail('bridgeCodes', 'bridge codes must be HS8 or HS6 digits', c);
    if (b.old_code === b.new_code) fail('bridgeCodes', 'a bridge must link two different codes', b.old_code);
    if (!Number.isInteger(b.year_changed)) fail('bridgeCodes', 'year_changed must be an integer year', b.year_changed);
    add(b.old_code);
    add(b.new_code);
    olds.add(b.old_code);
    const a = find(b.old_code);
    const c = find(b.new_code);
    if (a !== c) parent.set(a, c);
  });
  const members = new Map<string, string[]>();
  for (const c of parent.keys()) {
    const r = find(c);
    if (!members.has(r)) members.set(r, []);
    members.get(r)!.push(c);
  }
  const families = new Map<string, string[]>();
  const mapping = new Map<string, string>();
  for (const list of members.values()) {
    list.sort();
    const successors = list.filter((c) => !olds.has(c));
    if (successors.length === 0) fail('bridgeCodes', 'bridges form a cycle (no successor code)', list);
    const key = successors.join('+');
    families.set(key, list);
    for (const c of list) mapping.set(c, key);
  }
  for (const c of codes) if (!mapping.has(c)) mapping.set(c, c);
  const lateOldCodes: BridgeResult['lateOldCodes'] = [];
  if (!Array.isArray(input)) {
    const changeYear = new Map<string, number>();
    for (const b of bridges)
      changeYear.set(b.old_code, Math.min(changeYear.get(b.old_code) ?? Infinity, b.year_changed));
    input.codes.forEach((c, k) => {
      const y = changeYear.get(c);
      if (y === undefined) return;
      input.months.forEach((m, t) => {
        const v = input.values[k][t];
        if (Number(m.slice(0, 4)) >= y && Number.isFinite(v) && v !== 0)
          lateOldCodes.push({ code: c, month: m, value: v });
      });
    });
  }
  return { mapping, families, lateOldCodes };
}

/** How {@link aggregatePanel} treats a missing (NaN) member month. */
export type AggregateMissing = 'sum-present' | 'propagate' | 'zero' | 'error';

/** Options of {@link aggregatePanel}. */
export interface AggregateOptions {
  /**
   * Missing-month policy (default 'sum-present'):
   * - 'sum-present': a key's month is the sum of its members that are present;
   *   missing only when every member is missing (right for bridged families,
   *   where the old code is absent after the split and the new codes before it);
   * - 'propagate': any missing member makes the key's month missing (NaN);
   * - 'zero': a missing member counts as 0 (customs omit months with no trade);
   * - 'error': throw on the first missing member month.
   */
  missing?: AggregateMissing;
  /** Codes absent from the mapping: 'error' (default) or 'drop' (listed in the report). */
  unmapped?: 'error' | 'drop';
}

/** A grouped panel: one series per key, same months as the input. */
export interface AggregatedPanel {
  source: Panel['source'];
  months: string[];
  /** Series keys (group names, categories, end-use classes…), ascending. Named `codes` so index functions take it like a Panel. */
  codes: string[];
  values: Float64Array[];
  /** members[k] = the input codes summed into codes[k]. */
  members: string[][];
  /** What the missing-month and unmapped policies did. */
  report: {
    missing: AggregateMissing;
    /** Member-months that were missing in the input. */
    missingMemberMonths: number;
    /** Key-months left missing (NaN) in the output. */
    missingKeyMonths: number;
    droppedCodes: string[];
  };
}

/**
 * Sum a code panel into series by key (code → group, category or end-use
 * class), with an explicit missing-month policy.
 *
 * @param panel the code panel
 * @param mapping code → key (a Map, a record, or a function returning undefined for unmapped)
 * @param opts see {@link AggregateOptions}; defaults missing 'sum-present', unmapped 'error'
 * @throws {StudyError} on an unmapped code (unless dropped), a missing month under 'error', or a negative value
 * @example aggregatePanel(panel, Object.fromEntries(panel.codes.map((c) => [c, c.startsWith('8542') ? 'ICs' : 'other']))).codes;
 * // => ['ICs', 'other'] (every code of the panel needs a key)
 */
export function aggregatePanel(
  panel: Panel,
  mapping: Map<string, string> | Record<string, string> | ((code: string) => string | undefined),
  opts: AggregateOptions = {},
): AggregatedPanel {
  const missing = opts.missing ?? 'sum-present';
  const unmapped = opts.unmapped ?? 'error';
  if (!['sum-present', 'propagate', 'zero', 'error'].includes(missing))
    fail('aggregatePanel', 'unknown missing policy', missing);
  const lookup =
    typeof mapping === 'function'
      ? mapping
      : mapping instanceof Map
        ? (c: string) => mapping.get(c)
        : (c: string) => (Object.prototype.hasOwnProperty.call(mapping, c) ? mapping[c] : undefined);
  const T = panel.months.length;
  const byKey = new Map<string, number[]>();
  const dropped: string[] = [];
  panel.codes.forEach((c, k) => {
    if (panel.values[k].length !== T)
      fail('aggregatePanel', `series of ${c} has ${panel.values[k].length} values for ${T} months`, c);
    const key = lookup(c);
    if (key === undefined || key === '') {
      if (unmapped === 'error') fail('aggregatePanel', 'code has no key in the mapping', c);
      dropped.push(c);
      return;
    }
    if (!byKey.has(key)) byKey.set(key, []);
    byKey.get(key)!.push(k);
  });
  const keys = [...byKey.keys()].sort();
  let missingMemberMonths = 0;
  let missingKeyMonths = 0;
  const values = keys.map((key) => {
    const idx = byKey.get(key)!;
    const out = new Float64Array(T);
    for (let t = 0; t < T; t++) {
      let sum = 0;
      let present = 0;
      let absent = 0;
      for (const k of idx) {
        const v = panel.values[k][t];
        if (Number.isNaN(v)) {
          absent++;
          if (missing === 'error')
            fail(
              'aggregatePanel',
              `missing month ${panel.months[t]} for code ${panel.codes[k]} (missing policy 'error')`,
              panel.codes[k],
            );
          continue;
        }
        if (!Number.isFinite(v) || v < 0)
          fail(
            'aggregatePanel',
            `value of ${panel.codes[k]} in ${panel.months[t]} must be a finite non-negative number of US dollars`,
            v,
          );
        sum += v;
        present++;
      }
      missingMemberMonths += absent;
      const isMissing = (missing === 'propagate' && absent > 0) || (missing === 'sum-present' && present === 0);
      if (isMissing) missingKeyMonths++;
      out[t] = isMissing ? NaN : sum;
    }
    return out;
  });
  return {
    source: panel.source,
    months: panel.months.slice(),
    codes: keys,
    values,
    members: keys.map((k) => byKey.get(k)!.map((i) => panel.codes[i])),
    report: { missing, missingMemberMonths, missingKeyMonths, droppedCodes: dropped },
  };
}
