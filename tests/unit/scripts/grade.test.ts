/** `npm run grade`'s command line (scripts/grade.ts parseGradeArgs). */
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseGradeArgs } from '../../../scripts/grade.js';

const fails = (args: string[]) => () => parseGradeArgs(args);

describe('parseGradeArgs', () => {
  it('the folder, anywhere on the line; --out (default the folder), --limit (default 180), --jobs', () => {
    expect(parseGradeArgs(['subs'])).toEqual({
      help: false,
      dir: 'subs',
      out: path.resolve('subs'),
      limit: 180,
      jobs: undefined,
    });
    expect(parseGradeArgs(['--out', 'results', '--limit', '120', 'subs', '--jobs', '2'])).toEqual({
      help: false,
      dir: 'subs',
      out: path.resolve('results'),
      limit: 120,
      jobs: 2,
    });
    expect(parseGradeArgs(['subs', '--limit=0.5'])).toMatchObject({ limit: 0.5 });
    expect(parseGradeArgs(['--help'])).toEqual({ help: true });
  });

  it('no folder or two, with the usage', () => {
    expect(fails([])).toThrow('no folder given; usage: npm run grade -- <folder of submitted .ipynb>');
    expect(fails(['--out', 'x'])).toThrow('no folder given; usage:');
    expect(fails(['a', 'b'])).toThrow('one folder expected, got 2: a b; usage:');
  });

  it('an unknown option, a missing value, a bad number', () => {
    expect(fails(['subs', '--limt', '5'])).toThrow('unknown option --limt (see npm run grade -- --help)');
    expect(fails(['subs', '--out'])).toThrow('--out needs a value (see npm run grade -- --help)');
    expect(fails(['subs', '--limit', '0'])).toThrow('--limit must be a positive number (got "0")');
    expect(fails(['subs', '--limit', 'ten'])).toThrow('--limit must be a positive number (got "ten")');
    expect(fails(['subs', '--jobs', '1.5'])).toThrow('--jobs must be a whole number ≥ 1 (got "1.5")');
  });
});
