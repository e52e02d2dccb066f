/**
 * Rich output in notebooks. Inside the tslab kernel the helpers send HTML to the
 * notebook; elsewhere (vitest, scripts) they return the HTML and do nothing else,
 * so the same library call works in a cell, a test and a script.
 *
 * @module present/display
 */
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { projectRoot } from '../io/paths.js';
import { fail } from '../core/errors.js';

type WriteDisplay = (
  msg: { data: Record<string, unknown>; metadata: object; transient: { display_id?: string } },
  update: boolean,
) => void;
interface TslabJupyter {
  lastWriteDisplayData: WriteDisplay | null;
}

function tslabJupyter(): TslabJupyter | undefined {
  const req = createRequire(path.join(projectRoot(), 'package.json'));
  let id: string;
  try {
    id = req.resolve('tslab/dist/jupyter.js');
  } catch {
    return undefined;
  }
  // Only when the kernel itself has loaded tslab: never load it from a test or script.
  const cached = req.cache[id];
  return cached ? (cached.exports as TslabJupyter) : undefined;
}

/**
 * True when running inside the tslab kernel during a cell's execution.
 * @example inNotebook(); // => false (in vitest or a script)
 */
export function inNotebook(): boolean {
  const j = tslabJupyter();
  return !!(j && j.lastWriteDisplayData);
}

let displayCounter = 0;

/**
 * Show HTML in the notebook (with a plain-text fallback); returns the HTML.
 * Pass `displayId` to overwrite an earlier output with the same id (used for
 * progress lines). Returns nothing, so a cell ending in it shows only the HTML.
 *
 * @example displayHtml('<b>hi</b>'); // shows **hi** in a notebook; does nothing elsewhere
 */
export function displayHtml(html: string, opts: { text?: string; displayId?: string; update?: boolean } = {}): void {
  const data: Record<string, unknown> = { 'text/html': html };
  if (opts.text !== undefined) data['text/plain'] = opts.text;
  displayData(data, opts);
}

/**
 * Send a display output with any MIME bundle (e.g. HTML plus a machine-readable JSON type that a
 * grader reads from the executed notebook); does nothing outside the kernel. Returns whether it was shown.
 * @example displayData({ 'text/plain': 'hi' }); // => false (outside the kernel)
 */
export function displayData(
  data: Record<string, unknown>,
  opts: { displayId?: string; update?: boolean } = {},
): boolean {
  const j = tslabJupyter();
  if (!j || !j.lastWriteDisplayData) return false;
  j.lastWriteDisplayData(
    { data, metadata: {}, transient: opts.displayId ? { display_id: opts.displayId } : {} },
    !!opts.update,
  );
  return true;
}

/**
 * A display slot that can be rewritten in place (an updating line in a
 * notebook; a carriage-return line in a terminal).
 *
 * @example const p = progressLine(); p.update('10 %'); p.update('done'); // shows one line, rewritten
 */
export function progressLine(): { update(text: string): void } {
  const id = `study-progress-${++displayCounter}`;
  let first = true;
  return {
    update(text: string) {
      if (inNotebook()) {
        displayHtml(`<pre class="study-progress">${escapeHtml(text)}</pre>`, { text, displayId: id, update: !first });
      } else if (process.stderr.isTTY) {
        process.stderr.write(`\r${text}\x1b[K`);
      }
      first = false;
    },
  };
}

/**
 * Escape text for HTML.
 * @example escapeHtml('a < b & "c"'); // => 'a &lt; b &amp; &quot;c&quot;'
 */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * A progress bar as text: label, bar, percent and counts.
 * @throws {StudyError} when total is not a positive number or done is outside 0..total
 * @example progressBarText('generating', 25, 100, 20); // => 'generating [#####---------------]  25 % (25 of 100)'
 */
export function progressBarText(label: string, done: number, total: number, width = 30): string {
  if (!(total > 0) || !(done >= 0) || done > total)
    fail('progressBarText', `done must be within 0..total (total ${total})`, done);
  const filled = Math.round((done / total) * width);
  const pct = String(Math.floor((done / total) * 100)).padStart(3);
  return `${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${pct} % (${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')})`;
}

/**
 * A progress bar for long operations: rewritten in place in a notebook and in a
 * terminal; in a non-interactive log (CI) it prints a line at each quarter.
 * @example const bar = progressBar('import'); bar.update(5, 10); bar.update(10, 10); // shows one bar, rewritten
 */
export function progressBar(label: string): { update(done: number, total: number): void } {
  const line = progressLine();
  let lastQuarter = -1;
  return {
    update(done: number, total: number) {
      const text = progressBarText(label, done, total);
      if (inNotebook() || process.stderr.isTTY) {
        line.update(text);
        if (done === total && !inNotebook()) process.stderr.write('\n');
      } else {
        const q = Math.floor((done / total) * 4);
        if (q !== lastQuarter) {
          lastQuarter = q;
          process.stderr.write(text + '\n');
        }
      }
    },
  };
}
