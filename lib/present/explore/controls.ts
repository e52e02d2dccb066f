/**
 * The explorer's form: reading the settings off the controls the page builder wrote
 * (sliders, the semiconductor checkbox, the base and weights radios), putting settings
 * into them (from a link or the reset), showing each slider's value beside it, and keeping
 * the two volatility cuts and the window's years in order while a slider moves. The one
 * place that maps settings fields to controls.
 *
 * @module present/explore/controls
 */
import type { BaseRule } from '../../steps/indices.js';
import type { ExploreSettings, ExploreWeights } from '../explore-model.js';
import { byId, radios } from './dom.js';
import { baseFromValue, baseValue } from './format.js';

/** The settings set with a slider. */
type SliderKey = 'growth' | 'volatilityHigh' | 'volatilityMedium' | 'rate' | 'startYear' | 'endYear';

/** Each slider setting's id suffix: the slider is `#ctl-<id>`, the value beside it `#out-<id>` (scripts/report/explore.ts). */
const SLIDER_IDS: Readonly<Record<SliderKey, string>> = { growth: 'growth', volatilityHigh: 'vh', volatilityMedium: 'vm', rate: 'rate', startYear: 'from', endYear: 'to' };
const SLIDERS = Object.keys(SLIDER_IDS) as SliderKey[];
/** Pairs kept in order, lower first: moving one slider past the other pushes the other along. */
const ORDERED: readonly (readonly [SliderKey, SliderKey])[] = [
  ['volatilityMedium', 'volatilityHigh'],
  ['startYear', 'endYear'],
];

/** The form's controls. */
export interface Controls {
  /** The settings the controls hold (a radio group with none checked: the default). */
  read(): ExploreSettings;
  /** Put settings into the controls and show them; returns what the controls could not hold (out of a slider's range or off its step). */
  write(s: ExploreSettings): string[];
  /** Show the settings' values beside their sliders; the rate slider is on only with exponential weights. */
  show(s: ExploreSettings): void;
  /** After an input on `moved`: push the other slider of a pair the move put out of order, in the form and in `s`. */
  keepOrdered(s: ExploreSettings, moved: EventTarget | null): void;
}

/** The page's controls; `defaults` fill a radio group with none checked. */
export function findControls(defaults: ExploreSettings): Controls {
  const sliders = Object.fromEntries(SLIDERS.map((k) => [k, byId<HTMLInputElement>(`ctl-${SLIDER_IDS[k]}`)])) as Record<SliderKey, HTMLInputElement>;
  const outputs = Object.fromEntries(SLIDERS.map((k) => [k, byId<HTMLOutputElement>(`out-${SLIDER_IDS[k]}`)])) as Record<SliderKey, HTMLOutputElement>;
  const semiconductorRule = byId<HTMLInputElement>('ctl-semi');
  const checked = (name: string) => radios(name).find((r) => r.checked)?.value;

  function read(): ExploreSettings {
    const num = (k: SliderKey) => Number(sliders[k].value);
    return {
      growth: num('growth'),
      volatilityHigh: num('volatilityHigh'),
      volatilityMedium: num('volatilityMedium'),
      semiconductorRule: semiconductorRule.checked,
      base: baseFromValue(checked('base') ?? baseValue(defaults.base)),
      weights: (checked('weights') ?? defaults.weights) as ExploreWeights,
      rate: num('rate'),
      startYear: num('startYear'),
      endYear: num('endYear'),
    };
  }

  function show(s: ExploreSettings): void {
    for (const k of SLIDERS) outputs[k].value = String(s[k]);
    const exponential = s.weights === 'exponential';
    sliders.rate.disabled = !exponential;
    byId('rate-row').classList.toggle('off', !exponential);
  }

  function write(s: ExploreSettings): string[] {
    for (const k of SLIDERS) sliders[k].value = String(s[k]);
    semiconductorRule.checked = s.semiconductorRule;
    ensureBaseRadio(s.base);
    for (const r of radios('base')) r.checked = r.value === baseValue(s.base);
    for (const r of radios('weights')) r.checked = r.value === s.weights;
    const held = read();
    const problems: string[] = [];
    for (const k of SLIDERS) if (held[k] !== s[k]) problems.push(`${k} ${s[k]} is outside its slider's range or step: set to ${held[k]}`);
    show(held);
    return problems;
  }

  function keepOrdered(s: ExploreSettings, moved: EventTarget | null): void {
    for (const [lo, hi] of ORDERED)
      if (s[lo] > s[hi]) {
        if (moved === sliders[lo]) sliders[hi].value = String((s[hi] = s[lo]));
        else sliders[lo].value = String((s[lo] = s[hi]));
      }
  }

  return { read, write, show, keepOrdered };
}

/** A base from a shared link that the page does not list (the mean of another number of months) gets its radio, so the control shows the setting. */
function ensureBaseRadio(b: BaseRule): void {
  const v = baseValue(b);
  if (radios('base').some((r) => r.value === v) || b === 'first') return;
  const id = `ctl-base-${v}`;
  const div = document.createElement('div');
  div.className = 'radio';
  div.innerHTML = `<input type="radio" name="base" id="${id}" value="${v}"><label for="${id}">mean of the first ${b.meanOfFirst} months</label>`;
  byId('base-options').appendChild(div);
}
