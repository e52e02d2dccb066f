/** `npm run data:verify`'s command line (scripts/data-verify.ts parseVerifyArgs), and how verifyData fails on a copy of data/ with a wrong hash, an unlisted file or a malformed provenance table. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseVerifyArgs, verifyData } from '../../../scripts/data-verify.js';
import { tempDir } from '../../helpers/temp.js';

describe('parseVerifyArgs', () => {
  it('--write, default off; --help', () => {
    expect(parseVerifyArgs([])).toEqual({ help: false, write: false });
    expect(parseVerifyArgs(['--write'])).toEqual({ help: false, write: true });
    expect(parseVerifyArgs(['--help'])).toEqual({ help: true });
  });

  it('a misspelt option is an error, not a silent check', () => {
    expect(() => parseVerifyArgs(['--writ'])).toThrow('unknown option --writ (see npm run data:verify -- --help)');
    expect(() => parseVerifyArgs(['--write=yes'])).toThrow('--write takes no value (got --write=yes)');
    expect(() => parseVerifyArgs(['data'])).toThrow('unexpected argument data');
  });
});

describe('verifyData', () => {
  it('data:verify fails, naming the file, when a listed hash is wrong or a file is not listed', () => {
    const dir = tempDir('verify-');
    // a copy of the project's data folder with one byte changed and one unlisted file
    fs.cpSync('data', path.join(dir, 'data'), {
      recursive: true,
      filter: (src) => !src.includes(`${path.sep}imported`),
    });
    fs.appendFileSync(path.join(dir, 'data', 'study', 'gdp.csv'), '\n');
    fs.writeFileSync(path.join(dir, 'data', 'study', 'extra.csv'), 'a\n1\n');
    const r = verifyData(dir);
    expect(r.files).toBe(54);
    expect(r.problems).toHaveLength(2);
    expect(r.problems[0]).toBe('data/study/extra.csv is not listed in data/README.md');
    expect(r.problems[1]).toMatch(
      /^data\/study\/gdp\.csv: sha256 [0-9a-f]{64} differs from the README's [0-9a-f]{64}$/,
    );
  });

  it('data:verify names the row of a malformed provenance table', () => {
    const dir = tempDir('verify-');
    fs.mkdirSync(path.join(dir, 'data'));
    fs.writeFileSync(
      path.join(dir, 'data', 'README.md'),
      '<!-- files:start -->\n| file | kind | source | licence | sha256 |\n|-|-|-|-|-|\n| `a.csv` | real | x |\n<!-- files:end -->\n',
    );
    expect(() => verifyData(dir)).toThrow(
      'data:verify: data/README.md provenance table, row 1: expected 5 columns (file | real or synthetic | source | licence | sha256), got 3',
    );
    fs.writeFileSync(path.join(dir, 'data', 'README.md'), 'no table\n');
    expect(() => verifyData(dir)).toThrow(
      /has no provenance table between <!-- files:start --> and <!-- files:end -->/,
    );
  });
});
