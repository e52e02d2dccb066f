/**
 * The one pattern palette of the project: colours (Okabe–Ito, colour-blind safe) and display
 * labels of the three trade patterns, used by every chart spec, table and the report alike.
 *
 * @module present/palette
 */
import type { Pattern } from '../core/types.js';

/** Pattern colours (colour-blind-safe, Okabe–Ito) and display labels. */
export const PATTERN_COLOURS: Readonly<Record<Pattern, string>> = Object.freeze({
  substitution: '#009E73',
  'no effect': '#0072B2',
  stockpiling: '#D55E00',
});
/** Display labels of the patterns (capitalised: headings, legends, table cells). */
export const PATTERN_LABELS: Readonly<Record<Pattern, string>> = Object.freeze({
  substitution: 'Successful import substitution',
  'no effect': 'No discernible effect',
  stockpiling: 'Stockpiling / policy-disturbed',
});

/**
 * A pattern's label in running text (lower case), e.g. "moved to successful import substitution".
 * @example patternPhrase('stockpiling'); // => 'stockpiling / policy-disturbed'
 */
export function patternPhrase(p: Pattern): string {
  const label = PATTERN_LABELS[p];
  return label.charAt(0).toLowerCase() + label.slice(1);
}
