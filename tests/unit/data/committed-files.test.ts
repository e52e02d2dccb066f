/**
 * The committed data files: hashes match data/README.md (npm run data:verify),
 * and regenerating the synthetic panel with the documented seed reproduces the
 * committed files byte for byte. The command line is run once (the passing case);
 * the failing case and the regeneration call the scripts' exported functions.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyData } from '../../../scripts/data-verify.js';
import { writeTeachingData } from '../../../scripts/data-synthetic.js';


describe('data files', () => {
  it('npm run data:verify: every file matches its listed sha256 and every file is listed', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/data-verify.ts'], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/data:verify: 49 files match their sha256/);
  });

  it('data:verify fails, naming the file, when a listed hash is wrong or a file is not listed', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'verify-'));
    try {
      // a copy of the project's data folder with one byte changed and one unlisted file
      fs.cpSync('data', path.join(dir, 'data'), { recursive: true, filter: (src) => !src.includes(`${path.sep}imported`) });
      fs.appendFileSync(path.join(dir, 'data', 'study', 'gdp.csv'), '\n');
      fs.writeFileSync(path.join(dir, 'data', 'study', 'extra.csv'), 'a\n1\n');
      const r = verifyData(dir);
      expect(r.files).toBe(49);
      expect(r.problems).toHaveLength(2);
      expect(r.problems[0]).toBe('data/study/extra.csv is not listed in data/README.md');
      expect(r.problems[1]).toMatch(/^data\/study\/gdp\.csv: sha256 [0-9a-f]{64} differs from the README's [0-9a-f]{64}$/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('data:verify names the row of a malformed provenance table', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'verify-'));
    try {
      fs.mkdirSync(path.join(dir, 'data'));
      fs.writeFileSync(path.join(dir, 'data', 'README.md'), '<!-- files:start -->\n| file | kind | source | licence | sha256 |\n|-|-|-|-|-|\n| `a.csv` | real | x |\n<!-- files:end -->\n');
      expect(() => verifyData(dir)).toThrow('data:verify: data/README.md provenance table, row 1: expected 5 columns (file | real or synthetic | source | licence | sha256), got 3');
      fs.writeFileSync(path.join(dir, 'data', 'README.md'), 'no table\n');
      expect(() => verifyData(dir)).toThrow(/has no provenance table between <!-- files:start --> and <!-- files:end -->/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('regenerating the synthetic panel gives byte-identical files', () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'regen-'));
    try {
      const w = writeTeachingData(out);
      expect(Object.values(w.files).map((f) => path.basename(f))).toEqual(['teaching-panel-SYNTHETIC.csv', 'teaching-panel-SYNTHETIC.meta.json', 'bec-totals-SYNTHETIC.csv']);
      for (const f of Object.values(w.files)) {
        expect(fs.readFileSync(f).equals(fs.readFileSync(path.join('data', 'synthetic', path.basename(f)))), f).toBe(true);
      }
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  }, 60_000);
});
