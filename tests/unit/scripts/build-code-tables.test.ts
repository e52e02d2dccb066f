/** scripts/build-code-tables.ts's command line (parseBuildArgs). */
import { describe, expect, it } from 'vitest';
import { parseBuildArgs } from '../../../scripts/build-code-tables.js';

describe('parseBuildArgs', () => {
  it('--check, default off (write); --help', () => {
    expect(parseBuildArgs([])).toEqual({ help: false, check: false });
    expect(parseBuildArgs(['--check'])).toEqual({ help: false, check: true });
    expect(parseBuildArgs(['-h'])).toEqual({ help: true });
  });

  it('a misspelt --check is an error, not a write over the committed tables', () => {
    expect(() => parseBuildArgs(['--chek'])).toThrow(
      'unknown option --chek (see npx tsx scripts/build-code-tables.ts --help)',
    );
    expect(() => parseBuildArgs(['check'])).toThrow('unexpected argument check');
  });
});
