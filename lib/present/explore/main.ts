/**
 * Browser entry point of the report's what-if explorer (report/explore.html). Bundled by
 * scripts/report/explore.ts with esbuild into one IIFE together with the library modules it
 * calls, so the page computes with the library's own functions (explore-model.ts). Reads
 * the run's data from the page's `<script type="application/json" id="explore-data">`,
 * wires the controls the page builder wrote (controls.ts) and redraws on every input
 * (results.ts: the scatter, the matrices, the table of groups, the agreement). The settings
 * live in the URL fragment (hash.ts).
 *
 * Only the page loads this folder (it touches the DOM; lib/present/explore/tsconfig.json is
 * the only compile that sees the DOM types); it exports nothing.
 *
 * @module present/explore/main
 */
import {
  computeExplore,
  exploreDefaults,
  prepareExplore,
  type ExploreData,
  type ExploreInput,
  type ExploreResult,
  type ExploreSettings,
} from '../explore-model.js';
import { controlSeries, exploreControlRows } from '../explore-controls.js';
import type { ControlIndexRow, EconomySeries } from '../../steps/controls.js';
import { findControls, type Controls } from './controls.js';
import { byId } from './dom.js';
import { hashHolds, readHash, writeHash } from './hash.js';
import { createResults } from './results.js';
import { errorText, linkProblemsText } from './texts.js';
import { inputStart, recordTiming, startTimings } from './timing.js';

/** The result at the starting choices, or undefined when they do not fit this data (e.g. an import without 2015). */
function baselineOf(input: ExploreInput, defaults: ExploreSettings): ExploreResult | undefined {
  try {
    return computeExplore(input, defaults);
  } catch {
    return undefined;
  }
}

/** The control economies' group series (SYNTHETIC: regenerated from China's series and the seed), or none when they cannot be built. */
function controlEconomies(input: ExploreInput): EconomySeries[] {
  const c = input.data.controls;
  if (!c) return [];
  try {
    return controlSeries(c, { ...input.panel, janFebYears: input.data.source.janFeb?.years }, input.data.groups);
  } catch {
    return [];
  }
}

/**
 * The update for settings `s` from an input that began at `t0`: compute and show the result (or the library's
 * error, the last result greyed out) with the control economies' points when shown, show the values, put them
 * in the address and record the timings.
 */
function createUpdate(
  input: ExploreInput,
  controls: Controls,
  show: (r: ExploreResult, controlRows: readonly ControlIndexRow[]) => void,
): (s: ExploreSettings, t0: number) => void {
  const economies = controlEconomies(input);
  const note = byId('controls-note');
  const noteText = note.textContent ?? '';
  const errorBox = byId('error');
  const results = byId('results');
  const timing = byId('timing');
  return (s, t0) => {
    let ok = true;
    let compute = NaN;
    try {
      const tc = performance.now();
      const r = computeExplore(input, s);
      // the controls' own error (a window outside one control's months) leaves China's result shown
      let controlRows: ControlIndexRow[] = [];
      note.textContent = noteText;
      try {
        controlRows = s.showControls ? exploreControlRows(economies, input.data.groups, s) : [];
      } catch (e) {
        note.textContent = errorText(e).replace('No result', 'No control economies\u2019 points');
      }
      note.hidden = !s.showControls;
      compute = performance.now() - tc;
      errorBox.hidden = true;
      results.classList.remove('stale');
      show(r, controlRows);
    } catch (e) {
      ok = false;
      errorBox.hidden = false;
      errorBox.textContent = errorText(e);
      results.classList.add('stale');
    }
    controls.show(s);
    writeHash(s);
    recordTiming(timing, t0, compute, ok);
  };
}

/** Show a shared link's adjusted settings (none: the note is hidden). */
function showLinkProblems(problems: readonly string[]): void {
  const box = byId('url-problems');
  box.hidden = problems.length === 0;
  box.textContent = linkProblemsText(problems);
}

/** Start the page: its data, the controls, the results, the event handlers, then the settings in the address. */
function main(): void {
  const data = JSON.parse(byId('explore-data').textContent ?? '') as ExploreData;
  const input = prepareExplore(data);
  const defaults = exploreDefaults();
  startTimings();
  const controls = findControls(defaults);
  const update = createUpdate(input, controls, createResults(data, baselineOf(input, defaults)));

  /** A control moved: its settings, the cuts and the window kept in order. */
  function onInput(ev: Event): void {
    const t0 = inputStart(ev);
    const s = controls.read();
    controls.keepOrdered(s, ev.target);
    update(s, t0);
  }

  /** The settings in the address: into the controls (what they cannot hold is reported), then shown. */
  function applyHash(): void {
    const { settings, problems } = readHash(defaults);
    showLinkProblems(problems.concat(controls.write(settings)));
    update(controls.read(), performance.now());
  }

  // sliders update while they move (input); radios and the checkbox on change (some browsers fire no input for them)
  const form = byId('controls');
  const toggles = (ev: Event) => ['radio', 'checkbox'].includes((ev.target as HTMLInputElement).type);
  form.addEventListener('input', (ev) => toggles(ev) || onInput(ev));
  form.addEventListener('change', (ev) => toggles(ev) && onInput(ev));
  form.addEventListener('submit', (ev) => ev.preventDefault());
  byId('reset').addEventListener('click', () => {
    controls.write(defaults);
    byId('url-problems').hidden = true;
    update(controls.read(), performance.now());
  });
  window.addEventListener('hashchange', () => {
    if (!hashHolds(controls.read())) applyHash();
  });
  applyHash();
  document.body.dataset.ready = '1';
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', main);
else main();
