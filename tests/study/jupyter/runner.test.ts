/**
 * The study runner end to end with the real kernel: a type error fails the run
 * naming notebook, cell and the compiler's message; parameter overrides are
 * injected after the `parameters` cell; an unknown parameter lists the valid ones.
 * The runner's pure parts (--set parsing and its checks): tests/unit/scripts/jupyter/runner.test.ts.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildNotebook } from '../../../scripts/make-notebook.js';
import { formatFailure, runNotebooks, type NotebookResult } from '../../../scripts/jupyter/runner.js';
import { cachedNotebookRun } from '../../helpers/run-cache.js';
import { tempDir } from '../../helpers/temp.js';

describe('runNotebooks with the tslab kernel', () => {
  let dir: string;
  let results: NotebookResult[];
  beforeAll(async () => {
    dir = tempDir('runner-');
    const write = (name: string, cells: string) => fs.writeFileSync(path.join(dir, name), JSON.stringify(buildNotebook(cells)));
    write('01-typeerror.ipynb', '%% md\n# T\n%% code\nconst ok = 1;\n%% code\nconst x: number = "a";\n%% code\nconsole.log("never");\n');
    write('02-params.ipynb', '%% params\nconst params = { threshold: 0.5, label: "a" };\n%% code\nconsole.log(`threshold=${params.threshold} label=${params.label}`);\n');
    write('03-unknown.ipynb', '%% params\nconst params = { threshold: 0.5 };\n%% code\nparams.threshold;\n');
    write('04-unwritable.ipynb', '%% code\nconst fine = 1;\n');
    const files = ['01-typeerror', '02-params', '03-unknown', '04-unwritable'].map((s) => path.join(dir, `${s}.ipynb`));
    results = await cachedNotebookRun(
      'runner',
      'tests/study/jupyter/runner.test.ts',
      (outDir) => {
        fs.mkdirSync(path.join(outDir, '04-unwritable.html'), { recursive: true }); // its HTML cannot be written
        return runNotebooks(files, {
          outDir,
          jobs: 2,
          overrides: { '02-params': { threshold: 0.4 }, '03': { treshold: 0.4 }, '*': { label: 'b' } },
        });
      },
      { failuresExpected: true },
    );
  }, 180_000);

  it('a type error fails the notebook, naming the cell and quoting the compiler', () => {
    const r = results[0];
    expect(r.ok).toBe(false);
    expect(r.error!.cell).toBe(2);
    expect(r.error!.firstLine).toBe('const x: number = "a";');
    expect(r.error!.text).toContain("Type 'string' is not assignable to type 'number'");
    const msg = formatFailure(r);
    expect(msg).toMatch(/^notebook 01-typeerror\.ipynb, cell 2: const x: number = "a";/);
    // the executed notebook and its HTML are still written for inspection
    expect(fs.existsSync(r.ipynbFile)).toBe(true);
    expect(fs.existsSync(r.htmlFile)).toBe(true);
  });

  it('injects overrides after the parameters cell', () => {
    const r = results[1];
    expect(r.ok).toBe(true);
    expect(r.parameters).toEqual({ label: 'b', threshold: 0.4 });
    const nb = JSON.parse(fs.readFileSync(r.ipynbFile, 'utf8'));
    expect(nb.cells[1].metadata.tags).toEqual(['injected-parameters']);
    const printed = nb.cells[2].outputs.map((o: { text?: string[] | string }) => [o.text ?? ''].flat().join('')).join('');
    expect(printed).toContain('threshold=0.4 label=b');
  });

  it('a notebook whose files cannot be written fails alone, saying why; the others of the run are reported', () => {
    expect(results.map((r) => r.notebook)).toEqual(['01-typeerror', '02-params', '03-unknown', '04-unwritable']);
    const r = results[3];
    expect(r.ok).toBe(false);
    expect(r.error!.text).toMatch(/writing .*04-unwritable\.ipynb or its HTML failed: IsADirectoryError/);
    expect(results[1].ok).toBe(true);
  });

  it('an unknown parameter name is an error listing the valid names', () => {
    const r = results[2];
    expect(r.ok).toBe(false);
    expect(r.error!.injected).toBe(true);
    expect(r.error!.text).toContain('applyParameters: unknown parameter for 03-unknown; valid names: threshold (got "treshold")');
  });
});
