/**
 * A guard on the word "published": any table column, table or chart layer labelled "published" or
 * "as printed" must show only what data/study/published.json records as printed — its numbers (compared as
 * numbers: 6.40 % is 6.4) and its texts — and a published share whose year the slides do not print
 * (`year_stated: false`) must be flagged as an assumed year wherever its year is shown.
 *
 * The scanner reads (a) HTML tables: every column whose heading says "published" or "as printed", every row
 * whose row heading says so, and every cell of a table whose caption starts with "Published" or "As printed";
 * (b) vega-lite specs: every layer whose title, encoding titles or marker values say "published", with the
 * fields its encoding shows. Blank cells, "–", "(none)" and cells starting "not printed" are accepted: they
 * show that nothing is printed.
 *
 * The report scan ({@link scanReportDir}) also reads each page's wording with the rules of
 * lib/present/wording-labels.ts: phrases that claim more than the page shows ("the paper's choices" for the
 * project's defaults, SYNTHETIC output or robustness without the word SYNTHETIC, inferred facts not marked
 * inferred, the project's reading given as the slides').
 *
 * Names used by the examples below (run once before them, see docs/CONTRIBUTING.md):
 * @exampleSetup
 * const vocab = publishedVocabulary(loadPublished());
 *
 * @module present/published-labels
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fail } from '../core/errors.js';
import type { Published } from '../io/published.js';
import { scanWording } from './wording-labels.js';

/** What published.json prints: its numbers, its texts (normalised), and the shares whose year is assumed. */
export interface PublishedVocabulary {
  numbers: number[];
  texts: Set<string>;
  /** Macro points the slides print without a year, placed at `year` by the project. */
  assumedYears: { id: string; series: string; year: number; value: number }[];
}

/** One label that claims more than the slides print. */
export interface LabelViolation {
  /** File or fixture name. */
  where: string;
  /** Table caption or chart title. */
  what: string;
  /** Column heading, or chart field. */
  column: string;
  /** The offending value, as shown. */
  value: string;
  reason: string;
}

const SKIP_KEYS = new Set(['about', 'sources', 'source', 'note', 'unstated']);
const CLAIM = /published|as printed/i;
const BLANK = /^(|–|-|—|\(none\)|none|not printed\b.*)$/i;

const norm = (s: string): string => s.replace(/\s+/g, ' ').trim().toLowerCase();

/**
 * The vocabulary of published.json: every number and text it records (not its notes, sources or list of
 * unstated choices, which are the project's words).
 * @throws {StudyError} when `published` has no macro list
 * @example publishedVocabulary(loadPublished()).texts.has('low growth (g < 0.5)'); // => true
 * @example publishedVocabulary(loadPublished()).assumedYears.map((a) => a.value); // => [8.46, 6.53, 0.09, 0.16, 1.85, 1.64]
 */
export function publishedVocabulary(published: Published): PublishedVocabulary {
  if (!published || !Array.isArray(published.macro))
    fail('publishedVocabulary', 'expected loadPublished() output', published);
  const numbers = new Set<number>();
  const texts = new Set<string>();
  const walk = (v: unknown, key: string): void => {
    if (SKIP_KEYS.has(key)) return;
    if (typeof v === 'number') numbers.add(v);
    else if (typeof v === 'string') texts.add(norm(v));
    else if (Array.isArray(v)) v.forEach((x) => walk(x, key));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, k);
  };
  walk(published, '');
  const assumedYears = published.macro
    .filter((m) => !m.year_stated && m.year !== null)
    .map((m) => ({ id: m.id, series: m.series, year: m.year as number, value: m.value_pct_gdp }));
  return { numbers: [...numbers], texts, assumedYears };
}

const NUMBER_CELL =
  /^(?:[≈~<>≤≥]\s*)?([-−+]?\d[\d,]*(?:\.\d+)?)\s*(?:%|pp|per ?cent|bn(?: us dollars)?)?\s*(?:\([^()]*\))?$/i;

