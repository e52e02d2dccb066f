/**
 * The wording half of the label scan (lib/present/published-labels.ts scans the numbers and texts labelled
 * "published"): phrases that claim more than a page shows. Each rule ({@link WORDING_RULES}) names a claim, the
 * words that make it honest when they stand in the same block (paragraph, list item, heading, caption, table
 * with its source line), and why:
 *
 * - `paper-choices`: "the paper's choices" for the explorer's reset, which restores the printed cuts *and the
 *   project's own defaults* (docs/METHOD.md: a default is never "what the paper did");
 * - `synthetic-results`: a "main results" heading over output of the SYNTHETIC panel that does not say SYNTHETIC;
 * - `synthetic-robustness`: a robustness table on a SYNTHETIC page without SYNTHETIC in its caption or source line;
 * - `robust-generator`: "the robust part of the partition" (or "robust verdicts") without saying that on the
 *   synthetic panel this is a property of the generator;
 * - `inferred-date`: "(UC San Diego, 2025)": the slides print "UC San Diego" but no date;
 * - `paper-not-public`: "the paper is not public": the slides refer to a paper ("Regression-based Validation in
 *   Paper") and say nothing of its availability;
 * - `export-controls`: stockpiling or buying "ahead of (expected) export controls": the slides say "precautionary
 *   purchases" and "strategic stockpiling", not export controls — the project's reading, to be marked so.
 *
 * A page is a SYNTHETIC page when it shows the synthetic banner (`data-source="synthetic"`) or names the
 * "SYNTHETIC teaching panel".
 *
 * @module present/wording-labels
 */
import { fail } from '../core/errors.js';
import type { LabelViolation } from './published-labels.js';

/** One wording rule of the label scan. */
export interface WordingRule {
  id: string;
  /** The claim. */
  claim: RegExp;
  /** Words in the same block that make the claim honest (none: the claim is never right). */
  unless?: RegExp;
  /** Where the claim is looked for: any block (default), headings only, or table captions with their source line. */
  in?: 'block' | 'heading' | 'table';
  /** Only on a page that shows the SYNTHETIC panel. */
  syntheticOnly?: boolean;
  reason: string;
}

