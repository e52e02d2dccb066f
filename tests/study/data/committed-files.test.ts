/**
 * The committed data files: hashes match data/README.md (npm run data:verify, run as a command),
 * and regenerating the synthetic panel with the documented seed (the script's exported function)
 * reproduces the committed files byte for byte. How data:verify fails is
 * tests/unit/scripts/data-verify.test.ts.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeTeachingData } from '../../../scripts/data-synthetic.js';
import { tempDir } from '../../helpers/temp.js';

describe('data files', () => {
  it('npm run data:verify: every file matches its listed sha256 and every file is listed', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/data-verify.ts'], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/data:verify: 54 files match their sha256/);
  });



  it('regenerating the synthetic panel gives byte-identical files', () => {
    const out = tempDir('regen-');
    const w = writeTeachingData(out);
    expect(Object.values(w.files).map((f) => path.basename(f))).toEqual(['teaching-panel-SYNTHETIC.csv', 'teaching-panel-SYNTHETIC.meta.json', 'bec-totals-SYNTHETIC.csv']);
    for (const f of Object.values(w.files)) {
      expect(fs.readFileSync(f).equals(fs.readFileSync(path.join('data', 'synthetic', path.basename(f)))), f).toBe(true);
    }
  }, 60_000);
});
