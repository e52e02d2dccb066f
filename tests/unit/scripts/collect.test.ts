/** The class workflow's command lines — scripts/collect.ts, and beside it release, validate, feedback and export: --help and the mistakes. */
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCollectArgs } from '../../../scripts/collect.js';
import { parseExportArgs } from '../../../scripts/export.js';
import { parseFeedbackArgs } from '../../../scripts/feedback.js';
import { parseReleaseArgs } from '../../../scripts/release.js';
import { parseValidateArgs } from '../../../scripts/validate.js';
import { ROOT } from '../../../scripts/jupyter/env.js';

describe('class workflow command lines', () => {
  it('--help everywhere', () => {
    for (const p of [parseReleaseArgs, parseCollectArgs, parseValidateArgs, parseFeedbackArgs, parseExportArgs])
      expect(p(['--help'])).toEqual({ help: true });
  });

  it('release: notebook numbers, --out (default release/)', () => {
    expect(parseReleaseArgs(['03', '04'])).toEqual({
      help: false,
      notebooks: ['03', '04'],
      out: path.join(ROOT, 'release'),
    });
    expect(() => parseReleaseArgs(['03-indices'])).toThrow(
      'a notebook is given by its number (e.g. 03), got "03-indices"',
    );
  });

  it('collect: one source, --roster needed, --deadline a date', () => {
    expect(parseCollectArgs(['dl.zip', '--roster', 'r.csv', '--deadline', '2026-03-01T23:59:00Z'])).toEqual({
      help: false,
      source: 'dl.zip',
      roster: 'r.csv',
      out: path.resolve('submissions'),
      deadline: new Date('2026-03-01T23:59:00Z'),
    });
    expect(() => parseCollectArgs(['dl.zip'])).toThrow('--roster roster.csv is needed');
    expect(() => parseCollectArgs(['--roster', 'r.csv'])).toThrow('give one folder or zip of submissions');
    expect(() => parseCollectArgs(['x', '--roster', 'r', '--deadline', 'friday'])).toThrow('--deadline must be a date');
  });

  it('validate, feedback, export: one file or folder', () => {
    expect(parseValidateArgs(['a.ipynb'])).toEqual({ help: false, file: 'a.ipynb', limit: 180 });
    expect(() => parseValidateArgs([])).toThrow('give one notebook (.ipynb) to check');
    expect(parseFeedbackArgs(['subs'])).toEqual({
      help: false,
      dir: path.resolve('subs'),
      out: path.resolve('subs/feedback'),
    });
    expect(parseExportArgs(['subs', '--roster', 'r.csv'])).toEqual({
      help: false,
      dir: path.resolve('subs'),
      roster: 'r.csv',
      out: path.resolve('subs/export.csv'),
    });
    expect(() => parseExportArgs([])).toThrow('give the folder npm run grade wrote to');
  });
});
