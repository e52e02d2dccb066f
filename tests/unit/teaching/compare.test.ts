/** How an answer is compared with the expected one (lib/teaching/compare.ts): tolerances, lists as sets, the problem named. */
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareAnswer } from '../../../lib/teaching/compare.js';

describe('compareAnswer', () => {
  it('hand-made cases', () => {
    expect(compareAnswer(0.4286, 0.4285714, 0.001)).toEqual({ ok: true, problem: '' });
    expect(compareAnswer(0.43, 0.4285714, 0.001)).toEqual({ ok: false, problem: 'the number is off' });
    expect(compareAnswer(17, 17, 0)).toEqual({ ok: true, problem: '' });
    expect(compareAnswer(16, 17, 0).ok).toBe(false);
    expect(compareAnswer(NaN, 17, 0)).toEqual({
      ok: false,
      problem: 'the answer should be a number, not a non-finite number',
    });
    expect(compareAnswer(['b', 'A'], ['a', 'b'], 0)).toEqual({ ok: true, problem: '' });
    expect(compareAnswer(['a'], ['a', 'b'], 0)).toEqual({ ok: false, problem: 'the list has 1 item missing' });
    expect(compareAnswer(['a', 'b', 'c'], ['a'], 0)).toEqual({
      ok: false,
      problem: 'the list has 2 items that should not be there',
    });
    expect(compareAnswer({ G: 0.43, V: 0.3 }, { G: 0.4286, V: 0.2574 }, 0.005)).toEqual({
      ok: false,
      problem: 'V is off',
    });
    expect(compareAnswer({ a: { b: 'x' } }, { a: { b: 'y' } }, 0)).toEqual({
      ok: false,
      problem: 'a.b is not the right one',
    });
    expect(compareAnswer('12', 12, 0)).toEqual({ ok: false, problem: 'the answer should be a number, not a text' });
  });

  it('property: a value equals itself; a number inside the tolerance passes, outside fails', () => {
    const json = fc.letrec((tie) => ({
      v: fc.oneof(
        { depthSize: 'small' },
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.string(),
        fc.boolean(),
        fc.array(fc.string(), { maxLength: 4 }),
        fc.dictionary(fc.string({ minLength: 1, maxLength: 3 }), tie('v'), { maxKeys: 3 }),
      ),
    })).v;
    fc.assert(fc.property(json, (v) => compareAnswer(v, v, 0).ok));
    fc.assert(
      fc.property(
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.double({ min: 1e-6, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 0.99, noNaN: true }),
        (x, tol, f) => {
          return (
            compareAnswer(x + f * tol, x, tol).ok &&
            !compareAnswer(x + 1.5 * tol + 1e-6 * Math.max(1, Math.abs(x)), x, tol).ok
          );
        },
      ),
    );
  });
});
