/**
 * Per-student feedback (`npm run feedback`): one HTML page per student and notebook — the points, each check's
 * result with its hint, the teacher's points and comment on each answer in words (manual.csv), and the student's
 * notebook as the grader executed it. A submission's HTML output is shown in a sandboxed frame (no scripts run), so a
 * page cannot act on the reader's browser.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { escapeHtml } from '../../lib/present/display.js';
import { sourceOf, type Nb } from './edition.js';
import type { SubmissionGrade } from './grader.js';
import { withManual, type ManualGrade } from './grades-out.js';

const text = (v: unknown): string => (Array.isArray(v) ? v.join('') : typeof v === 'string' ? v : '');

/** The executed notebook's cells as HTML (code, its outputs; markdown as text). */
export function notebookHtml(nb: Nb): string {
  return nb.cells
    .map((c) => {
      if (c.cell_type !== 'code') return `<div class="md">${escapeHtml(sourceOf(c))}</div>`;
      const outs = ((c.outputs ?? []) as Record<string, any>[])
        .map((o) => {
          if (o.output_type === 'stream')
            return `<pre class="${o.name === 'stderr' ? 'err' : 'out'}">${escapeHtml(text(o.text))}</pre>`;
          if (o.output_type === 'error') return `<pre class="err">${escapeHtml(`${o.ename}: ${o.evalue}`)}</pre>`;
          const d = o.data ?? {};
          if (d['text/html'])
            return `<iframe sandbox="" loading="lazy" srcdoc="${escapeHtml(text(d['text/html']))}"></iframe>`;
          if (d['image/png'])
            return `<img alt="output" src="data:image/png;base64,${escapeHtml(text(d['image/png']))}">`;
          return d['text/plain'] ? `<pre class="out">${escapeHtml(text(d['text/plain']))}</pre>` : '';
        })
        .join('');
      return `<div class="code"><pre class="src">${escapeHtml(sourceOf(c))}</pre>${outs}</div>`;
    })
    .join('\n');
}

/** One student's feedback page for one graded submission. */
export function feedbackHtml(g: SubmissionGrade, manual: ManualGrade[], executed?: Nb): string {
  const [graded] = withManual([g], manual);
  const total = graded.rows.reduce((s, r) => s + r.points, 0);
  const max = graded.rows.reduce((s, r) => s + r.max, 0);
  const rows = graded.rows
    .map((r) => {
      const m = manual.find((x) => x.student === r.student && x.notebook === r.notebook && x.exercise === r.exercise);
      const note =
        r.part === 'written'
          ? `${r.status === 'manual' ? `<blockquote>${escapeHtml(r.reason)}</blockquote>` : escapeHtml(r.reason || 'not answered')}${m?.comment ? `<p><b>Teacher:</b> ${escapeHtml(m.comment)}</p>` : ''}${m && m.points !== '' ? '' : r.status === 'manual' ? '<p><i>not graded yet</i></p>' : ''}`
          : escapeHtml(r.reason);
      return `<tr class="s-${r.status.replace(' ', '-')}"><td>${escapeHtml(`${r.notebook}.${r.exercise}`)}${r.part === 'written' ? ' (in words)' : ''}</td><td>${escapeHtml(r.status)}</td><td>${Math.round(100 * r.points) / 100} / ${r.max}</td><td>${note}</td></tr>`;
    })
    .join('\n');
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Feedback: ${escapeHtml(g.student)} — notebook ${escapeHtml(g.notebook)}</title><style>
body{font-family:system-ui,sans-serif;margin:24px;max-width:1000px}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;vertical-align:top}
.s-correct{background:#dafbe1}.s-incorrect{background:#fff1e5}.s-error,.s-missing,.s-timeout,.s-crashed,.s-not-run{background:#ffebe9}
.md{white-space:pre-wrap;margin:8px 0;color:#333}.code{border-left:3px solid #ccc;padding-left:8px;margin:8px 0}pre{margin:4px 0;white-space:pre-wrap}.src{background:#f6f8fa}.err{color:#b00}
iframe{width:100%;height:320px;border:1px solid #eee}
</style></head><body><h1>Notebook ${escapeHtml(g.notebook)}: ${escapeHtml(g.student)}</h1>
<p><b>${Math.round(100 * total) / 100} of ${max} points</b>${g.outcome !== 'ok' ? ` — the run: ${escapeHtml(g.outcome)}` : ''}. The checks below ran on the notebook you handed in; the numbers come from the SYNTHETIC teaching panel unless the notebook says otherwise.</p>
<table><thead><tr><th>Exercise</th><th>Result</th><th>Points</th><th>What the check says (and its hint)</th></tr></thead><tbody>
${rows}
</tbody></table>
${g.errors.length ? `<h2>Cells that failed</h2><ul>${g.errors.map((e) => `<li>cell ${e.cell}: <code>${escapeHtml(e.text.split('\n')[0])}</code></li>`).join('')}</ul>` : ''}
<h2>Your notebook, as it ran</h2>
${executed ? notebookHtml(executed) : '<p>(the notebook could not be executed)</p>'}
</body></html>\n`;
}

/** Write one feedback page per graded submission into `outDir/<student>/<notebook file>.html`; returns the files. */
export function writeFeedback(
  grades: SubmissionGrade[],
  manual: ManualGrade[],
  executedDir: string,
  outDir: string,
): string[] {
  return grades.map((g) => {
    const exe = path.join(executedDir, g.student, path.basename(g.file));
    const nb = fs.existsSync(exe) ? (JSON.parse(fs.readFileSync(exe, 'utf8')) as Nb) : undefined;
    const out = path.join(outDir, g.student, path.basename(g.file).replace(/\.ipynb$/, '') + '.html');
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, feedbackHtml(g, manual, nb));
    return out;
  });
}
