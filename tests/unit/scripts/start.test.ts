/**
 * `npm start`'s command line (scripts/start.ts parseStartArgs) and its first line on partial-partner data; the
 * script run as a process is in tests/study/scripts/start.test.ts.
 */
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_JOBS } from '../../../scripts/jupyter/runner.js';
import { ROOT } from '../../../scripts/jupyter/env.js';
import { importedDataWarning, parseStartArgs } from '../../../scripts/start.js';
import { writeImportedPanel } from '../../../lib/io/imported.js';
import { importComtradeJson } from '../../../lib/io/importers/index.js';
import { FIXTURES, tmpDir } from '../../helpers/importers.js';

const fails = (args: string[]) => () => parseStartArgs(args);

describe('parseStartArgs', () => {
  it('defaults: no overrides, every notebook, DEFAULT_JOBS at a time, report/', () => {
    expect(parseStartArgs([])).toEqual({
      help: false,
      sets: [],
      paramsFile: undefined,
      only: undefined,
      jobs: DEFAULT_JOBS,
      outDir: path.join(ROOT, 'report'),
    });
  });

  it('every option, --set repeated (both spellings, in order), --out resolved', () => {
    expect(parseStartArgs(['--only', '04', '--set', '04-partition.growth=0.4', '--out', '/tmp/r1'])).toEqual({
      help: false,
      sets: ['04-partition.growth=0.4'],
      paramsFile: undefined,
      only: ['04'],
      jobs: DEFAULT_JOBS,
      outDir: '/tmp/r1',
    });
    expect(
      parseStartArgs([
        '--set',
        'a.x=1',
        '--set=b.y=2',
        '--set',
        '03.weights=\'"uniform"\'',
        '--params',
        'p.json',
        '--only',
        '03,04',
        '--jobs',
        '1',
        '--out',
        'rel',
      ]),
    ).toEqual({
      help: false,
      sets: ['a.x=1', 'b.y=2', '03.weights=\'"uniform"\''],
      paramsFile: 'p.json',
      only: ['03', '04'],
      jobs: 1,
      outDir: path.resolve('rel'),
    });
  });

  it('--help / -h', () => {
    expect(parseStartArgs(['--help'])).toEqual({ help: true });
    expect(parseStartArgs(['--only', '04', '-h'])).toEqual({ help: true });
  });

  it('an unknown option, a missing value, a positional: named, pointing to --help', () => {
    expect(fails(['--bogus'])).toThrow('unknown option --bogus (see npm start -- --help)');
    expect(fails(['--only', '04', '--set'])).toThrow('--set needs a value (see npm start -- --help)');
    expect(fails(['--out', '--only', '04'])).toThrow(
      '--out needs a value (got --only, which reads as an option; write --out=--only if it is the value)',
    );
    expect(fails(['report'])).toThrow('unexpected argument report');
  });

  it('--jobs must be a whole number ≥ 1, never NaN', () => {
    for (const bad of ['x', '', '0', '1.5', 'NaN', '2 cores'])
      expect(fails(['--jobs', bad]), bad).toThrow(
        `--jobs must be a whole number ≥ 1 (got "${bad}") (see npm start -- --help)`,
      );
    expect(fails(['--jobs=-1'])).toThrow('--jobs must be a whole number ≥ 1 (got "-1")');
    expect(fails(['--jobs', '-1'])).toThrow(
      '--jobs needs a value (got -1, which reads as an option; write --jobs=-1 if it is the value)',
    );
  });
});

describe('importedDataWarning (the first line of npm start on partial-partner data)', () => {
  it('names the partners when a notebook runs on imported data that is a sum of partners; nothing otherwise', () => {
    const outDir = tmpDir();
    const file = path.join(FIXTURES, 'comtrade-two-partners.json');
    writeImportedPanel([{ file, ...importComtradeJson(file) }], { outDir, notes: () => [], manifest: {} });
    const line = `Imported data (${path.join(outDir, 'manifest.json')}): sum of 2 partners: Argentina, Germany — not China's total imports`;
    expect(importedDataWarning({ '*': { dataSource: 'imported' } }, outDir)).toBe(line);
    expect(importedDataWarning({ '03': { dataSource: 'imported' } }, outDir)).toBe(line);
    expect(importedDataWarning({}, outDir)).toBeUndefined();
    expect(importedDataWarning({ '*': { dataSource: 'synthetic' } }, outDir)).toBeUndefined();
    expect(importedDataWarning({ '*': { dataSource: 'imported' } }, path.join(outDir, 'none'))).toBeUndefined();
  });
});
