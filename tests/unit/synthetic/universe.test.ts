/** The universe generator (lib/synthetic/universe.ts): every code of a code list, deterministic, streamed by partner, in the documented shapes. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  UNIVERSE_SHAPE_SHARES,
  generateUniverse,
  generateUniverseAggregate,
  universeWithProgress,
} from '../../../lib/synthetic/universe.js';
import { naiveG, naiveV } from '../../helpers/naive-indices.js';
import { tempDir } from '../../helpers/temp.js';

describe('universe generator', () => {
  const codes = Array.from({ length: 40 }, (_, k) => String(10000000 + k * 7919).padStart(8, '0'));
  it('aggregate is deterministic, complete and finite', () => {
    const a = generateUniverseAggregate({ codes, seed: 3 });
    const b = generateUniverseAggregate({ codes, seed: 3 });
    expect(a.panel.codes).toEqual([...codes].sort());
    expect(a.panel.months.length).toBe(126);
    expect(a.panel.source.kind).toBe('synthetic');
    expect(a.panel.source.label).toMatch(/^SYNTHETIC/);
    expect(a.shapes).toEqual(b.shapes);
    a.panel.values.forEach((v, k) => {
      expect(Array.from(v)).toEqual(Array.from(b.panel.values[k]));
      for (const x of v) expect(Number.isInteger(x) && x >= 0).toBe(true);
    });
    expect(generateUniverseAggregate({ codes, seed: 4 }).panel.values[0]).not.toEqual(a.panel.values[0]);
  });
  it('a code’s series does not depend on the other codes', () => {
    const a = generateUniverseAggregate({ codes, seed: 3 });
    const one = generateUniverseAggregate({ codes: [codes[5]], seed: 3 });
    expect(Array.from(one.panel.values[0])).toEqual(Array.from(a.panel.values[a.panel.codes.indexOf(codes[5])]));
  });
  it('streams code × month × partner rows whose partner sums match the aggregate', () => {
    const file = path.join(tempDir('synth-'), 'u.csv');
    const few = codes.slice(0, 5);
    const stats = generateUniverse({ codes: few, seed: 3, partners: 4, file, start: '2020-01', end: '2020-12' });
    expect(stats.rows).toBe(5 * 12 * 4);
    const text = fs.readFileSync(file, 'utf8');
    expect(stats.bytes).toBe(Buffer.byteLength(text));
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/^# SYNTHETIC universe — generated, not China Customs data\. Seed 3;/);
    expect(lines[1]).toBe('code,level,month,value_usd,partner,regime');
    const agg = generateUniverseAggregate({ codes: few, seed: 3, start: '2020-01', end: '2020-12' });
    const sums = new Map<string, number>();
    for (const l of lines.slice(2).filter(Boolean)) {
      const [c, level, m, v] = l.split(',');
      expect(level).toBe('HS8');
      expect(v).toMatch(/^\d+$/);
      sums.set(`${c} ${m}`, (sums.get(`${c} ${m}`) ?? 0) + Number(v));
    }
    agg.panel.codes.forEach((c, k) =>
      agg.panel.months.forEach((m, i) =>
        expect(Math.abs(sums.get(`${c} ${m}`)! - agg.panel.values[k][i])).toBeLessThanOrEqual(2),
      ),
    );
    // same seed → same bytes
    const file2 = file + '2';
    generateUniverse({ codes: few, seed: 3, partners: 4, file: file2, start: '2020-01', end: '2020-12' });
    expect(fs.readFileSync(file2, 'utf8')).toBe(text);
  });
  it('assigns shapes in the documented shares, and a screen finds them', () => {
    const many = Array.from({ length: 3000 }, (_, k) => String(10000000 + k * 17).padStart(8, '0'));
    const u = generateUniverseAggregate({ codes: many, seed: 11 });
    const count: Record<string, number> = {};
    for (const s of u.shapes) count[s] = (count[s] ?? 0) + 1;
    for (const [s, p] of Object.entries(UNIVERSE_SHAPE_SHARES))
      expect(Math.abs(count[s] / many.length - p)).toBeLessThan(0.03);
    const hit = (shape: string, test: (v: number, g: number) => boolean) => {
      const ks = u.shapes.map((s, k) => (s === shape ? k : -1)).filter((k) => k >= 0);
      return (
        ks.filter((k) => test(naiveV(Array.from(u.panel.values[k])), naiveG(Array.from(u.panel.values[k])))).length /
        ks.length
      );
    };
    expect(hit('surge-and-fall', (v, g) => v > 0.3 && g > 0.5)).toBeGreaterThan(0.6);
    expect(hit('decline', (_v, g) => g < 0.5)).toBeGreaterThan(0.95);
    expect(hit('steady growth', (v, g) => g > 0.5 && v <= 0.3)).toBeGreaterThan(0.6);
  });
  it('rejects bad options', () => {
    expect(() => generateUniverseAggregate({ codes: [], seed: 1 })).toThrow(/codes must be a non-empty array/);
    expect(() => generateUniverseAggregate({ codes: ['123'], seed: 1 })).toThrow(
      /every code must be 8 digits \(got "123"\)/,
    );
    expect(() => generateUniverse({ codes, seed: 1, partners: 0, file: path.join(os.tmpdir(), 'x.csv') })).toThrow(
      /partners must be/,
    );
  });
});

describe('universeWithProgress', () => {
  it('universeWithProgress equals one generateUniverseAggregate call and reports progress', () => {
    const codes = ['85423111', '01012100', '84561100', '85423111'];
    const seen: number[] = [];
    const a = universeWithProgress({ codes, seed: 3 }, { chunk: 2, progress: (d) => seen.push(d) });
    const b = generateUniverseAggregate({ codes, seed: 3 });
    expect(a.panel.codes).toEqual(b.panel.codes);
    a.panel.values.forEach((v, k) => expect(Array.from(v)).toEqual(Array.from(b.panel.values[k])));
    expect(a.shapes).toEqual(b.shapes);
    expect(seen).toEqual([2, 3]);
  });
});
