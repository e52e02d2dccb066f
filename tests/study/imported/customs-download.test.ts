/**
 * The study on imported data, end to end: a China-Customs-style download (here
 * written from the synthetic panel, so the expected results are known) goes
 * through `npm run data:import` into a private imported folder, and the
 * partition and universe notebooks run on it with `--set '*.dataSource="imported"'`.
 * Nothing touches the user's data/imported (STUDY_IMPORTED_DIR points elsewhere).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runStudy } from '../../../lib/study.js';
import { readResults } from '../../../lib/present/results.js';
import { formatFailure, listNotebooks, runNotebooks, type NotebookResult } from '../../../scripts/jupyter/runner.js';
import { cachedNotebookRun } from '../../helpers/run-cache.js';
import { tempDir } from '../../helpers/temp.js';

describe('the study on an imported customs download', () => {
  const dir = tempDir('imported-study-');
  const importedDir = path.join(dir, 'imported');
  let outDir: string;
  let results: NotebookResult[];
  let importOut: string;

  beforeAll(async () => {
    // the synthetic panel written as an English China Customs download (quoted fields, separators, YYYYMM)
    const lines = fs
      .readFileSync('data/synthetic/teaching-panel-SYNTHETIC.csv', 'utf8')
      .split('\n')
      .filter((l) => l && !l.startsWith('#'))
      .slice(1);
    const header =
      '"Date of data","Commodity code","Commodity","Trading partner code","Trading partner","Quantity","Unit","Supplementary Quantity","Supplementary Unit","US dollar",';
    const body = lines.map((l) => {
      const [code, , month, value] = l.split(',');
      return `"${month.replace('-', '')}","${code}","x","116","Japan","1","kg","0","?","${Number(value).toLocaleString('en-US')}",`;
    });
    const download = path.join(dir, 'download.csv');
    fs.writeFileSync(download, [header, ...body].join('\n') + '\n');
    const r = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'scripts/data-import.ts', download, '--out', importedDir],
      { encoding: 'utf8' },
    );
    importOut = r.stdout + r.stderr;
    expect(r.status, importOut).toBe(0);
    fs.copyFileSync('data/synthetic/bec-totals-SYNTHETIC.csv', path.join(importedDir, 'bec-totals.csv'));
    process.env.STUDY_IMPORTED_DIR = importedDir;
    const notebooks = listNotebooks().filter((n) => /\/0[48]-/.test(n));
    results = await cachedNotebookRun('imported-study', 'tests/study/imported/customs-download.test.ts', (out) =>
      runNotebooks(notebooks, { outDir: out, overrides: { '*': { dataSource: 'imported' } } }),
    );
    outDir = path.dirname(path.dirname(results[0].ipynbFile));
  }, 300_000);

  afterAll(() => {
    delete process.env.STUDY_IMPORTED_DIR;
  });

  it('the import report counts every row and the separators it parsed', () => {
    // the SYNTHETIC panel's rows (its Januaries of 2020–2025 are published combined with February, so absent)
    expect(importOut).toMatch(/rows read 18,208, used 18,208, duplicates dropped 0/);
    expect(importOut).toMatch(/JANUARY–FEBRUARY: 2020–2025: January and February combined in 167 codes/);
    expect(importOut).toMatch(/parsed thousands separators/);
  });

  it('both notebooks run on the imported data, say so, and record the imported parameter', () => {
    for (const r of results) {
      expect(r.ok, formatFailure(r)).toBe(true);
      expect(r.parameters).toEqual({ dataSource: 'imported' });
      const html = fs.readFileSync(r.htmlFile, 'utf8');
      expect(html).toContain('data-source="imported"');
      expect(html).toContain('Imported data from download.csv');
    }
  });

  it('the partition on the imported data equals the library on the same panel', () => {
    const recorded = readResults(outDir, '04-partition').partition as { group_id: number; pattern: string }[];
    const expected = runStudy({ dataSource: 'imported' }).partition;
    expect(recorded.map((r) => [r.group_id, r.pattern])).toEqual(expected.map((r) => [r.group_id, r.pattern]));
  });
});
