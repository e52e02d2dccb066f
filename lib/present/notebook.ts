/**
 * Notebook plumbing: parameter overrides injected by `npm start -- --set …`
 * (papermill's convention: a cell inserted after the cell tagged `parameters`),
 * checked against the parameters cell, and the record of what changed (which
 * the banner, lib/present/banner.ts, shows).
 *
 * @module present/notebook
 */
import { fail, describeValue } from '../core/errors.js';
import { INDEX_CHOICES, renamedChoiceHint, resolveIndexOptions, type IndexOptions } from '../steps/choices.js';

/** One parameter changed from its default by an injected override. */
export interface ParameterChange {
  name: string;
  value: unknown;
  default: unknown;
}

const changes: ParameterChange[] = [];

function kind(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (v === null) return 'null';
  return typeof v;
}

/** True when `value` is a valid value of step 3's choice `name` (window, weights, base, …). */
function validIndexChoice(name: keyof IndexOptions, value: unknown): boolean {
  try {
    resolveIndexOptions({ [name]: value } as Partial<IndexOptions>);
    return true;
  } catch {
    return false;
  }
}

/**
 * Override a notebook's parameters (the object defined in its `parameters`
 * cell) in place, checking every name and type. A parameter named like one of the
 * study's choices (`StudyChoices`) whose default is a value of that choice takes any
 * value of the choice (base 'first' or {meanOfFirst: 12}); other parameters keep the
 * type of their default. Records each change for {@link parameterChanges} and the banner.
 *
 * @throws {StudyError} on an unknown name (listing the valid ones, or naming the new name of a renamed one)
 *   or a value of another type than the default (or not a value of the choice)
 * @example const params = { growth: 0.5, dataSource: 'synthetic' };
 * applyParameters(params, { growth: 0.4 }); // => { growth: 0.4, dataSource: 'synthetic' }
 * @example try { applyParameters({ growth: 0.5 }, { growthThreshold: 0.4 }, '04-partition'); } catch (e) { (e as Error).message; }
 * // => 'applyParameters: unknown parameter for 04-partition: growthThreshold is now growth (got "growthThreshold")'
 */
export function applyParameters<T extends object>(
  params: T,
  overrides: Record<string, unknown>,
  notebook = 'this notebook',
): T {
  const target = params as Record<string, unknown>;
  const valid = Object.keys(target);
  for (const [name, value] of Object.entries(overrides)) {
    if (!Object.prototype.hasOwnProperty.call(target, name)) {
      const renamed = renamedChoiceHint(name);
      fail(
        'applyParameters',
        renamed
          ? `unknown parameter for ${notebook}: ${renamed}`
          : `unknown parameter for ${notebook}; valid names: ${valid.join(', ')}`,
        name,
      );
    }
    const before = target[name];
    const choice = INDEX_CHOICES.find((c) => c === name);
    if (choice && validIndexChoice(choice, before)) {
      if (!validIndexChoice(choice, value))
        fail(
          'applyParameters',
          `parameter "${name}" of ${notebook} is not a value of the choice ${name} (default ${describeValue(before)}; see DEFAULT_CHOICES)`,
          value,
        );
    } else if (before !== null && before !== undefined && kind(before) !== kind(value))
      fail(
        'applyParameters',
        `parameter "${name}" of ${notebook} is a ${kind(before)} (default ${describeValue(before)}), not a ${kind(value)}`,
        value,
      );
    changes.push({ name, value, default: before });
    target[name] = value;
  }
  return params;
}

/**
 * The parameter changes applied in this kernel session, in order.
 * @example
 * applyParameters({ growth: 0.5 }, { growth: 0.4 });
 * parameterChanges().at(-1); // => { name: 'growth', value: 0.4, default: 0.5 }
 */
export function parameterChanges(): ParameterChange[] {
  return changes.slice();
}
