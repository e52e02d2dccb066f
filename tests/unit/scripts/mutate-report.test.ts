/**
 * Reading Stryker's JSON reports (scripts/mutate-report.ts): the score per folder (folderScores, scoreTable) and
 * the survivors (survivorLines) against hand-counted reports; the ranges of a `--static` run (staticRanges) and
 * how its results take the Ignored mutants' place (withStatic).
 */
import { describe, expect, it } from 'vitest';
import {
  folderScores,
  scoreTable,
  staticRanges,
  survivorLines,
  withStatic,
  type MutationReport,
  type ReportMutant,
} from '../../../scripts/mutate-report.js';

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

describe('mutants only module loading reaches (--static)', () => {
  const at = (line: number, column: number, endLine: number, endColumn: number): ReportMutant['location'] => ({
    start: { line, column },
    end: { line: endLine, column: endColumn },
  });
  const mutant = (status: string, location: ReportMutant['location'], replacement = '""'): ReportMutant => ({
    status,
    mutatorName: 'StringLiteral',
    replacement,
    location,
  });
  const report: MutationReport = {
    files: {
      'lib/core/codes.ts': { mutants: [mutant('Ignored', at(9, 1, 9, 4))] },
      'lib/core/months.ts': {
        mutants: [
          mutant('Ignored', at(3, 15, 3, 20)),
          mutant('Killed', at(1, 1, 1, 4)),
          mutant('Ignored', at(3, 15, 3, 20), '"Stryker was here!"'), // same place, another mutant: one range
          mutant('Ignored', at(2, 7, 4, 2)),
          mutant('Survived', at(2, 1, 2, 3)),
        ],
      },
    },
  };

  it("staticRanges: one range per ignored mutant's place, columns from 0, in file and position order", () => {
    // the example of the doc comment
    expect(
      staticRanges(
        {
          files: {
            'lib/core/months.ts': {
              mutants: [
                mutant('Ignored', at(3, 15, 3, 20)),
                mutant('Killed', at(1, 1, 1, 4)),
                mutant('Ignored', at(3, 15, 3, 20)),
                mutant('Ignored', at(2, 7, 2, 9)),
              ],
            },
          },
        },
        ['lib/core/months.ts'],
      ),
    ).toEqual(['lib/core/months.ts:2:6-2:8', 'lib/core/months.ts:3:14-3:19']);
    expect(staticRanges(report, ['lib/core/codes.ts', 'lib/core/months.ts'])).toEqual([
      'lib/core/codes.ts:9:0-9:3',
      'lib/core/months.ts:2:6-4:1',
      'lib/core/months.ts:3:14-3:19',
    ]);
    // only the files asked for; a file not in the report has none
    expect(staticRanges(report, ['lib/core/codes.ts', 'lib/core/jan-feb.ts'])).toEqual(['lib/core/codes.ts:9:0-9:3']);
    // a mutant without a location cannot be given a range
    expect(
      staticRanges({ files: { 'lib/core/months.ts': { mutants: [{ status: 'Ignored' }] } } }, ['lib/core/months.ts']),
    ).toEqual([]);
  });

  it('withStatic: an Ignored mutant takes the result of the same mutant (file, mutator, replacement, place)', () => {
    const run: MutationReport = {
      files: {
        'lib/core/months.ts': {
          mutants: [
            mutant('Killed', at(3, 15, 3, 20)),
            mutant('Survived', at(3, 15, 3, 20), '"Stryker was here!"'),
            mutant('Timeout', at(1, 1, 1, 4)), // the main report's result stands for a mutant it did not ignore
            mutant('Survived', at(2, 7, 4, 3)), // another place (the code moved): not this mutant
          ],
        },
        'lib/core/codes.ts': { mutants: [mutant('Ignored', at(9, 1, 9, 4))] }, // still ignored there: no result
      },
    };
    const { report: merged, replaced } = withStatic(report, run);
    expect(replaced).toBe(2);
    expect(merged.files['lib/core/months.ts'].mutants.map((m) => m.status)).toEqual([
      'Killed',
      'Killed',
      'Survived',
      'Ignored',
      'Survived',
    ]);
    expect(merged.files['lib/core/codes.ts'].mutants[0].status).toBe('Ignored');
    // the input is not changed, and the rest of a mutant is kept
    expect(report.files['lib/core/months.ts'].mutants[0].status).toBe('Ignored');
    expect(merged.files['lib/core/months.ts'].mutants[2]).toEqual({
      ...report.files['lib/core/months.ts'].mutants[2],
      status: 'Survived',
    });
    // the doc comment's example
    const one = { start: { line: 1, column: 1 }, end: { line: 1, column: 5 } };
    const ex = withStatic(
      { files: { 'lib/core/months.ts': { mutants: [mutant('Ignored', one)] } } },
      { files: { 'lib/core/months.ts': { mutants: [mutant('Survived', one)] } } },
    );
    expect([ex.replaced, ex.report.files['lib/core/months.ts'].mutants[0].status]).toEqual([1, 'Survived']);
  });

  it('withStatic: with the --static results the score counts those mutants', () => {
    const run: MutationReport = { files: { 'lib/core/codes.ts': { mutants: [mutant('Survived', at(9, 1, 9, 4))] } } };
    const core = (r: MutationReport) => folderScores(r, '/root/p').find((s) => s.folder === 'lib/core')!;
    // before: 1 killed of 1 + 1 survived = 50 %, 4 ignored; after: 1 of 3 = 33.3 %, 3 ignored
    expect([core(report).score, core(report).ignored]).toEqual([50, 4]);
    const after = core(withStatic(report, run).report);
    expect([after.score, after.ignored, after.survived]).toEqual([100 / 3, 3, 2]);
  });
});
