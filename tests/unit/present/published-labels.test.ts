/**
 * "Published" and "as printed" only for what the slides print: the scanner on hand-made fixtures (one
 * passing, several failing), then on the chart specs the library builds from published inputs (the report's front
 * page built from a small fixture: tests/unit/scripts/report/front-page.test.ts). The study project scans every page of the full report
 * (tests/study/report/browser.test.ts); `npx tsx scripts/check-labels.ts <folder>` scans any built report by hand.
 */
import { describe, expect, it } from 'vitest';
import { loadPublished } from '../../../lib/io/published.js';
import { StudyError } from '../../../lib/core/errors.js';
import {
  isPrintedValue,
  publishedVocabulary,
  scanChartSpec,
  scanHtmlTables,
  scanReportDir,
} from '../../../lib/present/published-labels.js';
import { macroSharesChart } from '../../../lib/present/chart-specs/macro.js';
import { partitionMatrixChart } from '../../../lib/present/chart-specs/partition.js';
import { partitionMatrix } from '../../../lib/steps/partition.js';

const published = loadPublished();
const vocab = publishedVocabulary(published);

const table = (caption: string, head: string[], rows: string[][]): string =>
  `<table><caption>${caption}</caption><thead><tr>${head.map((h) => `<th>${h}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;

describe('publishedVocabulary / isPrintedValue', () => {
  it('holds the printed numbers and texts, not the notes', () => {
    expect(vocab.texts.has('low growth (g < 0.5)')).toBe(true);
    expect(vocab.texts.has('passive components')).toBe(true);
    expect([...vocab.texts].some((t) => t.includes('this project places'))).toBe(false); // a note
    expect(vocab.assumedYears.map((a) => a.id)).toEqual([
      'both_adjusted_2015',
      'both_adjusted_2024',
      'semi_capital_start',
      'semi_capital_end',
      'semi_intermediate_start',
      'semi_intermediate_end',
    ]);
  });
  it('compares numbers as numbers, texts verbatim (case and spacing aside)', () => {
    for (const ok of [
      '6.40 %',
      '6.4',
      '2.06%',
      '0.5',
      '≈ 1 bn US dollars',
      'High Growth (G > 0.5)',
      'high growth, medium volatility',
      'stockpiling',
      '',
      '–',
      '(none)',
      'not printed (peak)',
      'Polymers\nMedicines',
    ])
      expect(isPrintedValue(ok, vocab), ok).toBe(true);
    for (const bad of [
      '6.41 %',
      'G ≤ 0.5',
      '0.24 ≤ V ≤ 0.3',
      'every group has codes',
      'high growth, made-up volatility',
      'yes',
    ])
      expect(isPrintedValue(bad, vocab), bad).toBe(false);
    expect(isPrintedValue(true, vocab)).toBe(false);
    expect(isPrintedValue(1.27, vocab)).toBe(true);
    expect(isPrintedValue(1.28, vocab)).toBe(false);
  });
  it('rejects bad input', () => {
    expect(() => publishedVocabulary({} as never)).toThrow(StudyError);
    expect(() => scanHtmlTables(42 as never, vocab)).toThrow(/expected HTML text/);
    expect(() => scanChartSpec(null, vocab)).toThrow(/expected a vega-lite spec/);
    expect(() => scanReportDir('/no/such/folder', vocab)).toThrow(/no such report folder/);
  });
});

