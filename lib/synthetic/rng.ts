/**
 * The seeded pseudo-random numbers behind every SYNTHETIC data set of the
 * project. Generator: mulberry32 (Tommy Ettinger, public domain) — a 32-bit
 * state, one multiply-xorshift step per draw, period 2^32. Good enough for
 * teaching data and fast (≈ 10^8 draws/s), NOT for cryptography or serious
 * Monte Carlo. Normal draws use the Box–Muller transform (both values of a
 * pair are used). Streams are keyed by strings through FNV-1a so that one
 * code's numbers never depend on which other codes are generated with it.
 *
 * @module synthetic/rng
 */
import { fail } from '../core/errors.js';

/** A seeded stream of uniform and standard-normal draws. */
export interface SyntheticRng {
  /** Next uniform draw in [0, 1). */
  uniform(): number;
  /** Next standard-normal draw (mean 0, SD 1). */
  normal(): number;
}

/**
 * Hash any mix of strings and numbers to an unsigned 32-bit seed (FNV-1a over
 * the UTF-16 code units of the parts joined by `\u0001`, then a murmur3 finaliser).
 *
 * @example syntheticHash(20250101, 'code', '85423111') === syntheticHash(20250101, 'code', '85423111'); // => true
 * @example syntheticHash('a') === syntheticHash('b'); // => false
 */
export function syntheticHash(...parts: (string | number)[]): number {
  const s = parts.map(String).join('\u0001');
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * A mulberry32 stream seeded with an integer (taken modulo 2^32).
 *
 * @throws {StudyError} when the seed is not a finite integer
 * @example const r = syntheticRng(1); r.uniform(); // => 0.6270739405881613
 * @example syntheticRng(7).normal() === syntheticRng(7).normal(); // => true
 */
export function syntheticRng(seed: number): SyntheticRng {
  if (!Number.isInteger(seed)) fail('syntheticRng', 'seed must be a finite integer', seed);
  let a = seed >>> 0;
  let spare = 0;
  let hasSpare = false;
  const uniform = (): number => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normal = (): number => {
    if (hasSpare) {
      hasSpare = false;
      return spare;
    }
    let u = uniform();
    while (u === 0) u = uniform();
    const v = uniform();
    const r = Math.sqrt(-2 * Math.log(u));
    spare = r * Math.sin(2 * Math.PI * v);
    hasSpare = true;
    return r * Math.cos(2 * Math.PI * v);
  };
  return { uniform, normal };
}
