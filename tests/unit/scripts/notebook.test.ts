/** `npm run notebook`'s command line (scripts/notebook.ts splitNotebookArgs): --lab is ours, the rest is Jupyter's. */
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { notebookFolder, splitNotebookArgs } from '../../../scripts/notebook.js';

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

describe('notebookFolder', () => {
  const root = '/p';
  it('notebooks/ by default; --student → student/; --notebook-dir (both spellings), Jupyter’s own names and a positional folder (before: --notebook-dir was passed beside notebooks/ and lost to it)', () => {
    expect(notebookFolder(['--port', '9999'], root)).toEqual({ folder: '/p/notebooks', rest: ['--port', '9999'] });
    expect(notebookFolder(['--student'], root)).toEqual({ folder: '/p/student', rest: [] });
    expect(notebookFolder(['--notebook-dir=student', '-y'], root)).toEqual({
      folder: path.resolve('student'),
      rest: ['-y'],
    });
    expect(notebookFolder(['--notebook-dir', '/x'], root).folder).toBe('/x');
    expect(notebookFolder(['--ServerApp.root_dir=/x'], root).folder).toBe('/x');
    expect(notebookFolder(['--NotebookApp.notebook_dir', '/x'], root).folder).toBe('/x');
    expect(notebookFolder(['/x', '--no-browser'], root)).toEqual({ folder: '/x', rest: ['--no-browser'] });
    expect(notebookFolder(['--port', '9999', '/x'], root)).toEqual({ folder: '/x', rest: ['--port', '9999'] });
  });

  it('two different folders, or an option without its folder, are refused', () => {
    expect(() => notebookFolder(['--student', '--notebook-dir=/x'], root)).toThrow(
      'two folders named: /p/student and /x',
    );
    expect(() => notebookFolder(['--notebook-dir'], root)).toThrow('--notebook-dir needs a folder');
  });
});
