/**
 * `npm run bench` compares our pipeline with pandas on the same file and reports whether the pattern counts are
 * equal; that comparison is only worth its speed figures if both compute the same thing. Here both run on a small
 * SYNTHETIC universe (120 codes of China's 2023 list × 126 months × 3 partners) and must agree code for code in
 * counts: V, G with the printed base (the first month), the printed cuts and the semiconductor rule.
 * pandas comes with apt as root on Debian (python3-pandas), else the test fails naming the command.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateUniverse, universeCodesFromReference } from '../../../lib/synthetic/universe.js';
import { aptInstall } from '../../../scripts/jupyter/env.js';
import { tempDir } from '../../helpers/temp.js';

const dir = tempDir('bench-parity-');

function pandasPython(): string {
  const ok = (py: string) => spawnSync(py, ['-c', 'import pandas, numpy'], { stdio: 'ignore' }).status === 0;
  for (const py of ['/usr/bin/python3', 'python3']) if (ok(py)) return py;
  if (aptInstall(['python3-pandas'], 'pandas', () => {}) && ok('/usr/bin/python3')) return '/usr/bin/python3';
  throw new Error(
    'pandas is needed for this test: apt-get install python3-pandas (Debian/Ubuntu) or pip install pandas',
  );
}

describe('bench: our pipeline and pandas agree', () => {
  it('the same pattern counts on the same file (and every code is counted once)', () => {
    const file = path.join(dir, 'universe-SYNTHETIC.csv');
    const codes = universeCodesFromReference(2023)
      .filter((_, i) => i % 70 === 0)
      .slice(0, 120);
    generateUniverse({ codes, seed: 7, partners: 3, file });
    const json = (cmd: string, args: string[]) => {
      const r = spawnSync(cmd, args, { encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      return JSON.parse(r.stdout.trim().split('\n').pop()!) as {
        rows: number;
        codes: number;
        patterns: Record<string, number>;
      };
    };
    const ours = json(process.execPath, ['--import', 'tsx', 'bench/pipeline.ts', file]);
    const pandas = json(pandasPython(), ['bench/pipeline_pandas.py', file]);
    expect(ours.rows).toBe(codes.length * 126 * 3);
    expect(pandas.rows).toBe(ours.rows);
    expect(ours.patterns.total).toBe(codes.length);
    expect(
      ours.patterns.substitution + ours.patterns['no effect'] + ours.patterns.stockpiling + ours.patterns.skipped,
    ).toBe(codes.length);
    expect(pandas.patterns).toEqual(ours.patterns);
    // the synthetic universe has all three patterns, so a base or cut mismatch would show
    for (const p of ['substitution', 'no effect', 'stockpiling']) expect(ours.patterns[p]).toBeGreaterThan(0);
  }, 120_000);
});
