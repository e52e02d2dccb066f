/**
 * Notebook plumbing: parameter overrides injected by `npm start -- --set …`
 * (papermill's convention: a cell inserted after the cell tagged `parameters`),
 * and the banner at the top of every notebook that says which data it runs on
 * and which parameters differ from their defaults.
 *
 * @module notebook
 */
import { fail, describeValue } from './errors.js';
import { displayHtml, escapeHtml } from './display.js';
import type { DataSource } from './types.js';

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
 * @example parameterChanges(); // => [{ name: 'growthThreshold', value: 0.4, default: 0.5 }]
 */
export function parameterChanges(): ParameterChange[] {
  return changes.slice();
}

/**
 * The one-line banner text: data source, period and changed parameters.
 * @example bannerText({ kind: 'synthetic', label: 'SYNTHETIC teaching panel', files: [], period: ['2015-01', '2025-06'] });
 * // => 'Data: SYNTHETIC teaching panel · 2015-01 to 2025-06 · Parameters: defaults'
 */
export function bannerText(source: DataSource, changed: ParameterChange[] = parameterChanges()): string {
  const params = changed.length
    ? 'Parameters changed: ' + changed.map((c) => `${c.name} = ${describeValue(c.value)} (default ${describeValue(c.default)})`).join('; ')
    : 'Parameters: defaults';
  return `Data: ${source.label} · ${source.period[0]} to ${source.period[1]} · ${params}`;
}

/**
 * Show the banner at the top of a notebook (amber for synthetic data, green
 * for imported real data); the text is {@link bannerText}.
 * @example showBanner(panel.source); // shows 'SYNTHETIC DATA — … Data: SYNTHETIC teaching panel … · Parameters: defaults'
 */
export function showBanner(source: DataSource, changed: ParameterChange[] = parameterChanges()): void {
  const text = bannerText(source, changed);
  const synthetic = source.kind === 'synthetic';
  const style = synthetic
    ? 'background:#fff4d6;border-left:6px solid #e0a100'
    : 'background:#e6f4ea;border-left:6px solid #2e7d32';
  displayHtml(
    `<div class="study-banner" data-source="${source.kind}" style="${style};padding:8px 12px;font-family:system-ui,sans-serif;font-size:14px">` +
      `${synthetic ? '<strong>SYNTHETIC DATA</strong> — for teaching and testing; not China’s import statistics and not the paper’s data. ' : '<strong>Imported data</strong> — '}` +
      `${escapeHtml(text)}</div>`,
    { text },
  );
}