describe('scanHtmlTables', () => {
  it('passes a faithful table', () => {
    const html = table(
      'Our shares beside the published ones',
      ['Series', 'Published year', 'Ours', 'Published', 'Difference'],
      [
        ['capital goods, adjusted', '2015', '2.10 %', '2.06 %', '0.04 pp'],
        ['semiconductor capital goods', '2015 (assumed; not printed)', '0.10 %', '0.09 %', '0.01 pp'],
        ['semiconductor intermediates', 'not printed (peak)', '2.20 %', '2.12 %', '0.08 pp'],
      ],
    );
    expect(scanHtmlTables(html, vocab, 'ok.html')).toEqual([]);
  });
  it('flags a closed-rule band under a "Published" heading', () => {
    const v = scanHtmlTables(
      table(
        'Bands',
        ['Group', 'Published growth band'],
        [
          ['Polymers', 'G ≤ 0.5'],
          ['ICs', 'High Growth (G > 0.5)'],
        ],
      ),
      vocab,
      'bad.html',
    );
    expect(v).toEqual([
      {
        where: 'bad.html',
        what: 'Bands',
        column: 'Published growth band',
        value: 'G ≤ 0.5',
        reason: 'not in published.json as printed',
      },
    ]);
  });
  it('flags a statement no slide makes under "As printed"', () => {
    const v = scanHtmlTables(
      table('Structure', ['What', 'Ours', 'As printed'], [['groups', '17', 'every group has codes']]),
      vocab,
    );
    expect(v.map((x) => x.value)).toEqual(['every group has codes']);
  });
  it('flags a number the slides do not print, and a year they do not print unless marked assumed', () => {
    const v = scanHtmlTables(
      table(
        'Shares',
        ['Series', 'Published year', 'Published'],
        [
          ['capital goods, adjusted', '2015', '2.1 %'],
          ['semiconductor capital goods', '2024', '0.16 %'],
        ],
      ),
      vocab,
    );
    expect(v.map((x) => [x.value, x.reason])).toEqual([
      ['2.1 %', 'not in published.json as printed'],
      ['2024', 'year of semi_capital_end is not printed: flag it as assumed'],
    ]);
  });
  it('checks every cell of a table whose caption says it is published, row headings included', () => {
    const html =
      '<table><caption>Published (slides)</caption><thead><tr><th></th><th>High Growth (G &gt; 0.5)</th><th>low growth (G ≤ 0.5)</th></tr></thead>' +
      '<tbody><tr><th>High Volatility (V &gt; 0.3)</th><td>Medicines<br>Energy Equipment</td><td>Aviation &amp; Aerospace</td></tr></tbody></table>';
    expect(scanHtmlTables(html, vocab).map((x) => x.value)).toEqual(['low growth (G ≤ 0.5)']);
  });
  it('checks a row whose heading says published', () => {
    const html =
      '<table><tr><th>Source</th><th>V</th></tr><tr><th>published</th><td>0.27</td></tr><tr><th>ours</th><td>0.27</td></tr></table>';
    expect(scanHtmlTables(html, vocab).map((x) => x.value)).toEqual(['0.27']);
  });
});

describe('scanChartSpec', () => {
  const series = ['capital goods, adjusted', 'semiconductor capital goods', 'semiconductor intermediates'];
  const rows = [2015, 2020, 2024].flatMap((year) =>
    series.map((s, k) => ({ year, series: s, share_pct: 1 + k + year / 1e4 })),
  );
  it('passes the macro chart the library builds from published.json', () => {
    expect(
      scanChartSpec(macroSharesChart(rows, published.macro, { sourceNote: 'SYNTHETIC (test)' }), vocab, 'macro'),
    ).toEqual([]);
  });
  it('passes the published partition matrix with printed bands, flags it with the closed rule', () => {
    const cells = partitionMatrix(
      published.partition.map((p) => ({
        group_id: p.group_id,
        matrixLabel: p.matrix_label,
        growth: p.growth,
        volatility: p.volatility,
      })),
    );
    const patterns = new Map(published.partition.map((p) => [p.matrix_label, p.pattern] as const));
    const o = { sourceNote: 'Naughton & Fang (2025) slides', title: 'Partition of technology groups (published)' };
    expect(scanChartSpec(partitionMatrixChart(cells, patterns, { ...o, bands: 'printed' }), vocab)).toEqual([]);
    const v = scanChartSpec(partitionMatrixChart(cells, patterns, o), vocab);
    // 'High growth (G > 0.5)' matches the printed 'High Growth (G > 0.5)' (case aside); the closed rule's bands do not
    expect(new Set(v.map((x) => x.value))).toEqual(
      new Set(['Low growth (G ≤ 0.5)', 'Medium volatility (0.24 ≤ V ≤ 0.3)', 'Low volatility (V < 0.24)']),
    );
  });
  it('flags published points at years the slides do not print when they are not marked assumed', () => {
    const spec = macroSharesChart(rows, published.macro, { sourceNote: 'SYNTHETIC (test)' }) as unknown as {
      layer: { data: { values: { label: string }[] } }[];
    };
    for (const p of spec.layer[1].data.values) p.label = 'published';
    const v = scanChartSpec(spec, vocab);
    expect(v.map((x) => x.reason).sort()).toEqual([
      'year of semi_capital_end is not printed: flag it as assumed',
      'year of semi_capital_start is not printed: flag it as assumed',
      'year of semi_intermediate_end is not printed: flag it as assumed',
      'year of semi_intermediate_start is not printed: flag it as assumed',
    ]);
  });
  it('flags our values in a layer labelled published', () => {
    const spec = {
      title: 'Shares',
      layer: [
        {
          data: { values: [{ year: 2015, v: 2.11 }] },
          mark: 'point',
          encoding: { x: { field: 'year' }, y: { field: 'v', title: 'published % of GDP' } },
        },
        {
          data: { values: [{ year: 2015, v: 2.11 }] },
          mark: 'line',
          encoding: { x: { field: 'year' }, y: { field: 'v', title: 'ours' } },
        },
      ],
    };
    expect(scanChartSpec(spec, vocab, 's')).toEqual([
      { where: 's', what: 'Shares', column: 'v', value: '2.11', reason: 'not in published.json as printed' },
    ]);
  });
});
