/**
 * Byte-level field parsers of the importers: codes, months and amounts read
 * straight from the bytes of a field, without making a string. They never
 * allocate on the fast path.
 *
 * Two kinds:
 * - `parse…` read one field given its byte range (as the CSV scanner hands them
 *   over: quotes excluded), allowing spaces around the value; they are the rules.
 * - `plain…` read a plain unquoted field from its start up to the next comma (or
 *   the line end), for a reader's fast path over whole lines: they accept a subset
 *   of what the `parse…` parser accepts and, where they accept, return the same
 *   value; anything else (quotes, spaces, separators, an empty cell) they leave to
 *   the `parse…` parser by returning -1.
 *
 * @module io/importers/fields
 */
import { MONTH_LAST_YEAR, MONTH_ORIGIN_YEAR } from '../../core/months.js';

const COMMA = 44;
const SPACE = 32;
const TAB = 9;
const DASH = 45;
const DOT = 46;
// Local copies: imported names compile to getter calls on the per-field path.
const ORIGIN_YEAR = MONTH_ORIGIN_YEAR;
const LAST_YEAR = MONTH_LAST_YEAR;

/**
 * Side results of the last parse calls (a plain object: module-level `let`
 * exports become slow getters once compiled to CommonJS).
 * `digits`: digit count of the last {@link parseDigits} or {@link plainDigits};
 * `separators`: whether the last {@link parseAmount} skipped thousands separators;
 * `end`: where the field read by the last successful `plain…` parser ends (its comma, or the line end).
 */
export const parseState = { digits: 0, separators: false, end: 0 };

/**
 * Parse an all-digit field (spaces around allowed) as a non-negative integer.
 * Returns -1 when the field is empty or has any other character. The digit
 * count is left in `parseState.digits` (leading zeros count).
 *
 * @example parseDigits(Buffer.from('"01012100"'), 1, 9); // => 1012100 (parseState.digits 8)
 */