/** The number a cell shows, when it is a number (with an optional unit and a parenthetical remark). */
function cellNumber(text: string): number | undefined {
  const m = NUMBER_CELL.exec(text.trim());
  if (!m) return undefined;
  return Number(m[1].replace(/,/g, '').replace('−', '-'));
}

const isPublishedNumber = (x: number, vocab: PublishedVocabulary): boolean =>
  vocab.numbers.some((n) => Math.abs(n - x) < 1e-9);

/**
 * Whether one shown value is printed: a published text, a published number (as a number, with unit), a list of
 * such (separated by line breaks, "; ", ", " or " · "), or a blank / "(none)" / "not printed…" marker.
 * @example isPrintedValue('6.40 %', publishedVocabulary(loadPublished())); // => true
 * @example isPrintedValue('G ≤ 0.5', publishedVocabulary(loadPublished())); // => false
 */
export function isPrintedValue(
  value: string | number | boolean | null | undefined,
  vocab: PublishedVocabulary,
): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === 'number') return isPublishedNumber(value, vocab);
  if (typeof value === 'boolean') return false;
  const text = value.replace(/\s+/g, ' ').trim();
  if (BLANK.test(text) || vocab.texts.has(norm(text))) return true;
  const x = cellNumber(text);
  if (x !== undefined) return isPublishedNumber(x, vocab);
  const parts = value
    .split(/\n|; |, | · /)
    .map((p) => p.trim())
    .filter(Boolean);
  return parts.length > 1 && parts.every((p) => isPrintedValue(p, vocab));
}

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  minus: '−',
  le: '≤',
  ge: '≥',
  ndash: '–',
  mdash: '—',
};

/** The text of an HTML fragment: <br> as a line break, tags dropped, entities decoded. */
function htmlText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (all, e: string) =>
      e[0] === '#'
        ? String.fromCodePoint(e[1].toLowerCase() === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10))
        : (ENTITIES[e.toLowerCase()] ?? all),
    )
    .replace(/[ \t\r\f]+/g, ' ')
    .trim();
}

/**
 * Scan every HTML table of a page (see the module comment for which cells are checked).
 * @param where a name for the report (file name)
 * @example scanHtmlTables('<table><tr><th>Published</th></tr><tr><td>G ≤ 0.5</td></tr></table>', vocab, 'x.html')[0].reason;
 * // => 'not in published.json as printed'
 */
export function scanHtmlTables(html: string, vocab: PublishedVocabulary, where = 'html'): LabelViolation[] {
  if (typeof html !== 'string') fail('scanHtmlTables', 'expected HTML text', html);
  const out: LabelViolation[] = [];
  for (const [table] of html.matchAll(/<table\b[\s\S]*?<\/table>/gi)) {
    const caption = htmlText(/<caption\b[^>]*>([\s\S]*?)<\/caption>/i.exec(table)?.[1] ?? '');
    const whole = /^(published|as printed)\b/i.test(caption);
    const rows = [...table.matchAll(/<tr\b[^>]*>([\s\S]*?)<\/tr>/gi)].map((r) =>
      [...r[1].matchAll(/<(t[hd])\b[^>]*>([\s\S]*?)<\/\1>/gi)].map((c) => ({
        th: c[1].toLowerCase() === 'th',
        text: htmlText(c[2]),
      })),
    );
    if (rows.length === 0) continue;
    const headerIdx = rows.findIndex((r) => r.length > 0 && r.every((c) => c.th));
    const header = headerIdx >= 0 ? rows[headerIdx].map((c) => c.text) : [];
    const claimed = header.map((h) => CLAIM.test(h));
    const yearCols = header.map((h, i) => (whole || claimed[i]) && /\byear\b/i.test(h));
    if (whole && headerIdx >= 0)
      for (const h of header)
        if (!isPrintedValue(h, vocab))
          out.push({ where, what: caption, column: '(heading)', value: h, reason: 'not in published.json as printed' });
    rows.forEach((row, ri) => {
      if (ri === headerIdx) return;
      const rowClaim = row[0]?.th && CLAIM.test(row[0].text);
      const checkedNumbers: number[] = [];
      row.forEach((cell, ci) => {
        const checked = whole || claimed[ci] || (rowClaim && ci > 0);
        if (!checked) return;
        if (!isPrintedValue(cell.text, vocab))
          out.push({
            where,
            what: caption || '(table without caption)',
            column: header[ci] ?? `column ${ci + 1}`,
            value: cell.text,
            reason: 'not in published.json as printed',
          });
        const x = cellNumber(cell.text);
        if (x !== undefined) checkedNumbers.push(x);
      });
      // a published share whose year the slides do not print: its year cell must say "assumed"
      for (const a of vocab.assumedYears) {
        if (!checkedNumbers.some((x) => Math.abs(x - a.value) < 1e-9)) continue;
        row.forEach((cell, ci) => {
          if (yearCols[ci] && cell.text.includes(String(a.year)) && !/assum/i.test(cell.text))
            out.push({
              where,
              what: caption || '(table without caption)',
              column: header[ci],
              value: cell.text,
              reason: `year of ${a.id} is not printed: flag it as assumed`,
            });
        });
      }
    });
  }
  return out;
}

