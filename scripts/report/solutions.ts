/**
 * Report post-processing: every notebook cell tagged `solution` (nbconvert's lab template gives the cell's div the
 * class `celltag_solution`) is wrapped, input and output, in a `<details>` block closed by default, with the summary
 * "Show solution". Any future solution cell gets the same through the report builder (scripts/report.ts processPage).
 */

/** The CSS of the solution blocks (added to every page's head with the site CSS). */
export const SOLUTION_CSS =
  'details.study-solution{margin:8px 0 8px 0;border:1px solid #d0d7de;border-radius:6px;padding:4px 10px;background:#fafbfc}' +
  'details.study-solution>summary{cursor:pointer;font-family:system-ui,sans-serif;font-size:14px;color:#0b5cad;padding:4px 0}';

const OPEN_SOLUTION = /<div\b[^>]*\bclass="[^"]*\bjp-Cell\b[^"]*\bcelltag_solution\b[^"]*"[^>]*>/g;

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

/**
 * Wrap each solution cell of an nbconvert page in `<details class="study-solution"><summary>Show solution</summary>…</details>`
 * (closed: no `open` attribute). Idempotent: a page already processed is returned unchanged.
 *
 * @example collapseSolutions('<div class="jp-Cell jp-CodeCell celltag_solution"><div>x</div></div>');
 * // => '<details class="study-solution"><summary>Show solution</summary><div class="jp-Cell jp-CodeCell celltag_solution"><div>x</div></div></details>'
 */
export function collapseSolutions(html: string): string {
  let out = '';
  let last = 0;
  let m: RegExpExecArray | null;
  OPEN_SOLUTION.lastIndex = 0;
  while ((m = OPEN_SOLUTION.exec(html))) {
    if (html.slice(Math.max(0, m.index - 60), m.index).endsWith('<summary>Show solution</summary>')) continue;
    const end = closingDiv(html, m.index + m[0].length);
    out += html.slice(last, m.index) + '<details class="study-solution"><summary>Show solution</summary>' + html.slice(m.index, end) + '</details>';
    last = end;
    OPEN_SOLUTION.lastIndex = end;
  }
  return out + html.slice(last);
}
