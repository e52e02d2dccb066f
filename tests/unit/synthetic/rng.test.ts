/** The seeded generator of the synthetic data (lib/synthetic/rng.ts): mulberry32 draws, normal draws, hashes of names. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { syntheticHash, syntheticRng } from '../../../lib/synthetic/rng.js';

describe('syntheticRng', () => {
  it('is mulberry32: known first draws for seed 1', () => {
    const r = syntheticRng(1);
    expect(r.uniform()).toBe(0.6270739405881613);
    expect(syntheticRng(1).uniform()).toBe(0.6270739405881613);
    expect(syntheticRng(2).uniform()).not.toBe(0.6270739405881613);
  });
  it('normal draws have mean ≈ 0 and SD ≈ 1', () => {
    const r = syntheticRng(42);
    const n = 20000;
    const xs = Array.from({ length: n }, () => r.normal());
    const m = xs.reduce((a, b) => a + b, 0) / n;
    const sd = Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / n);
    expect(Math.abs(m)).toBeLessThan(0.03);
    expect(Math.abs(sd - 1)).toBeLessThan(0.03);
  });
  it('uniform draws stay in [0, 1) for any seed', () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const r = syntheticRng(seed);
        for (let i = 0; i < 50; i++) {
          const u = r.uniform();
          if (!(u >= 0 && u < 1)) return false;
        }
        return true;
      }),
    );
  });
  it('rejects a non-integer seed; hashes are stable and distinct', () => {
    expect(() => syntheticRng(1.5)).toThrow(/syntheticRng: seed must be a finite integer/);
    expect(() => syntheticRng(NaN)).toThrow(/seed/);
    expect(syntheticHash(1, 'code', '85423111')).toBe(syntheticHash(1, 'code', '85423111'));
    expect(syntheticHash(1, 'code', '85423111')).not.toBe(syntheticHash(1, 'code', '85423119'));
  });
});
