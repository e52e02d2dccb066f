/** `npm run data:synthetic`'s command line (scripts/data-synthetic.ts parseSyntheticArgs). */
import { describe, expect, it } from 'vitest';
import { projectPath } from '../../../lib/io/paths.js';
import { SYNTHETIC_DEFAULT_SEED } from '../../../lib/synthetic/generate.js';
import { parseSyntheticArgs } from '../../../scripts/data-synthetic.js';

const fails = (args: string[]) => () => parseSyntheticArgs(args);

describe('parseSyntheticArgs', () => {
  it('defaults: the committed seed, data/synthetic/, write (no --check), 18 partners, codes of 2023', () => {
    expect(parseSyntheticArgs([])).toEqual({
      help: false,
      seed: SYNTHETIC_DEFAULT_SEED,
      universe: undefined,
      partners: 18,
      codesYear: 2023,
      out: projectPath('data', 'synthetic'),
      check: false,
    });
  });

  it('every option', () => {
    expect(parseSyntheticArgs(['--seed', '7', '--out', '/tmp/syn', '--check'])).toMatchObject({
      seed: 7,
      out: '/tmp/syn',
      check: true,
    });
    expect(parseSyntheticArgs(['--seed=-3'])).toMatchObject({ seed: -3 });
    expect(parseSyntheticArgs(['--universe', '/tmp/u.csv', '--partners', '3', '--codes-year=2020'])).toMatchObject({
      universe: '/tmp/u.csv',
      partners: 3,
      codesYear: 2020,
    });
    expect(parseSyntheticArgs(['-h'])).toEqual({ help: true });
  });

  it('an unknown option, a missing value, a flag with a value, a positional', () => {
    expect(fails(['--chek'])).toThrow('unknown option --chek (see npm run data:synthetic -- --help)');
    expect(fails(['--seed'])).toThrow('--seed needs a value (see npm run data:synthetic -- --help)');
    expect(fails(['--check=no'])).toThrow('--check takes no value (got --check=no)');
    expect(fails(['data/synthetic'])).toThrow('unexpected argument data/synthetic');
  });

  it('numbers: a whole seed, a whole number ≥ 1 of partners, a whole year', () => {
    expect(fails(['--seed', 'abc'])).toThrow('--seed must be a whole number (got "abc")');
    expect(fails(['--seed', '1.5'])).toThrow('--seed must be a whole number (got "1.5")');
    expect(fails(['--partners', '0'])).toThrow('--partners must be a whole number ≥ 1 (got "0")');
    expect(fails(['--codes-year', '2023a'])).toThrow('--codes-year must be a whole number (got "2023a")');
  });
});
