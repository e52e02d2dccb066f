/** `npm run report:serve`'s command line (scripts/report-serve.ts parseServeArgs). */
import { describe, expect, it } from 'vitest';
import { parseServeArgs } from '../../../scripts/report-serve.js';

describe('parseServeArgs', () => {
  it('--port, default 8765; 0 means any free port', () => {
    expect(parseServeArgs([])).toEqual({ help: false, port: 8765 });
    expect(parseServeArgs(['--port', '9000'])).toEqual({ help: false, port: 9000 });
    expect(parseServeArgs(['--port=0'])).toEqual({ help: false, port: 0 });
    expect(parseServeArgs(['--help'])).toEqual({ help: true });
  });

  it('a port that is not a whole number from 0 to 65535, a missing value, an unknown option', () => {
    for (const bad of ['abc', '80.5', '65536', ''])
      expect(() => parseServeArgs(['--port', bad]), bad).toThrow(
        `--port must be a whole number from 0 to 65535 (got "${bad}") (see npm run report:serve -- --help)`,
      );
    expect(() => parseServeArgs(['--port'])).toThrow('--port needs a value (see npm run report:serve -- --help)');
    expect(() => parseServeArgs(['--host', '0.0.0.0'])).toThrow(
      'unknown option --host (see npm run report:serve -- --help)',
    );
  });
});
