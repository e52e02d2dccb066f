/**
 * Browser code of the report's what-if explorer (report/explore.html). Bundled
 * by scripts/report/explore.ts with esbuild into one IIFE together with the
 * library modules it calls, so the page computes with the library's own
 * functions (see explore-model.ts). Reads the run's data from the page's
 * `<script type="application/json" id="explore-data">`, wires the controls the
 * page builder wrote, and redraws on every input: the growth × volatility
 * scatter (hand-drawn SVG: one update is a few attribute writes), our 3 × 2
 * matrix beside the published one, each group's cell and pattern, and the
 * agreement with the published matrix. The settings live in the URL fragment.
 *
 * Not imported by the library or the notebooks (it touches the DOM); it exports nothing.
 */
import { PATTERN_COLOURS, PATTERN_LABELS } from './palette.js';
import type { BaseRule } from '../steps/indices.js';
import type { GrowthBand, VolatilityBand } from '../steps/partition.js';
import type { Pattern } from '../core/types.js';
import { cellName, computeExplore, exploreDefaults, moves, prepareExplore, settingsFromHash, settingsToHash, type ExploreData, type ExploreMove, type ExploreResult, type ExploreSettings, type ExploreWeights } from './explore-model.js';

const SVG = 'http://www.w3.org/2000/svg';
const GROWTH: GrowthBand[] = ['high', 'low'];
const VOLATILITY: VolatilityBand[] = ['high', 'medium', 'low'];
const SHAPE: Record<Pattern, string> = {
  substitution: 'M0,-5.5A5.5,5.5 0 1,1 0,5.5A5.5,5.5 0 1,1 0,-5.5Z',
  'no effect': 'M-4.8,-4.8H4.8V4.8H-4.8Z',
  stockpiling: 'M0,-6.5L6,4.8H-6Z',
};
const W = 660;
const H = 430;
const M = { left: 58, right: 12, top: 14, bottom: 46 };

declare global {
  interface Window {
    /** Update timings (ms): `compute` = the library's computation; `handler` = input event to the end of the DOM writes; `frame` = input event to the next frame. */
    exploreTimings: { compute: number; handler: number; frame: number }[];
  }
}

function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`explore.html: element #${id} is missing`);
  return el as T;
}

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const fmt3 = (x: number) => (Object.is(x, -0) ? 0 : x).toFixed(3);
const patternClass = (p: Pattern) => `p-${p.replace(' ', '-')}`;
const baseValue = (b: BaseRule) => (b === 'first' ? 'first' : `mean${b.meanOfFirst}`);

function svgEl<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number> = {}, parent?: Element): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (parent) parent.appendChild(el);
  return el;
}

/** Round numbers for the axis: ticks every 0.5 (G) or 0.1 (V) at most ~10. */
function ticks(lo: number, hi: number): number[] {
  const span = hi - lo;
  const raw = span / 8;
  const pow = Math.pow(10, Math.floor(Math.log10(raw)));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * pow).find((s) => s >= raw)!;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step - 1e-9) * step; v <= hi + 1e-9; v += step) out.push(Math.round(v / step) * step);
  return out;
}

