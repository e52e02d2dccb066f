/**
 * The what-if explorer (report/explore.html) in real Chromium (playwright-core).
 * The page is built on its own into a temporary folder from the SYNTHETIC panel
 * (no notebook run needed). Every setting is made through the page — keyboard
 * (arrow keys on sliders and radios, space on the checkbox) or a click — and
 * every group's cell and pattern on screen must equal runStudy with the same
 * settings. Also: the URL carries the settings and restores them, reset, labels
 * and keyboard reach, no console error, file:// and http, page size, latency.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { serveDir } from '../../../scripts/report/serve.js';
import { buildExplorePage } from '../../../scripts/report/explore.js';
import { loadPanel } from '../../../lib/io/panel.js';
import { runStudy } from '../../../lib/study.js';
import { exploreDefaults, settingsFromHash, settingsToHash, windowYears, yearsWindow, type ExploreSettings } from '../../../lib/present/explore-model.js';
import { weightStrategy } from '../../../lib/steps/choices.js';
import type { Panel } from '../../../lib/core/types.js';
import { controlIndices, economyOfRun } from '../../../lib/steps/controls.js';
import { syntheticControls } from '../../../lib/synthetic/controls.js';
import { ARTIFACTS } from '../global-setup.js';
import { launchChromium, pagePerScheme, type Visit } from '../../helpers/browser.js';
import { tempDir } from '../../helpers/temp.js';

const SCREENSHOTS = path.join(ARTIFACTS, 'screenshots');

describe('explore.html in Chromium', () => {
  let browser: Browser;
  let dir: string;
  let httpBase: string;
  let fileBase: string;
  let closeServer: () => void;
  let panel: Panel;
  let pageBytes: number;
  const opened: Visit[] = [];

  beforeAll(async () => {
    dir = tempDir('explore-page-');
    panel = loadPanel({ source: 'synthetic' });
    pageBytes = buildExplorePage(dir, { panel }).bytes;
    browser = await launchChromium();
    const { server, url } = await serveDir(dir);
    httpBase = url + 'explore.html';
    fileBase = pathToFileURL(path.join(dir, 'explore.html')).href;
    closeServer = () => server.close();
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
  }, 60_000);

  afterAll(async () => {
    // every page opened in these tests: no console error, no failed request
    for (const o of opened) {
      expect(o.consoleErrors).toEqual([]);
      expect(o.failed).toEqual([]);
    }
    await browser?.close();
    closeServer?.();
  });

  let load: (url: string) => Promise<Visit>;
  /** Load the explorer afresh (the page of its URL scheme is reused: see pagePerScheme). */
  async function open(url: string): Promise<Visit> {
    load ??= pagePerScheme(browser, { width: 1300, height: 1000 });
    const v = await load(url);
    await v.page.waitForSelector('body[data-ready="1"]', { timeout: 10_000 });
    opened.push(v); // its errors are read at the end (afterAll): everything from this visit's start on
    return v;
  }

  /** Wait until the page has recorded `n` updates. */
  const updates = (page: Page) => page.evaluate(() => window.exploreTimings.length);
  const waitUpdates = (page: Page, n: number) => page.waitForFunction((k) => window.exploreTimings.length >= k, n, { timeout: 5_000 });

  /** Move a slider with the arrow keys to `target`. */
  async function slide(page: Page, id: string, target: number): Promise<void> {
    const sel = `#${id}`;
    const { value, step } = await page.$eval(sel, (e) => ({ value: Number((e as HTMLInputElement).value), step: Number((e as HTMLInputElement).step) }));
    const n = Math.round((target - value) / step);
    await page.focus(sel);
    for (let i = 0; i < Math.abs(n); i++) await page.keyboard.press(n > 0 ? 'ArrowRight' : 'ArrowLeft');
    expect(Number(await page.inputValue(sel))).toBe(target);
  }

  /** Select a radio with the arrow keys, starting from the group's checked radio. */
  async function choose(page: Page, name: string, value: string): Promise<void> {
    const target = `input[name="${name}"][value="${value}"]`;
    if (await page.isChecked(target)) return;
    await page.focus(`input[name="${name}"]:checked`);
    for (let i = 0; i < 6 && !(await page.isChecked(target)); i++) await page.keyboard.press('ArrowDown');
    expect(await page.isChecked(target)).toBe(true);
  }

  /** Make the page's controls hold `s`, through the keyboard. */
  async function setThroughPage(page: Page, s: ExploreSettings): Promise<void> {
    const cur = settingsFromHash(new URL(page.url()).hash, exploreDefaults()).settings;
    const pair = async (lo: [string, number, number], hi: [string, number, number]) => {
      // [id, target, current]: move the upper one first when the lower must pass it
      if (lo[1] > hi[2]) {
        await slide(page, hi[0], hi[1]);
        await slide(page, lo[0], lo[1]);
      } else {
        await slide(page, lo[0], lo[1]);
        await slide(page, hi[0], hi[1]);
      }
    };
    await slide(page, 'ctl-growth', s.growth);
    await pair(['ctl-vm', s.volatilityMedium, cur.volatilityMedium], ['ctl-vh', s.volatilityHigh, cur.volatilityHigh]);
    if ((await page.isChecked('#ctl-semi')) !== s.semiconductorRule) {
      await page.focus('#ctl-semi');
      await page.keyboard.press('Space');
    }
    await choose(page, 'base', s.base === 'first' ? 'first' : `mean${s.base.meanOfFirst}`);
    const kind = weightStrategy(s.weights).kind;
    await choose(page, 'weights', kind);
    if (kind === 'exponential') await slide(page, 'ctl-rate', s.rate);
    await choose(page, 'janFeb', s.janFeb);
    const [from, to] = windowYears(s.window);
    const [curFrom, curTo] = windowYears(cur.window);
    await pair(['ctl-from', from, curFrom], ['ctl-to', to, curTo]);
    await page.waitForTimeout(50);
  }

  /** What the page shows: each group's row, the matrix cells and the agreement. */
  async function shown(page: Page) {
    return page.evaluate(() => ({
      rows: [...document.querySelectorAll<HTMLTableRowElement>('#groups-body tr')].map((tr) => ({
        group_id: Number(tr.dataset.groupId),
        growth: tr.dataset.growth,
        volatility: tr.dataset.volatility,
        pattern: tr.dataset.pattern,
        G: tr.querySelector('td.g')!.textContent,
        V: tr.querySelector('td.v')!.textContent,
      })),
      cells: Object.fromEntries(
        [...document.querySelectorAll<HTMLTableCellElement>('#matrix-ours td[data-cell]')].map((td) => [
          td.dataset.cell,
          [...td.querySelectorAll<HTMLElement>('span[data-group-id]')].map((s) => Number(s.dataset.groupId)).sort((a, b) => a - b),
        ]),
      ),
      agreeCell: Number(document.querySelector<HTMLElement>('[data-agree-cell]')?.dataset.agreeCell),
      agreePattern: Number(document.querySelector<HTMLElement>('[data-agree-pattern]')?.dataset.agreePattern),
      error: (document.getElementById('error') as HTMLElement).hidden ? null : document.getElementById('error')!.textContent,
    }));
  }

  /** The page equals runStudy with the same settings, group by group. */
  async function expectRunStudy(page: Page, s: ExploreSettings, on: Panel = panel): Promise<void> {
    const run = runStudy({ panel: on, choices: s });
    const fixed = (x: number) => (Object.is(x, -0) ? 0 : x).toFixed(3);
    const got = await shown(page);
    expect(got.error).toBeNull();
    expect(got.rows).toEqual(
      [...run.partition].sort((a, b) => a.group_id - b.group_id).map((r) => ({ group_id: r.group_id, growth: r.growth, volatility: r.volatility, pattern: r.pattern, G: fixed(r.G), V: fixed(r.V) })),
    );
    for (const c of run.matrix) expect(got.cells[`${c.growth}-${c.volatility}`]).toEqual([...c.group_ids].sort((a, b) => a - b));
    expect(got.agreeCell).toBe(run.comparison!.position.agree);
    expect(got.agreePattern).toBe(run.comparison!.pattern.agree);
  }

  const d = () => exploreDefaults();
  const scenarios: { name: string; settings: () => ExploreSettings; via: 'http' | 'file' }[] = [
    { name: 'growth cut 0.7', settings: () => ({ ...d(), growth: 0.7 }), via: 'http' },
    { name: 'semiconductor rule off', settings: () => ({ ...d(), semiconductorRule: false }), via: 'file' },
    { name: 'base: first-year mean', settings: () => ({ ...d(), base: { meanOfFirst: 12 } }), via: 'http' },
    { name: 'base: first month', settings: () => ({ ...d(), base: 'first' }), via: 'file' },
    { name: 'uniform weights', settings: () => ({ ...d(), weights: 'uniform' }), via: 'http' },
    { name: 'window 2017–2024', settings: () => ({ ...d(), window: yearsWindow(2017, 2024) }), via: 'file' },
    { name: 'combined January–February merged', settings: () => ({ ...d(), janFeb: 'merge' }), via: 'http' },
    { name: 'combined January–February split evenly', settings: () => ({ ...d(), janFeb: 'split-even' }), via: 'file' },
    { name: 'exponential weights 0.035, volatility cuts 0.2 / 0.35', settings: () => ({ ...d(), weights: { exponential: 0.035 }, rate: 0.035, volatilityMedium: 0.2, volatilityHigh: 0.35 }), via: 'http' },
    {
      name: 'all at once: cut 0.7, rule off, first-year mean, uniform, 2017–2024',
      settings: () => ({ ...d(), growth: 0.7, semiconductorRule: false, base: { meanOfFirst: 12 }, weights: 'uniform', window: yearsWindow(2017, 2024) }),
      via: 'file',
    },
  ];

  it('page size is under 2 MB', () => {
    expect(pageBytes).toBeLessThan(2 * 1024 * 1024);
  });

  it('opens at the starting choices (printed cuts, project defaults): 17 of 17 on the SYNTHETIC panel, SYNTHETIC banner, the published matrix beside ours', async () => {
    const o = await open(httpBase);
    await expectRunStudy(o.page, exploreDefaults());
    const got = await shown(o.page);
    expect([got.agreeCell, got.agreePattern]).toEqual([17, 17]);
    expect(await o.page.$eval('.banner', (e) => (e as HTMLElement).innerText)).toMatch(/^SYNTHETIC DATA\./);
    expect(await o.page.$$eval('#matrix-published span[data-group-id]', (els) => els.length)).toBe(17);
    expect(await o.page.$$eval('#matrix-published thead th', (els) => els.map((e) => e.textContent))).toEqual(['', 'High Growth (G > 0.5)', 'Low Growth (G < 0.5)']);
    expect(await o.page.$$eval('#scatter g.pt', (els) => els.filter((e) => (e as SVGGElement).style.display !== 'none').length)).toBe(17);
    expect(new URL(o.page.url()).hash).toBe('#' + settingsToHash(exploreDefaults()));
    await o.page.screenshot({ path: path.join(SCREENSHOTS, 'explore-default.png'), fullPage: true });
  });

  for (const sc of scenarios)
    it(`${sc.name} (${sc.via === 'file' ? 'file://' : 'local server'}): every group's cell and pattern equal runStudy`, async () => {
      const s = sc.settings();
      const o = await open(sc.via === 'file' ? fileBase : httpBase);
      await setThroughPage(o.page, s);
      // the URL holds exactly these settings
      expect(settingsFromHash(new URL(o.page.url()).hash, { ...exploreDefaults(), growth: 99 })).toEqual({ settings: s, problems: [] });
      await expectRunStudy(o.page, s);
      await o.page.screenshot({ path: path.join(SCREENSHOTS, `explore-${sc.name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.png`) });
    });

  it('moving the growth cut past Integrated Circuits\u2019 G: they change cell, are highlighted, and their old cell is named', async () => {
    // the slider steps just past ICs' G at the starting choices (G ≈ 0.6 on the SYNTHETIC panel with the first-year-mean base)
    const icG = runStudy({ dataSource: 'synthetic', panel }).partition.find((r) => r.group_id === 2)!.G;
    const below = Math.floor(icG * 100) / 100;
    const cross = +(below + 0.01).toFixed(2);
    expect(below).toBeGreaterThanOrEqual(exploreDefaults().growth);
    const o = await open(httpBase);
    await slide(o.page, 'ctl-growth', below);
    const ic = o.page.locator('#groups-body tr[data-group-id="2"]');
    expect((await ic.getAttribute('class')) ?? '').not.toContain('moved');
    expect(await ic.getAttribute('data-growth')).toBe('high');
    await slide(o.page, 'ctl-growth', cross);
    await o.page.waitForTimeout(50);
    expect(await o.page.textContent('#last-change')).toMatch(/Integrated Circuits \(ICs\) from high growth, medium volatility to low growth, medium volatility/);
    await o.page.screenshot({ path: path.join(SCREENSHOTS, 'explore-ics-cross.png'), fullPage: false });
    expect(await ic.getAttribute('class')).toContain('moved');
    expect(await ic.locator('td.since').textContent()).toMatch(/^moved from high growth, medium volatility/);
    expect(await o.page.locator('#matrix-ours td[data-cell="low-medium"] mark.moved').first().textContent()).toMatch(/Integrated Circuits \(was high growth, medium volatility\)/);
    expect(await o.page.locator('#scatter g.pt[data-group-id="2"]').getAttribute('class')).toContain('moved');
    expect(await o.page.textContent('#summary')).toMatch(/Integrated Circuits \(ICs\) \(was high growth, medium volatility\)/);
    await expectRunStudy(o.page, { ...exploreDefaults(), growth: cross });
  });

  it('the URL round-trips: a copied address restores every control and the same result, from http and file://', async () => {
    const s: ExploreSettings = { ...exploreDefaults(), growth: 0.7, semiconductorRule: false, base: { meanOfFirst: 12 }, weights: { exponential: 0.035 }, rate: 0.035, window: yearsWindow(2017, 2023), volatilityMedium: 0.22 };
    const a = await open(httpBase);
    await setThroughPage(a.page, s);
    const hash = new URL(a.page.url()).hash;
    for (const base of [httpBase, fileBase]) {
      const b = await open(base + hash);
      expect(new URL(b.page.url()).hash).toBe(hash);
      const controls = await b.page.evaluate(() => ({
        g: (document.getElementById('ctl-growth') as HTMLInputElement).value,
        vm: (document.getElementById('ctl-vm') as HTMLInputElement).value,
        semi: (document.getElementById('ctl-semi') as HTMLInputElement).checked,
        base: (document.querySelector('input[name=base]:checked') as HTMLInputElement).value,
        w: (document.querySelector('input[name=weights]:checked') as HTMLInputElement).value,
        rate: (document.getElementById('ctl-rate') as HTMLInputElement).value,
        from: (document.getElementById('ctl-from') as HTMLInputElement).value,
        to: (document.getElementById('ctl-to') as HTMLInputElement).value,
      }));
      expect(controls).toEqual({ g: '0.7', vm: '0.22', semi: false, base: 'mean12', w: 'exponential', rate: '0.035', from: '2017', to: '2023' });
      await expectRunStudy(b.page, s);
    }
  });

  it('a link with bad settings: defaults kept, the problems shown, no error', async () => {
    const o = await open(httpBase + '#g=abc&zoom=2&to=2031');
    expect(await o.page.isVisible('#url-problems')).toBe(true);
    const text = await o.page.textContent('#url-problems');
    expect(text).toMatch(/g: "abc" is not a number/);
    expect(text).toMatch(/unknown setting "zoom"/);
    expect(text).toMatch(/endYear 2031 is outside its slider's range or step: set to 2024/);
    await expectRunStudy(o.page, exploreDefaults());
  });

  it('settings the library rejects show its message, and the page recovers', async () => {
    const o = await open(httpBase + '#vm=0.4&vh=0.3');
    expect(await o.page.textContent('#error')).toMatch(/resolveThresholds: volatilityMedium must not exceed volatilityHigh/);
    await slide(o.page, 'ctl-vh', 0.45);
    await o.page.waitForTimeout(50);
    expect(await o.page.isVisible('#error')).toBe(false);
    await expectRunStudy(o.page, { ...exploreDefaults(), volatilityMedium: 0.4, volatilityHigh: 0.45 });
  });

  it('"Reset to the printed cuts and the project\u2019s defaults" (keyboard) restores the library defaults', async () => {
    const o = await open(fileBase);
    await setThroughPage(o.page, { ...exploreDefaults(), growth: 0.8, weights: 'uniform', window: yearsWindow(2017, 2024) });
    await o.page.focus('#reset');
    await o.page.keyboard.press('Enter');
    await o.page.waitForTimeout(50);
    expect(new URL(o.page.url()).hash).toBe('#' + settingsToHash(exploreDefaults()));
    await expectRunStudy(o.page, exploreDefaults());
  });

  it('every control has a label and is reached with the Tab key', async () => {
    const o = await open(httpBase);
    const unlabelled = await o.page.$$eval('#controls input, #controls button', (els) =>
      els.filter((e) => (e.tagName === 'BUTTON' ? !(e.textContent ?? '').trim() : !((e as HTMLInputElement).labels?.[0]?.textContent ?? '').trim())).map((e) => e.id),
    );
    expect(unlabelled).toEqual([]);
    // Tab through the page: every slider, the checkbox, one radio per group and the button get the focus
    const reached = new Set<string>();
    await o.page.focus('nav a');
    for (let i = 0; i < 40; i++) {
      await o.page.keyboard.press('Tab');
      const id = await o.page.evaluate(() => (document.activeElement as HTMLElement | null)?.id ?? '');
      if (id) reached.add(id);
    }
    const expected = await o.page.$$eval('#controls input:not([type=radio]):not(:disabled), #controls button, #controls input[type=radio]:checked', (els) => els.map((e) => e.id));
    expect(expected.length).toBeGreaterThanOrEqual(9);
    for (const id of expected) expect(reached, `Tab does not reach #${id}`).toContain(id);
  });

  it('on other data (an imported-style panel): the import\u2019s banner, never SYNTHETIC, and still equal to runStudy', async () => {
    // the synthetic series perturbed, labelled as an import would be: not the teaching panel, so agreement is not by construction
    const imported: Panel = {
      ...panel,
      source: { kind: 'imported', label: 'Imported data from test-download.csv, 2015-01 to 2025-06', files: [], period: panel.source.period },
      values: panel.values.map((v, k) => v.map((x, t) => x * (1 + 0.35 * Math.sin(k * 7 + t * 0.9)))),
    };
    const dir2 = tempDir('explore-imported-');
    buildExplorePage(dir2, { panel: imported });
    const o = await open(pathToFileURL(path.join(dir2, 'explore.html')).href);
    const banner = await o.page.$eval('.banner', (e) => (e as HTMLElement).innerText);
    expect(banner).toMatch(/^Imported data\./);
    expect(banner).toContain('Imported data from test-download.csv, 2015-01 to 2025-06');
    expect(await o.page.evaluate(() => document.body.innerText.includes('SYNTHETIC'))).toBe(false);
    await expectRunStudy(o.page, exploreDefaults(), imported);
    const s = { ...exploreDefaults(), growth: 0.7, weights: 'uniform' as const };
    await setThroughPage(o.page, s);
    await expectRunStudy(o.page, s, imported);
  });

  it('"Show the control economies" (keyboard): off by default; on, 6 × 17 small grey SYNTHETIC points under the current settings, one control\u2019s G equal to the library\u2019s; ctl=on in the URL', async () => {
    const o = await open(httpBase);
    const points = () => o.page.$$eval('#scatter circle.ctl-pt', (els) => els.length);
    expect(await o.page.isChecked('#ctl-controls')).toBe(false);
    expect(await points()).toBe(0);
    expect(await o.page.isVisible('#controls-note')).toBe(false);
    // a setting that moves every G first (the window), then the checkbox with the space bar
    await slide(o.page, 'ctl-from', 2016);
    await o.page.focus('#ctl-controls');
    await o.page.keyboard.press('Space');
    await o.page.waitForFunction(() => document.querySelectorAll('#scatter circle.ctl-pt').length > 0, undefined, { timeout: 5_000 });
    expect(await points()).toBe(6 * 17);
    expect(new URL(o.page.url()).hash).toMatch(/&ctl=on$/);
    expect(await o.page.textContent('#controls-note')).toMatch(/^Grey points: SYNTHETIC control economies Control A–F .*not any real economy/);
    // notebook 09's controls and comparison for the same settings, from the library in Node
    const s = { ...exploreDefaults(), window: yearsWindow(2016, 2024) };
    const run = runStudy({ panel, choices: s });
    const gp = run.groupPanel;
    const china = economyOfRun(run);
    const lib = controlIndices(syntheticControls(china, gp.groups), gp.groups, s).find((r) => r.economy === 'Control C' && r.group_id === 2)!;
    const pt = o.page.locator('#scatter circle.ctl-pt[data-economy="Control C"][data-group-id="2"]');
    expect(Number(await pt.getAttribute('data-g'))).toBe(lib.G);
    expect(Number(await pt.getAttribute('data-v'))).toBe(lib.V);
    expect(await pt.locator('title').textContent()).toMatch(/^Control C \(SYNTHETIC\) — Integrated Circuits \(ICs\): G = /);
    // China's own results are unchanged by the controls
    await expectRunStudy(o.page, s);
    await o.page.locator('figure').screenshot({ path: path.join(SCREENSHOTS, 'explore-controls.png') });
    // the copied address opens with them shown; the space bar hides them again
    const b = await open(fileBase + new URL(o.page.url()).hash);
    expect(await b.page.isChecked('#ctl-controls')).toBe(true);
    expect(await b.page.$$eval('#scatter circle.ctl-pt', (els) => els.length)).toBe(6 * 17);
    await b.page.focus('#ctl-controls');
    await b.page.keyboard.press('Space');
    await b.page.waitForFunction(() => document.querySelectorAll('#scatter circle.ctl-pt').length === 0, undefined, { timeout: 5_000 });
    expect(new URL(b.page.url()).hash).not.toMatch(/ctl/);
  });

  it('an update takes well under 50 ms (median of 50 slider moves)', async () => {
    const o = await open(httpBase);
    await o.page.focus('#ctl-growth');
    const start = await updates(o.page);
    for (let i = 1; i <= 50; i++) {
      await o.page.keyboard.press(i % 2 ? 'ArrowRight' : 'ArrowLeft');
      await waitUpdates(o.page, start + i);
    }
    // the index options too: the window slider recomputes every group's indices
    await o.page.focus('#ctl-from');
    for (let i = 1; i <= 50; i++) {
      await o.page.keyboard.press(i % 2 ? 'ArrowRight' : 'ArrowLeft');
      await waitUpdates(o.page, start + 50 + i);
    }
    const t = (await o.page.evaluate(() => window.exploreTimings)).slice(start);
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const cut = t.slice(0, 50);
    const win = t.slice(50, 100);
    const metrics = {
      pageBytes,
      growthCut: { computeMedianMs: median(cut.map((x) => x.compute)), handlerMedianMs: median(cut.map((x) => x.handler)), handlerMaxMs: Math.max(...cut.map((x) => x.handler)), frameMedianMs: median(cut.map((x) => x.frame)) },
      window: { computeMedianMs: median(win.map((x) => x.compute)), handlerMedianMs: median(win.map((x) => x.handler)), handlerMaxMs: Math.max(...win.map((x) => x.handler)), frameMedianMs: median(win.map((x) => x.frame)) },
    };
    fs.writeFileSync(path.join(ARTIFACTS, 'explore-metrics.json'), JSON.stringify(metrics, null, 1) + '\n');
    console.log(`explore.html: ${pageBytes} bytes; ${JSON.stringify(metrics)}`);
    expect(metrics.growthCut.handlerMedianMs).toBeLessThan(50);
    expect(metrics.window.handlerMedianMs).toBeLessThan(50);
    expect(metrics.growthCut.frameMedianMs).toBeLessThan(100);
  }, 120_000);
});
