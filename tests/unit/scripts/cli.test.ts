/**
 * scripts/cli.ts: parseArgs in strict mode with the project's messages, --help next to anything, numbers checked.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  UsageError,
  helpHint,
  numberListOption,
  numberOption,
  parseCli,
  parsedOrExit,
  scriptHelp,
} from '../../../scripts/cli.js';
import { tempDir } from '../../helpers/temp.js';

const CONFIG = {
  options: {
    set: { type: 'string', multiple: true },
    out: { type: 'string' },
    check: { type: 'boolean', default: false },
  },
} as const;

/** The message parseCli throws for `args`, or 'no error'. */
function problem(args: string[], config: Parameters<typeof parseCli>[2] = CONFIG): string {
  try {
    parseCli('npm start', args, config);
    return 'no error';
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    expect((e as UsageError).command).toBe('npm start');
    return (e as Error).message;
  }
}

describe('parseCli', () => {
  it('parses typed values: repeated options in order, --opt=value, the last of a single option, defaults', () => {
    const r = parseCli(
      'npm start',
      ['--set', 'a=1', '--set=b=2', '--out', 'x', '--out=y', '--set', 'c="3"', '--check'],
      CONFIG,
    );
    expect(r).toEqual({
      help: false,
      values: { set: ['a=1', 'b=2', 'c="3"'], out: 'y', check: true },
      positionals: [],
    });
    expect(parseCli('npm start', [], CONFIG)).toEqual({ help: false, values: { check: false }, positionals: [] });
    // a value may contain '=' and start with anything but '-'; with '=' it may start with '-' too
    expect(parseCli('npm start', ['--out=-odd', '--set', '04.growth=-1'], CONFIG)).toMatchObject({
      values: { out: '-odd', set: ['04.growth=-1'] },
    });
  });

  it('keeps positionals where the command takes them, after options and after --', () => {
    const r = parseCli('npm run grade', ['subs', '--out', 'o', '--', '--odd-name'], {
      options: { out: { type: 'string' } },
      allowPositionals: true,
    });
    expect(r).toEqual({ help: false, values: { out: 'o' }, positionals: ['subs', '--odd-name'] });
  });

  it('--help or -h anywhere asks for the help, even beside a mistake; not as a value, not after --', () => {
    expect(parseCli('npm start', ['--help'], CONFIG)).toEqual({ help: true });
    expect(parseCli('npm start', ['--out', 'x', '-h'], CONFIG)).toEqual({ help: true });
    expect(parseCli('npm start', ['--bogus', '--help'], CONFIG)).toEqual({ help: true });
    expect(parseCli('npm start', ['--help', 'stray'], CONFIG)).toEqual({ help: true });
    expect(problem(['--out', '-h'])).toBe(
      '--out needs a value (got -h, which reads as an option; write --out=-h if it is the value) (see npm start -- --help)',
    );
    expect(parseCli('x', ['--', '--help'], { options: {}, allowPositionals: true })).toEqual({
      help: false,
      values: {},
      positionals: ['--help'],
    });
  });

  it('an unknown option, long or short, is named', () => {
    expect(problem(['--bogus'])).toBe('unknown option --bogus (see npm start -- --help)');
    expect(problem(['--out', 'x', '--bogus=1'])).toBe('unknown option --bogus (see npm start -- --help)');
    expect(problem(['-x'])).toBe('unknown option -x (see npm start -- --help)');
    // the first mistake on the line is the one named
    expect(problem(['--nope', '--out'])).toBe('unknown option --nope (see npm start -- --help)');
  });

  it('a missing value is named, at the end of the line or when the next word is an option', () => {
    expect(problem(['--out'])).toBe('--out needs a value (see npm start -- --help)');
    expect(problem(['--set'])).toBe('--set needs a value (see npm start -- --help)');
    expect(problem(['--out', '--check'])).toBe(
      '--out needs a value (got --check, which reads as an option; write --out=--check if it is the value) (see npm start -- --help)',
    );
  });

  it('a value given to a flag and a positional the command does not take are refused', () => {
    expect(problem(['--check=yes'])).toBe('--check takes no value (got --check=yes) (see npm start -- --help)');
    expect(problem(['stray'])).toBe(
      'unexpected argument stray: this command takes no positional arguments (see npm start -- --help)',
    );
  });

  it('an option named like an Object property is unknown, not a crash', () => {
    expect(problem(['--constructor'])).toBe('unknown option --constructor (see npm start -- --help)');
    expect(problem(['--toString=1'])).toBe('unknown option --toString (see npm start -- --help)');
  });
});

