/**
 * The examples that run (docs/CONTRIBUTING.md, "Examples that run"): one `describe` that executes every
 * `@example … // => value` of the lib/ files `include` keeps. tests/unit/doctest.test.ts runs the examples of
 * lib/core, lib/steps, lib/io and the other folders; tests/unit/doctest-present.test.ts those of lib/present and
 * lib/synthetic, so that the two halves run on the two workers side by side.
 *
 * In scope for every example: everything lib/index.ts exports, everything its own
 * module exports, `aq` (arquero), `path`, `fs` and `os` (node:), the shared names
 * below (computed once per test file, when a module's examples use them), and the names the
 * module's `@exampleSetup` declares (these win over the shared ones). The examples'
 * `os.tmpdir()` (and `<tmp>` in an expected value) is a temporary folder of the test
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
} from './doctest.js';
import { tempDir } from './temp.js';

/**
 * Define the examples that run for the lib/ files (paths relative to the project root, e.g. 'lib/core/months.ts')
 * that `include` keeps; `atLeast` checks are expected (a guard against an extraction that finds none).
 */
export function docTestSuite(include: (file: string) => boolean, atLeast: number): void {
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

  const FILES: FileExamples[] = libFiles(path.join(ROOT, 'lib'))
    .filter((f) => include(path.relative(ROOT, f).split(path.sep).join('/')))
    .map((f) => extractExamples(fs.readFileSync(f, 'utf8'), path.relative(ROOT, f)));
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

  describe('examples that run', () => {
    it(`finds the examples (${CHECKS.length} checks, ${SHOWS.length} examples that show)`, () => {
      expect(CHECKS.length).toBeGreaterThanOrEqual(atLeast);
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

    it.each(SHOWS.map((c) => [`${c.file}:${c.line} (shows)`, c] as const))(
      '%s runs without error',
      async (_name, c) => {
        try {
          await runCompiled(compileStatements(c.code), await scopeOf(c.file));
        } catch (e) {
          throw new Error(`${c.file}:${c.line}\n  code:  ${fmtCode(c.code)}\n  threw: ${(e as Error).message}`);
        }
      },
    );
  });
}
