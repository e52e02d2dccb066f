/**
 * The report's front page (scripts/report/front-page.ts storyPage), built from a small fixture: "published" and
 * "as printed" only for what the slides print (the scanner of lib/present/published-labels.ts finds nothing), the
 * authors' conclusions; and the links to the explorer from the front page and notebooks 04 and 07.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadGroups } from '../../../../lib/io/data.js';
import { loadPublished } from '../../../../lib/io/published.js';
import { publishedVocabulary, scanHtmlTables } from '../../../../lib/present/published-labels.js';
import { storyPage } from '../../../../scripts/report/front-page.js';
import { tempDir } from '../../../helpers/temp.js';

const published = loadPublished();
const vocab = publishedVocabulary(published);

describe('the front page', () => {
  it('shows printed bands as printed, the closed rule as ours, assumed years flagged, the authors’ conclusions', async () => {
    const dir = tempDir('labels-');
    fs.mkdirSync(path.join(dir, 'results'), { recursive: true });
    const partition = published.partition.map((p) => ({ group_id: p.group_id, G: p.growth === 'high' ? 0.9 : 0.1, V: 0.2, growth: p.growth, volatility: p.volatility, pattern: p.pattern }));
    fs.writeFileSync(path.join(dir, 'results', '04-partition.json'), JSON.stringify({ partition, agreement: { position: { agree: 17, of: 17 }, pattern: { agree: 17, of: 17 } }, dataLabel: 'SYNTHETIC teaching panel (fixture)' }));
    const comparison = published.macro.map((m) => ({ id: m.id, series: m.series, year: m.year, ours_year: m.year ?? 2021, ours_pct: m.value_pct_gdp + 0.011, published_pct: m.value_pct_gdp, diff_pp: 0.011 }));
    fs.writeFileSync(path.join(dir, 'results', '05-macro-adjustment.json'), JSON.stringify({ comparison }));
    const html = await storyPage([], dir, '');
    expect(scanHtmlTables(html, vocab, 'index.html')).toEqual([]);
    expect(html).toContain('High Growth (G &gt; 0.5)');
    expect(html).toContain('low growth (G ≤ 0.5)');
    expect(html).toContain('2015 (assumed; not printed)');
    expect(html).toMatch(/What the authors conclude/);
    expect(html).toContain('narrowing dependencies rather than eliminating');
    expect(html).toMatch(/2\.06% of GDP in 2015 to 1\.27%/);
    expect(html).toMatch(/by construction<\/strong> under Table 1\u2019s subtraction rule, to which the synthetic totals were calibrated/);
    expect(html).toMatch(/the small differences left \(about 0.005 pp\) are the lines that rule moves between classes/);
    // the fixture's labels exist
    expect(loadGroups()).toHaveLength(17);
  });
});

describe('links to the explorer', () => {
  it('the front page and notebooks 04 and 07 link to the explorer', async () => {
    const dir = tempDir('explore-story-');
    const html = await storyPage([], dir, '');
    expect(html.includes('<a href="explore.html">')).toBe(true);
    for (const nb of ['04-partition', '07-sensitivity']) {
      const cells = (JSON.parse(fs.readFileSync(path.join('notebooks', `${nb}.ipynb`), 'utf8')) as { cells: { cell_type: string; source: string | string[] }[] }).cells;
      const md = cells.filter((c) => c.cell_type === 'markdown').map((c) => (Array.isArray(c.source) ? c.source.join('') : c.source)).join('\n');
      expect(md, nb).toContain('[what-if explorer](explore.html)');
    }
  });
});
