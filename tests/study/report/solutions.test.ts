/**
 * The report in Chromium: every solution cell is inside a "Show solution" block, closed by default, that opens on
 * click (study project: reads the report the global setup built).
 */
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { REPORT_DIR } from '../global-setup.js';
import { launchChromium } from '../../helpers/browser.js';
import { exercisesOf } from '../../../lib/teaching/registry.js';

const page03 = path.join(REPORT_DIR, '03-indices.html');

describe('report in Chromium: solutions closed by default', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => browser?.close());

  it('03-indices.html: one closed "Show solution" block per solution; a click opens it', async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto('file://' + page03, { waitUntil: 'load' });
    const blocks = page.locator('details.study-solution');
    expect(await blocks.count()).toBe(exercisesOf('03').length);
    for (let k = 0; k < (await blocks.count()); k++) {
      expect(await blocks.nth(k).evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
      expect(await blocks.nth(k).locator('summary').innerText()).toBe('Show solution');
      expect(await blocks.nth(k).locator('.jp-Cell').isVisible()).toBe(false);
    }
    await blocks.nth(1).locator('summary').click();
    expect(await blocks.nth(1).evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
    expect(await blocks.nth(1).locator('.jp-Cell').isVisible()).toBe(true);
    expect(await blocks.nth(1).innerText()).toContain('seriesIndices');
    expect(await blocks.nth(0).locator('.jp-Cell').isVisible()).toBe(false);
  });
});
