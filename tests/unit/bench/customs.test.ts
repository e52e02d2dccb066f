/** bench/customs.ts: the tidy panel written as a China Customs download, and that download imported back. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { customsBenchLines, customsLineOf, withSeparators, writeCustomsFromTidy } from '../../../bench/customs.js';
import { importCustomsCsv } from '../../../lib/io/importers/customs.js';
import { readTidyPanel } from '../../../lib/io/importers/tidy.js';
import { tempDir } from '../../helpers/temp.js';

describe('withSeparators', () => {
  it('groups digits by three from the right', () => {
    expect(['0', '12', '999', '1000', '93749', '123456', '1234567'].map(withSeparators)).toEqual([
      '0',
      '12',
      '999',
      '1,000',
      '93,749',
      '123,456',
      '1,234,567',
    ]);
  });
});

describe('customsLineOf', () => {
  it('writes a plain tidy line in the portal’s shape: quoted, YYYYMM, separators, trailing comma', () => {
    expect(customsLineOf('85423111,HS8,2024-12,1234567,156,10')).toBe(
      '"202412","85423111","（合成数据）","156","（合成）","10","1,234,567",',
    );
  });
  it('leaves out what is not a plain HS8 data line', () => {
    expect(customsLineOf('code,level,month,value_usd,partner,regime')).toBeUndefined();
    expect(customsLineOf('# SYNTHETIC universe')).toBeUndefined();
    expect(customsLineOf('850110,HS6,2015-01,5,1,10')).toBeUndefined();
    expect(customsLineOf('85011000,HS8,2015-01,,1,10')).toBeUndefined();
    expect(customsLineOf('85011000,HS8,2015-01,5')).toBeUndefined();
  });
});

describe('writeCustomsFromTidy', () => {
  it('the download imports to the tidy panel’s cells', () => {
    const dir = tempDir('bench-customs-');
    const tidy = path.join(dir, 'u.csv');
    fs.writeFileSync(
      tidy,
      '# SYNTHETIC\ncode,level,month,value_usd,partner,regime\n' +
        '01012100,HS8,2015-01,1000,1,10\n01012100,HS8,2015-01,234567,2,10\n01012100,HS8,2015-02,7,1,10\n' +
        '85423111,HS8,2015-01,1234567,1,10\n',
    );
    const out = path.join(dir, 'c.csv');
    expect(writeCustomsFromTidy(tidy, out).rows).toBe(4);
    expect(fs.readdirSync(dir).sort()).toEqual(['c.csv', 'u.csv']); // no temporary file left
    const a = readTidyPanel(tidy).cells;
    const b = importCustomsCsv(out).cells;
    expect(b.codes).toEqual(['01012100', '85423111']);
    expect([...b.value]).toEqual([235567, 7, 1234567]);
    expect([b.codes, [...b.code], [...b.month], [...b.value]]).toEqual([
      a.codes,
      [...a.code],
      [...a.month],
      [...a.value],
    ]);
  });
});

describe('customsBenchLines', () => {
  it('prints the medians, the speed-up and whether the cells agree', () => {
    const run = (seconds: number, ranges: number) => ({ seconds, peakRssMB: 100, rows: 10, ranges, cellsHash: 'h' });
    const lines = customsBenchLines({
      file: 'bench/out/customs-20M-SYNTHETIC.csv',
      rows: 10,
      bytes: 2 ** 20,
      one: [run(2, 1), run(4, 1), run(3, 1)],
      all: [run(1, 2), run(1.5, 2), run(2, 2)],
      threads: 2,
      sameCells: true,
    });
    expect(lines[1]).toContain('3.00 s');
    expect(lines[2]).toContain('1.50 s');
    expect(lines[2]).toContain('read in 2 range(s)');
    expect(lines[3]).toBe('  speed-up 2.00 ×; the same cells on one thread and on 2: yes');
  });
});
