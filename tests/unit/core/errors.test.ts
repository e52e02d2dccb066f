import { describe, expect, it } from 'vitest';
import { describeValue, fail, failAt, InputError, StudyError } from '../../../lib/core/errors.js';

/** The error `f()` throws (fails the test when it throws nothing). */
const thrown = (f: () => unknown): unknown => {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error('expected an error, nothing was thrown');
};

/** 81 characters, no two neighbours alike, so a cut shows where it fell. */
const text81 = '0123456789'.repeat(9).slice(0, 81);

describe('describeValue', () => {
  it('quotes strings as JSON', () => {
    expect(describeValue('1012100')).toBe('"1012100"');
    expect(describeValue('')).toBe('""');
    expect(describeValue('a"b')).toBe('"a\\"b"');
  });

  it('keeps a string of 80 characters whole and cuts one of 81 to 77 and "..."', () => {
    expect(describeValue(text81.slice(0, 80))).toBe(`"${text81.slice(0, 80)}"`);
    expect(describeValue(text81)).toBe(`"${text81.slice(0, 77)}..."`);
    expect(describeValue('x'.repeat(500))).toBe(`"${'x'.repeat(77)}..."`);
  });

  it('writes numbers, bigints and booleans as written', () => {
    expect(describeValue(0)).toBe('0');
    expect(describeValue(-5)).toBe('-5');
    expect(describeValue(1.5)).toBe('1.5');
    expect(describeValue(NaN)).toBe('NaN');
    expect(describeValue(-Infinity)).toBe('-Infinity');
    expect(describeValue(10n)).toBe('10');
    expect(describeValue(true)).toBe('true');
    expect(describeValue(false)).toBe('false');
  });

  it('writes a bigint as its digits even when BigInt has a toJSON (as some libraries install)', () => {
    const proto = BigInt.prototype as unknown as { toJSON?: () => string };
    proto.toJSON = function (this: bigint) {
      return `${this.toString()}n`;
    };
    try {
      expect(describeValue(12n)).toBe('12');
    } finally {
      delete proto.toJSON;
    }
  });

  it('names undefined and null', () => {
    expect(describeValue(undefined)).toBe('undefined');
    expect(describeValue(null)).toBe('null');
  });

  it('lists up to 5 array items, each described, and counts a longer array', () => {
    expect(describeValue([])).toBe('[]');
    expect(describeValue([1, 'a'])).toBe('[1, "a"]');
    expect(describeValue([undefined, null, NaN])).toBe('[undefined, null, NaN]');
    expect(describeValue([[1, 2], []])).toBe('[[1, 2], []]');
    expect(describeValue([1, 2, 3, 4, 5])).toBe('[1, 2, 3, 4, 5]');
    expect(describeValue([1, 2, 3, 4, 5, 6])).toBe('[1, 2, 3, 4, 5, … (6 items)]');
    expect(describeValue(Array.from({ length: 1000 }, (_, i) => i))).toBe('[0, 1, 2, 3, 4, … (1000 items)]');
  });

  it('writes other objects as JSON, keeping 80 characters whole and cutting 81 to 77 and "..."', () => {
    expect(describeValue({ a: 1 })).toBe('{"a":1}');
    expect(describeValue({})).toBe('{}');
    // {"k":"…"} is 8 characters around the text
    const at80 = { k: text81.slice(0, 72) };
    expect(describeValue(at80)).toBe(JSON.stringify(at80));
    expect(describeValue(at80)).toHaveLength(80);
    const at81 = { k: text81.slice(0, 73) };
    expect(JSON.stringify(at81)).toHaveLength(81);
    expect(describeValue(at81)).toBe(`${JSON.stringify(at81).slice(0, 77)}...`);
    expect(describeValue(at81)).toBe(`{"k":"${text81.slice(0, 71)}...`);
  });

  it('falls back to String() for what JSON cannot write', () => {
    const circular: { self?: unknown } = {};
    circular.self = circular;
    expect(describeValue(circular)).toBe('[object Object]');
    expect(describeValue(Symbol('x'))).toBe('Symbol(x)');
    function f() {
      return 1;
    }
    expect(describeValue(f)).toBe(String(f));
  });
});

