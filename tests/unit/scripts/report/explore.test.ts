/**
 * The explorer's page builder (scripts/report/explore.ts) in Node: the run's data source, one self-contained page
 * with its data banner, the bundle of the library's own functions, and a page that says why when it cannot be built.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Panel } from '../../../../lib/core/types.js';
import { loadGroups } from '../../../../lib/io/data.js';
import { loadPanel, sourceNote, writePanelCsv } from '../../../../lib/io/panel.js';
import { loadPublished } from '../../../../lib/io/published.js';
import { escapeHtml } from '../../../../lib/present/display.js';
import { exploreData, exploreDefaults, yearsWindow } from '../../../../lib/present/explore-model.js';
import { groupPanel } from '../../../../lib/steps/grouping.js';
import { buildExploreForRun, buildExplorePage, exploreControlsFor, explorePageHtml, exploreBundle, runControlsParams, runDataSource } from '../../../../scripts/report/explore.js';
import { tempDir } from '../../../helpers/temp.js';
import { aggregatePanel } from '../../../../lib/core/codes.js';
import { controlSeries, exploreControlRows } from '../../../../lib/present/explore-controls.js';
import { controlIndices } from '../../../../lib/steps/controls.js';
import { runStudy } from '../../../../lib/study.js';

let panel: Panel;
beforeAll(() => {
  panel = loadPanel({ source: 'synthetic' });
});

describe('the page builder', () => {
  it('runDataSource: the partition notebook\u2019s dataSource, else any, else synthetic', () => {
    expect(runDataSource([])).toBe('synthetic');
    expect(runDataSource([{ notebook: '03-indices', parameters: { dataSource: 'imported' } }])).toBe('imported');
    expect(runDataSource([{ notebook: '03-indices', parameters: { dataSource: 'synthetic' } }, { notebook: '04-partition', parameters: { dataSource: 'imported' } }])).toBe('imported');
    expect(() => runDataSource([{ notebook: '04-partition', parameters: { dataSource: 'real' } }])).toThrow(/dataSource must be "synthetic" or "imported", got "real"/);
  });

  it('writes one self-contained page under 2 MB with the SYNTHETIC banner and no external reference', () => {
    const dir = tempDir('explore-');
    const { file, bytes } = buildExplorePage(dir, { panel });
    const html = fs.readFileSync(file, 'utf8');
    expect(bytes).toBe(Buffer.byteLength(html));
    expect(bytes).toBeLessThan(2 * 1024 * 1024);
    // booleans, not the page, in a failure message (the page is 70 kB)
    expect(html.includes('<div class="banner" data-source="synthetic"><strong>SYNTHETIC DATA.</strong>')).toBe(true);
    expect(html.includes(`Data: ${escapeHtml(panel.source.label)}.`)).toBe(true);
    expect(html.match(/(src|href)="(https?:|file:|\/\/)[^"]*"/g)).toBeNull();
    expect(html.match(/<script[^>]*\bsrc=[^>]*>/g)).toBeNull();
  });

  it('labels imported data as imported, with the import\u2019s description, never SYNTHETIC', () => {
    const gp = groupPanel(panel, 1, loadGroups());
    const source = { kind: 'imported' as const, label: 'Imported data from customs-2015-2025.csv, 2015-01 to 2025-06', files: [], period: panel.source.period };
    const html = explorePageHtml(exploreData(gp, loadPublished().partition, source, sourceNote(source)), exploreBundle());
    expect(html.includes('<div class="banner" data-source="imported"><strong>Imported data.</strong>')).toBe(true);
    expect(html.includes('Data: Imported data from customs-2015-2025.csv, 2015-01 to 2025-06.')).toBe(true);
    // what a reader sees (the bundle's code holds the SYNTHETIC controls' generator and its words, run only on SYNTHETIC data)
    const page = html.replace(/<script>[\s\S]*?<\/script>/, '');
    expect(page.match(/.{0,60}SYNTHETIC.{0,60}/g)).toBeNull();
  });

  it('the bundle carries the library\u2019s functions, not copies (its error messages name them)', () => {
    const js = exploreBundle();
    expect(js.includes('window start is after its end')).toBe(true);
    expect(js.includes('volatilityMedium must not exceed volatilityHigh')).toBe(true);
  });

  it('a run on imported data with no import: the page says why instead of failing the report', () => {
    const dir = tempDir('explore-run-');
    const saved = process.env.STUDY_IMPORTED_DIR;
    process.env.STUDY_IMPORTED_DIR = path.join(dir, 'no-import-here');
    const errors: string[] = [];
    const log = console.error;
    console.error = (...a: unknown[]) => void errors.push(a.join(' '));
    try {
      buildExploreForRun([{ notebook: '04-partition', parameters: { dataSource: 'imported' } }], dir);
    } finally {
      console.error = log;
      if (saved === undefined) delete process.env.STUDY_IMPORTED_DIR;
      else process.env.STUDY_IMPORTED_DIR = saved;
    }
    const html = fs.readFileSync(path.join(dir, 'explore.html'), 'utf8');
    expect(html.includes('The explorer could not be built for this run')).toBe(true);
    expect(html.includes('loadPanel: no imported panel: run `npm run data:import -- &lt;downloaded files&gt;`')).toBe(true);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^explore\.html: could not build the explorer: loadPanel: no imported panel/);
  });
});

describe('the control economies on the page (issue 25)', () => {
  it('SYNTHETIC data: the SYNTHETIC controls (not embedded: regenerated from the seed), the checkbox off and labelled, said SYNTHETIC', () => {
    const dir = tempDir('explore-controls-');
    buildExplorePage(dir, { panel, controlsParams: { seed: 7 } });
    const html = fs.readFileSync(path.join(dir, 'explore.html'), 'utf8');
    const data = JSON.parse(html.match(/<script type="application\/json" id="explore-data">([\s\S]*?)<\/script>/)![1]);
    expect(data.controls).toEqual({ kind: 'synthetic', label: expect.stringMatching(/^SYNTHETIC control economies Control A–F \(notebook 09, seed 7\)/), seed: 7, economies: 6 });
    expect(html.includes('<input type="checkbox" id="ctl-controls" name="showControls" aria-describedby="hint-controls"> <label for="ctl-controls" style="display:inline">Show the control economies</label>')).toBe(true);
    expect(html.includes('not any real economy')).toBe(true);
  });

  it('imported data without fetched controls: the checkbox disabled, the reason given, never SYNTHETIC', () => {
    const saved = process.env.STUDY_IMPORTED_DIR;
    process.env.STUDY_IMPORTED_DIR = path.join(tempDir('explore-no-controls-'), 'none');
    try {
      const gp = groupPanel(panel, 1, loadGroups());
      const source = { kind: 'imported' as const, label: 'Imported data from x.csv', files: [], period: panel.source.period };
      const data = exploreData(gp, loadPublished().partition, source, sourceNote(source));
      expect(exploreControlsFor(data)).toEqual({ kind: 'none', label: expect.stringMatching(/^No control economy in this run: fetch their data/) });
      expect(exploreControlsFor(data, { reporters: ['410'] }).kind).toBe('none');
    } finally {
      if (saved === undefined) delete process.env.STUDY_IMPORTED_DIR;
      else process.env.STUDY_IMPORTED_DIR = saved;
    }
  });

  it("runControlsParams: notebook 09's seed and reporters", () => {
    expect(runControlsParams([{ notebook: '09-controls', parameters: { seed: 3, reporters: ['410', '392'] } }])).toEqual({ seed: 3, reporters: ['410', '392'] });
    expect(runControlsParams([{ notebook: '04-partition', parameters: {} }])).toEqual({});
  });
});

describe('imported control economies on the page (issue 25)', () => {
  it("a fetched reporter's HS6 panel is embedded (never SYNTHETIC) and the page's G and V equal controlIndices of its run", () => {
    const saved = process.env.STUDY_IMPORTED_DIR;
    const dir = tempDir('explore-imported-controls-');
    process.env.STUDY_IMPORTED_DIR = dir;
    try {
      // China's data and a reporter's, both at HS6 (the SYNTHETIC series summed to HS6, the reporter's scaled and bent: a test fixture)
      const h = aggregatePanel(panel, Object.fromEntries(panel.codes.map((c) => [c, c.slice(0, 6)])));
      const kor: Panel = { ...panel, codes: h.codes, months: h.months, values: h.values.map((v, k) => v.map((x, t) => x * (0.5 + 0.002 * t * (k % 3)))) };
      writePanelCsv(kor, path.join(dir, 'reporters', '410', 'panel.csv'));
      const source = { kind: 'imported' as const, label: 'Imported data from china-hs6.csv', files: [], period: panel.source.period };
      const gp = groupPanel({ source, months: h.months, codes: h.codes, values: h.values }, 1, loadGroups(), { hs8: null });
      const data = exploreData(gp, loadPublished().partition, source, sourceNote(source));
      // the notebook's reporters (an unfetched one is left out, as the notebook lists it as not found), or every fetched one
      for (const c of [exploreControlsFor(data, { reporters: ['410', '392'] }), exploreControlsFor(data)]) {
        expect(c.kind).toBe('imported');
        expect(c.label).toBe('Control economies: UN Comtrade, imported per reporter (KOR), HS6');
        if (c.kind !== 'imported') continue;
        expect(c.economies.map((e) => e.economy)).toEqual(['KOR']);
        const s = { ...exploreDefaults(), growth: 0.6, window: yearsWindow(2016, 2024) };
        const page = exploreControlRows(controlSeries(JSON.parse(JSON.stringify(c)), { months: [], codes: [], values: [] }, data.groups), data.groups, s);
        const run = runStudy({ dataSource: 'imported', reporter: '410' });
        const lib = controlIndices([{ economy: 'KOR', months: run.groupPanel.months, codes: run.groupPanel.codes, values: run.groupPanel.values, source: run.sourceNote }], data.groups, s);
        expect(page.length).toBe(14); // 13 groups and the joint group of shared headings
        expect(page).toEqual(lib);
      }
      const html = explorePageHtml({ ...data, controls: exploreControlsFor(data) }, exploreBundle());
      expect(html.replace(/<script>[\s\S]*?<\/script>/, '').includes('SYNTHETIC')).toBe(false);
      expect(html.includes('id="ctl-controls" name="showControls" aria-describedby')).toBe(true);
    } finally {
      if (saved === undefined) delete process.env.STUDY_IMPORTED_DIR;
      else process.env.STUDY_IMPORTED_DIR = saved;
    }
  });
});
