/**
 * The wording rules of the label scan (lib/present/wording-labels.ts): for each rule a hand-made fixture that fails
 * and its honest version that passes; then the pages and notebook sources the rules were written for pass — the
 * explorer page (built on the SYNTHETIC panel), the front page (built from a small SYNTHETIC fixture) and the
 * markdown of notebooks 04 and 07 — and the report scan (scanReportDir) reports a wording violation.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPanel } from '../../../lib/io/panel.js';
import { loadPublished } from '../../../lib/io/published.js';
import { publishedVocabulary, scanReportDir } from '../../../lib/present/published-labels.js';
import { scanWording, textBlocks, WORDING_RULES } from '../../../lib/present/wording-labels.js';
import { buildExplorePage } from '../../../scripts/report/explore.js';
import { storyPage } from '../../../scripts/report/front-page.js';
import { tempDir } from '../../helpers/temp.js';

const SYN = '<div class="banner" data-source="synthetic"><strong>SYNTHETIC DATA.</strong></div>';
const IMP = '<div class="banner" data-source="imported"><strong>Imported data.</strong></div>';
const rules = (html: string) => scanWording(html, 'fixture').map((v) => v.column);

describe('textBlocks', () => {
  it('cuts a page into headings, tables (caption with source line) and blocks; styles dropped', () => {
    const html =
      '<style>p{x:1}</style><h2>Main &amp; more</h2><p>One<br>two</p><figure><table><caption>Cap</caption><tr><td>1</td></tr></table>' +
      '<figcaption class="study-table-source">Source: S</figcaption></figure><ul><li>Item</li></ul>';
    expect(textBlocks(html)).toEqual([
      { kind: 'heading', text: 'Main & more' },
      { kind: 'table', text: 'Cap Source: S' },
      { kind: 'block', text: 'One' },
      { kind: 'block', text: 'two' },
      { kind: 'block', text: 'Item' },
    ]);
    expect(() => textBlocks(3 as never)).toThrow(/expected HTML text/);
  });
});

describe('each wording rule: a failing fixture and its honest version', () => {
  it('has the seven rules', () => {
    expect(WORDING_RULES.map((r) => r.id)).toEqual([
      'paper-choices',
      'synthetic-results',
      'synthetic-robustness',
      'robust-generator',
      'inferred-date',
      'paper-not-public',
      'export-controls',
    ]);
  });

  it('paper-choices: the reset is not "the paper\u2019s choices" (either apostrophe)', () => {
    expect(rules('<button id="reset">Reset to the paper\u2019s choices</button>')).toEqual(['paper-choices']);
    expect(rules("<caption>The paper's choices (the reset)</caption>")).toEqual(['paper-choices']);
    expect(rules('<button id="reset">Reset to the printed cuts and the project\'s defaults</button>')).toEqual([]);
  });

  it('synthetic-results: a "Main results" heading on a SYNTHETIC page must say SYNTHETIC; on imported data it may not', () => {
    expect(rules(`${SYN}<h2>Main results of this run</h2>`)).toEqual(['synthetic-results']);
    expect(rules(`${SYN}<h2>What the pipeline gives on the SYNTHETIC panel</h2>`)).toEqual([]);
    expect(rules(`${IMP}<h2>Main results of this run (imported data)</h2>`)).toEqual([]);
  });

  it('synthetic-robustness: a robustness table on a SYNTHETIC page says SYNTHETIC in its caption or source line', () => {
    const t = (caption: string, source = '') =>
      `${SYN}<figure><table><caption>${caption}</caption><tr><td>Polymers</td><td>98 %</td></tr></table>${source ? `<figcaption>${source}</figcaption>` : ''}</figure>`;
    expect(rules(t('Share of 900 combinations that keep each group\u2019s pattern (robustness)'))).toEqual([
      'synthetic-robustness',
    ]);
    expect(rules(t('Robustness of each group (SYNTHETIC panel)'))).toEqual([]);
    expect(rules(t('Robustness of each group', 'Source: Data: SYNTHETIC teaching panel'))).toEqual([]);
  });

  it('robust-generator: "the robust part of the partition" on the SYNTHETIC panel names the generator', () => {
    expect(rules(`${SYN}<p>On the synthetic panel these verdicts are the robust part of the partition.</p>`)).toEqual([
      'robust-generator',
    ]);
    expect(
      rules(
        `${SYN}<p>These verdicts keep their pattern: a property of the generator, not the robust part of the partition in China's data.</p>`,
      ),
    ).toEqual([]);
    expect(rules(`${IMP}<p>On the imported data these verdicts are the robust part of the partition.</p>`)).toEqual([]);
  });

  it('inferred-date: "(UC San Diego, 2025)" marks the year as inferred', () => {
    expect(rules('<p>Barry Naughton and Zhuohan Fang (UC San Diego, 2025).</p>')).toEqual(['inferred-date']);
    expect(rules('<p>Barry Naughton and Zhuohan Fang (UC San Diego, 2025; the year inferred).</p>')).toEqual([]);
  });

  it('paper-not-public: the slides say nothing of it', () => {
    expect(rules('<p>Presentation slides (the paper itself is not public).</p>')).toEqual(['paper-not-public']);
    expect(
      rules('<p>Presentation slides (the paper is not public: the project\u2019s inference, not printed).</p>'),
    ).toEqual([]);
  });

  it('export-controls: stockpiling "ahead of expected export controls" is the project\u2019s reading', () => {
    expect(rules('<p>Disturbed by stockpiling ahead of expected export controls.</p>')).toEqual(['export-controls']);
    expect(rules('<li>buyers rush to import ahead of US controls</li>')).toEqual(['export-controls']);
    expect(
      rules(
        '<p>Disturbed by stockpiling (that it came ahead of expected export controls is the project\u2019s reading).</p>',
      ),
    ).toEqual([]);
  });
});

describe('the pages and notebook sources the rules were written for', () => {
  it('the explorer page on the SYNTHETIC panel', () => {
    const { file } = buildExplorePage(tempDir('wording-explore-'), { panel: loadPanel({ source: 'synthetic' }) });
    const html = fs.readFileSync(file, 'utf8');
    expect(html.includes("Reset to the printed cuts and the project's defaults")).toBe(true);
    expect(scanWording(html, 'explore.html')).toEqual([]);
  });

  it('the front page from a SYNTHETIC fixture: the results heading and the robustness table say SYNTHETIC', async () => {
    const dir = tempDir('wording-front-');
    fs.mkdirSync(path.join(dir, 'results'), { recursive: true });
    fs.writeFileSync(
      path.join(dir, 'results', '04-partition.json'),
      JSON.stringify({ partition: [], dataLabel: 'SYNTHETIC teaching panel (fixture)' }),
    );
    fs.writeFileSync(
      path.join(dir, 'results', '07-sensitivity.json'),
      JSON.stringify({
        combinations: 900,
        robustness: [{ group_id: 12, baselinePattern: 'substitution', share: 0.98 }],
      }),
    );
    const html = await storyPage([], dir, '');
    expect(html).toContain('<h2>What the pipeline gives on the SYNTHETIC panel');
    expect(html).toMatch(/robustness is a property of the generator/);
    expect(scanWording(html, 'index.html')).toEqual([]);
    // the same page with the old heading fails
    expect(
      scanWording(html.replace(/<h2>What the pipeline gives[^<]*<\/h2>/, '<h2>Main results of this run</h2>')).map(
        (v) => v.column,
      ),
    ).toEqual(['synthetic-results']);
  });

  it('the markdown of notebooks 04 and 07', () => {
    for (const nb of ['04-partition', '07-sensitivity']) {
      const text = fs.readFileSync(path.join('notebooks', 'src', `${nb}.txt`), 'utf8');
      expect(scanWording(text, nb), nb).toEqual([]);
    }
  });

  it('scanReportDir reports a wording violation with the page', () => {
    const dir = tempDir('wording-report-');
    fs.writeFileSync(path.join(dir, 'a.html'), `${SYN}<h2>Main results of this run</h2>`);
    expect(scanReportDir(dir, publishedVocabulary(loadPublished())).map((v) => [v.where, v.column])).toEqual([
      ['a.html', 'synthetic-results'],
    ]);
  });
});
