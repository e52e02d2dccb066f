/**
 * Examples that run: every `@example … // => value` in lib/ is executed and its
 * value compared with the text after `// =>` (conventions: docs/CONTRIBUTING.md,
 * "Examples that run"; machinery: tests/helpers/doctest.ts).
 *
 * In scope for every example: everything lib/index.ts exports, everything its own
 * module exports, `aq` (arquero), `path`, `fs` and `os` (node:), the shared names
 * below (computed once, when a module's examples use them), and the names the
 * module's `@exampleSetup` declares (these win over the shared ones). The examples'
 * `os.tmpdir()` (and `<tmp>` in an expected value) is a temporary folder of this test
 * file (tests/helpers/temp.ts), so what the examples write there is removed after it.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as aq from 'arquero';
import { describe, expect, it } from 'vitest';
import * as lib from '../../lib/index.js';
import {
  compileExample,
  compileSetup,
  compileStatements,
  extractExamples,
  matchPattern,
  parseExpected,
  runCompiled,
  showValue,
  type FileExamples,
} from '../helpers/doctest.js';
import { tempDir } from '../helpers/temp.js';

const ROOT = lib.projectRoot();
/** The examples' temporary folder: their os.tmpdir() and the `<tmp>` of expected values. */
const TMP = tempDir('doctest-');
const exampleOs = { ...os, tmpdir: (): string => TMP };

function libFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory() ? libFiles(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : [],
    )
    .sort();
}

const FILES: FileExamples[] = libFiles(path.join(ROOT, 'lib')).map((f) =>
  extractExamples(fs.readFileSync(f, 'utf8'), path.relative(ROOT, f)),
);
const CHECKS = FILES.flatMap((f) => f.checks);
const SHOWS = FILES.flatMap((f) => f.shows);

/** Shared names every example may use (documented in docs/CONTRIBUTING.md), computed once and only when used. */
const SHARED: Record<string, () => unknown> = {
  panel: () => lib.loadPanel({ source: 'synthetic' }),
  gp: () => lib.grouping.groupPanel(shared('panel') as lib.Panel, 1),
  groups: () => lib.loadGroups(),
  published: () => lib.loadPublished(),
  run: () => lib.runStudy({ dataSource: 'synthetic' }),
};
const sharedValues = new Map<string, unknown>();
function shared(name: string): unknown {
  if (!sharedValues.has(name)) sharedValues.set(name, SHARED[name]());
  return sharedValues.get(name);
}

/** The free names of a module's examples: the library, the module's own exports, aq/path/fs/os, then its setup (run once). */
const scopes = new Map<string, Promise<Record<string, unknown>>>();
function scopeOf(file: string): Promise<Record<string, unknown>> {
  let s = scopes.get(file);
  if (!s) {
    s = (async () => {
      const own = (await import(path.join(ROOT, file))) as Record<string, unknown>;
      const scope: Record<string, unknown> = { ...lib, ...own, aq, path, fs, os: exampleOs };
      for (const name of Object.keys(scope))
        if (!/^[A-Za-z_$][\w$]*$/.test(name) || name === 'default') delete scope[name];
      const fe = FILES.find((f) => f.file === file)!;
      const used = [...fe.setup, ...fe.checks, ...fe.shows].map((c) => c.code).join('\n');
      for (const name of Object.keys(SHARED)) if (new RegExp(`\\b${name}\\b`).test(used)) scope[name] = shared(name);
      for (const setup of fe.setup) {
        const { js } = compileSetup(setup.code);
        let declared: Record<string, unknown>;
        try {
          declared = (await runCompiled(js, scope)) as Record<string, unknown>;
        } catch (e) {
          throw new Error(
            `${file}:${setup.line}: @exampleSetup failed: ${(e as Error).message}\n  code: ${setup.code}`,
          );
        }
        Object.assign(scope, declared);
      }
      return scope;
    })();
    scopes.set(file, s);
  }
  return s;
}

function fmtCode(code: string): string {
  return code.split('\n').join('\n        ');
}

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

describe('examples that run', () => {
  it(`finds the examples (${CHECKS.length} checks, ${SHOWS.length} examples that show)`, () => {
    expect(CHECKS.length).toBeGreaterThan(150);
  });

  it.each(CHECKS.map((c) => [`${c.file}:${c.line}`, c] as const))('%s', async (_name, c) => {
    const where = `${c.file}:${c.line}\n  code:     ${fmtCode(c.code)}\n  expected: ${c.expected}`;
    let pattern;
    try {
      pattern = parseExpected(c.expected, ROOT, TMP);
    } catch (e) {
      throw new Error(`${where}\n  ${(e as Error).message}`);
    }
    let actual: unknown;
    try {
      actual = await runCompiled(compileExample(c.code), await scopeOf(c.file));
    } catch (e) {
      throw new Error(`${where}\n  threw:    ${(e as Error).message}`);
    }
    const diff = matchPattern(pattern, actual);
    if (diff) throw new Error(`${where}\n  actual:   ${showValue(actual)}\n  ${diff}`);
  });

  it.each(SHOWS.map((c) => [`${c.file}:${c.line} (shows)`, c] as const))('%s runs without error', async (_name, c) => {
    try {
      await runCompiled(compileStatements(c.code), await scopeOf(c.file));
    } catch (e) {
      throw new Error(`${c.file}:${c.line}\n  code:  ${fmtCode(c.code)}\n  threw: ${(e as Error).message}`);
    }
  });
});
