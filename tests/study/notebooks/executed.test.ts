/**
 * Every notebook executes cleanly through the real kernel (run once by
 * tests/study/global-setup.ts, as `npm start` does); a failure names the notebook,
 * the cell and the kernel's error text.
 */
import * as fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatFailure, listNotebooks, type NotebookResult } from '../../../scripts/jupyter/runner.js';
import { RUN_FILE } from '../global-setup.js';


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

describe('notebook sources', () => {
  it('every notebook is built from its plain-text source in notebooks/src (make-notebook)', async () => {
    const { buildNotebook } = await import('../../../scripts/make-notebook.js');
    for (const nb of listNotebooks()) {
      const stem = nb.split('/').pop()!.replace('.ipynb', '');
      const src = `notebooks/src/${stem}.txt`;
      expect(fs.existsSync(src), `${src} exists`).toBe(true);
      const built = JSON.stringify(buildNotebook(fs.readFileSync(src, 'utf8')), null, 1) + '\n';
      expect(fs.readFileSync(nb, 'utf8'), `${stem}.ipynb is out of date: run npx tsx scripts/make-notebook.ts ${src} ${nb}`).toBe(built);
    }
  });

  it('committed notebooks carry no outputs', () => {
    for (const nb of listNotebooks()) {
      const cells = JSON.parse(fs.readFileSync(nb, 'utf8')).cells as { outputs?: unknown[] }[];
      expect(cells.every((c) => !c.outputs || c.outputs.length === 0), nb).toBe(true);
    }
  });
});

describe('determinism', () => {
  it('a second run of the sensitivity and universe notebooks gives byte-identical executed notebooks', async () => {
    const { runNotebooks } = await import('../../../scripts/jupyter/runner.js');
    const os = await import('node:os');
    const path = await import('node:path');
    const run = JSON.parse(fs.readFileSync(RUN_FILE, 'utf8')) as { results: NotebookResult[] };
    const again = listNotebooks().filter((n) => /\/0[78]-/.test(n));
    expect(again.length).toBe(2);
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'determinism-'));
    const second = await runNotebooks(again, { outDir: out });
    for (const r of second) {
      expect(r.ok, formatFailure(r)).toBe(true);
      const first = run.results.find((x) => x.notebook === r.notebook)!;
      expect(fs.readFileSync(r.ipynbFile, 'utf8') === fs.readFileSync(first.ipynbFile, 'utf8'), `${r.notebook} outputs differ between runs`).toBe(true);
    }
    fs.rmSync(out, { recursive: true, force: true });
  }, 240_000);
});
