/**
 * Notebook plumbing: parameter overrides injected by `npm start -- --set …`
 * (papermill's convention: a cell inserted after the cell tagged `parameters`),
 * and the banner at the top of every notebook that says which data it runs on
 * and which parameters differ from their defaults.
 *
 * @module notebook
 */
import { fail, describeValue } from '../core/errors.js';
import { displayHtml, escapeHtml } from './display.js';
import type { DataSource } from '../core/types.js';

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

/**
 * Override a notebook's parameters (the object defined in its `parameters`
 * cell) in place, checking every name and type. Records each change for
 * {@link parameterChanges} and the banner.
 *
 * @throws {StudyError} on an unknown name (listing the valid ones) or a value of another type than the default
 * @example const params = { growthThreshold: 0.5, dataSource: 'synthetic' };
 * applyParameters(params, { growthThreshold: 0.4 }); // => { growthThreshold: 0.4, dataSource: 'synthetic' }
 */
export function applyParameters<T extends object>(params: T, overrides: Record<string, unknown>, notebook = 'this notebook'): T {
  const target = params as Record<string, unknown>;
  const valid = Object.keys(target);
  for (const [name, value] of Object.entries(overrides)) {
    if (!Object.prototype.hasOwnProperty.call(target, name))
      fail('applyParameters', `unknown parameter for ${notebook}; valid names: ${valid.join(', ')}`, name);
    const before = target[name];
    if (before !== null && before !== undefined && kind(before) !== kind(value))
      fail('applyParameters', `parameter "${name}" of ${notebook} is a ${kind(before)} (default ${describeValue(before)}), not a ${kind(value)}`, value);
    changes.push({ name, value, default: before });
    target[name] = value;
  }
  return params;
}

/**
 * The parameter changes applied in this kernel session, in order.
 * @example
 * applyParameters({ growthThreshold: 0.5 }, { growthThreshold: 0.4 });
 * parameterChanges().at(-1); // => { name: 'growthThreshold', value: 0.4, default: 0.5 }
 */
export function parameterChanges(): ParameterChange[] {
  return changes.slice();
}
