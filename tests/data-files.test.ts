/**
 * The committed data files: hashes match data/README.md (npm run data:verify),
 * and regenerating the synthetic panel with the documented seed reproduces the
 * committed files byte for byte.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';

const tsx = path.resolve('node_modules', '.bin', 'tsx');

describe('data files', () => {
  it('npm run data:verify: every file matches its listed sha256 and every file is listed', () => {
    const r = spawnSync(tsx, ['scripts/data-verify.ts'], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/data:verify: 49 files match their sha256/);
  });

  it('data:verify fails, naming the file, when a listed hash is wrong', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'verify-'));
    // a copy of the project's data folder with one byte changed
    fs.cpSync('data', path.join(dir, 'data'), { recursive: true, filter: (src) => !src.includes(`${path.sep}imported`) });
    fs.copyFileSync('package.json', path.join(dir, 'package.json'));
    fs.appendFileSync(path.join(dir, 'data', 'study', 'gdp.csv'), '\n');
    const r = spawnSync(tsx, [path.resolve('scripts/data-verify.ts')], { encoding: 'utf8', cwd: dir });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/data\/study\/gdp\.csv: sha256 [0-9a-f]{64} differs from the README's [0-9a-f]{64}/);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('regenerating the synthetic panel gives byte-identical files', () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'regen-'));
    const r = spawnSync(tsx, ['scripts/data-synthetic.ts', '--out', out], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    for (const f of ['teaching-panel-SYNTHETIC.csv', 'teaching-panel-SYNTHETIC.meta.json', 'bec-totals-SYNTHETIC.csv']) {
      expect(fs.readFileSync(path.join(out, f)).equals(fs.readFileSync(path.join('data', 'synthetic', f))), f).toBe(true);
    }
    fs.rmSync(out, { recursive: true, force: true });
  }, 60_000);
});
