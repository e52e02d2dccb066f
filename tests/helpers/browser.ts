/**
 * Chromium for the browser tests: Debian's Chromium driven by playwright-core
 * (never a downloaded browser), launched with no background network.
 */
import { chromium, type Browser, type Page } from 'playwright-core';
import { ensureChromium } from '../../scripts/jupyter/env.js';

/**
 * Launch headless Chromium with no sandbox, GPU or background network. Chromium missing: installed with apt
 * as root on Debian, otherwise an error with the command to run (never a skipped test).
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: ensureChromium(),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Collect a page's console errors, uncaught exceptions and failed requests (HTTP ≥ 400 included). */
export function watchPage(page: Page): { consoleErrors: string[]; failed: string[] } {
  const consoleErrors: string[] = [];
  const failed: string[] = [];
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  page.on('requestfailed', (r) => failed.push(`${r.url()} (${r.failure()?.errorText})`));
  page.on('response', (r) => r.status() >= 400 && failed.push(`${r.url()} (HTTP ${r.status()})`));
  return { consoleErrors, failed };
}

/** What one visit saw: the page, and the console errors and failed requests since it started loading. */
export interface Visit {
  page: Page;
  consoleErrors: string[];
  failed: string[];
}

/**
 * Pages that are reused from visit to visit, one per URL scheme (http:, file:). A visit goes through about:blank
 * and then loads the URL afresh, so nothing of the last visit's page state is kept, but the renderer process is:
 * V8 reuses the scripts it compiled for the same source (the report's 1.3 MB of vega), and a visit costs about
 * 0.35 s here instead of about 0.95 s with a new context each time. A console error or failed request is counted
 * against the visit during which it happened (and, should it come late, the visits after it).
 */
export function pagePerScheme(
  browser: Browser,
  viewport: { width: number; height: number },
): (url: string) => Promise<Visit> {
  const pages = new Map<string, Promise<{ page: Page; log: ReturnType<typeof watchPage> }>>();
  return async (url) => {
    const scheme = new URL(url).protocol;
    let entry = pages.get(scheme);
    if (!entry) {
      entry = browser
        .newContext({ viewport })
        .then((c) => c.newPage())
        .then((page) => ({ page, log: watchPage(page) }));
      pages.set(scheme, entry);
    }
    const { page, log } = await entry;
    await page.goto('about:blank');
    const from = { errors: log.consoleErrors.length, failed: log.failed.length };
    await page.goto(url, { waitUntil: 'load' });
    return {
      page,
      get consoleErrors() {
        return log.consoleErrors.slice(from.errors);
      },
      get failed() {
        return log.failed.slice(from.failed);
      },
    };
  };
}