function main(): void {
  const data = JSON.parse(byId('explore-data').textContent ?? '') as ExploreData;
  const input = prepareExplore(data);
  const defaults = exploreDefaults();
  window.exploreTimings = [];

  const controls = {
    growth: byId<HTMLInputElement>('ctl-growth'),
    volatilityHigh: byId<HTMLInputElement>('ctl-vh'),
    volatilityMedium: byId<HTMLInputElement>('ctl-vm'),
    semiconductorRule: byId<HTMLInputElement>('ctl-semi'),
    rate: byId<HTMLInputElement>('ctl-rate'),
    startYear: byId<HTMLInputElement>('ctl-from'),
    endYear: byId<HTMLInputElement>('ctl-to'),
  };
  const outputs: Record<string, HTMLOutputElement> = {
    growth: byId<HTMLOutputElement>('out-growth'),
    volatilityHigh: byId<HTMLOutputElement>('out-vh'),
    volatilityMedium: byId<HTMLOutputElement>('out-vm'),
    rate: byId<HTMLOutputElement>('out-rate'),
    startYear: byId<HTMLOutputElement>('out-from'),
    endYear: byId<HTMLOutputElement>('out-to'),
  };
  const radios = (name: string) => [...document.querySelectorAll<HTMLInputElement>(`input[type=radio][name="${name}"]`)];

  function ensureBaseRadio(b: BaseRule): void {
    const v = baseValue(b);
    if (radios('base').some((r) => r.value === v) || b === 'first') return;
    // a base from a shared link that the page does not list: add it so the control shows the setting
    const list = byId('base-options');
    const id = `ctl-base-${v}`;
    const div = document.createElement('div');
    div.className = 'radio';
    div.innerHTML = `<input type="radio" name="base" id="${id}" value="${v}"><label for="${id}">mean of the first ${b.meanOfFirst} months</label>`;
    list.appendChild(div);
  }

  function readControls(): ExploreSettings {
    const checked = (name: string) => radios(name).find((r) => r.checked)?.value;
    const b = checked('base') ?? baseValue(defaults.base);
    const m = /^mean(\d+)$/.exec(b);
    return {
      growth: Number(controls.growth.value),
      volatilityHigh: Number(controls.volatilityHigh.value),
      volatilityMedium: Number(controls.volatilityMedium.value),
      semiconductorRule: controls.semiconductorRule.checked,
      base: m ? { meanOfFirst: Number(m[1]) } : 'first',
      weights: (checked('weights') ?? defaults.weights) as ExploreWeights,
      rate: Number(controls.rate.value),
      startYear: Number(controls.startYear.value),
      endYear: Number(controls.endYear.value),
    };
  }

  function showOutputs(s: ExploreSettings): void {
    outputs.growth.value = String(s.growth);
    outputs.volatilityHigh.value = String(s.volatilityHigh);
    outputs.volatilityMedium.value = String(s.volatilityMedium);
    outputs.rate.value = String(s.rate);
    outputs.startYear.value = String(s.startYear);
    outputs.endYear.value = String(s.endYear);
    controls.rate.disabled = s.weights !== 'exponential';
    byId('rate-row').classList.toggle('off', s.weights !== 'exponential');
  }

  /** Put settings into the controls; returns what the controls could not hold (out of a slider's range or off its step). */
  function writeControls(s: ExploreSettings): string[] {
    controls.growth.value = String(s.growth);
    controls.volatilityHigh.value = String(s.volatilityHigh);
    controls.volatilityMedium.value = String(s.volatilityMedium);
    controls.semiconductorRule.checked = s.semiconductorRule;
    controls.rate.value = String(s.rate);
    controls.startYear.value = String(s.startYear);
    controls.endYear.value = String(s.endYear);
    ensureBaseRadio(s.base);
    for (const r of radios('base')) r.checked = r.value === baseValue(s.base);
    for (const r of radios('weights')) r.checked = r.value === s.weights;
    const held = readControls();
    const problems: string[] = [];
    for (const k of ['growth', 'volatilityHigh', 'volatilityMedium', 'rate', 'startYear', 'endYear'] as const)
      if (held[k] !== s[k]) problems.push(`${k} ${s[k]} is outside its slider's range or step: set to ${held[k]}`);
    showOutputs(held);
    return problems;
  }

  // ---- the scatter ------------------------------------------------------------------------------
  const svg = byId('scatter') as unknown as SVGSVGElement;
  svg.setAttribute('viewBox', `0 0 ${W} ${H}`);
  const gridG = svgEl('g', { class: 'grid' }, svg);
  const axisX = svgEl('g', { class: 'axis' }, svg);
  const axisY = svgEl('g', { class: 'axis' }, svg);
  svgEl('line', { x1: M.left, x2: W - M.right, y1: H - M.bottom, y2: H - M.bottom, class: 'frame' }, svg);
  svgEl('line', { x1: M.left, x2: M.left, y1: M.top, y2: H - M.bottom, class: 'frame' }, svg);
  const xTitle = svgEl('text', { x: (M.left + W - M.right) / 2, y: H - 8, 'text-anchor': 'middle', class: 'axis-title' }, svg);
  xTitle.textContent = 'Growth index G (ratio, unitless)';
  const yTitle = svgEl('text', { transform: `translate(14,${(M.top + H - M.bottom) / 2}) rotate(-90)`, 'text-anchor': 'middle', class: 'axis-title' }, svg);
  yTitle.textContent = 'Volatility index V (SD / mean, unitless)';
  const cutG = svgEl('line', { class: 'cut cut-g' }, svg);
  const cutVH = svgEl('line', { class: 'cut cut-v' }, svg);
  const cutVM = svgEl('line', { class: 'cut cut-v' }, svg);
  const cutGText = svgEl('text', { class: 'cut-label', 'text-anchor': 'start' }, svg);
  const cutVHText = svgEl('text', { class: 'cut-label', 'text-anchor': 'end' }, svg);
  const cutVMText = svgEl('text', { class: 'cut-label', 'text-anchor': 'end' }, svg);
  const pointsG = svgEl('g', { class: 'points' }, svg);
  const points = new Map<number, { g: SVGGElement; shape: SVGPathElement; ring: SVGCircleElement; label: SVGTextElement; title: SVGTitleElement; leader: SVGLineElement }>();
  for (const grp of data.groups) {
    const g = svgEl('g', { class: 'pt', 'data-group-id': grp.group_id }, pointsG);
    const ring = svgEl('circle', { r: 10, class: 'ring' }, g);
    const shape = svgEl('path', {}, g);
    const leader = svgEl('line', { class: 'leader', x1: 0, y1: 0 }, g);
    const label = svgEl('text', { class: 'pt-label' });
    label.textContent = grp.matrixLabel;
    const title = svgEl('title', {}, g);
    pointsG.appendChild(label);
    points.set(grp.group_id, { g, shape, ring, label, title, leader });
  }
  let domainKey = '';
  let sx = (x: number) => x;
  let sy = (y: number) => y;

  function drawAxes(x0: number, x1: number, y0: number, y1: number): void {
    const key = `${x0},${x1},${y0},${y1}`;
    if (key === domainKey) return;
    domainKey = key;
    sx = (x) => M.left + ((x - x0) / (x1 - x0)) * (W - M.left - M.right);
    sy = (y) => H - M.bottom - ((y - y0) / (y1 - y0)) * (H - M.top - M.bottom);
    gridG.replaceChildren();
    axisX.replaceChildren();
    axisY.replaceChildren();
    for (const t of ticks(x0, x1)) {
      svgEl('line', { x1: sx(t), x2: sx(t), y1: M.top, y2: H - M.bottom }, gridG);
      svgEl('text', { x: sx(t), y: H - M.bottom + 16, 'text-anchor': 'middle' }, axisX).textContent = String(+t.toFixed(2));
    }
    for (const t of ticks(y0, y1)) {
      svgEl('line', { x1: M.left, x2: W - M.right, y1: sy(t), y2: sy(t) }, gridG);
      svgEl('text', { x: M.left - 6, y: sy(t) + 4, 'text-anchor': 'end' }, axisY).textContent = String(+t.toFixed(2));
    }
  }

  function drawScatter(r: ExploreResult, changed: Map<number, ExploreMove>): void {
    const Gs = r.rows.map((x) => x.G).concat([r.thresholds.growth]);
    const Vs = r.rows.map((x) => x.V).concat([r.thresholds.volatilityHigh, r.thresholds.volatilityMedium]);
    const x0 = Math.floor((Math.min(...Gs) - 0.1) / 0.5) * 0.5;
    const x1 = Math.ceil((Math.max(...Gs) + 0.1) / 0.5) * 0.5;
    const y1 = Math.ceil((Math.max(...Vs) + 0.03) / 0.1) * 0.1;
    drawAxes(x0, x1, 0, y1);
    const gx = sx(r.thresholds.growth);
    cutG.setAttribute('x1', String(gx));
    cutG.setAttribute('x2', String(gx));
    cutG.setAttribute('y1', String(M.top));
    cutG.setAttribute('y2', String(H - M.bottom));
    cutGText.setAttribute('x', String(gx + 4));
    cutGText.setAttribute('y', String(M.top + 10));
    cutGText.textContent = `G = ${r.thresholds.growth}`;
    for (const [line, text, v, what] of [
      [cutVH, cutVHText, r.thresholds.volatilityHigh, 'high above'],
      [cutVM, cutVMText, r.thresholds.volatilityMedium, 'low below'],
    ] as const) {
      const y = sy(v);
      line.setAttribute('x1', String(M.left));
      line.setAttribute('x2', String(W - M.right));
      line.setAttribute('y1', String(y));
      line.setAttribute('y2', String(y));
      text.setAttribute('x', String(W - M.right - 4));
      text.setAttribute('y', String(y - 4));
      text.textContent = `V = ${v} (${what})`;
    }
    // labels: first free spot among a few offsets around the point (greedy, in order of height)
    const placed: { x0: number; x1: number; y0: number; y1: number }[] = [];
    const pts = r.rows.map((row) => ({ row, x: sx(row.G), y: sy(row.V) }));
    for (const p of pts) placed.push({ x0: p.x - 7, x1: p.x + 7, y0: p.y - 7, y1: p.y + 7 });
    const shown = new Set(r.rows.map((x) => x.group_id));
    for (const [id, p] of points) p.g.style.display = shown.has(id) ? '' : 'none';
    for (const [id, p] of points) if (!shown.has(id)) p.label.style.display = 'none';
    for (const p of [...pts].sort((a, b) => a.y - b.y || a.x - b.x)) {
      const el = points.get(p.row.group_id)!;
      const moved = changed.get(p.row.group_id);
      el.g.setAttribute('transform', `translate(${p.x.toFixed(1)},${p.y.toFixed(1)})`);
      el.shape.setAttribute('d', SHAPE[p.row.pattern]);
      el.shape.setAttribute('fill', PATTERN_COLOURS[p.row.pattern]);
      el.ring.style.display = moved?.cellChanged ? '' : 'none';
      el.g.classList.toggle('moved', !!moved?.cellChanged);
      el.title.textContent = `${p.row.group}: G = ${fmt3(p.row.G)}, V = ${fmt3(p.row.V)}; ${cellName(p.row.growth, p.row.volatility)}; ${PATTERN_LABELS[p.row.pattern]}${
        moved?.cellChanged ? ` (was ${moved.fromCell} at the paper's choices)` : ''
      }`;
      const text = p.row.matrixLabel;
      const w = text.length * 5.5 + 2;
      const h = 12;
      const candidates: [number, number, 'start' | 'end' | 'middle'][] = [
        [9, 4, 'start'], [-9, 4, 'end'], [0, -9, 'middle'], [0, 17, 'middle'], [9, -9, 'start'], [9, 15, 'start'], [-9, -9, 'end'], [-9, 15, 'end'],
        [0, -20, 'middle'], [0, 28, 'middle'], [9, -20, 'start'], [9, 26, 'start'], [-9, -20, 'end'], [-9, 26, 'end'],
      ];
      // the first free spot; when none is free, the spot inside the plot with the least overlap
      let best = candidates[0];
      let bestCost = Infinity;
      let bestBox = { x0: 0, x1: 0, y0: 0, y1: 0 };
      for (const c of candidates) {
        const bx0 = c[2] === 'start' ? p.x + c[0] : c[2] === 'end' ? p.x + c[0] - w : p.x - w / 2;
        const box = { x0: bx0, x1: bx0 + w, y0: p.y + c[1] - h + 2, y1: p.y + c[1] + 2 };
        const outside = Math.max(0, M.left - box.x0) + Math.max(0, box.x1 - W) + Math.max(0, -box.y0) + Math.max(0, box.y1 - (H - M.bottom));
        let overlap = 0;
        for (const q of placed) overlap += Math.max(0, Math.min(box.x1, q.x1) - Math.max(box.x0, q.x0)) * Math.max(0, Math.min(box.y1, q.y1) - Math.max(box.y0, q.y0));
        const cost = outside * 1000 + overlap;
        if (cost < bestCost) {
          best = c;
          bestCost = cost;
          bestBox = box;
          if (cost === 0) break;
        }
      }
      placed.push(bestBox);
      el.label.style.display = '';
      el.label.setAttribute('x', (p.x + best[0]).toFixed(1));
      el.label.setAttribute('y', (p.y + best[1]).toFixed(1));
      el.label.setAttribute('text-anchor', best[2]);
      el.label.classList.toggle('moved', !!moved?.cellChanged);
      // a label set away from its point gets a thin line to it
      const far = Math.abs(best[1]) > 16;
      el.leader.style.display = far ? '' : 'none';
      if (far) {
        el.leader.setAttribute('x2', String(best[2] === 'middle' ? 0 : best[0] * 0.8));
        el.leader.setAttribute('y2', String(best[1] > 0 ? best[1] - 10 : best[1] + 2));
      }
    }
  }

  // ---- the matrices and the table ---------------------------------------------------------------
  function matrixHtml(
    rows: { group_id: number; label: string; growth: GrowthBand; volatility: VolatilityBand; pattern: Pattern }[],
    head: [string, string],
    changed?: Map<number, ExploreMove>,
  ): string {
    const cell = (v: VolatilityBand, g: GrowthBand) => {
      const inCell = rows.filter((r) => r.growth === g && r.volatility === v).sort((a, b) => a.label.localeCompare(b.label));
      if (!inCell.length) return '<span class="none">(none)</span>';
      return inCell
        .map((r) => {
          const m = changed?.get(r.group_id);
          const name = `<span class="${patternClass(r.pattern)}" data-group-id="${r.group_id}">${esc(r.label)}</span>`;
          return m?.cellChanged ? `<mark class="moved">${name} <small>(was ${esc(m.fromCell)})</small></mark>` : name;
        })
        .join('<br>');
    };
    return (
      `<thead><tr><th scope="col"></th><th scope="col">${head[0]}</th><th scope="col">${head[1]}</th></tr></thead><tbody>` +
      VOLATILITY.map((v) => `<tr><th scope="row">${v} volatility</th>${GROWTH.map((g) => `<td data-cell="${g}-${v}">${cell(v, g)}</td>`).join('')}</tr>`).join('') +
      '</tbody>'
    );
  }

  const pubRows = data.published.map((p) => ({ group_id: p.group_id, label: p.matrix_label, growth: p.growth, volatility: p.volatility, pattern: p.pattern }));
  byId('matrix-published').innerHTML =
    `<caption>Published (Naughton &amp; Fang 2025, slides)</caption>` + matrixHtml(pubRows, data.publishedColumns ? [esc(data.publishedColumns[0]), esc(data.publishedColumns[1])] : ['high growth', 'low growth']);

  const groupRows = new Map<number, HTMLTableRowElement>();
  const tbody = byId('groups-body');
  for (const g of data.groups) {
    const tr = document.createElement('tr');
    tr.dataset.groupId = String(g.group_id);
    tr.innerHTML = `<td class="num">${g.group_id}</td><th scope="row">${esc(g.group)}${g.semiconductor ? ' <abbr title="semiconductor-related (Table 1)">semi</abbr>' : ''}</th><td class="num g"></td><td class="num v"></td><td class="cell"></td><td class="pattern"></td><td class="pub"></td><td class="since"></td>`;
    tbody.appendChild(tr);
    groupRows.set(g.group_id, tr);
  }

  // ---- update -----------------------------------------------------------------------------------
  let baseline: ExploreResult | undefined;
  try {
    baseline = computeExplore(input, defaults);
  } catch {
    baseline = undefined; // the paper's choices do not fit this data (e.g. an import without 2015): nothing to compare with
  }
  let previous: ExploreResult | undefined;
  const errorBox = byId('error');
  const summary = byId('summary');
  const lastChange = byId('last-change');
  const timing = byId('timing');
  const results = byId('results');

  function render(r: ExploreResult): void {
    const changed = new Map((baseline ? moves(baseline.rows, r.rows) : []).map((m) => [m.group_id, m] as const));
    drawScatter(r, changed);
    const th = r.thresholds;
    byId('matrix-ours').innerHTML =
      `<caption>Ours (this setting)</caption>` +
      matrixHtml(
        r.rows.map((x) => ({ group_id: x.group_id, label: x.matrixLabel, growth: x.growth, volatility: x.volatility, pattern: x.pattern })),
        [`high growth (G &gt; ${th.growth})`, `low growth (G ≤ ${th.growth})`],
        changed,
      );
    const byGroup = new Map(r.rows.map((x) => [x.group_id, x] as const));
    for (const [id, tr] of groupRows) {
      const x = byGroup.get(id);
      const m = changed.get(id);
      const cells = tr.children;
      if (!x) {
        tr.dataset.growth = tr.dataset.volatility = tr.dataset.pattern = '';
        cells[2].textContent = cells[3].textContent = '–';
        cells[4].textContent = cells[5].textContent = 'no indices (skipped)';
        continue;
      }
      tr.dataset.growth = x.growth;
      tr.dataset.volatility = x.volatility;
      tr.dataset.pattern = x.pattern;
      tr.classList.toggle('moved', !!m);
      cells[2].textContent = fmt3(x.G);
      cells[3].textContent = fmt3(x.V);
      cells[4].textContent = cellName(x.growth, x.volatility);
      cells[5].innerHTML = `<span class="${patternClass(x.pattern)}">${esc(PATTERN_LABELS[x.pattern])}</span>`;
      const samePub = x.publishedGrowth === x.growth && x.publishedVolatility === x.volatility && x.publishedPattern === x.pattern;
      cells[6].textContent = x.publishedPattern
        ? samePub
          ? 'same cell and pattern'
          : `${cellName(x.publishedGrowth!, x.publishedVolatility!)}; ${PATTERN_LABELS[x.publishedPattern]}`
        : '–';
      cells[6].classList.toggle('differs', !samePub);
      cells[7].textContent = m
        ? `${m.cellChanged ? `moved from ${m.fromCell}` : 'same cell'}${m.fromPattern !== m.toPattern ? `; was ${PATTERN_LABELS[m.fromPattern]}` : ''}`
        : 'unchanged';
    }
    const c = r.comparison;
    summary.innerHTML =
      `Agreement with the published matrix: <strong data-agree-cell="${c.position.agree}">${c.position.agree} of ${c.position.of}</strong> groups in the published cell, ` +
      `<strong data-agree-pattern="${c.pattern.agree}">${c.pattern.agree} of ${c.pattern.of}</strong> with the published pattern.` +
      (changed.size
        ? ` Compared with the paper's choices, ${changed.size} group${changed.size === 1 ? '' : 's'} changed: ${[...changed.values()]
            .map((m) => `${esc(m.group)} (${m.cellChanged ? `was ${esc(m.fromCell)}` : `was ${esc(PATTERN_LABELS[m.fromPattern])}`})`)
            .join('; ')}.`
        : baseline
          ? ' Every group is where the paper\u2019s choices put it.'
          : '');
    const last = previous ? moves(previous.rows, r.rows) : [];
    lastChange.textContent = last.length
      ? `Last change moved: ${last.map((m) => `${m.group} from ${m.fromCell} to ${m.toCell}${m.fromPattern !== m.toPattern ? ` (${PATTERN_LABELS[m.fromPattern]} → ${PATTERN_LABELS[m.toPattern]})` : ''}`).join('; ')}.`
      : previous
        ? 'Last change moved no group.'
        : '';
    previous = r;
  }

  function writeHash(s: ExploreSettings): void {
    const hash = '#' + settingsToHash(s);
    if (location.hash === hash) return;
    try {
      history.replaceState(null, '', hash);
    } catch {
      location.replace(hash);
    }
  }

  function update(s: ExploreSettings, t0: number): void {
    let ok = true;
    let compute = NaN;
    try {
      const tc = performance.now();
      const r = computeExplore(input, s);
      compute = performance.now() - tc;
      errorBox.hidden = true;
      results.classList.remove('stale');
      render(r);
    } catch (e) {
      ok = false;
      errorBox.hidden = false;
      errorBox.textContent = `No result for these settings — the library says: ${(e as Error).message}`;
      results.classList.add('stale');
    }
    showOutputs(s);
    writeHash(s);
    const handler = performance.now() - t0;
    requestAnimationFrame(() =>
      setTimeout(() => {
        const frame = performance.now() - t0;
        window.exploreTimings.push({ compute, handler, frame });
        timing.textContent = `Last update: ${ok ? `${compute.toFixed(1)} ms to compute, ` : ''}${handler.toFixed(1)} ms to redraw, ${frame.toFixed(1)} ms to the next frame${ok ? '' : ' (settings rejected)'}.`;
      }, 0),
    );
  }

  function onInput(ev: Event): void {
    const t0 = ev.timeStamp > 0 ? Math.min(ev.timeStamp, performance.now()) : performance.now();
    const s = readControls();
    // keep the cuts and the window ordered: the moved control pushes the other one
    const target = ev.target as HTMLElement;
    if (s.volatilityMedium > s.volatilityHigh) {
      if (target === controls.volatilityMedium) controls.volatilityHigh.value = String((s.volatilityHigh = s.volatilityMedium));
      else controls.volatilityMedium.value = String((s.volatilityMedium = s.volatilityHigh));
    }
    if (s.startYear > s.endYear) {
      if (target === controls.startYear) controls.endYear.value = String((s.endYear = s.startYear));
      else controls.startYear.value = String((s.startYear = s.endYear));
    }
    update(s, t0);
  }

  function applyHash(): void {
    const { settings, problems } = settingsFromHash(location.hash, defaults);
    const more = writeControls(settings);
    const all = problems.concat(more);
    const box = byId('url-problems');
    box.hidden = all.length === 0;
    box.textContent = all.length ? `The link's settings were adjusted: ${all.join('; ')}.` : '';
    update(readControls(), performance.now());
  }

  // sliders update while they move (input); radios and the checkbox on change (some browsers fire no input for them)
  const toggles = (ev: Event) => ['radio', 'checkbox'].includes((ev.target as HTMLInputElement).type);
  byId('controls').addEventListener('input', (ev) => toggles(ev) || onInput(ev));
  byId('controls').addEventListener('change', (ev) => toggles(ev) && onInput(ev));
  byId('controls').addEventListener('submit', (ev) => ev.preventDefault());
  byId('reset').addEventListener('click', () => {
    writeControls(defaults);
    byId('url-problems').hidden = true;
    update(readControls(), performance.now());
  });
  window.addEventListener('hashchange', () => {
    if (location.hash !== '#' + settingsToHash(readControls())) applyHash();
  });
  applyHash();
  document.body.dataset.ready = '1';
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', main);
else main();
