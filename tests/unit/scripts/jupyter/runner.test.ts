/** The runner's parts that need no kernel (scripts/jupyter/runner.ts): --set parsing, and its checks against the notebooks' parameters. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildNotebook } from '../../../../scripts/make-notebook.js';
import { checkOverrideTargets, hasParameter, parseSetArgs } from '../../../../scripts/jupyter/runner.js';
import { tempDir } from '../../../helpers/temp.js';

describe('parseSetArgs', () => {
  it('reads JSON values and falls back to text', () => {
    expect(parseSetArgs(['04-partition.growthThreshold=0.4', '03.weights=uniform', '03.window=["2016-01","2024-12"]'])).toEqual({
      '04-partition': { growthThreshold: 0.4 },
      '03': { weights: 'uniform', window: ['2016-01', '2024-12'] },
    });
  });
  it('rejects a malformed --set', () => {
    expect(() => parseSetArgs(['growthThreshold=0.4'])).toThrow(/expected <notebook>\.<parameter>=<value>/);
  });
  it('a "*" parameter must exist in at least one notebook', () => {
    const dir = tempDir('wild-');
    const nb = path.join(dir, '01-a.ipynb');
    fs.writeFileSync(nb, JSON.stringify(buildNotebook('%% params\nconst params = {\n  dataSource: "synthetic",\n};\n')));
    expect(() => checkOverrideTargets([nb], { '*': { dataSource: 'imported' } })).not.toThrow();
    expect(() => checkOverrideTargets([nb], { '*': { dataSorce: 'imported' } })).toThrow('--set *.dataSorce: no notebook has a parameter named "dataSorce"');
    expect(hasParameter('const params = { a: 1, dataSource: "x" }', 'dataSource')).toBe(true);
    expect(hasParameter('const params = { mydataSource: 1 }', 'dataSource')).toBe(false);
  });
  it('rejects parameters for a notebook that does not exist', () => {
    expect(() => checkOverrideTargets(['/x/03-indices.ipynb'], { '09-nothing': { a: 1 } })).toThrow(/notebook "09-nothing", which does not exist; notebooks: 03-indices/);
  });
});
