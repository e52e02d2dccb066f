/**
 * Builds report/ from executed notebooks: post-processed pages, assets, and the index.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { escapeHtml } from '../lib/display.js';
import { copyAssets, headAssets, processPage } from './report.js';
import type { NotebookResult } from './study-runner.js';

function titleOf(ipynbFile: string, fallback: string): string {
  try {
    const nb = JSON.parse(fs.readFileSync(ipynbFile, 'utf8')) as { cells: { cell_type: string; source: string | string[] }[] };
    const md = nb.cells.find((c) => c.cell_type === 'markdown');
    const src = md ? (Array.isArray(md.source) ? md.source.join('') : md.source) : '';
    const h = /^#\s+(.+)$/m.exec(src);
    return h ? h[1].trim() : fallback;
  } catch {
    return fallback;
  }
}

/** Post-process every notebook page and write index.html. */
export async function buildReport(results: NotebookResult[], outDir: string): Promise<void> {
  copyAssets(outDir);
  const pages = results.map((r) => ({ r, title: titleOf(r.ipynbFile, r.notebook), href: `${r.notebook}.html` }));
  pages.forEach(({ r, title }, i) => {
    if (!fs.existsSync(r.htmlFile)) return;
    const nav = [{ label: '↑ Study index', href: 'index.html' }];
    if (i > 0) nav.push({ label: `← ${pages[i - 1].title}`, href: pages[i - 1].href });
    if (i < pages.length - 1) nav.push({ label: `${pages[i + 1].title} →`, href: pages[i + 1].href });
    const html = processPage(fs.readFileSync(r.htmlFile, 'utf8'), { title, nav, parameters: r.parameters });
    fs.writeFileSync(r.htmlFile, html);
  });
  const rows = pages
    .map(
      ({ r, title, href }) =>
        `<li><a href="${href}">${escapeHtml(title)}</a> ${r.ok ? '' : '<strong style="color:#b00">failed</strong>'}${
          Object.keys(r.parameters).length ? ` <span class="params">(parameters: ${escapeHtml(JSON.stringify(r.parameters))})</span>` : ''
        }</li>`,
    )
    .join('\n');
  const index = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>China's Self-Reliance Goal — study notebooks</title>
${headAssets()}
<style>body{font-family:system-ui,sans-serif;max-width:980px;margin:2em auto;padding:0 1em;line-height:1.5}</style>
</head><body>
<h1>China's Self-Reliance Goal: How Much Progress? — a reproduction</h1>
<p>Notebooks reproducing Naughton &amp; Fang (2025) step by step. Unless a page says it runs on imported data,
its numbers come from the <strong>SYNTHETIC teaching panel</strong>, not from China's import statistics.</p>
<ol>
${rows}
</ol>
</body></html>
`;
  fs.writeFileSync(path.join(outDir, 'index.html'), index);
}
