import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCodes, loadGroups } from '../../../lib/io/data.js';
import { loadGdp } from '../../../lib/io/published.js';
import { projectPath } from '../../../lib/io/paths.js';
import { loadTeachingInputs } from '../../../lib/synthetic/inputs.js';
import { tempDir } from '../../helpers/temp.js';

describe('loadTeachingInputs', () => {
  it('reads the curated tables through the library loaders', () => {
    const inputs = loadTeachingInputs();
    expect(inputs.codes).toEqual(loadCodes());
    expect(inputs.groups).toEqual(loadGroups());
    expect(inputs.gdp).toEqual(loadGdp());
    expect(inputs.groups.length).toBe(17);
    expect(inputs.codes.find((r) => r.code === '84862031')).toMatchObject({
      batch: 1,
      group_id: 6,
      first_year: 2015,
      last_year: 2025,
    });
    expect(inputs.gdp.find((r) => r.year === 2024)?.gdp_usd).toBe(18743803170827);
  });
  it('reads another folder, and a bad cell there is an error naming the loader, file, line and column', () => {
    const dir = tempDir('teaching-inputs-');
    for (const f of ['codes.csv', 'groups.csv', 'gdp.csv'])
      fs.copyFileSync(projectPath('data', 'study', f), path.join(dir, f));
    expect(loadTeachingInputs(dir).gdp.length).toBe(loadGdp().length);
    const gdp = fs.readFileSync(path.join(dir, 'gdp.csv'), 'utf8').split('\n');
    gdp[2] = gdp[2].replace(/^2015,\d+,/, '2015,-1,');
    fs.writeFileSync(path.join(dir, 'gdp.csv'), gdp.join('\n'));
    expect(() => loadTeachingInputs(dir)).toThrow(
      `loadGdp: ${path.join(dir, 'gdp.csv')}, line 3, column "gdp_usd": GDP must be a positive number of US dollars (got "-1")`,
    );
    fs.rmSync(path.join(dir, 'codes.csv'));
    expect(() => loadTeachingInputs(dir)).toThrow(/codes\.csv: file not found/);
  });
});
