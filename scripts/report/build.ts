/**
 * Builds report/ from executed notebooks: post-processed pages, assets, and the index.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { escapeHtml } from '../../lib/present/display.js';
import { copyAssets, headAssets, processPage } from './pages.js';
import { storyPage } from './front-page.js';
import type { NotebookResult } from '../jupyter/runner.js';
import { buildExploreForRun } from './explore.js';

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
  const withTitles = results.map((r, i) => ({ ...r, title: pages[i].title }));
  fs.writeFileSync(path.join(outDir, 'index.html'), await storyPage(withTitles, outDir, headAssets()));
  buildExploreForRun(results, outDir);
  // a listing page for the figures folder (file:// shows no directory index)
  const figDir = path.join(outDir, 'figures');
  if (fs.existsSync(figDir)) {
    const files = fs.readdirSync(figDir).filter((f) => f.endsWith('.svg')).sort();
    fs.writeFileSync(
      path.join(figDir, 'index.html'),
      `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Study figures</title></head><body style="font-family:system-ui,sans-serif">` +
        `<h1>Study figures</h1><p><a href="../index.html">Back to the study</a></p><ul>` +
        files.map((f) => `<li>${escapeHtml(f.replace(/\.svg$/, ''))}: <a href="${f}">SVG</a> · <a href="${f.replace(/\.svg$/, '.png')}">PNG</a></li>`).join('') +
        `</ul></body></html>`,
    );
  }
}
