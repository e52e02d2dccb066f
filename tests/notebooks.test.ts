/**
 * Every notebook executes cleanly through the real kernel (run once by
 * tests/global-setup.ts, as `npm start` does); a failure names the notebook,
 * the cell and the kernel's error text.
 */
import * as fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatFailure, listNotebooks, type NotebookResult } from '../scripts/study-runner.js';
import { RUN_FILE } from './global-setup.js';

const skip = process.env.STUDY_SKIP_NOTEBOOKS === '1';
if (skip) console.warn('STUDY_SKIP_NOTEBOOKS=1: notebook execution tests skipped');

describe.skipIf(skip)('study notebooks', () => {
  const run = fs.existsSync(RUN_FILE) ? (JSON.parse(fs.readFileSync(RUN_FILE, 'utf8')) as { results: NotebookResult[] }) : { results: [] };
  const notebooks = listNotebooks();

  it('there are notebooks and every one was run', () => {
    expect(notebooks.length).toBeGreaterThan(0);
    expect(run.results.map((r) => r.notebook).sort()).toEqual(notebooks.map((n) => n.split('/').pop()!.replace('.ipynb', '')).sort());
  });

  for (const r of run.results) {
    it(`${r.notebook} executes without error`, () => {
      if (!r.ok) expect.fail(formatFailure(r));
      const nb = JSON.parse(fs.readFileSync(r.ipynbFile, 'utf8')) as { cells: { cell_type: string; outputs?: { output_type: string; name?: string }[] }[] };
      const errors = nb.cells.flatMap((c, i) => (c.outputs ?? []).filter((o) => o.output_type === 'error' || (o.output_type === 'stream' && o.name === 'stderr')).map(() => i));
      expect(errors, `cells with error or stderr output in ${r.notebook}`).toEqual([]);
    });
  }
});
