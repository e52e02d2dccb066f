/**
 * Report post-processing of tagged notebook cells (nbconvert's lab template gives a cell's div the class
 * `celltag_<tag>`): every cell tagged `solution` is wrapped, input and output, in a `<details>` block closed by
 * default, with the summary "Show solution"; every cell tagged `record` (the notebook's key results for the tests,
 * `study.recordResult`) is left out of the page. Applied by the report builder (scripts/report/pages.ts processPage).
 */

/** The CSS of the solution blocks (added to every page's head with the site CSS). */
export const SOLUTION_CSS =
  'details.study-solution{margin:8px 0 8px 0;border:1px solid #d0d7de;border-radius:6px;padding:4px 10px;background:#fafbfc}' +
  'details.study-solution>summary{cursor:pointer;font-family:system-ui,sans-serif;font-size:14px;color:#0b5cad;padding:4px 0}';

/** The index just past the `</div>` closing the div whose opening tag ends at `start` (nested divs counted). */
function closingDiv(html: string, start: number): number {
  const tag = /<div\b|<\/div>/g;
  tag.lastIndex = start;
  let depth = 1;
  let t: RegExpExecArray | null;
  while ((t = tag.exec(html))) {
    depth += t[0] === '</div>' ? -1 : 1;
    if (depth === 0) return t.index + t[0].length;
  }
  return html.length;
}

/** The opening tag of a notebook cell carrying `tag` (nbconvert's lab template: class `celltag_<tag>`). */
function cellOpening(tag: string): RegExp {
  return new RegExp(`<div\\b[^>]*\\bclass="[^"]*\\bjp-Cell\\b[^"]*\\bcelltag_${tag}\\b[^"]*"[^>]*>`, 'g');
}

/** Replace every cell carrying `tag` (the whole cell div) by what `replace` makes of it. */
function mapTaggedCells(html: string, tag: string, replace: (cell: string, start: number) => string): string {
  const open = cellOpening(tag);
  let out = '';
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = open.exec(html))) {
    const end = closingDiv(html, m.index + m[0].length);
    out += html.slice(last, m.index) + replace(html.slice(m.index, end), m.index);
    last = end;
    open.lastIndex = end;
  }
  return out + html.slice(last);
}

/**
 * Wrap each solution cell of an nbconvert page in `<details class="study-solution"><summary>Show solution</summary>…</details>`
 * (closed: no `open` attribute). Idempotent: a page already processed is returned unchanged.
 *
 * @example collapseSolutions('<div class="jp-Cell jp-CodeCell celltag_solution"><div>x</div></div>');
 * // => '<details class="study-solution"><summary>Show solution</summary><div class="jp-Cell jp-CodeCell celltag_solution"><div>x</div></div></details>'
 */
export function collapseSolutions(html: string): string {
  const SUMMARY = '<summary>Show solution</summary>';
  return mapTaggedCells(html, 'solution', (cell, start) =>
    html.slice(Math.max(0, start - 60), start).endsWith(SUMMARY)
      ? cell
      : `<details class="study-solution">${SUMMARY}${cell}</details>`,
  );
}

/**
 * Leave out every cell tagged `record` (its input; a record cell has no output): the reader's view holds no
 * bookkeeping for the tests.
 *
 * @example removeRecordCells('<div class="jp-Cell jp-CodeCell celltag_record"><div>x</div></div><p>kept</p>');
 * // => '<p>kept</p>'
 */
export function removeRecordCells(html: string): string {
  return mapTaggedCells(html, 'record', () => '');
}
