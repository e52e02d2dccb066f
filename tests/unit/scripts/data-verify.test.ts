/** `npm run data:verify`'s command line (scripts/data-verify.ts parseVerifyArgs). */
import { describe, expect, it } from 'vitest';
import { parseVerifyArgs } from '../../../scripts/data-verify.js';

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
