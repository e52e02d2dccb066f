/**
 * `npm run mutate`'s command line, its choice of files (scripts/mutate.ts mutatedFiles) and its score per folder
 * from Stryker's JSON report (folderScores, scoreTable), checked against hand-counted reports; and that the folders
 * it scores are the ones stryker.config.mjs mutates.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  batchFiles,
  folderScores,
  MUTATED_FOLDERS,
  mutatedFiles,
  parseMutateArgs,
  scoreTable,
  survivorLines,
  type MutationReport,
} from '../../../scripts/mutate.js';

describe('parseMutateArgs', () => {
  it('defaults, --since, repeated --file, --force, --scores, --help', () => {
    expect(parseMutateArgs([])).toEqual({
      help: false,
      since: undefined,
      files: [],
      force: false,
      batch: 4,
      scores: false,
      survivors: undefined,
    });
    expect(parseMutateArgs(['--batch', '1'])).toMatchObject({ batch: 1 });
    expect(parseMutateArgs(['--survivors', 'lib/core'])).toMatchObject({ survivors: 'lib/core' });
    expect(parseMutateArgs(['--since', 'main'])).toMatchObject({ since: 'main', files: [] });
    expect(parseMutateArgs(['--file', 'lib/core/months.ts', '--file=lib/core/codes.ts'])).toMatchObject({
      files: ['lib/core/months.ts', 'lib/core/codes.ts'],
    });
    expect(parseMutateArgs(['--force', '--scores'])).toMatchObject({ force: true, scores: true });
    expect(parseMutateArgs(['--since', 'main', '-h'])).toEqual({ help: true });
  });

  it('mistakes are errors naming the option', () => {
    expect(() => parseMutateArgs(['--sinse', 'main'])).toThrow('unknown option --sinse (see npm run mutate -- --help)');
    expect(() => parseMutateArgs(['--since'])).toThrow(/--since/);
    expect(() => parseMutateArgs(['lib/core/months.ts'])).toThrow('unexpected argument lib/core/months.ts');
    expect(() => parseMutateArgs(['--batch', '0'])).toThrow(/--batch/);
    expect(() => parseMutateArgs(['--batch', '2.5'])).toThrow(/--batch/);
    expect(() => parseMutateArgs(['--since', 'main', '--file', 'lib/core/months.ts'])).toThrow(
      '--since and --file choose the files two ways: give one of them',
    );
  });
});

describe('batchFiles', () => {
  it('splits in order into runs of at most the size', () => {
    expect(batchFiles(['a.ts', 'b.ts', 'c.ts', 'd.ts', 'e.ts'], 2)).toEqual([
      ['a.ts', 'b.ts'],
      ['c.ts', 'd.ts'],
      ['e.ts'],
    ]);
    expect(batchFiles(['a.ts', 'b.ts'], 4)).toEqual([['a.ts', 'b.ts']]);
    expect(batchFiles(['a.ts', 'b.ts'], 1)).toEqual([['a.ts'], ['b.ts']]);
    expect(batchFiles([], 4)).toEqual([]);
  });
});

describe('mutatedFiles', () => {
  it('keeps the .ts sources of the four folders, sorted, once each', () => {
    expect(
      mutatedFiles([
        'lib/steps/partition.ts',
        'lib/present/tables.ts', // not mutated
        'lib/io/panel.ts', // lib/io itself is not, only its importers and Comtrade client
        'lib/io/importers/customs.ts',
        'lib/io/comtrade/plan.ts',
        'lib/core/months.ts',
        'lib/core/months.ts',
        path.posix.join('lib/steps', 'types.d.ts'), // (joined: tests/unit/layout.test.ts checks that named files exist)
        'lib/steps/README.md',
        path.posix.join('lib/stepsx', 'a.ts'), // a folder whose name only starts like one
        'tests/unit/steps/partition.test.ts',
      ]),
    ).toEqual([
      'lib/core/months.ts',
      'lib/io/comtrade/plan.ts',
      'lib/io/importers/customs.ts',
      'lib/steps/partition.ts',
    ]);
    expect(mutatedFiles([])).toEqual([]);
  });

  it('the folders are the ones stryker.config.mjs mutates', () => {
    const config = fs.readFileSync('stryker.config.mjs', 'utf8');
    const folders = [...config.matchAll(/(\w+): \{\s*folder: '(lib\/[^']+)'/g)].map((m) => `${m[1]} ${m[2]}`).sort();
    expect(folders).toEqual(MUTATED_FOLDERS.map((f) => `${f.name} ${f.folder}`).sort());
  });
});

describe('folderScores', () => {
  const m = (status: string, n: number): { status: string }[] => Array.from({ length: n }, () => ({ status }));
  const report: MutationReport = {
    files: {
      'lib/core/months.ts': { mutants: [...m('Killed', 7), ...m('Survived', 2), ...m('Ignored', 3)] },
      'lib/core/codes.ts': { mutants: [...m('Timeout', 1), ...m('NoCoverage', 1), ...m('CompileError', 1)] },
      '/root/p/lib/io/importers/customs.ts': { mutants: [...m('Killed', 17), ...m('Survived', 3)] },
      'lib/present/tables.ts': { mutants: m('Survived', 50) }, // outside the folders: not counted anywhere
    },
  };

  it('counts by status and scores (killed + timeout) / (killed + timeout + survived + no coverage)', () => {
    const byFolder = Object.fromEntries(folderScores(report, '/root/p').map((s) => [s.folder, s]));
    // lib/core: 8 detected of 8 + 2 + 1 = 11 → 72.73 %; ignored and compile errors are not in the score
    expect(byFolder['lib/core']).toMatchObject({
      mutants: 15,
      killed: 7,
      timeout: 1,
      survived: 2,
      noCoverage: 1,
      ignored: 3,
      errors: 1,
    });
    expect(byFolder['lib/core'].score).toBeCloseTo((100 * 8) / 11, 10);
    // an absolute file name under the root counts for its folder: 17 of 20
    expect(byFolder['lib/io/importers'].score).toBe(85);
    expect(byFolder['lib/steps'].mutants).toBe(0);
    expect(byFolder['lib/steps'].score).toBeNaN();
  });

  it('the table says met, below or not run against each target', () => {
    // the example of scoreTable's doc comment
    const one = scoreTable([
      {
        folder: 'lib/core',
        target: 90,
        mutants: 4,
        killed: 3,
        timeout: 0,
        survived: 1,
        noCoverage: 0,
        ignored: 0,
        errors: 0,
        score: 75,
      },
    ]);
    expect(one.split('\n')[2]).toBe(
      'lib/core          75.00 %    90 %  below        4        3        0         1        0        0',
    );
    const lines = scoreTable(folderScores(report, '/root/p')).split('\n');
    expect(lines[0]).toMatch(/^folder\s+score\s+target/);
    expect(lines[2]).toBe('lib/steps         not run');
    expect(lines[3]).toBe(
      'lib/core          72.73 %    90 %  below       15        7        1         2        1        3',
    );
    expect(lines[4]).toMatch(/^lib\/io\/importers\s+85\.00 %\s+85 %\s+met\s/);
    expect(lines[5]).toBe('lib/io/comtrade   not run');
  });
});

describe('survivorLines', () => {
  const at = (line: number, column: number, endColumn: number) => ({
    start: { line, column },
    end: { line, column: endColumn },
  });
  const report: MutationReport = {
    files: {
      'lib/core/months.ts': {
        source: 'const a = b < c;\nif (x) {\n  y();\n}\n',
        mutants: [
          { status: 'Killed', mutatorName: 'EqualityOperator', replacement: 'b <= c', location: at(1, 11, 16) },
          { status: 'Survived', mutatorName: 'ConditionalExpression', replacement: 'true', location: at(1, 11, 16) },
          {
            status: 'NoCoverage',
            mutatorName: 'BlockStatement',
            replacement: '{}',
            location: { start: { line: 2, column: 8 }, end: { line: 4, column: 2 } },
          },
        ],
      },
      'lib/core/codes.ts': {
        source: 'f();\n',
        mutants: [{ status: 'Survived', mutatorName: 'BlockStatement', replacement: '{}', location: at(1, 1, 4) }],
      },
      'lib/steps/indices.ts': {
        source: 'g();\n',
        mutants: [{ status: 'Survived', mutatorName: 'BlockStatement', replacement: '{}', location: at(1, 1, 4) }],
      },
    },
  };

  it('lists survivors and uncovered mutants of a file or folder with the code they change, in order', () => {
    expect(survivorLines(report, 'lib/core/months.ts')).toEqual([
      'lib/core/months.ts:1:11  Survived  ConditionalExpression  b < c  →  true',
      'lib/core/months.ts:2:8  NoCoverage  BlockStatement  {  →  {}',
    ]);
    expect(survivorLines(report, 'lib/core/')).toEqual([
      'lib/core/codes.ts:1:1  Survived  BlockStatement  f()  →  {}',
      'lib/core/months.ts:1:11  Survived  ConditionalExpression  b < c  →  true',
      'lib/core/months.ts:2:8  NoCoverage  BlockStatement  {  →  {}',
    ]);
    expect(survivorLines(report, 'lib/io')).toEqual([]);
  });
});

describe('stryker.config.mjs', () => {
  const load = async (folder: string | undefined): Promise<Record<string, unknown>> => {
    const before = { folder: process.env.STRYKER_FOLDER, tests: process.env.STRYKER_TESTS };
    if (folder === undefined) delete process.env.STRYKER_FOLDER;
    else process.env.STRYKER_FOLDER = folder;
    try {
      // a fresh module each time: the config reads the environment when it loads
      const url = `${pathToFileURL(path.resolve('stryker.config.mjs')).href}?folder=${folder}&t=${Date.now()}`;
      const mod = (await import(url)) as { default: Record<string, unknown> };
      return { ...mod.default, tests: process.env.STRYKER_TESTS };
    } finally {
      for (const [k, v] of [
        ['STRYKER_FOLDER', before.folder],
        ['STRYKER_TESTS', before.tests],
      ] as const)
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
    }
  };

  it('each folder mutates its own files against the unit tests that mirror it, reports in its own folder', async () => {
    for (const { name, folder } of MUTATED_FOLDERS) {
      const c = await load(name);
      expect(c.mutate).toEqual([`${folder}/**/*.ts`]);
      expect(c.incrementalFile).toBe(`reports/mutation/${name}/incremental.json`);
      const tests = String(c.tests).split(',');
      expect(tests.at(-1)).toBe('tests/unit/doctest.test.ts');
      // every test glob names tests that exist
      for (const glob of tests) {
        const dir = glob.includes('**') ? glob.slice(0, glob.indexOf('/**')) : glob;
        expect(fs.existsSync(dir), glob).toBe(true);
      }
    }
  });

  it('without STRYKER_FOLDER it stops and says how to run it', async () => {
    await expect(load(undefined)).rejects.toThrow(
      'stryker.config.mjs: STRYKER_FOLDER must be one of steps, core, importers, comtrade (got ""): run npm run mutate',
    );
  });
});
