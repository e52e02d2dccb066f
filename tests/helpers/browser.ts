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
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
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
