/**
 * npm run data:import as a process (node --import tsx, as npm runs it): it writes through writeImportedPanel
 * (lib/io/imported.ts; its own tests: tests/unit/io/imported.test.ts), names every source file in the manifest,
 * and refuses bad arguments with one clear line.
 */
import { spawnSync } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/temp.js';

const tmp = (): string => tempDir('data-import-script-');

describe('npm run data:import writes through writeImportedPanel', () => {
  const run = (args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'scripts/data-import.ts', ...args], { encoding: 'utf8' });
  const fx = (f: string) => path.join('tests', 'fixtures', f);
  const sha = (f: string) => crypto.createHash('sha256').update(fs.readFileSync(f)).digest('hex');

  it('two downloads: one merged panel, the manifest names both files with size and sha256; options parsed by parseArgs (--opt=value too)', () => {
    const out = tmp();
    const r = run([fx('customs-en-utf8.csv'), fx('customs-zh-utf8-bom.csv'), '--cumulative=no', '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Wrote .*panel\.csv \(8 rows, 3 codes, 2015-01 to 2015-03\) and manifest\.json/);
    const m = JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8'));
    expect(Object.keys(m)).toEqual([
      'kind',
      'panel',
      'importId',
      'level',
      'period',
      'rows',
      'codes',
      'options',
      'sources',
    ]);
    expect([m.kind, m.level, m.period, m.rows, m.codes]).toEqual(['imported', 'HS8', ['2015-01', '2015-03'], 8, 3]);
    expect(m.options).toEqual({
      format: 'auto',
      cumulative: false,
      period: null,
      encoding: 'auto',
      keepPartners: false,
    });
    expect(
      m.sources.map((s: { name: string; bytes: number; sha256: string; file: string }) => [
        s.name,
        s.bytes,
        s.sha256,
        s.file,
      ]),
    ).toEqual(
      ['customs-en-utf8.csv', 'customs-zh-utf8-bom.csv'].map((f) => [
        f,
        fs.statSync(fx(f)).size,
        sha(fx(f)),
        path.resolve(fx(f)),
      ]),
    );
    expect(fs.readFileSync(path.join(out, 'panel.csv'), 'utf8').split('\n').slice(0, 2)).toEqual([
      '# Imported by npm run data:import from customs-en-utf8.csv, customs-zh-utf8-bom.csv',
      '# Real trade data (not synthetic), HS8, monthly US dollars, 2015-01 to 2015-03; see manifest.json',
    ]);
  });

  it('a Comtrade answer with two partners and no World row: the partners said first in the report, in panel.csv, the manifest and the last line', () => {
    const out = tmp();
    const r = run([fx('comtrade-two-partners.json'), '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    const line = "sum of 2 partners: Argentina, Germany — not China's total imports";
    expect(r.stdout.split('\n').slice(0, 2)).toEqual([
      'Imported comtrade-two-partners.json (comtrade-json, utf-8, en headers)',
      `  PARTNERS: ${line}`,
    ]);
    expect(r.stdout.trimEnd().split('\n').pop()).toBe(`Partners: ${line}`);
    expect(fs.readFileSync(path.join(out, 'panel.csv'), 'utf8').split('\n')[2]).toBe(`# Partners: ${line}`);
    const m = JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8'));
    expect(Object.keys(m)).toEqual([
      'kind',
      'panel',
      'importId',
      'level',
      'period',
      'rows',
      'codes',
      'partners',
      'options',
      'sources',
    ]);
    expect(m.partners.text).toBe(line);
  });

  it('bad arguments: one clear line with the usage, exit 1, nothing written', () => {
    const out = tmp();
    const usage = 'usage: npm run data:import -- <file>…';
    const cases: [string[], string][] = [
      [['--bogus', fx('customs-en-utf8.csv')], 'unknown option --bogus (see npm run data:import -- --help)'],
      [[fx('customs-en-utf8.csv'), '--format'], '--format needs a value (see npm run data:import -- --help)'],
      [
        [fx('customs-en-utf8.csv'), '--keep-partners=yes'],
        '--keep-partners takes no value (got --keep-partners=yes) (see npm run data:import -- --help)',
      ],
      [[fx('customs-en-utf8.csv'), '--cumulative', 'maybe'], '--cumulative must be auto, yes or no (got maybe)'],
      [[], 'no input files'],
    ];
    for (const [args, msg] of cases) {
      const r = run(['--out', out, ...args]);
      expect(r.status).toBe(1);
      expect(r.stderr.split('\n')[0]).toBe(`data:import failed: ${msg}`);
      if (msg.includes('(see ')) expect(r.stderr).toContain(usage);
    }
    expect(fs.readdirSync(out)).toEqual([]);
    const h = run(['--bogus', '--help']);
    expect([h.status, h.stdout.startsWith(usage)]).toEqual([0, true]);
  }, 60_000);
});
