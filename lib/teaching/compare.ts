/**
 * Comparing a student's answer with the expected one: numbers within a tolerance, names and codes without regard
 * to case or surrounding spaces, lists of names as sets, objects field by field. The verdict says WHAT is off
 * (which field, the wrong kind of value) and never the expected value.
 *
 * @module teaching/compare
 */

/** The outcome of a comparison: equal, or what is off (never the expected value). */
export interface Comparison {
  ok: boolean;
  /** What is off ('' when ok). */
  problem: string;
}

function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'number') return Number.isFinite(v) ? 'a number' : 'a non-finite number';
  if (typeof v === 'string') return 'a text';
  if (typeof v === 'object') return 'an object';
  return typeof v;
}

const norm = (s: string): string => s.trim().toLowerCase();

/**
 * Compare an answer with the expected value. Numbers agree when |answer − expected| ≤ tolerance (plus a rounding
 * allowance of 1e-9 relative); strings when equal ignoring case and surrounding spaces; arrays of strings or numbers
 * as sets (order and repeats ignored); objects field by field (every expected field must be there; extra fields are
 * ignored). `where` names the part being compared in the problem text.
 *
 * @example compareAnswer({ G: 0.43, V: 0.3 }, { G: 0.4286, V: 0.2574 }, 0.005); // => { ok: false, problem: 'V is off' }
 * @example compareAnswer(['b', 'A'], ['a', 'b'], 0); // => { ok: true, problem: '' }
 */
export function compareAnswer(answer: unknown, expected: unknown, tolerance: number, where = ''): Comparison {
  const label = where ? `${where} ` : 'the answer ';
  const wrongKind = (): Comparison => ({
    ok: false,
    problem: `${label}should be ${kindOf(expected)}, not ${kindOf(answer)}`,
  });
  if (typeof expected === 'number') {
    if (typeof answer !== 'number' || !Number.isFinite(answer)) return wrongKind();
    const allowed = tolerance + 1e-9 * Math.max(1, Math.abs(expected));
    return Math.abs(answer - expected) <= allowed
      ? { ok: true, problem: '' }
      : { ok: false, problem: `${where || 'the number'} is off` };
  }
  if (typeof expected === 'string') {
    if (typeof answer !== 'string') return wrongKind();
    return norm(answer) === norm(expected)
      ? { ok: true, problem: '' }
      : { ok: false, problem: `${where || 'the answer'} is not the right one` };
  }
  if (typeof expected === 'boolean') {
    if (typeof answer !== 'boolean') return wrongKind();
    return answer === expected ? { ok: true, problem: '' } : { ok: false, problem: `${label}is wrong` };
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(answer)) return wrongKind();
    const key = (v: unknown) => (typeof v === 'string' ? norm(v) : JSON.stringify(v));
    const want = new Set(expected.map(key));
    const got = new Set(answer.map(key));
    const missing = [...want].filter((k) => !got.has(k)).length;
    const extra = [...got].filter((k) => !want.has(k)).length;
    if (missing === 0 && extra === 0) return { ok: true, problem: '' };
    const parts: string[] = [];
    if (missing) parts.push(`${missing} item${missing > 1 ? 's' : ''} missing`);
    if (extra) parts.push(`${extra} item${extra > 1 ? 's' : ''} that should not be there`);
    return { ok: false, problem: `${where || 'the list'} has ${parts.join(' and ')}` };
  }
  if (expected !== null && typeof expected === 'object') {
    if (answer === null || typeof answer !== 'object' || Array.isArray(answer)) return wrongKind();
    const off: string[] = [];
    for (const [k, v] of Object.entries(expected as Record<string, unknown>)) {
      const a = (answer as Record<string, unknown>)[k];
      if (a === undefined) {
        off.push(`${where ? `${where}.` : ''}${k} is missing`);
        continue;
      }
      const c = compareAnswer(a, v, tolerance, `${where ? `${where}.` : ''}${k}`);
      if (!c.ok) off.push(c.problem);
    }
    return off.length ? { ok: false, problem: off.join('; ') } : { ok: true, problem: '' };
  }
  return answer === expected ? { ok: true, problem: '' } : { ok: false, problem: `${label}is wrong` };
}