/** The wording rules (see the module comment). */
export const WORDING_RULES: readonly WordingRule[] = [
  {
    id: 'paper-choices',
    claim: /\bthe paper['’]s (?:choices|defaults|settings)\b/i,
    reason:
      "the reset restores the printed cuts and the project's own defaults, not the paper's choices (a default is never what the paper did)",
  },
  {
    id: 'synthetic-results',
    claim: /\bmain results\b|\bresults of this run\b/i,
    unless: /synthetic/i,
    in: 'heading',
    syntheticOnly: true,
    reason: 'a results heading over SYNTHETIC output must say it is what the pipeline gives on the SYNTHETIC panel',
  },
  {
    id: 'synthetic-robustness',
    claim: /\brobust/i,
    unless: /synthetic/i,
    in: 'table',
    syntheticOnly: true,
    reason: 'a robustness table computed on the SYNTHETIC panel must say so in its caption or source line',
  },
  {
    id: 'robust-generator',
    claim: /\brobust part of the partition\b|\brobust verdicts?\b/i,
    unless: /\bgenerator\b|\bby construction\b/i,
    syntheticOnly: true,
    reason:
      'on the SYNTHETIC panel a robust verdict is a property of the generator (how far from the cuts it placed the group): say so',
  },
  {
    id: 'inferred-date',
    claim: /\bUC San Diego, 2025\b/i,
    unless: /\binferred?\b|\binference\b/i,
    reason: 'the slides print "UC San Diego" but no date: mark the year as inferred',
  },
  {
    id: 'paper-not-public',
    claim: /\bthe paper (?:itself )?is not public\b/i,
    unless: /\binferred?\b|\bnot printed\b|\bnot stated\b/i,
    reason: 'the slides say nothing of whether the paper is public: mark it as the project’s inference or remove it',
  },
  {
    id: 'export-controls',
    claim: /\bahead of (?:expected |US |U\.S\. |American )?(?:export )?controls\b/i,
    unless: /project['’]s (?:own )?(?:reading|inference)|\binferred\b|not (?:on|in) the slides|the slides do not/i,
    reason:
      'the slides say "precautionary purchases" and "strategic stockpiling", not "ahead of export controls": mark it as the project’s reading',
  },
];

/** A block of page text: a paragraph, list item, heading, caption, or a table with its source line. */
export interface TextBlock {
  kind: 'block' | 'heading' | 'table';
  text: string;
}

const ENTITY: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', rsquo: '’' };

function plain(html: string): string {
  return html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (all, e: string) =>
      e[0] === '#'
        ? String.fromCodePoint(e[1].toLowerCase() === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10))
        : (ENTITY[e.toLowerCase()] ?? all),
    )
    .replace(/\\u2019/g, '’')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The blocks of an HTML page: headings (h1–h6); tables, each with its caption and the figure caption (source
 * line) around it; and the other text cut at block elements (p, li, div, td, figcaption, br, …). Styles are
 * dropped; script text is kept (the explorer writes its texts from its script).
 * @example textBlocks('<h2>Results</h2><p>One.</p><p>Two.</p>').map((b) => b.kind + ':' + b.text); // => ['heading:Results', 'block:One.', 'block:Two.']
 */
export function textBlocks(html: string): TextBlock[] {
  if (typeof html !== 'string') fail('textBlocks', 'expected HTML text', html);
  const out: TextBlock[] = [];
  let rest = html.replace(/<style\b[\s\S]*?<\/style>/gi, ' ');
  rest = rest.replace(/<h([1-6])\b[^>]*>([\s\S]*?)<\/h\1>/gi, (_all, _n, inner: string) => {
    out.push({ kind: 'heading', text: plain(inner) });
    return '\n\n';
  });
  // a table with its caption and the source line of the figure that holds it
  rest = rest.replace(
    /<table\b[\s\S]*?<\/table>(?:\s*<figcaption\b[^>]*>([\s\S]*?)<\/figcaption>)?/gi,
    (table: string, source: string | undefined) => {
      const caption = /<caption\b[^>]*>([\s\S]*?)<\/caption>/i.exec(table)?.[1] ?? '';
      out.push({ kind: 'table', text: plain(`${caption} ${source ?? ''}`) });
      return '\n\n';
    },
  );
  for (const piece of rest.split(
    /<\/?(?:p|li|ul|ol|div|td|th|tr|figcaption|figure|section|br|hr|pre)\b[^>]*>|\n\s*\n/i,
  ))
    if (piece && piece.trim()) {
      const text = plain(piece);
      if (text) out.push({ kind: 'block', text });
    }
  return out;
}

/** Whether a page shows the SYNTHETIC panel. */
const isSyntheticPage = (html: string): boolean =>
  /data-source="synthetic"|SYNTHETIC teaching panel/i.test(html) && !/data-source="imported"/i.test(html);

/**
 * Scan a page's wording with {@link WORDING_RULES}: one violation per rule and block that makes the claim without
 * the words that make it honest.
 * @param where a name for the report (file name)
 * @example scanWording('<button id="reset">Reset to the paper’s choices</button>', 'explore.html')[0].column; // => 'paper-choices'
 * @example scanWording('<p>Stockpiling ahead of export controls (the project’s reading; not on the slides).</p>'); // => []
 */
export function scanWording(
  html: string,
  where = 'html',
  rules: readonly WordingRule[] = WORDING_RULES,
): LabelViolation[] {
  const blocks = textBlocks(html);
  const synthetic = isSyntheticPage(html);
  const out: LabelViolation[] = [];
  for (const rule of rules) {
    if (rule.syntheticOnly && !synthetic) continue;
    const kind = rule.in ?? 'block';
    for (const b of blocks) {
      if (kind !== 'block' && b.kind !== kind) continue;
      const m = rule.claim.exec(b.text);
      if (!m || (rule.unless && rule.unless.test(b.text))) continue;
      out.push({
        where,
        what: b.text.length > 120 ? `${b.text.slice(0, 117)}…` : b.text,
        column: rule.id,
        value: m[0],
        reason: rule.reason,
      });
    }
  }
  return out;
}
