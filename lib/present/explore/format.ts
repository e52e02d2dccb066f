/**
 * Small formatting helpers of the explorer page (report/explore.html): HTML escaping, the
 * three-decimal G and V, a pattern's CSS class, and a base rule as the value of its radio
 * button and back. Pure: no DOM.
 *
 * @module present/explore/format
 */
import type { BaseRule } from '../../steps/choices.js';
import type { Pattern } from '../../core/types.js';

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Text escaped for HTML, quotes included (safe in an attribute value too).
 * @example esc(`Naughton & Fang's <"matrix">`); // => 'Naughton &amp; Fang&#39;s &lt;&quot;matrix&quot;&gt;'
 */
export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

/**
 * A number with three decimals, as the page shows G and V (negative zero shows as 0).
 * @example fmt3(0.61234); // => '0.612'
 * @example fmt3(-0); // => '0.000'
 */
export function fmt3(x: number): string {
  return (Object.is(x, -0) ? 0 : x).toFixed(3);
}

/**
 * The CSS class that colours a pattern's name.
 * @example patternClass('no effect'); // => 'p-no-effect'
 */
export function patternClass(p: Pattern): string {
  return `p-${p.replace(' ', '-')}`;
}

/**
 * A base rule as the value of its radio button.
 * @example baseValue({ meanOfFirst: 12 }); // => 'mean12'
 * @example baseValue('first'); // => 'first'
 */
export function baseValue(b: BaseRule): string {
  return b === 'first' ? 'first' : `mean${b.meanOfFirst}`;
}

/**
 * The base rule of a radio button's value (the inverse of {@link baseValue}; anything else is the first month).
 * @example baseFromValue('mean6'); // => { meanOfFirst: 6 }
 * @example baseFromValue('first'); // => 'first'
 */
export function baseFromValue(v: string): BaseRule {
  const m = /^mean(\d+)$/.exec(v);
  return m ? { meanOfFirst: Number(m[1]) } : 'first';
}
