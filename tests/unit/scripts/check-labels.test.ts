/** scripts/check-labels.ts's command line (parseCheckLabelsArgs). */
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectPath } from '../../../lib/io/paths.js';
import { parseCheckLabelsArgs } from '../../../scripts/check-labels.js';

describe('parseCheckLabelsArgs', () => {
  it('the report folder: the argument, else STUDY_REPORT_DIR, else report/ (resolved)', () => {
    expect(parseCheckLabelsArgs(['out/report'], {})).toEqual({ help: false, dir: path.resolve('out/report') });
    expect(parseCheckLabelsArgs([], { STUDY_REPORT_DIR: '/tmp/r' })).toEqual({ help: false, dir: '/tmp/r' });
    expect(parseCheckLabelsArgs(['x'], { STUDY_REPORT_DIR: '/tmp/r' })).toEqual({
      help: false,
      dir: path.resolve('x'),
    });
    expect(parseCheckLabelsArgs([], {})).toEqual({ help: false, dir: projectPath('report') });
    expect(parseCheckLabelsArgs(['--help'], {})).toEqual({ help: true });
  });

  it('an option or a second folder is an error', () => {
    expect(() => parseCheckLabelsArgs(['--dir', 'x'], {})).toThrow(
      'unknown option --dir (see npx tsx scripts/check-labels.ts --help)',
    );
    expect(() => parseCheckLabelsArgs(['a', 'b'], {})).toThrow('one report folder expected, got 2: a b');
  });
});
