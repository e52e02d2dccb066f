/**
 * Every notebook executes cleanly through the real kernel (run once by
 * tests/study/global-setup.ts, as `npm start` does); a failure names the notebook,
 * the cell and the kernel's error text. A second run of two notebooks is byte-identical.
 * The committed notebooks' sources: tests/unit/notebooks/sources.test.ts.
 */
import * as fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatFailure, listNotebooks, type NotebookResult } from '../../../scripts/jupyter/runner.js';
import { RUN_FILE } from '../global-setup.js';
import { tempDir } from '../../helpers/temp.js';

describe('study notebooks', () => {
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

describe('determinism', () => {
  it('a second run of the sensitivity and universe notebooks gives byte-identical executed notebooks', async () => {
    const { runNotebooks } = await import('../../../scripts/jupyter/runner.js');
    const path = await import('node:path');
    const run = JSON.parse(fs.readFileSync(RUN_FILE, 'utf8')) as { results: NotebookResult[] };
    const again = listNotebooks().filter((n) => /\/0[78]-/.test(n));
    expect(again.length).toBe(2);
    const out = tempDir('determinism-');
    const second = await runNotebooks(again, { outDir: out });
    for (const r of second) {
      expect(r.ok, formatFailure(r)).toBe(true);
      const first = run.results.find((x) => x.notebook === r.notebook)!;
      expect(fs.readFileSync(r.ipynbFile, 'utf8') === fs.readFileSync(first.ipynbFile, 'utf8'), `${r.notebook} outputs differ between runs`).toBe(true);
    }
  }, 240_000);
});
