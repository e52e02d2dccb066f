/** `npm run notebook`'s command line (scripts/notebook.ts splitNotebookArgs): --lab is ours, the rest is Jupyter's. */
import { describe, expect, it } from 'vitest';
import { splitNotebookArgs } from '../../../scripts/notebook.js';

describe('splitNotebookArgs', () => {
  it('takes out --lab and passes everything else to Jupyter untouched, in order', () => {
    expect(splitNotebookArgs([])).toEqual({ lab: false, rest: [] });
    expect(splitNotebookArgs(['--lab'])).toEqual({ lab: true, rest: [] });
    expect(splitNotebookArgs(['--port', '9999', '--lab', '--notebook-dir=/x', '-y', 'extra'])).toEqual({
      lab: true,
      rest: ['--port', '9999', '--notebook-dir=/x', '-y', 'extra'],
    });
  });

  it("unknown options are no error, --help and -h are Jupyter's, --lab=… is not ours; a --lab after -- is taken out as before", () => {
    expect(splitNotebookArgs(['--help', '-h', '--bogus'])).toEqual({ lab: false, rest: ['--help', '-h', '--bogus'] });
    expect(splitNotebookArgs(['--lab=1'])).toEqual({ lab: false, rest: ['--lab=1'] });
    expect(splitNotebookArgs(['--', '--lab'])).toEqual({ lab: true, rest: ['--'] });
    expect(splitNotebookArgs(['--NotebookApp.token='])).toEqual({ lab: false, rest: ['--NotebookApp.token='] });
  });
});