describe('numberOption', () => {
  it('accepts plain decimal numbers within the rule', () => {
    expect(numberOption('c', 'n', '3')).toBe(3);
    expect(numberOption('c', 'n', '-3', { integer: true })).toBe(-3);
    expect(numberOption('c', 'n', '0.5', { positive: true })).toBe(0.5);
    expect(numberOption('c', 'n', '.5')).toBe(0.5);
    expect(numberOption('c', 'n', '1e3', { integer: true })).toBe(1000);
    expect(numberOption('c', 'port', '0', { integer: true, min: 0, max: 65535 })).toBe(0);
    expect(numberOption('c', 'port', '65535', { integer: true, min: 0, max: 65535 })).toBe(65535);
  });

  it.each(['', ' ', 'abc', '12abc', '0x10', 'Infinity', 'NaN', '1,5', '--3', '1e'])(
    'refuses %j instead of giving NaN or a surprise',
    (text) => {
      expect(() => numberOption('npm start', 'jobs', text)).toThrow(
        new UsageError('npm start', `--jobs must be a number (got "${text}")`),
      );
    },
  );

  it('names the rule: whole, positive, bounds', () => {
    const msg = (text: string, rule: Parameters<typeof numberOption>[3]) => {
      try {
        numberOption('npm start', 'jobs', text, rule);
        return 'no error';
      } catch (e) {
        return (e as Error).message;
      }
    };
    expect(msg('1.5', { integer: true, min: 1 })).toBe(
      '--jobs must be a whole number ≥ 1 (got "1.5") (see npm start -- --help)',
    );
    expect(msg('0', { integer: true, min: 1 })).toBe(
      '--jobs must be a whole number ≥ 1 (got "0") (see npm start -- --help)',
    );
    expect(msg('0', { positive: true })).toBe('--jobs must be a positive number (got "0") (see npm start -- --help)');
    expect(msg('-1', { positive: true })).toBe('--jobs must be a positive number (got "-1") (see npm start -- --help)');
    expect(msg('70000', { integer: true, min: 0, max: 65535 })).toBe(
      '--jobs must be a whole number from 0 to 65535 (got "70000") (see npm start -- --help)',
    );
    expect(msg('11', { max: 10 })).toBe('--jobs must be a number ≤ 10 (got "11") (see npm start -- --help)');
  });

  it('a list: every item checked, the bad one named', () => {
    expect(numberListOption('npm run bench', 'sizes', '1,5,20', { positive: true })).toEqual([1, 5, 20]);
    expect(numberListOption('npm run bench', 'sizes', '0.5', { positive: true })).toEqual([0.5]);
    expect(() => numberListOption('npm run bench', 'sizes', '1,,5', { positive: true })).toThrow(
      '--sizes must be a comma-separated list, each a positive number (got "" in "1,,5") (see npm run bench -- --help)',
    );
    expect(() => numberListOption('npm run bench', 'sizes', '1,0', { positive: true })).toThrow('(got "0" in "1,0")');
  });
});

describe('help and exit', () => {
  afterEach(() => vi.restoreAllMocks());

  it('helpHint: npm scripts take -- before --help', () => {
    expect(helpHint('npm start')).toBe('npm start -- --help');
    expect(helpHint('npm run data:synthetic')).toBe('npm run data:synthetic -- --help');
    expect(helpHint('npx tsx scripts/check-labels.ts')).toBe('npx tsx scripts/check-labels.ts --help');
  });

  it('scriptHelp: the opening doc comment, as written', () => {
    const dir = tempDir('cli-help-');
    const file = path.join(dir, 'x.ts');
    fs.writeFileSync(
      file,
      '/**\n * `npm run x`: does x.\n *\n *   npm run x -- --y\n */\nconst later = 1; /* another */\n',
    );
    expect(scriptHelp(file)).toBe('/**\n * `npm run x`: does x.\n *\n *   npm run x -- --y\n ');
  });

  it('parsedOrExit: returns the value; a UsageError goes to stderr as "<command>: <message>" and exits with the code; other errors pass', () => {
    const exit = vi.spyOn(process, 'exit').mockImplementation(((code?: number) => {
      throw new Error(`exit ${code}`);
    }) as typeof process.exit);
    const err = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(parsedOrExit(() => 7)).toBe(7);
    expect(() => parsedOrExit(() => parseCli('npm start', ['--bogus'], CONFIG))).toThrow('exit 2');
    expect(err).toHaveBeenLastCalledWith('npm start: unknown option --bogus (see npm start -- --help)');
    expect(() => parsedOrExit(() => numberOption('npm start', 'jobs', 'x'), 1)).toThrow('exit 1');
    expect(exit.mock.calls).toEqual([[2], [1]]);
    expect(() =>
      parsedOrExit(() => {
        throw new RangeError('not a usage error');
      }),
    ).toThrow(RangeError);
    expect(exit).toHaveBeenCalledTimes(2);
  });
});
