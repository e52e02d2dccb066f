/** scripts/make-notebook.ts's command line (parseMakeNotebookArgs): two positional arguments. */
import { describe, expect, it } from 'vitest';
import { parseMakeNotebookArgs } from '../../../scripts/make-notebook.js';

describe('parseMakeNotebookArgs', () => {
  it('the cell file and the notebook; --help', () => {
    expect(parseMakeNotebookArgs(['notebooks/src/03-indices.txt', 'notebooks/03-indices.ipynb'])).toEqual({
      help: false,
      src: 'notebooks/src/03-indices.txt',
      out: 'notebooks/03-indices.ipynb',
    });
    expect(parseMakeNotebookArgs(['--', '-odd.txt', 'x.ipynb'])).toEqual({
      help: false,
      src: '-odd.txt',
      out: 'x.ipynb',
    });
    expect(parseMakeNotebookArgs(['--help'])).toEqual({ help: true });
  });

  it('another number of arguments, or an option, with the usage', () => {
    expect(() => parseMakeNotebookArgs([])).toThrow(
      'two arguments expected, got 0; usage: tsx scripts/make-notebook.ts <cells.txt> <out.ipynb>',
    );
    expect(() => parseMakeNotebookArgs(['a.txt'])).toThrow('two arguments expected, got 1;');
    expect(() => parseMakeNotebookArgs(['a.txt', 'b.ipynb', 'c'])).toThrow('two arguments expected, got 3;');
    expect(() => parseMakeNotebookArgs(['a.txt', '--out', 'b.ipynb'])).toThrow(
      'unknown option --out (see tsx scripts/make-notebook.ts --help)',
    );
  });
});
