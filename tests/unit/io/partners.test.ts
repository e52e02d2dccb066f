/**
 * Partial partners (lib/io/partners.ts): a UN Comtrade answer with partner rows and no partner 0 (World) row holds
 * the sum of those partners, not China's total imports. tests/fixtures/comtrade-two-partners.json is such an answer
 * in the real recorded shape (every field of a Comtrade+ record, in the API's order, as comtradr's recorded answer
 * tests/testthat/goods/comtradeapi.un.org/data/v1/get/C/A/HS-60a6ad.json gives them for China's trade with
 * Argentina (32) and Germany (276)); here monthly, at HS6, with made-up values. The line must reach the import
 * report, the imported panel's manifest, the panel's label, the notebook banner and the charts' source note.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeImportedPanel } from '../../../lib/io/imported.js';
import { formatImportReport, importComtradeJson } from '../../../lib/io/importers/index.js';
import { loadPanel, sourceNote } from '../../../lib/io/panel.js';
import {
  importedPartners,
  mergePartnerSums,
  partnerNames,
  partnersOfManifest,
  partnerSum,
  partnerSumText,
} from '../../../lib/io/partners.js';
import { bannerText } from '../../../lib/present/banner.js';
import { cellsToObject, FIXTURES, tmpDir, tmpFile } from '../../helpers/importers.js';

const TWO = path.join(FIXTURES, 'comtrade-two-partners.json');
const LINE = "sum of 2 partners: Argentina, Germany — not China's total imports";

describe('partner names and the line', () => {
  it('names from partnerDesc, codes where a partner has none, the first eight then a count', () => {
    expect(partnerNames(['32', '276'], ['Argentina', 'Germany'])).toBe('Argentina, Germany');
    expect(partnerNames(['32', '276'], ['', ''])).toBe('partner 32, 276');
    expect(partnerNames(['32', '156', '276'], ['', 'China', ''])).toBe('partner 32, China, partner 276');
    const codes = Array.from({ length: 10 }, (_, k) => String(k + 1));
    expect(
      partnerNames(
        codes,
        codes.map((c) => `P${c}`),
      ),
    ).toBe('P1, P2, P3, P4, P5, P6, P7, P8, and 2 more');
    expect(() => partnerNames(['32'], [])).toThrow(/differ in length/);
  });

  it('the line: count, names, "not China\'s total imports", and the share of code-months when only some lack World', () => {
    expect(partnerSumText(['32', '276'], ['Argentina', 'Germany'], 3, 3)).toBe(LINE);
    expect(partnerSumText(['32', '276'], ['', ''], 3, 3)).toBe(
      "sum of 2 partners: partner 32, 276 — not China's total imports",
    );
    expect(partnerSumText(['276'], ['Germany'], 1, 4)).toBe(
      "sum of 1 partner: Germany — not China's total imports (in 1 of 4 code-months; the others have World totals)",
    );
    expect(() => partnerSumText([], [], 0, 0)).toThrow(/no partners/);
    expect(() => partnerSumText(['32'], [''], 5, 4)).toThrow(/cells/);
  });

  it('merged over imports: union of partners, a name from any import, cells added, files listed', () => {
    const a = partnerSum(new Map([['276', '']]), 2, 2, 'a.json');
    const b = partnerSum(
      new Map([
        ['32', 'Argentina'],
        ['276', 'Germany'],
      ]),
      1,
      3,
      'b.json',
    );
    const m = mergePartnerSums([a, undefined, b])!;
    expect(m.codes).toEqual(['32', '276']);
    expect(m.names).toEqual(['Argentina', 'Germany']);
    expect([m.cells, m.ofCells]).toEqual([3, 5]);
    expect(m.files).toEqual(['a.json', 'b.json']);
    expect(m.text).toBe(
      "sum of 2 partners: Argentina, Germany — not China's total imports (in 3 of 5 code-months; the others have World totals)",
    );
    expect(mergePartnerSums([undefined, undefined])).toBeUndefined();
    expect(partnersOfManifest({ partners: { text: '' } })).toBeUndefined();
    expect(partnersOfManifest(null)).toBeUndefined();
  });
});

describe('a two-partner Comtrade answer, from the import to the charts', () => {
  it('import report: the partners summed (3 code-months), the values their sum, the line second in the text', () => {
    const { report, cells } = importComtradeJson(TWO);
    // hand sums: 854231 2023-01 = 1,000 + 250,000; 2023-02 = 2,000 + 300,000; 848690 2023-01 = Germany alone
    expect(cellsToObject(cells)).toEqual({
      '848690': { '2023-01': 75000 },
      '854231': { '2023-01': 251000, '2023-02': 302000 },
    });
    expect(report.rowsRead).toBe(6);
    expect(report.rowsUsed).toBe(5);
    expect(report.partners).toEqual({
      codes: ['32', '276'],
      names: ['Argentina', 'Germany'],
      cells: 3,
      ofCells: 3,
      files: ['comtrade-two-partners.json'],
      text: LINE,
    });
    expect(formatImportReport(report).split('\n').slice(0, 2)).toEqual([
      'Imported comtrade-two-partners.json (comtrade-json, utf-8, en headers)',
      `  PARTNERS: ${LINE}`,
    ]);
  });

  it('manifest, panel label, banner and source note carry the line; npm start can read it back', () => {
    const outDir = tmpDir();
    const r = importComtradeJson(TWO);
    const w = writeImportedPanel([{ file: TWO, ...r }], {
      outDir,
      notes: () => ['test'],
      manifest: { sources: [{ file: TWO }] },
    });
    const manifest = JSON.parse(fs.readFileSync(w.manifestFile, 'utf8')) as Record<string, unknown>;
    expect(Object.keys(manifest)).toEqual([
      'kind',
      'panel',
      'importId',
      'level',
      'period',
      'rows',
      'codes',
      'partners',
      'sources',
    ]);
    expect((manifest.partners as { text: string }).text).toBe(LINE);
    expect(importedPartners(outDir)).toBe(LINE);
    const panel = loadPanel({ source: 'imported', file: w.panelFile });
    expect(panel.source.label).toBe(`Imported data from comtrade-two-partners.json (${LINE}), 2023-01 to 2023-02`);
    expect(bannerText(panel.source, [])).toBe(
      `Data: Imported data from comtrade-two-partners.json (${LINE}), 2023-01 to 2023-02 · Parameters: defaults`,
    );
    expect(sourceNote(panel.source)).toContain(`(${LINE})`);
  });

  it('without partnerDesc the partners are named by code; World rows everywhere: no partner line', () => {
    const doc = JSON.parse(fs.readFileSync(TWO, 'utf8')) as { data: Record<string, unknown>[] };
    for (const d of doc.data) delete d.partnerDesc;
    const bare = importComtradeJson(tmpFile('bare.json', JSON.stringify(doc)));
    expect(bare.report.partners!.text).toBe("sum of 2 partners: partner 32, 276 — not China's total imports");
    const world: Record<string, unknown>[] = doc.data
      .filter((d) => d.flowCode === 'M')
      .map((d) => ({ ...d, partnerCode: 0, partnerISO: 'W00' }));
    // World rows alone (one per code and month; the two 854231 rows of a month become one World row each)
    const seen = new Set<string>();
    const once = world.filter((d) => {
      const k = `${String(d.cmdCode)}|${String(d.period)}`;
      return seen.has(k) ? false : (seen.add(k), true);
    });
    const w = importComtradeJson(tmpFile('world.json', JSON.stringify({ data: [...once, ...doc.data] })));
    expect(w.report.partners).toBeUndefined();
  });

  it('some code-months with World rows: the line counts those without', () => {
    const doc = JSON.parse(fs.readFileSync(TWO, 'utf8')) as { data: Record<string, unknown>[] };
    const worldRow = { ...doc.data[4], partnerCode: 0, partnerISO: 'W00', partnerDesc: 'World', primaryValue: 75000 };
    const r = importComtradeJson(tmpFile('some.json', JSON.stringify({ data: [...doc.data, worldRow] })));
    expect(r.report.partners!.text).toBe(
      "sum of 2 partners: Argentina, Germany — not China's total imports (in 2 of 3 code-months; the others have World totals)",
    );
    expect(r.report.partners!.codes).toEqual(['32', '276']);
  });

  it('everyPartner (a request for all partners, as the tariff-line fetch): no partner line, a note instead', () => {
    const r = importComtradeJson(TWO, { everyPartner: true });
    expect(r.report.partners).toBeUndefined();
    expect(r.report.notes).toContain(
      'no partner 0 (World) rows in 3 code-months: their partner rows (2 partners, every partner of the request) are summed into the total',
    );
  });
});