type Json = Record<string, unknown>;
const titleText = (t: unknown): string =>
  typeof t === 'string'
    ? t
    : t && typeof t === 'object' && typeof (t as Json).text === 'string'
      ? ((t as Json).text as string)
      : Array.isArray(t)
        ? t.join(' ')
        : '';

/** The fields a node's encoding (and facet) shows, except layout channels without axis or legend. */
function shownFields(node: Json): { field: string; title: string }[] {
  const out: { field: string; title: string }[] = [];
  const add = (ch: unknown): void => {
    if (Array.isArray(ch)) return ch.forEach(add);
    if (!ch || typeof ch !== 'object') return;
    const c = ch as Json;
    if (typeof c.field !== 'string' || c.axis === null) return;
    out.push({ field: c.field, title: titleText(c.title) });
  };
  for (const key of ['encoding', 'facet'] as const) {
    const enc = node[key];
    if (enc && typeof enc === 'object') for (const ch of Object.values(enc as Json)) add(ch);
  }
  return out;
}

/**
 * Scan a vega-lite spec: each layer (or the whole spec) labelled "published" — by its title, an encoding title
 * or a marker value such as label: 'published' — may show only published values; a point at a year the
 * slides do not print must say "assumed".
 * @param where a name for the report (figure name)
 * @example scanChartSpec(macroSharesChart(macroLong(macroTable().rows), published.macro, { sourceNote: 'SYNTHETIC' }), vocab, 'fig4'); // => []
 */
