import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  chartHtml,
  chartPng,
  chartSvg,
  compileChart,
  saveChart,
  showChart,
  svgToPng,
  vegaScripts,
} from '../../../lib/present/charts.js';
import { createRequire } from 'node:module';
import { StudyError } from '../../../lib/core/errors.js';
import { tempDir } from '../../helpers/temp.js';

const threeBars = {
  title: 'Three bars',
  width: 120,
  height: 80,
  data: {
    values: [
      { k: 'a', v: 1 },
      { k: 'b', v: 3 },
      { k: 'c', v: 2 },
    ],
  },
  mark: 'bar',
  encoding: { x: { field: 'k', type: 'nominal' }, y: { field: 'v', type: 'quantitative' } },
};

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

describe('chartSvg', () => {
  it('draws one bar mark per data row', async () => {
    const svg = await chartSvg(threeBars);
    expect(svg.startsWith('<svg')).toBe(true);
    // vega marks each bar as a <path> inside the group with role "mark" of class mark-rect
    const group = /<g class="mark-rect role-mark[^"]*"[^>]*>([\s\S]*?)<\/g>/.exec(svg);
    expect(group).not.toBeNull();
    expect(group![1].match(/<path/g)?.length).toBe(3);
    expect(svg).toContain('Three bars');
  });

  it('rejects an invalid spec with an error naming the function and the chart', async () => {
    const bad = { ...threeBars, title: 'Broken', mark: 'not-a-mark' };
    await expect(chartSvg(bad)).rejects.toThrow(StudyError);
    await expect(chartSvg(bad)).rejects.toThrow(/compileChart: invalid vega-lite spec "Broken"/);
  });

  it('rejects a non-object spec', async () => {
    await expect(compileChart([] as unknown as Record<string, unknown>)).rejects.toThrow(
      /compileChart: spec must be a vega-lite object/,
    );
  });

  it('is deterministic', async () => {
    expect(await chartSvg(threeBars)).toBe(await chartSvg(threeBars));
  });
});

describe('chartPng and saveChart', () => {
  it('PNG bytes start with the PNG signature', async () => {
    const png = await chartPng(threeBars);
    expect([...png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
    // width of a scale-2 PNG is twice the SVG width (IHDR bytes 16..19, big-endian)
    const svg = await chartSvg(threeBars);
    const svgWidth = Number(/width="(\d+)"/.exec(svg)![1]);
    expect(png.readUInt32BE(16)).toBe(svgWidth * 2);
  });

  it('svgToPng renders a minimal SVG', () => {
    const png = svgToPng(
      '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="3"><rect width="4" height="3" fill="red"/></svg>',
      1,
    );
    expect([...png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
    expect(png.readUInt32BE(16)).toBe(4);
    expect(png.readUInt32BE(20)).toBe(3);
  });

  it('saveChart writes .svg and .png beside each other', async () => {
    const dir = tempDir('charts-');
    const [svgFile, pngFile] = await saveChart(threeBars, path.join(dir, 'sub', 'bars.png'));
    expect(svgFile).toBe(path.join(dir, 'sub', 'bars.svg'));
    expect(fs.readFileSync(svgFile, 'utf8').startsWith('<svg')).toBe(true);
    expect([...fs.readFileSync(pngFile).subarray(0, 8)]).toEqual(PNG_SIGNATURE);
  });
});

describe('chartHtml and vegaScripts', () => {
  it('carries the static SVG and the spec for the interactive upgrade', async () => {
    const html = await chartHtml(threeBars);
    expect(html).toContain('class="study-chart-static"><svg');
    const spec = /<script type="application\/json" class="study-chart-spec">([\s\S]*?)<\/script>/.exec(html);
    expect(JSON.parse(spec![1])).toEqual(threeBars);
  });

  it('escapes "<" inside the embedded spec so a label cannot close the script', async () => {
    const html = await chartHtml({ ...threeBars, title: 'a </script><b>x' });
    expect(html).not.toContain('</script><b>');
  });

  it('inlines the three bundles from node_modules with no network reference', () => {
    const s = vegaScripts();
    expect(s).toContain('vegaEmbed');
    expect(s.match(/<script>/g)!.length).toBe(5);
    expect(s).not.toMatch(/<script[^>]+src=/);
  });

  it('in a notebook the chart library reaches the browser once and is not kept in the saved outputs (issue 24, defect 6: was ~930 KB per saved notebook)', async () => {
    // a stand-in for tslab's display channel: the outputs as Jupyter keeps them (an update replaces its display)
    const jupyter = createRequire(__filename)('tslab/dist/jupyter.js') as { lastWriteDisplayData: unknown };
    const sent: { html: string; id?: string; update: boolean }[] = [];
    jupyter.lastWriteDisplayData = (
      m: { data: Record<string, string>; transient: { display_id?: string } },
      u: boolean,
    ) => sent.push({ html: m.data['text/html'], id: m.transient.display_id, update: u });
    const headless = process.env.STUDY_HEADLESS;
    delete process.env.STUDY_HEADLESS;
    try {
      await showChart(threeBars);
      await showChart({ ...threeBars, title: 'Again' });
    } finally {
      jupyter.lastWriteDisplayData = null;
      if (headless !== undefined) process.env.STUDY_HEADLESS = headless;
    }
    expect(sent[0].html.length).toBeGreaterThan(500_000); // the library, sent once
    const kept = new Map<string, string>();
    sent.forEach((m, k) => kept.set(m.id ?? `output-${k}`, m.html));
    const saved = [...kept.values()].join('');
    expect(saved.length).toBeLessThan(150_000);
    expect(saved).not.toContain(vegaScripts().slice(200, 400));
    expect(saved.match(/<svg/g)!.length).toBe(2); // both charts drawn
  });
});
