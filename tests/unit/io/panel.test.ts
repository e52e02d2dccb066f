/** Panels (lib/io/panel.ts): a tidy file to a panel (missing months stay missing), the synthetic and imported sources with their labels, writing a panel and reading it back. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cellsToPanel, loadPanel, panelToTable, writePanelCsv } from '../../../lib/io/panel.js';
import { readTidyPanel } from '../../../lib/io/importers/tidy.js';
import type { Panel, PanelRow } from '../../../lib/core/types.js';
import { importCustomsCsv } from '../../../lib/io/importers/customs.js';
import { EXPECTED } from '../../fixtures/customs-fixtures.js';
import { FIXTURES, tmpDir } from '../../helpers/importers.js';

const fx = (n: string): string => path.join(FIXTURES, n);
const asArrays = (p: Panel): number[][] => p.values.map((v) => [...v]);

describe('readTidyPanel / loadPanel', () => {
  it('sums partner/regime rows per code × month; missing months are NaN, never zero; keeps # notes', () => {
    const { cells, notes } = readTidyPanel(fx('tidy-small.csv'));
    expect(notes).toEqual([
      "SYNTHETIC test fixture — not China's data (seed 7)",
      'written by hand for tests/unit/io/panel.test.ts',
    ]);
    const p = cellsToPanel(cells, { kind: 'synthetic', label: 'x', files: [], period: ['', ''] });
    expect(p.codes).toEqual(['01012100', '85423111']);
    expect(p.months).toEqual(['2015-01', '2015-02', '2015-03']);
    expect(asArrays(p)).toEqual([
      [150, NaN, 70],
      [NaN, 1000.5, NaN],
    ]);
    expect(p.source.period).toEqual(['2015-01', '2015-03']);
  });

  it('synthetic source: labelled SYNTHETIC with the seed from the meta json', () => {
    const dir = path.join(tmpDir(), 'syn');
    fs.mkdirSync(dir, { recursive: true });
    const csv = path.join(dir, 'teaching-panel-SYNTHETIC.csv');
    fs.copyFileSync(fx('tidy-small.csv'), csv);
    fs.writeFileSync(path.join(dir, 'teaching-panel-SYNTHETIC.meta.json'), JSON.stringify({ seed: 20250101 }));
    const p = loadPanel({ source: 'synthetic', file: csv });
    expect(p.source.kind).toBe('synthetic');
    expect(p.source.label).toBe("SYNTHETIC teaching panel — not China's data (seed 20250101), 2015-01 to 2015-03");
    expect(p.source.period).toEqual(['2015-01', '2015-03']);
  });

  it('the shipped synthetic panel loads', () => {
    const p = loadPanel({ source: 'synthetic' });
    expect(p.source.label).toMatch(/^SYNTHETIC teaching panel — not China's data/);
    expect(p.codes.length).toBeGreaterThan(0);
    expect([...p.codes].sort()).toEqual(p.codes);
  });

  it('imported source: import → write → load round-trips the customs values, labelled with the source files', () => {
    const dir = path.join(tmpDir(), 'imp');
    fs.mkdirSync(dir, { recursive: true });
    const { cells, report } = importCustomsCsv(fx('customs-zh-gb18030.csv'));
    const out = path.join(dir, 'panel.csv');
    writePanelCsv(cells, out, ['imported for a test']);
    fs.writeFileSync(
      path.join(dir, 'manifest.json'),
      JSON.stringify({ sources: [{ file: 'customs-zh-gb18030.csv' }], report }),
    );
    const p = loadPanel({ source: 'imported', file: out });
    expect(p.source.label).toBe('Imported data from customs-zh-gb18030.csv, 2015-01 to 2015-03');
    const back: Record<string, Record<string, number>> = {};
    p.codes.forEach((c, k) =>
      p.months.forEach((m, t) => {
        if (!Number.isNaN(p.values[k][t])) (back[c] ??= {})[m] = p.values[k][t];
      }),
    );
    expect(back).toEqual(EXPECTED);
    expect(p.values[2][1]).toBeNaN(); // 85423111 2015-02 was "-": missing, not zero
  });

  it('missing files say which command makes them', () => {
    expect(() => loadPanel({ source: 'imported', file: '/nonexistent/panel.csv' })).toThrow(/npm run data:import/);
    expect(() => loadPanel({ source: 'synthetic', file: '/nonexistent/x.csv' })).toThrow(/npm run data:synthetic/);
    expect(() => loadPanel({ source: 'other' as 'synthetic' })).toThrow(/source must be/);
  });

  it("an imported panel must have its manifest's rows (file rows, partner rows too) and codes; a manifest without them or naming another file is not checked", () => {
    const dir = path.join(tmpDir(), 'imp-counts');
    const file = path.join(dir, 'panel.csv');
    const row = { code: '01012100', level: 'HS8' as const, month: '2015-01', regime: 'x' };
    writePanelCsv(
      [
        { ...row, value: 1, partner: 'A' },
        { ...row, value: 2, partner: 'B' },
      ],
      file,
    );
    const load = (m: Record<string, unknown>): Panel => {
      fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ kind: 'imported', ...m }));
      return loadPanel({ source: 'imported', file, reporter: '410' });
    };
    expect(asArrays(load({ panel: 'panel.csv', rows: 2, codes: 1 }))).toEqual([[3]]);
    expect(() => load({ panel: 'panel.csv', rows: 2, codes: 2 })).toThrow(
      `loadPanel: ${file} has 2 rows and 1 codes but ${path.join(dir, 'manifest.json')} says 2 rows and 2 codes: the last import was interrupted between writing the two files (or one was changed by hand), so the panel is not the one its manifest describes; run the import again (\`npm run data:fetch -- comtrade --reporter 410\`)`,
    );
    expect(asArrays(load({ panel: 'other.csv', rows: 9, codes: 9 }))).toEqual([[3]]);
    expect(asArrays(load({ panel: 'panel.csv' }))).toEqual([[3]]);
  });
});

describe('writePanelCsv / panelToTable', () => {
  it('writes notes, header and plain numbers; rejects negative values', () => {
    const f = path.join(tmpDir(), 'w.csv');
    const rows: PanelRow[] = [
      { code: '01012100', level: 'HS8', month: '2015-01', value: 5848714 },
      { code: '01012100', level: 'HS8', month: '2015-02', value: 0.25 },
    ];
    writePanelCsv(rows, f, ['SYNTHETIC demo']);
    expect(fs.readFileSync(f, 'utf8')).toBe(
      '# SYNTHETIC demo\ncode,level,month,value_usd\n01012100,HS8,2015-01,5848714\n01012100,HS8,2015-02,0.25\n',
    );
    expect(() => writePanelCsv([{ ...rows[0], value: -1 }], f)).toThrow(/finite non-negative/);
    expect(() => writePanelCsv([{ ...rows[0], code: '1012100' }], f)).toThrow(/code must have 8 digits/);
  });

  it('property: Panel → CSV → Panel is the identity (NaN stays missing)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.array(fc.option(fc.integer({ min: 0, max: 1e12 }), { nil: undefined }), { minLength: 3, maxLength: 3 }),
          { minLength: 1, maxLength: 4 },
        ),
        (grid) => {
          const codes = grid.map((_, k) => String(84000000 + k * 11));
          const values = grid.map((r) => Float64Array.from(r.map((v) => (v === undefined ? NaN : v))));
          // ensure first and last months have a value somewhere so the period is 3 months
          values[0][0] = 1;
          values[0][2] = 2;
          // a code with no value at all has no row in the tidy format (a missing month is an absent row),
          // so it cannot come back: give every code at least one month (the case is tested on its own below)
          for (const v of values) if (v.every((x) => Number.isNaN(x))) v[1] = 3;
          const panel: Panel = {
            source: { kind: 'synthetic', label: 'x', files: [], period: ['2015-01', '2015-03'] },
            months: ['2015-01', '2015-02', '2015-03'],
            codes,
            values,
          };
          const f = path.join(tmpDir(), 'rt.csv');
          writePanelCsv(panel, f);
          const back = cellsToPanel(readTidyPanel(f).cells, panel.source);
          expect(back.codes).toEqual(codes);
          expect(asArrays(back)).toEqual(asArrays(panel));
        },
      ),
      { numRuns: 50 },
    );
  });

  it('a code whose months are all missing writes no rows and does not come back', () => {
    const panel: Panel = {
      source: { kind: 'synthetic', label: 'x', files: [], period: ['2015-01', '2015-02'] },
      months: ['2015-01', '2015-02'],
      codes: ['84000000', '84000011'],
      values: [Float64Array.of(1, 2), Float64Array.of(NaN, NaN)],
    };
    const f = path.join(tmpDir(), 'allmissing.csv');
    expect(writePanelCsv(panel, f).rows).toBe(2);
    expect(cellsToPanel(readTidyPanel(f).cells, panel.source).codes).toEqual(['84000000']);
  });

  it('panelToTable gives code, month, value rows without missing months', () => {
    const p = cellsToPanel(readTidyPanel(fx('tidy-small.csv')).cells, {
      kind: 'synthetic',
      label: 'x',
      files: [],
      period: ['', ''],
    });
    const t = panelToTable(p);
    expect(t.columnNames()).toEqual(['code', 'month', 'value']);
    expect(t.objects()).toEqual([
      { code: '01012100', month: '2015-01', value: 150 },
      { code: '01012100', month: '2015-03', value: 70 },
      { code: '85423111', month: '2015-02', value: 1000.5 },
    ]);
  });
});