describe('StudyError', () => {
  it('without a value: "fn: message", with name, fn and value fields', () => {
    const e = new StudyError('growthIndex', 'base value must be non-zero');
    expect(e).toBeInstanceOf(Error);
    expect(e.message).toBe('growthIndex: base value must be non-zero');
    expect(e.name).toBe('StudyError');
    expect(e.fn).toBe('growthIndex');
    expect(e.value).toBeUndefined();
    expect(String(e)).toBe('StudyError: growthIndex: base value must be non-zero');
  });

  it('shows the value only when told it has one', () => {
    expect(new StudyError('f', 'bad', 0).message).toBe('f: bad');
    expect(new StudyError('f', 'bad', 0).value).toBe(0);
    expect(new StudyError('f', 'bad', 0, true).message).toBe('f: bad (got 0)');
    expect(new StudyError('f', 'bad', undefined, true).message).toBe('f: bad (got undefined)');
  });
});

describe('fail', () => {
  it('throws a StudyError naming the function and the value', () => {
    const e = thrown(() => fail('growthIndex', 'base value must be non-zero', 0)) as StudyError;
    expect(e).toBeInstanceOf(StudyError);
    expect(e.message).toBe('growthIndex: base value must be non-zero (got 0)');
    expect(e.name).toBe('StudyError');
    expect(e.fn).toBe('growthIndex');
    expect(e.value).toBe(0);
  });

  it('with no value, the message has no "(got …)"; an undefined value given is shown', () => {
    const e = thrown(() => fail('volatilityIndex', 'series is empty')) as StudyError;
    expect(e.message).toBe('volatilityIndex: series is empty');
    expect(e.value).toBeUndefined();
    expect((thrown(() => fail('volatilityIndex', 'series is empty', undefined)) as Error).message).toBe(
      'volatilityIndex: series is empty (got undefined)',
    );
    expect((thrown(() => fail('volatilityIndex', 'series is empty', [])) as Error).message).toBe(
      'volatilityIndex: series is empty (got [])',
    );
  });
});

describe('InputError and failAt', () => {
  const where = { file: 'a.csv', line: 7, column: '美元' };

  it('names the function, file, line, column and value', () => {
    const e = thrown(() => failAt('importCustomsCsv', where, 'negative value', -5)) as InputError;
    expect(e).toBeInstanceOf(InputError);
    expect(e).toBeInstanceOf(StudyError);
    expect(e.message).toBe('importCustomsCsv: a.csv, line 7, column "美元": negative value (got -5)');
    expect(e.name).toBe('InputError');
    expect(e.fn).toBe('importCustomsCsv');
    expect(e.value).toBe(-5);
    expect(e.file).toBe('a.csv');
    expect(e.line).toBe(7);
    expect(e.column).toBe('美元');
  });

  it('leaves out the line and column it is not given, with no empty parts', () => {
    const fileOnly = thrown(() => failAt('readPanel', { file: 'p.csv' }, 'no header')) as InputError;
    expect(fileOnly.message).toBe('readPanel: p.csv: no header');
    expect(fileOnly.line).toBeUndefined();
    expect(fileOnly.column).toBeUndefined();
    expect((thrown(() => failAt('readPanel', { file: 'p.csv', line: 3 }, 'short row')) as Error).message).toBe(
      'readPanel: p.csv, line 3: short row',
    );
    expect((thrown(() => failAt('readPanel', { file: 'p.csv', column: 'HS8' }, 'missing')) as Error).message).toBe(
      'readPanel: p.csv, column "HS8": missing',
    );
  });

  it('keeps line 0 and an empty column name', () => {
    const e = thrown(() => failAt('readPanel', { file: 'p.csv', line: 0, column: '' }, 'bad', 'x')) as InputError;
    expect(e.message).toBe('readPanel: p.csv, line 0, column "": bad (got "x")');
    expect(e.line).toBe(0);
    expect(e.column).toBe('');
  });

  it('with no value, the message has no "(got …)"', () => {
    const e = thrown(() => failAt('readPanel', { file: 'p.csv', line: 2 }, 'empty row')) as InputError;
    expect(e.message).toBe('readPanel: p.csv, line 2: empty row');
    expect(e.value).toBeUndefined();
    expect((thrown(() => failAt('readPanel', { file: 'p.csv' }, 'empty', undefined)) as Error).message).toBe(
      'readPanel: p.csv: empty (got undefined)',
    );
  });

  it('constructed directly, shows the value only when told it has one', () => {
    const e = new InputError('readPanel', { file: 'p.csv' }, 'bad');
    expect(e.message).toBe('readPanel: p.csv: bad');
    expect(e.name).toBe('InputError');
    expect(new InputError('readPanel', { file: 'p.csv' }, 'bad', 5).message).toBe('readPanel: p.csv: bad');
    expect(new InputError('readPanel', { file: 'p.csv' }, 'bad', 5, true).message).toBe(
      'readPanel: p.csv: bad (got 5)',
    );
  });
});
