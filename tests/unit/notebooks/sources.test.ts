/** The committed notebooks (notebooks/*.ipynb): each is built from its plain-text source in notebooks/src by make-notebook, and carries no outputs. */
import * as fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { listNotebooks } from '../../../scripts/jupyter/runner.js';
import { buildNotebook } from '../../../scripts/make-notebook.js';

describe('notebook sources', () => {
  it('every notebook is built from its plain-text source in notebooks/src (make-notebook)', async () => {
    for (const nb of listNotebooks()) {
      const stem = nb.split('/').pop()!.replace('.ipynb', '');
      const src = `notebooks/src/${stem}.txt`;
      expect(fs.existsSync(src), `${src} exists`).toBe(true);
      const built = JSON.stringify(buildNotebook(fs.readFileSync(src, 'utf8')), null, 1) + '\n';
      expect(fs.readFileSync(nb, 'utf8'), `${stem}.ipynb is out of date: run npx tsx scripts/make-notebook.ts ${src} ${nb}`).toBe(built);
    }
  });

  it('no code cell uses a top-level name in object shorthand (tslab keeps top-level names on `exports`, so `{ params }` is a ReferenceError in the kernel)', () => {
    const bad: string[] = [];
    for (const nb of listNotebooks()) {
      const cells = JSON.parse(fs.readFileSync(nb, 'utf8')).cells as { cell_type: string; source: string[] | string }[];
      const code = cells.filter((c) => c.cell_type === 'code').map((c) => (Array.isArray(c.source) ? c.source.join('') : c.source));
      const topLevel = new Set(code.flatMap((t) => [...t.matchAll(/^(?:const|let|var|function)\s+([A-Za-z_$][\w$]*)/gm)].map((m) => m[1])));
      for (const t of code)
        // an object literal of one shorthand property passed to a call: f(x, { params })
        for (const m of t.matchAll(/[(,]\s*\{\s*([A-Za-z_$][\w$]*)\s*\}\s*[),]/g))
          if (topLevel.has(m[1])) bad.push(`${nb}: { ${m[1]} }`);
    }
    expect(bad).toEqual([]);
  });

  it('committed notebooks carry no outputs', () => {
    for (const nb of listNotebooks()) {
      const cells = JSON.parse(fs.readFileSync(nb, 'utf8')).cells as { outputs?: unknown[] }[];
      expect(cells.every((c) => !c.outputs || c.outputs.length === 0), nb).toBe(true);
    }
  });
});
