import { describe, expect, it } from 'vitest';
import {
  CHOICE_NAMES,
  DEFAULT_CHOICES,
  INDEX_CHOICES,
  RENAMED_CHOICES,
  THRESHOLD_CHOICES,
  choiceLabel,
  choiceText,
  choicesTable,
  renamedChoiceHint,
  resolveChoices,
  resolveIndexOptions,
  resolveThresholds,
  weightStrategy,
} from '../../../lib/steps/choices.js';

describe('the one vocabulary of the study choices', () => {
  it('names every choice once: step 3 then step 4, in the sweep order', () => {
    expect(CHOICE_NAMES).toEqual([
      'window',
      'frequency',
      'missing',
      'sd',
      'weights',
      'base',
      'zeroBase',
      'janFeb',
      'volatility',
      'growth',
      'volatilityHigh',
      'volatilityMedium',
      'semiconductorRule',
    ]);
    expect(new Set(CHOICE_NAMES).size).toBe(CHOICE_NAMES.length);
    expect(Object.keys(DEFAULT_CHOICES).sort()).toEqual([...CHOICE_NAMES].sort());
    expect([...INDEX_CHOICES, ...THRESHOLD_CHOICES]).toEqual(CHOICE_NAMES);
  });
  it('defaults: the printed thresholds and the documented project choices', () => {
    expect(DEFAULT_CHOICES).toEqual({
      window: ['2015-01', '2024-12'],
      frequency: 'monthly',
      weights: 'linear',
      base: 'first',
      sd: 'sample',
      missing: 'error',
      zeroBase: 'error',
      janFeb: 'split-share',
      volatility: 'printed',
      growth: 0.5,
      volatilityHigh: 0.3,
      volatilityMedium: 0.24,
      semiconductorRule: true,
    });
    expect(Object.isFrozen(DEFAULT_CHOICES)).toBe(true);
  });
  it('resolveChoices completes from the defaults and reads only the choices (a notebook params object passes whole)', () => {
    const params = { dataSource: 'synthetic', focusGroup: 'x', growth: 0.4, base: { meanOfFirst: 12 } };
    const c = resolveChoices(params as never);
    expect(c).toEqual({ ...DEFAULT_CHOICES, growth: 0.4, base: { meanOfFirst: 12 } });
    expect('focusGroup' in c).toBe(false);
    // undefined means "the default"
    expect(resolveChoices({ sd: undefined }).sd).toBe('sample');
  });
  it('each half resolves only its own fields', () => {
    expect(Object.keys(resolveIndexOptions({ growth: 2 } as never)).sort()).toEqual([...INDEX_CHOICES].sort());
    expect(Object.keys(resolveThresholds({ sd: 'population' } as never)).sort()).toEqual([...THRESHOLD_CHOICES].sort());
  });
  it('rejects a bad value, naming the choice and the value', () => {
    expect(() => resolveChoices({ base: { meanOfFirst: 0 } })).toThrow(
      /resolveIndexOptions: base must be 'first' or \{meanOfFirst: k\}.*\(got \{"meanOfFirst":0\}\)/,
    );
    expect(() => resolveChoices({ growth: NaN })).toThrow(/resolveThresholds: growth must be a finite number/);
    expect(() => resolveChoices({ volatility: 'cv' as never })).toThrow(
      /resolveIndexOptions: volatility must be 'printed' or 'detrended' \(got "cv"\)/,
    );
    expect(() => resolveChoices({ janFeb: 'halves' as never })).toThrow(
      /resolveIndexOptions: janFeb must be 'split-share', 'split-even', 'merge' or 'error' \(got "halves"\)/,
    );
    expect(() => resolveChoices({ volatilityMedium: 0.4 })).toThrow(/volatilityMedium must not exceed volatilityHigh/);
    expect(() => resolveChoices({ frequency: 'annual', window: ['2015-02', '2024-12'] })).toThrow(
      /calendar year boundaries/,
    );
    expect(() => resolveChoices({ weights: { exponential: Infinity } })).toThrow(
      /weights must be 'linear', 'uniform', \{exponential: rate\}/,
    );
    expect(() => resolveChoices({ semiconductorRule: 'yes' as never })).toThrow(
      /semiconductorRule must be true or false/,
    );
  });
});

