/**
 * The report in a real browser: Debian's Chromium driven by playwright-core
 * (never a downloaded browser). Every page loads with no console error and no
 * failed request, from file:// and from the local server; every chart renders
 * with marks; a screenshot of each page goes to tests/.artifacts/screenshots. And no table, chart layer or
 * legend labelled "published" / "as printed" shows a value published.json does not print.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { serveDir } from '../scripts/report/serve.js';
import { launchChromium, watchPage } from './helpers/browser.js';
import { loadGroups } from '../lib/io/data.js';
import { loadPublished } from '../lib/io/published.js';
import { publishedVocabulary, scanReportDir } from '../lib/present/published-labels.js';
import { ARTIFACTS, REPORT_DIR } from './global-setup.js';

export const SCREENSHOT_DIR = path.join(ARTIFACTS, 'screenshots');

/** The bundled run uses the synthetic panel unless the user imported data. */
const loadPanelSource = (): string => (fs.existsSync(path.join(REPORT_DIR, 'results', '04-partition.json')) && /SYNTHETIC/.test(fs.readFileSync(path.join(REPORT_DIR, 'results', '04-partition.json'), 'utf8')) ? 'synthetic' : 'other');
const pages = fs.readdirSync(REPORT_DIR).filter((f) => f.endsWith('.html')).sort();

describe('report in Chromium', () => {
  let browser: Browser;
  let base: string;
  let close: () => void;

  beforeAll(async () => {
    browser = await launchChromium();
    const { server, url } = await serveDir(REPORT_DIR);
    base = url;
    close = () => server.close();
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    close?.();
  });

  async function visit(url: string, screenshot?: string) {
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    const page = await context.newPage();
    const { consoleErrors, failed } = watchPage(page);
    await page.goto(url, { waitUntil: 'load' });
    // wait for every chart container to be upgraded to a live view (or to fail)
    await page.waitForFunction(() => [...document.querySelectorAll('div.study-chart')].every((el) => el.hasAttribute('data-upgraded')), null, { timeout: 20_000 });
    await page.waitForTimeout(300);
    const charts = await page.$$eval('div.study-chart', (els) =>
      els.map((el) => ({
        error: el.getAttribute('data-error'),
        liveMarks: el.querySelectorAll('div.study-chart-live svg .role-mark > *').length,
        liveVisible: (el.querySelector('div.study-chart-live') as HTMLElement).style.display !== 'none',
      })),
    );
    if (screenshot) await page.screenshot({ path: screenshot, fullPage: true });
    const text = await page.evaluate(() => document.body.innerText);
    await context.close();
    return { consoleErrors, failed, charts, text };
  }

  it('finds the index and the notebook pages', () => {
    expect(pages).toContain('index.html');
    expect(pages.length).toBeGreaterThan(1);
  });

  it('index.html shows all 17 groups in the partition matrix and the synthetic-data label', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(base + 'index.html', { waitUntil: 'load' });
    const names = await page.$$eval('table.matrix:first-of-type td span:not(.none)', (els) => els.map((e) => e.textContent ?? ''));
    const groups = loadGroups().map((g) => g.matrixLabel).sort();
    expect([...names].sort()).toEqual(groups);
    const banner = await page.$eval('div.banner', (e) => (e as HTMLElement).innerText);
    if (loadPanelSource() === 'synthetic') expect(banner).toContain('SYNTHETIC');
    await context.close();
  });

  for (const p of pages) {
    it(`${p}: loads from the local server with no console error or failed request, every chart live`, async () => {
      const r = await visit(base + p, path.join(SCREENSHOT_DIR, p.replace(/\.html$/, '.png')));
      expect(r.consoleErrors).toEqual([]);
      expect(r.failed).toEqual([]);
      for (const c of r.charts) {
        expect(c.error).toBeNull();
        expect(c.liveVisible).toBe(true);
        expect(c.liveMarks).toBeGreaterThan(0);
      }
    });

    it(`${p}: loads from file:// with no console error or failed request`, async () => {
      const r = await visit(pathToFileURL(path.join(REPORT_DIR, p)).href);
      expect(r.consoleErrors).toEqual([]);
      expect(r.failed).toEqual([]);
      expect(r.charts.every((c) => c.error === null && c.liveMarks > 0)).toBe(true);
    });
  }
});

describe('report labels', () => {
  it('every page labels "published" or "as printed" only what published.json prints (tables, embedded and saved chart specs)', () => {
    const violations = scanReportDir(REPORT_DIR, publishedVocabulary(loadPublished()));
    expect(violations).toEqual([]);
  });
});