export function scanChartSpec(spec: unknown, vocab: PublishedVocabulary, where = 'spec'): LabelViolation[] {
  if (!spec || typeof spec !== 'object') fail('scanChartSpec', 'expected a vega-lite spec', spec);
  const out: LabelViolation[] = [];
  const title = titleText((spec as Json).title);
  const visit = (node: Json, inherited: boolean, data: unknown): void => {
    const values = ((node.data as Json | undefined)?.values ?? data) as unknown;
    const fields = shownFields(node);
    const rows = Array.isArray(values) ? (values as Json[]) : [];
    const marked =
      inherited ||
      CLAIM.test(titleText(node.title)) ||
      fields.some((f) => CLAIM.test(f.title)) ||
      rows.some((r) => fields.some((f) => typeof r[f.field] === 'string' && CLAIM.test(r[f.field] as string)));
    if (marked && fields.length > 0) {
      for (const r of rows) {
        for (const f of fields) {
          const v = r[f.field];
          if (typeof v === 'string' && CLAIM.test(v)) continue; // the marker itself
          if (!isPrintedValue(v as string | number | null | undefined, vocab))
            out.push({
              where,
              what: title,
              column: f.field,
              value: String(v),
              reason: 'not in published.json as printed',
            });
        }
        for (const a of vocab.assumedYears) {
          const nums = fields.map((f) => r[f.field]).filter((v): v is number => typeof v === 'number');
          if (!nums.some((x) => Math.abs(x - a.value) < 1e-9) || !nums.includes(a.year)) continue;
          if (!Object.values(r).some((v) => typeof v === 'string' && /assum/i.test(v)))
            out.push({
              where,
              what: title,
              column: 'year',
              value: String(a.year),
              reason: `year of ${a.id} is not printed: flag it as assumed`,
            });
        }
      }
    }
    for (const key of ['layer', 'concat', 'hconcat', 'vconcat'] as const) {
      const kids = node[key];
      if (Array.isArray(kids)) for (const k of kids) if (k && typeof k === 'object') visit(k as Json, marked, values);
    }
    if (node.spec && typeof node.spec === 'object') {
      // a facet's inner spec shows the facet's data; the facet fields were checked with the outer node
      visit({ ...(node.spec as Json), facet: node.facet }, marked, values);
    }
  };
  visit(spec as Json, CLAIM.test(title), undefined);
  // a facet's row/column fields are reported by both visits: keep one of each
  const seen = new Set<string>();
  return out.filter((v) => {
    const k = JSON.stringify(v);
    return seen.has(k) ? false : (seen.add(k), true);
  });
}

/**
 * Scan a built report folder: the tables of every .html page, the chart specs embedded in them, the saved
 * figure specs (results/figures/*.json), and each page's wording (lib/present/wording-labels.ts).
 * @throws {StudyError} when the folder does not exist
 * @example const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'report-'));
 * fs.writeFileSync(path.join(dir, 'a.html'), '<table><tr><th>Published (slides)</th></tr><tr><td>2.06</td></tr></table>');
 * scanReportDir(dir, vocab); // => [] (2.06 is printed)
 * fs.writeFileSync(path.join(dir, 'b.html'), '<table><tr><th>Published (slides)</th></tr><tr><td>2.07</td></tr></table>');
 * scanReportDir(dir, vocab).length; // => 1
 * fs.writeFileSync(path.join(dir, 'b.html'), '<button>Reset to the paper\u2019s choices</button>');
 * scanReportDir(dir, vocab).map((v) => v.column); // => ['paper-choices']
 */
export function scanReportDir(dir: string, vocab: PublishedVocabulary): LabelViolation[] {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) fail('scanReportDir', 'no such report folder', dir);
  const out: LabelViolation[] = [];
  for (const f of fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.html'))
    .sort()) {
    const html = fs.readFileSync(path.join(dir, f), 'utf8');
    out.push(...scanHtmlTables(html, vocab, f));
    out.push(...scanWording(html, f));
    let k = 0;
    for (const m of html.matchAll(/<script type="application\/json" class="study-chart-spec">([\s\S]*?)<\/script>/g)) {
      k++;
      const json = m[1]
        .replace(/\\u003c/g, '<')
        .replace(/&quot;/g, '"')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&amp;/g, '&');
      let spec: unknown;
      try {
        spec = JSON.parse(json);
      } catch {
        out.push({
          where: f,
          what: `chart ${k}`,
          column: '(spec)',
          value: m[1].slice(0, 60),
          reason: 'chart spec could not be read, so it could not be checked',
        });
        continue;
      }
      out.push(...scanChartSpec(spec, vocab, `${f} chart ${k}`));
    }
  }
  const figs = path.join(dir, 'results', 'figures');
  if (fs.existsSync(figs))
    for (const f of fs
      .readdirSync(figs)
      .filter((f) => f.endsWith('.json'))
      .sort())
      out.push(
        ...scanChartSpec(JSON.parse(fs.readFileSync(path.join(figs, f), 'utf8')), vocab, `results/figures/${f}`),
      );
  return out;
}