export function parseDigits(buf: Uint8Array, s: number, e: number): number {
  while (s < e && (buf[s] === SPACE || buf[s] === TAB)) s++;
  while (e > s && (buf[e - 1] === SPACE || buf[e - 1] === TAB)) e--;
  parseState.digits = e - s;
  if (s === e || e - s > 15) return -1;
  let v = 0;
  for (let k = s; k < e; k++) {
    const d = buf[k] - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

/**
 * Parse a month field as a month index (year − 1900) × 12 + (month − 1).
 * Accepts `YYYY-MM`, `YYYYMM`, `YYYY/MM`, `YYYY.MM`, `YYYY-M`. Returns -1 when invalid
 * (or the year is outside 1900–2240).
 *
 * @example parseMonth(Buffer.from('2015-01'), 0, 7); // => 1380
 * @example parseMonth(Buffer.from('201513'), 0, 6); // => -1
 */
export function parseMonth(buf: Uint8Array, s: number, e: number): number {
  while (s < e && buf[s] === SPACE) s++;
  while (e > s && buf[e - 1] === SPACE) e--;
  const n = e - s;
  if (n < 6 || n > 7) return -1;
  let y = 0;
  for (let k = s; k < s + 4; k++) {
    const d = buf[k] - 48;
    if (d < 0 || d > 9) return -1;
    y = y * 10 + d;
  }
  let m: number;
  const c4 = buf[s + 4];
  if (n === 6) {
    const d1 = c4 - 48;
    const d2 = buf[s + 5] - 48;
    if (d1 >= 0 && d1 <= 9 && d2 >= 0 && d2 <= 9) m = d1 * 10 + d2;
    else if (c4 === 45 || c4 === 47 || c4 === 46) {
      if (d2 < 0 || d2 > 9) return -1;
      m = d2;
    } else return -1;
  } else {
    if (c4 !== 45 && c4 !== 47 && c4 !== 46) return -1;
    const d1 = buf[s + 5] - 48;
    const d2 = buf[s + 6] - 48;
    if (d1 < 0 || d1 > 9 || d2 < 0 || d2 > 9) return -1;
    m = d1 * 10 + d2;
  }
  if (m < 1 || m > 12 || y < ORIGIN_YEAR || y > LAST_YEAR) return -1;
  return (y - ORIGIN_YEAR) * 12 + (m - 1);
}

/** {@link parseAmount} result: the cell is empty or `-` (missing). */
export const AMOUNT_MISSING = -1;
/** {@link parseAmount} result: not a number. */
export const AMOUNT_INVALID = -2;
/** {@link parseAmount} result: a negative number. */
export const AMOUNT_NEGATIVE = -3;

const POW10 = [
  1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21,
  1e22,
];

/**
 * Parse a money or quantity cell: digits with optional thousands separators
 * (`5,848,714`, groups of three checked) and an optional decimal part; exponent
 * notation is accepted too. Returns the value (≥ 0), or {@link AMOUNT_MISSING}
 * for an empty cell or `-`, {@link AMOUNT_INVALID}, or {@link AMOUNT_NEGATIVE}.
 * The result is correctly rounded (all digits are collected as an exact integer,
 * then divided once by a power of ten).
 *
 * @example parseAmount(Buffer.from('5,848,714'), 0, 9); // => 5848714
 * @example parseAmount(Buffer.from('-'), 0, 1); // => -1 (AMOUNT_MISSING)
 */
export function parseAmount(buf: Uint8Array, s: number, e: number): number {
  parseState.separators = false;
  while (s < e && (buf[s] === SPACE || buf[s] === TAB)) s++;
  while (e > s && (buf[e - 1] === SPACE || buf[e - 1] === TAB)) e--;
  if (s === e) return AMOUNT_MISSING;
  let c = buf[s];
  if (c === 45) {
    if (e - s === 1) return AMOUNT_MISSING;
    const v = parseAmount(buf, s + 1, e);
    return v >= 0 && v !== 0 ? AMOUNT_NEGATIVE : v === 0 ? 0 : AMOUNT_INVALID;
  }
  if (c === 43) s++;
  let v = 0;
  let digits = 0;
  let frac = -1;
  let group = -1; // digits since the last separator, -1 before any separator
  for (let k = s; k < e; k++) {
    c = buf[k];
    const d = c - 48;
    if (d >= 0 && d <= 9) {
      v = v * 10 + d;
      digits++;
      if (frac >= 0) frac++;
      else if (group >= 0) group++;
      continue;
    }
    if (c === COMMA && frac < 0) {
      if (digits === 0 || (group >= 0 && group !== 3)) return AMOUNT_INVALID;
      if (group < 0 && digits > 3) return AMOUNT_INVALID;
      group = 0;
      parseState.separators = true;
      continue;
    }
    if (c === 46 && frac < 0) {
      if (group >= 0 && group !== 3) return AMOUNT_INVALID;
      frac = 0;
      continue;
    }
    return slowAmount(buf, s, e);
  }
  if (digits === 0) return AMOUNT_INVALID;
  if (frac < 0 && group >= 0 && group !== 3) return AMOUNT_INVALID;
  if (digits > 15) return slowAmount(buf, s, e);
  return frac > 0 ? v / POW10[frac] : v;
}

function slowAmount(buf: Uint8Array, s: number, e: number): number {
  let str = '';
  for (let k = s; k < e; k++) str += String.fromCharCode(buf[k]);
  if (/^\d{1,3}(,\d{3})+(\.\d*)?$/.test(str)) {
    parseState.separators = true;
    str = str.replace(/,/g, '');
  }
  if (!/^(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(str)) return AMOUNT_INVALID;
  const v = Number(str);
  return Number.isFinite(v) ? v : AMOUNT_INVALID;
}

/**
 * Read a plain all-digit field starting at `s`, up to the next comma or `e` (no
 * quotes, no spaces). Returns its value, or -1 when the field is empty, has more
 * than 15 digits or any other character. On success the field's end (the comma's
 * offset, or `e`) is left in `parseState.end` and its digit count in
 * `parseState.digits`; {@link parseDigits} over the same field returns the same.
 *
 * @example plainDigits(Buffer.from('01012100,HS8'), 0, 12); // => 1012100 (parseState.end 8, parseState.digits 8)
 * @example plainDigits(Buffer.from(' 1,2'), 0, 4); // => -1 (a space: left to parseDigits)
 */
export function plainDigits(buf: Uint8Array, s: number, e: number): number {
  let v = 0;
  let i = s;
  let c = 0;
  while (i < e && (c = buf[i]) !== COMMA) {
    const d = c - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
    i++;
  }
  if (i === s || i - s > 15) return -1;
  parseState.end = i;
  parseState.digits = i - s;
  return v;
}

/**
 * Read a plain `YYYY-MM` field starting at `s`, followed by a comma or `e`. Returns
 * the month index (as {@link parseMonth}, which returns the same for the field), or
 * -1 for anything else; on success the field's end is left in `parseState.end`.
 *
 * @example plainMonth(Buffer.from('2015-01,5'), 0, 9); // => 1380
 * @example plainMonth(Buffer.from('201501,5'), 0, 8); // => -1 (another spelling: left to parseMonth)
 */
export function plainMonth(buf: Uint8Array, s: number, e: number): number {
  const end = s + 7;
  if (end > e || (end < e && buf[end] !== COMMA) || buf[s + 4] !== DASH) return -1;
  let y = 0;
  for (let k = s; k < s + 4; k++) {
    const d = buf[k] - 48;
    if (d < 0 || d > 9) return -1;
    y = y * 10 + d;
  }
  const m0 = buf[s + 5] - 48;
  const m1 = buf[s + 6] - 48;
  if (m0 < 0 || m0 > 9 || m1 < 0 || m1 > 9) return -1;
  const m = m0 * 10 + m1;
  if (m < 1 || m > 12 || y < ORIGIN_YEAR || y > LAST_YEAR) return -1;
  parseState.end = end;
  return (y - ORIGIN_YEAR) * 12 + (m - 1);
}

/**
 * Read a plain amount field starting at `s`, up to the next comma or `e`: digits
 * with at most one decimal point, 1 to 15 digits in all (no sign, separators,
 * exponent or spaces). Returns the value — the same {@link parseAmount} returns
 * for the field — or -1 for anything else (an empty cell too); on success the
 * field's end is left in `parseState.end`.
 *
 * @example plainAmount(Buffer.from('12.5,116'), 0, 8); // => 12.5
 * @example plainAmount(Buffer.from('-'), 0, 1); // => -1 (left to parseAmount, which reads it as missing)
 */
export function plainAmount(buf: Uint8Array, s: number, e: number): number {
  let v = 0;
  let nd = 0;
  let frac = -1;
  let i = s;
  let c = 0;
  while (i < e && (c = buf[i]) !== COMMA) {
    const d = c - 48;
    if (d >= 0 && d <= 9) {
      v = v * 10 + d;
      nd++;
      if (frac >= 0) frac++;
    } else if (c === DOT && frac < 0) frac = 0;
    else return -1;
    i++;
  }
  if (nd === 0 || nd > 15) return -1;
  parseState.end = i;
  return frac > 0 ? v / POW10[frac] : v;
}
