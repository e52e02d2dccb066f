import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../lib/io/csv.js';
import { generateBecTotals } from '../../../lib/synthetic/bec-totals.js';
import { generateTeachingPanel } from '../../../lib/synthetic/generate.js';
import { loadTeachingInputs } from '../../../lib/synthetic/inputs.js';
import { becTotalsCsv, teachingPanelCsv, teachingPanelMetaJson } from '../../../lib/synthetic/serialize.js';

const { codes, groups, gdp } = loadTeachingInputs();
const panel = generateTeachingPanel(codes, groups, gdp, { seed: 11 });
const bec = generateBecTotals(panel, gdp);

describe('teachingPanelCsv', () => {
  const text = teachingPanelCsv(panel);
  const lines = text.split('\n');
  it('a SYNTHETIC comment line naming seed, generator and version, then the header', () => {
    expect(lines[0]).toBe(
      '# SYNTHETIC teaching panel — generated, not China Customs data. Seed 11; generator lib/synthetic/teaching.ts v2.1.0; see data/README.md',
    );
    expect(lines[1]).toBe('code,level,month,value_usd');
    expect(text.endsWith('\n')).toBe(true);
  });
  it('reads back (library CSV reader) to exactly the panel rows', () => {
    const t = parseCsv(lines.slice(1).join('\n'), 'panel.csv');
    expect(t.rows.length).toBe(panel.rows.length);
    const differ = t.rows.filter((r, k) => {
      const p = panel.rows[k];
      return r.code !== p.code || r.level !== p.level || r.month !== p.month || Number(r.value_usd) !== p.value;
    });
    expect(differ).toEqual([]);
  });
});

describe('becTotalsCsv', () => {
  it('a SYNTHETIC comment line, the header, then the totals that read back exactly', () => {
    const lines = becTotalsCsv(bec, 11).split('\n');
    expect(lines[0]).toMatch(
      /^# SYNTHETIC BEC end-use import totals — generated, not UN or China Customs data\. Seed 11; generator lib\/synthetic\/teaching\.ts v2\.1\.0;/,
    );
    const t = parseCsv(lines.slice(1).join('\n'), 'bec.csv');
    expect(t.header).toEqual(['year', 'end_use', 'value_usd']);
    expect(t.rows.map((r) => ({ year: Number(r.year), endUse: r.end_use, valueUsd: Number(r.value_usd) }))).toEqual(
      bec.rows,
    );
  });
});

describe('teachingPanelMetaJson', () => {
  it('the meta as pretty JSON; with the BEC totals, their targets and achieved shares under becTotals', () => {
    const plain = teachingPanelMetaJson(panel);
    expect(JSON.parse(plain)).toEqual(JSON.parse(JSON.stringify(panel.meta)));
    expect(plain.startsWith('{\n  "synthetic": true,\n')).toBe(true);
    const meta = JSON.parse(teachingPanelMetaJson(panel, bec));
    expect(meta.becTotals.synthetic).toBe(true);
    expect(meta.becTotals.file).toBe('data/synthetic/bec-totals-SYNTHETIC.csv');
    expect(meta.becTotals.achieved).toEqual(bec.achieved);
    expect(meta.becTotals.targets.capitalAdjustedPct['2024']).toBe(1.27);
  });
});