describe('weightStrategy: a weight scheme resolved once', () => {
  it('gives the kind, the label and the weights of each form', () => {
    expect(Array.from(weightStrategy('linear').weights(4))).toEqual([1, 2, 3, 4]);
    expect(Array.from(weightStrategy('uniform').weights(3))).toEqual([1, 1, 1]);
    const e = weightStrategy({ exponential: Math.log(2) });
    expect([e.kind, e.rate, e.text]).toEqual(['exponential', Math.log(2), `exponential, rate ${Math.log(2)}`]);
    // w_t = e^{r (t − T)}: with r = ln 2 and T = 3 → 1/4, 1/2, 1
    expect(Array.from(e.weights(3))).toEqual([0.25, 0.5, 1]);
    const x = weightStrategy([0, 2, 1]);
    expect([x.kind, x.label, x.text]).toEqual(['explicit', 'custom[3]', 'explicit (3 values)']);
    expect(Array.from(x.weights(3))).toEqual([0, 2, 1]);
  });
  it('rejects bad schemes and explicit weights of the wrong length, naming the caller', () => {
    expect(() => weightStrategy('cubic' as never, 'myFn')).toThrow(/^myFn: weights must be/);
    expect(() => weightStrategy([1, -1])).toThrow(/explicit weights must be finite numbers ≥ 0/);
    expect(() => weightStrategy([0, 0])).toThrow(/must not all be zero/);
    expect(() => weightStrategy([1, 2]).weights(3)).toThrow(/explicit weights need one per period \(3\)/);
  });
});

describe('labels and the choices table', () => {
  it('short and long labels of each kind of value', () => {
    expect(
      ['linear', { exponential: 0.02 }, [1, 2, 3], { meanOfFirst: 12 }, ['2015-01', '2024-12'], true, false, 0.5].map(
        choiceLabel,
      ),
    ).toEqual(['linear', 'exp 0.02', 'custom[3]', 'mean of first 12', '2015-01..2024-12', 'on', 'off', '0.5']);
    expect([{ exponential: 0.02 }, { meanOfFirst: 3 }, ['2016-01', '2023-12'], 'first'].map(choiceText)).toEqual([
      'exponential, rate 0.02',
      'mean of first 3 months',
      '2016-01 to 2023-12',
      'first',
    ]);
  });
  it('choicesTable: one row per index choice by default, changed ones flagged; thresholds on request', () => {
    const rows = choicesTable({ base: { meanOfFirst: 12 }, weights: { exponential: 0.02 } });
    expect(rows.map((r) => r.choice)).toEqual([
      'window',
      'frequency',
      'weights',
      'base',
      'sd',
      'volatility',
      'missing',
      'zeroBase',
      'janFeb',
    ]);
    expect(rows.filter((r) => r.changed).map((r) => r.choice)).toEqual(['weights', 'base']);
    expect(rows.find((r) => r.choice === 'base')).toEqual({
      choice: 'base',
      used: 'mean of first 12 months',
      libraryDefault: 'first',
      changed: true,
    });
    expect(choicesTable(DEFAULT_CHOICES).every((r) => !r.changed)).toBe(true);
    expect(choicesTable({ growth: 0.4 }, ['growth', 'semiconductorRule'])).toEqual([
      { choice: 'growth', used: '0.4', libraryDefault: '0.5', changed: true },
      { choice: 'semiconductorRule', used: 'true', libraryDefault: 'true', changed: false },
    ]);
  });
  it('renamed parameters point to their new name', () => {
    expect(Object.keys(RENAMED_CHOICES).sort()).toEqual(['baseMonths', 'exponentialRate', 'growthThreshold']);
    expect(renamedChoiceHint('growthThreshold')).toBe('growthThreshold is now growth');
    expect(renamedChoiceHint('exponentialRate')).toBe('exponentialRate is now part of weights: {"exponential": rate}');
    expect(renamedChoiceHint('toString')).toBeUndefined();
  });
});

describe('weightStrategy: each form exactly, and the exact rejections', () => {
  it("'linear' and 'uniform' are their own kind, label and text", () => {
    expect(
      (['linear', 'uniform'] as const).map((s) => weightStrategy(s)).map((w) => [w.kind, w.label, w.text]),
    ).toEqual([
      ['linear', 'linear', 'linear'],
      ['uniform', 'uniform', 'uniform'],
    ]);
  });
  it('an unknown scheme, null or a non-number rate: one message, naming weightStrategy when no caller is given', () => {
    const msg = "weightStrategy: weights must be 'linear', 'uniform', {exponential: rate} or a number[]";
    expect(() => weightStrategy('cubic' as never)).toThrow(`${msg} (got "cubic")`);
    expect(() => weightStrategy(null as never)).toThrow(`${msg} (got null)`);
    expect(() => weightStrategy({ exponential: '0.02' } as never)).toThrow(`${msg} (got {"exponential":"0.02"})`);
  });
  it('explicit weights: an empty list and non-finite weights are rejected as such (not as "all zero")', () => {
    const msg = 'weightStrategy: explicit weights must be finite numbers ≥ 0';
    expect(() => weightStrategy([])).toThrow(`${msg} (got [])`);
    expect(() => weightStrategy([1, NaN])).toThrow(`${msg} (got [1, NaN])`);
    expect(() => weightStrategy([1, Infinity])).toThrow(`${msg} (got [1, Infinity])`);
  });
});

