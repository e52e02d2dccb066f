/** The partition charts (lib/present/chart-specs/partition.ts): the partition matrix chart's cells and band headings, and the scatter's labels pushed apart. */
import { describe, expect, it } from 'vitest';
import { partitionAtPublishedCells } from '../../../helpers/fixtures.js';
import { StudyError } from '../../../../lib/core/errors.js';
import type { StudyChartSpec } from '../../../../lib/present/chart-specs/base.js';
import {
  growthVolatilityScatter,
  partitionMatrixChart,
  spreadScatterLabels,
} from '../../../../lib/present/chart-specs/partition.js';
import { partitionMatrix } from '../../../../lib/steps/partition.js';

const NOTE = 'SYNTHETIC teaching data (test fixture) — not the paper’s or China’s figures';
const rows = partitionAtPublishedCells();
const matrix = partitionMatrixChart(partitionMatrix(rows), new Map(rows.map((r) => [r.matrixLabel, r.pattern])), {
  sourceNote: NOTE,
});

describe('partition matrix chart', () => {
  it('an empty cell shows "(none)" and every group appears once', () => {
    const moved = rows.map((r) => (r.group_id === 16 ? { ...r, growth: 'high' as const } : r));
    const spec = partitionMatrixChart(partitionMatrix(moved), new Map(moved.map((r) => [r.matrixLabel, r.pattern])), {
      sourceNote: NOTE,
    });
    const vals = (spec.data as { values: { label: string }[] }).values;
    expect(vals.filter((v) => v.label === '(none)')).toHaveLength(1);
    expect(vals.filter((v) => v.label !== '(none)')).toHaveLength(17);
    expect(() => partitionMatrixChart(partitionMatrix(rows), new Map(), { sourceNote: NOTE })).toThrow(
      /partitionMatrixChart: no pattern for group/,
    );
  });
  it("bands: 'printed' heads rows and columns with the bands as printed, the default with the closed rule", () => {
    const heads = (spec: StudyChartSpec) =>
      [
        ...new Set(
          (spec.data as { values: { growth: string; volatility: string }[] }).values.flatMap((v) => [
            v.growth,
            v.volatility,
          ]),
        ),
      ].sort();
    const printed = partitionMatrixChart(partitionMatrix(rows), new Map(rows.map((r) => [r.matrixLabel, r.pattern])), {
      sourceNote: NOTE,
      bands: 'printed',
    });
    expect(heads(printed)).toEqual([
      'High Growth (G > 0.5)',
      'High Volatility (V > 0.3)',
      'Low Growth (G < 0.5)',
      'Low Volatility (V ≤ 0.23)',
      'Medium Volatility (0.24 ≤ V < 0.3)',
    ]);
    expect(heads(matrix)).toContain('Low growth (G ≤ 0.5)');
    expect(heads(matrix)).toContain('Medium volatility (0.24 ≤ V ≤ 0.3)');
  });
});

describe('spreadScatterLabels', () => {
  const rows = [
    { label: 'A', G: 0.6, V: 0.27, pattern: 'stockpiling' as const },
    { label: 'B', G: 0.65, V: 0.271, pattern: 'no effect' as const },
    { label: 'C', G: 2.5, V: 0.271, pattern: 'stockpiling' as const },
  ];
  const spec = growthVolatilityScatter(rows, { sourceNote: 'SYNTHETIC', width: 600, height: 400 });
  it('pushes colliding labels apart vertically and leaves others alone', () => {
    const out = spreadScatterLabels(spec) as any;
    const text = out.layer.find((l: any) => l.mark?.type === 'text' && l.encoding?.text?.field === 'label');
    expect(text.encoding.y.field).toBe('labelV');
    const byLabel = new Map(text.data.values.map((v: any) => [v.label, v.labelV]));
    expect(byLabel.get('A')).toBe(0.27);
    expect((byLabel.get('B') as number) - 0.27).toBeGreaterThan(0.009);
    expect(byLabel.get('C')).toBe(0.271);
    // the input spec is unchanged
    expect((spec as any).layer[3].encoding.y.field).toBe('V');
  });
  it('rejects a spec without a label layer', () => {
    expect(() => spreadScatterLabels({ layer: [] })).toThrow(StudyError);
  });
});
