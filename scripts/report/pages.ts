/**
 * Turns nbconvert's HTML pages into a self-contained static site: no CDN and no
 * file:/// links (Debian's nbconvert points require.js and MathJax at
 * /usr/share), formulas rendered to HTML with KaTeX at build time, the vega
 * bundles loaded once per page from report/assets/ so charts become
 * interactive, and a navigation bar.
 */
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CHART_BOOTSTRAP, VEGA_BUNDLES, bundlePath } from '../../lib/present/charts.js';
import { escapeHtml } from '../../lib/present/display.js';
import { ROOT } from '../jupyter/env.js';
import { SOLUTION_CSS, collapseSolutions, removeRecordCells } from './solutions.js';

const req = createRequire(path.join(ROOT, 'package.json'));

/** Copy the browser assets (vega bundles, KaTeX stylesheet and fonts) into `<outDir>/assets`. */
export function copyAssets(outDir: string): void {
  const assets = path.join(outDir, 'assets');
  fs.mkdirSync(assets, { recursive: true });
  for (const b of VEGA_BUNDLES) fs.copyFileSync(bundlePath(b), path.join(assets, path.basename(b)));
  const katexDist = path.dirname(req.resolve('katex/dist/katex.min.css'));
  fs.mkdirSync(path.join(assets, 'katex', 'fonts'), { recursive: true });
  fs.copyFileSync(path.join(katexDist, 'katex.min.css'), path.join(assets, 'katex', 'katex.min.css'));
  for (const f of fs.readdirSync(path.join(katexDist, 'fonts')).filter((f) => f.endsWith('.woff2')))
    fs.copyFileSync(path.join(katexDist, 'fonts', f), path.join(assets, 'katex', 'fonts', f));
}

/** The `<head>` additions of every page: KaTeX CSS and the vega bundles (require.js hidden while they load). */
export function headAssets(prefix = 'assets/'): string {
  return [
    `<link rel="stylesheet" href="${prefix}katex/katex.min.css">`,
    '<script>window.__studyDefine = window.define; window.define = undefined;</script>',
    ...VEGA_BUNDLES.map((b) => `<script src="${prefix}${path.basename(b)}"></script>`),
    '<script>window.define = window.__studyDefine;</script>',
    `<style>${SITE_CSS}${SOLUTION_CSS}</style>`,
  ].join('\n');
}

export const SITE_CSS = `
nav.study-nav{font-family:system-ui,sans-serif;font-size:14px;padding:8px 16px;background:#f3f5f7;border-bottom:1px solid #d0d7de;display:flex;gap:18px;align-items:center;flex-wrap:wrap}
nav.study-nav a{color:#0b5cad;text-decoration:none}nav.study-nav .params{color:#555}
`;

const decode = (s: string): string =>
  s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

/** Render `$$…$$` and `$…$` math in a fragment of rendered markdown with KaTeX. */
export function renderMath(fragment: string): string {
  const katex = req('katex') as { renderToString(tex: string, opts: object): string };
  const render = (tex: string, display: boolean) => katex.renderToString(decode(tex), { displayMode: display, throwOnError: false, output: 'html' });
  let out = fragment.replace(/\$\$([\s\S]+?)\$\$/g, (_m, tex: string) => render(tex, true));
  out = out.replace(/\\\[([\s\S]+?)\\\]/g, (_m, tex: string) => render(tex, true));
  // inline: $x$ with no space inside the delimiters and no digit right after the closing $
  out = out.replace(/(^|[^\\$\w])\$(?!\s)([^$\n]+?)(?<!\s)\$(?!\d)/g, (_m, pre: string, tex: string) => pre + render(tex, false));
  return out;
}

/** Apply `fn` to the inner HTML of every rendered-markdown block (matching nested divs). */
function mapMarkdownBlocks(html: string, fn: (inner: string) => string): string {
  const open = /<div[^>]*class="[^"]*jp-RenderedMarkdown[^"]*"[^>]*>/g;
  let out = '';
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = open.exec(html))) {
    const start = m.index + m[0].length;
    let depth = 1;
    const tag = /<div\b|<\/div>/g;
    tag.lastIndex = start;
    let t: RegExpExecArray | null;
    let end = html.length;
    while ((t = tag.exec(html))) {
      depth += t[0] === '</div>' ? -1 : 1;
      if (depth === 0) {
        end = t.index;
        break;
      }
    }
    out += html.slice(last, start) + fn(html.slice(start, end));
    last = end;
    open.lastIndex = end;
  }
  return out + html.slice(last);
}

/** Post-process one nbconvert page for the report. */
export function processPage(html: string, opts: { title: string; nav: { label: string; href: string }[]; parameters?: Record<string, unknown> }): string {
  let out = html;
  // external or machine-local scripts and MathJax configuration (math is rendered at build time)
  out = out.replace(/<script[^>]*\bsrc="(?:https?:|file:)[^"]*"[^>]*>\s*<\/script>/g, '');
  out = out.replace(/<script type="text\/x-mathjax-config">[\s\S]*?<\/script>/g, '');
  out = out.replace(/<link[^>]*href="(?:https?:|file:)[^"]*"[^>]*>/g, '');
  out = mapMarkdownBlocks(out, renderMath);
  out = collapseSolutions(removeRecordCells(out));
  out = out.replace('</head>', `${headAssets()}\n</head>`);
  const params = opts.parameters && Object.keys(opts.parameters).length
    ? `<span class="params">Parameters changed: ${escapeHtml(Object.entries(opts.parameters).map(([k, v]) => `${k} = ${JSON.stringify(v)}`).join('; '))}</span>`
    : '';
  const nav = `<nav class="study-nav">${opts.nav.map((n) => `<a href="${escapeHtml(n.href)}">${escapeHtml(n.label)}</a>`).join('')}${params}</nav>`;
  out = out.replace(/<body([^>]*)>/, (m) => `${m}\n${nav}`);
  out = out.replace('</body>', `${CHART_BOOTSTRAP}\n</body>`);
  return out;
}