describe('resolveIndexOptions / resolveThresholds: the exact message for each bad option, and the boundaries', () => {
  const fn = 'resolveIndexOptions';
  it('a window that is not two months', () => {
    const msg = `${fn}: window must be [start month, end month]`;
    expect(() => resolveIndexOptions({ window: ['2015-01'] as never })).toThrow(`${msg} (got ["2015-01"])`);
    expect(() => resolveIndexOptions({ window: ['2015-01', '2020-12', '2024-12'] as never })).toThrow(
      `${msg} (got ["2015-01", "2020-12", "2024-12"])`,
    );
    expect(() => resolveIndexOptions({ window: '2015-01..2024-12' as never })).toThrow(
      `${msg} (got "2015-01..2024-12")`,
    );
  });
  it('an unknown frequency; a quarterly window must also end on a quarter boundary', () => {
    expect(() => resolveIndexOptions({ frequency: 'weekly' as never })).toThrow(
      `${fn}: frequency must be monthly, quarterly or annual (got "weekly")`,
    );
    expect(() => resolveIndexOptions({ frequency: 'quarterly', window: ['2015-01', '2024-11'] })).toThrow(
      `${fn}: a quarterly window must start and end on calendar quarter boundaries (partial periods would bias the sums) (got ["2015-01", "2024-11"])`,
    );
    expect(resolveIndexOptions({ frequency: 'quarterly', window: ['2015-04', '2024-09'] }).window).toEqual([
      '2015-04',
      '2024-09',
    ]);
  });
  it('base: null and a non-integer k are rejected, k = 1 is the smallest accepted', () => {
    const msg = `${fn}: base must be 'first' or {meanOfFirst: k} with an integer k ≥ 1`;
    expect(() => resolveIndexOptions({ base: null as never })).toThrow(`${msg} (got null)`);
    expect(() => resolveIndexOptions({ base: { meanOfFirst: 1.5 } })).toThrow(`${msg} (got {"meanOfFirst":1.5})`);
    expect(resolveIndexOptions({ base: { meanOfFirst: 1 } }).base).toEqual({ meanOfFirst: 1 });
  });
  it('missing and zeroBase outside their values', () => {
    expect(() => resolveIndexOptions({ missing: 'drop' as never })).toThrow(
      `${fn}: missing must be 'error', 'skip' or 'interpolate' (got "drop")`,
    );
    expect(() => resolveIndexOptions({ zeroBase: 'zero' as never })).toThrow(
      `${fn}: zeroBase must be 'error' or 'skip-series' (got "zero")`,
    );
  });
  it('volatilityMedium may equal volatilityHigh; above it the message gives both', () => {
    expect(resolveThresholds({ volatilityMedium: 0.3, volatilityHigh: 0.3 })).toMatchObject({
      volatilityMedium: 0.3,
      volatilityHigh: 0.3,
    });
    expect(() => resolveThresholds({ volatilityMedium: 0.4 })).toThrow(
      'resolveThresholds: volatilityMedium must not exceed volatilityHigh (got [0.4, 0.3])',
    );
  });
});

describe('choiceLabel / choiceText: which values read as a window, as weights, as an object', () => {
  it('two numbers are explicit weights, not a window; a two-letter string or null is written as itself', () => {
    expect([[1, 2], [0, 2, 1], 'ab', null].map(choiceLabel)).toEqual(['custom[2]', 'custom[3]', 'ab', 'null']);
    expect([[1, 2], [0, 2, 1], 'ab', null].map(choiceText)).toEqual([
      'explicit (2 values)',
      'explicit (3 values)',
      'ab',
      'null',
    ]);
  });
  it('an object without meanOfFirst is written as JSON', () => {
    expect(choiceLabel({ foo: 1 })).toBe('{"foo":1}');
    expect(choiceText({ foo: 1 })).toBe('{"foo":1}');
  });
  it('an array that is no window and bad weights are rejected as weights, naming the label function', () => {
    expect(() => choiceLabel(['a', 'b', 'c'])).toThrow(
      'choiceLabel: explicit weights must be finite numbers ≥ 0 (got ["a", "b", "c"])',
    );
    expect(() => choiceText(['a', 'b', 'c'])).toThrow(
      'choiceText: explicit weights must be finite numbers ≥ 0 (got ["a", "b", "c"])',
    );
    expect(() => choiceLabel({ exponential: 'x' })).toThrow(/^choiceLabel: weights must be/);
    expect(() => choiceText({ exponential: 'x' })).toThrow(/^choiceText: weights must be/);
  });
});
