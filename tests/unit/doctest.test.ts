/**
 * Examples that run: every `@example … // => value` in lib/ is executed and its
 * value compared with the text after `// =>` (conventions: docs/CONTRIBUTING.md,
 * "Examples that run"; machinery: tests/helpers/doctest.ts, the suite: tests/helpers/doctest-suite.ts).
 * This file runs the machinery's own tests and the examples of every folder but lib/present and lib/synthetic,
 * whose examples are in tests/unit/doctest-present.test.ts (the two files run side by side).
 */
import { describe, expect, it } from 'vitest';
import { compileExample, extractExamples, matchPattern, parseExpected, runCompiled } from '../helpers/doctest.js';
import { docTestSuite } from '../helpers/doctest-suite.js';

describe('doc-test machinery', () => {
  const root = '/r';
  const ok = (expected: string, actual: unknown) => matchPattern(parseExpected(expected, root), actual);
  it('reads literals and compares deeply', () => {
    expect(ok("{ a: 1, 'no effect': [true, null, 'x'] }", { a: 1, 'no effect': [true, null, 'x'] })).toBeNull();
    expect(ok('[1, 2]', [1, 2, 3])).toMatch(/more element/);
    expect(ok('{ a: 1 }', { a: 1, b: 2 })).toMatch(/unexpected key/);
    expect(ok("'a,b\\n1'", 'a,b\n1')).toBeNull();
    expect(ok('undefined', undefined)).toBeNull();
    expect(ok('0.5', 0.5000001)).toMatch(/expected 0.5/);
    expect(ok('[1, 2]', Float64Array.of(1, 2))).toMatch(/expected an array/);
  });
  it('… means "more"', () => {
    expect(ok('2.06…', 2.0612)).toBeNull();
    expect(ok('2.06…', 2.0599)).toMatch(/starting 2.06/);
    expect(ok("['a', …]", ['a', 'b', 'c'])).toBeNull();
    expect(ok("['a', …]", ['b'])).not.toBeNull();
    expect(ok('[2015, 2016, …, 2023, 2025]', [2015, 2016, 2017, 2023, 2025])).toBeNull();
    expect(ok('[2015, 2016, …, 2023, 2025]', [2015, 2016, 2017, 2024])).not.toBeNull();
    expect(ok("{ field: 'group', … }", { field: 'group', other: 1 })).toBeNull();
    expect(ok("{ field: 'group', … }", { field: 'x', other: 1 })).toMatch(/field/);
    expect(ok('{ row: …, column: … }', { row: 1, column: {} })).toBeNull();
    expect(ok('{ row: …, column: … }', { row: 1 })).toMatch(/no key column/);
    expect(ok("'<figure>…<td>2.1 %</td>…'", '<figure><table><td>2.1 %</td></table>')).toBeNull();
    expect(ok("'<figure>…<td>2.1 %</td>…'", '<figure><table><td>2.2 %</td></table>')).not.toBeNull();
    expect(ok("'<root>/data'", '/r/data')).toBeNull();
  });
  it('arithmetic, comments in parentheses, and no "(e.g.)"', () => {
    expect(ok('8 / 6 (≈ 1.333)', 8 / 6)).toBeNull();
    expect(ok('17 (by construction)', 17)).toBeNull();
    expect(ok("'x' (a comment)", 'x')).toBeNull();
    expect(() => parseExpected('605 (e.g.)', root)).toThrow(/e\.g\./);
    expect(() => parseExpected('ours − 2.06', root)).toThrow(/cannot read/);
  });
  it('extracts examples spanning lines, several checks per example, and setup', () => {
    const src = [
      '/**',
      ' * A module.',
      ' * @exampleSetup const k = 2;',
      ' * @module m',
      ' */',
      '/**',
      ' * f.',
      ' * @example',
      ' * const a = k + 1;',
      ' * a; // => 3',
      ' * a * 2',
      ' *   + 1;',
      ' * // => 7 (a comment)',
      ' * @example g(); // shows something',
      ' */',
      '/** One line. @example 1 + 1; // => 2 */',
      '/**',
      ' * @example [1, 2];',
      ' * // => [1,',
      ' * //     2]',
      ' */',
    ].join('\n');
    const fe = extractExamples(src, 'm.ts');
    expect(fe.setup).toEqual([{ line: 3, code: 'const k = 2;' }]);
    expect(fe.checks.map((c) => [c.line, c.expected])).toEqual([
      [10, '3'],
      [13, '7 (a comment)'],
      [16, '2'],
      [19, '[1, 2]'],
    ]);
    expect(fe.checks[1].code).toBe('const a = k + 1;\na; \na * 2\n  + 1;');
    expect(fe.shows).toEqual([{ file: 'm.ts', line: 14, code: 'g(); // shows something' }]);
  });
  it('compiles the last statement (also inside try/catch) into the value', async () => {
    expect(await runCompiled(compileExample('const x: number = k; x * 2;'), { k: 4 })).toBe(8);
    expect(
      await runCompiled(compileExample("try { throw new Error('no'); } catch (e) { (e as Error).message; }"), {}),
    ).toBe('no');
    expect(await runCompiled(compileExample('await Promise.resolve(3);'), {})).toBe(3);
    expect(() => compileExample('const x = 1;')).toThrow(/not an expression/);
  });
});

docTestSuite((f) => !/^lib\/(present|synthetic)\//.test(f), 150);
