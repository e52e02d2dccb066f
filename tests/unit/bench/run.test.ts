/** `npm run bench`'s command line (bench/run.ts parseBenchArgs). */
import { describe, expect, it } from 'vitest';
import { parseBenchArgs } from '../../../bench/run.js';

const fails = (args: string[]) => () => parseBenchArgs(args);

describe('parseBenchArgs', () => {
  it('defaults: 1, 5 and 20 M rows, one run per engine, 3 kernel runs, every section', () => {
    expect(parseBenchArgs([])).toEqual({
      help: false,
      sizes: [1, 5, 20],
      skipPandas: false,
      skipPeers: false,
      skipCustoms: false,
      runs: 1,
      skipStart: false,
      skipKernel: false,
      kernelOnly: false,
      kernelRuns: 3,
      skipTests: false,
      testsOnly: false,
    });
  });

  it('every option', () => {
    expect(parseBenchArgs(['--sizes', '1,5', '--skip-start', '--skip-pandas'])).toMatchObject({
      sizes: [1, 5],
      skipStart: true,
      skipPandas: true,
      skipKernel: false,
    });
    expect(parseBenchArgs(['--kernel-only', '--kernel-runs', '5'])).toMatchObject({ kernelOnly: true, kernelRuns: 5 });
    expect(parseBenchArgs(['--skip-peers', '--runs', '3'])).toMatchObject({ skipPeers: true, runs: 3 });
    expect(parseBenchArgs(['--skip-customs'])).toMatchObject({ skipCustoms: true, skipPeers: false });
    expect(parseBenchArgs(['--tests-only', '--skip-tests', '--skip-kernel', '--sizes=0.5'])).toMatchObject({
      testsOnly: true,
      skipTests: true,
      skipKernel: true,
      sizes: [0.5],
    });
    expect(parseBenchArgs(['--help'])).toEqual({ help: true });
  });

  it('an unknown option, a missing value, bad numbers', () => {
    expect(fails(['--skip-pandsa'])).toThrow('unknown option --skip-pandsa (see npm run bench -- --help)');
    expect(fails(['--sizes'])).toThrow('--sizes needs a value (see npm run bench -- --help)');
    expect(fails(['--sizes', '1,x'])).toThrow(
      '--sizes must be a comma-separated list, each a positive number (got "x" in "1,x")',
    );
    expect(fails(['--sizes', '0'])).toThrow('(got "0" in "0")');
    expect(fails(['--kernel-runs', '0'])).toThrow('--kernel-runs must be a whole number ≥ 1 (got "0")');
    expect(fails(['--runs', '1.5'])).toThrow('--runs must be a whole number ≥ 1 (got "1.5")');
  });
});
