/**
 * The single error helper of the library. Every function that rejects its
 * input throws through {@link fail}, so every message names the function and
 * the offending value in the same shape:
 *
 *     growthIndex: base value must be non-zero (got 0)
 *
 * @module core/errors
 */

/** An error raised by the study library; `fn` names the function that threw. */
export class StudyError extends Error {
  /** The library function that rejected its input. */
  readonly fn: string;
  /** The offending value, when there is one. */
  readonly value: unknown;
  constructor(fn: string, message: string, value?: unknown, hasValue = false) {
    super(`${fn}: ${message}${hasValue ? ` (got ${describeValue(value)})` : ''}`);
    this.name = 'StudyError';
    this.fn = fn;
    this.value = value;
  }
}

/**
 * Render a value for an error message: strings quoted, numbers as written,
 * long arrays and objects shortened.
 *
 * @example describeValue('1012100'); // => '"1012100"'
 * @example describeValue(NaN); // => 'NaN'
 */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 80 ? value.slice(0, 77) + '...' : value);
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  if (Array.isArray(value)) {
    const head = value.slice(0, 5).map(describeValue).join(', ');
    return `[${head}${value.length > 5 ? `, … (${value.length} items)` : ''}]`;
  }
  try {
    const s = JSON.stringify(value);
    return s.length > 80 ? s.slice(0, 77) + '...' : s;
  } catch {
    return String(value);
  }
}

/**
 * Throw a {@link StudyError} naming the function and, when given, the bad value.
 *
 * @param fn the public function that rejects the input (e.g. `'growthIndex'`)
 * @param message what is wrong, in words a reader can act on
 * @param value the offending value (omit when there is none)
 * @throws {StudyError} always
 * @example
 * try { fail('volatilityIndex', 'series is empty', []); } catch (e) { (e as Error).message; }
 * // => 'volatilityIndex: series is empty (got [])'
 */
export function fail(fn: string, message: string, ...value: [unknown?]): never {
  throw new StudyError(fn, message, value[0], value.length > 0);
}

/**
 * A problem in an input file, located to the file, line and column, with the
 * offending text. Importers throw it through {@link failAt}.
 */
export class InputError extends StudyError {
  readonly file: string;
  readonly line: number | undefined;
  readonly column: string | undefined;
  constructor(
    fn: string,
    where: { file: string; line?: number; column?: string },
    message: string,
    value?: unknown,
    hasValue = false,
  ) {
    const loc = [
      where.file,
      where.line !== undefined ? `line ${where.line}` : '',
      where.column !== undefined ? `column "${where.column}"` : '',
    ]
      .filter(Boolean)
      .join(', ');
    super(fn, `${loc}: ${message}`, value, hasValue);
    this.name = 'InputError';
    this.file = where.file;
    this.line = where.line;
    this.column = where.column;
  }
}

/**
 * Throw an {@link InputError} that names the function, file, line, column and value.
 *
 * @throws {InputError} always
 * @example
 * try { failAt('importCustomsCsv', { file: 'a.csv', line: 7, column: '美元' }, 'negative value', -5); }
 * catch (e) { (e as Error).message; }
 * // => 'importCustomsCsv: a.csv, line 7, column "美元": negative value (got -5)'
 */
export function failAt(
  fn: string,
  where: { file: string; line?: number; column?: string },
  message: string,
  ...value: [unknown?]
): never {
  throw new InputError(fn, where, message, value[0], value.length > 0);
}
