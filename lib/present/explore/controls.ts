/**
 * The explorer's form: reading the settings off the controls the page builder wrote
 * (sliders, the semiconductor and control-economies checkboxes, the base and weights radios), putting settings
 * into them (from a link or the reset), showing each slider's value beside it, and keeping
 * the two volatility cuts and the window's years in order while a slider moves. The one
 * place that maps settings fields to controls.
 *
 * @module present/explore/controls
 */
import { weightStrategy, type BaseRule } from '../../steps/choices.js';
import { exploreWeights, windowYears, yearsWindow, type ExploreSettings } from '../explore-model.js';
import { byId, radios } from './dom.js';
import { baseFromValue, baseValue } from './format.js';

/** The values set with a slider: the cuts, the exponential rate, and the window's first and last year. */
type SliderKey = 'growth' | 'volatilityHigh' | 'volatilityMedium' | 'rate' | 'startYear' | 'endYear';
type SliderValues = Record<SliderKey, number>;

/** What each slider shows for some settings (the window as its two years). */
function sliderValues(s: ExploreSettings): SliderValues {
  const [startYear, endYear] = windowYears(s.window);
  return {
    growth: s.growth,
    volatilityHigh: s.volatilityHigh,
    volatilityMedium: s.volatilityMedium,
    rate: s.rate,
    startYear,
    endYear,
  };
}

/** The weights radio a scheme checks: its kind ('linear', 'uniform', 'exponential'). */
const weightsKind = (s: ExploreSettings): string => weightStrategy(s.weights).kind;

/** Each slider setting's id suffix: the slider is `#ctl-<id>`, the value beside it `#out-<id>` (scripts/report/explore.ts). */
const SLIDER_IDS: Readonly<Record<SliderKey, string>> = {
  growth: 'growth',
  volatilityHigh: 'vh',
  volatilityMedium: 'vm',
  rate: 'rate',
  startYear: 'from',
  endYear: 'to',
};
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
  const sliders = Object.fromEntries(SLIDERS.map((k) => [k, byId<HTMLInputElement>(`ctl-${SLIDER_IDS[k]}`)])) as Record<
    SliderKey,
    HTMLInputElement
  >;
  const outputs = Object.fromEntries(
    SLIDERS.map((k) => [k, byId<HTMLOutputElement>(`out-${SLIDER_IDS[k]}`)]),
  ) as Record<SliderKey, HTMLOutputElement>;
  const semiconductorRule = byId<HTMLInputElement>('ctl-semi');
  const showControls = byId<HTMLInputElement>('ctl-controls');
  const checked = (name: string) => radios(name).find((r) => r.checked)?.value;

  function read(): ExploreSettings {
    const num = (k: SliderKey) => Number(sliders[k].value);
    const rate = num('rate');
    const kind = checked('weights') ?? weightsKind(defaults);
    return {
      growth: num('growth'),
      volatilityHigh: num('volatilityHigh'),
      volatilityMedium: num('volatilityMedium'),
      semiconductorRule: semiconductorRule.checked,
      base: baseFromValue(checked('base') ?? baseValue(defaults.base)),
      weights: exploreWeights(kind, rate),
      rate,
      window: yearsWindow(num('startYear'), num('endYear')),
      janFeb: (checked('janFeb') ?? defaults.janFeb) as ExploreSettings['janFeb'],
      // a view, not a choice: written only when on (the URL then says ctl=on)
      ...(showControls.checked ? { showControls: true } : {}),
    };
  }

  function show(s: ExploreSettings): void {
    const v = sliderValues(s);
    for (const k of SLIDERS) outputs[k].value = String(v[k]);
    const exponential = weightsKind(s) === 'exponential';
    sliders.rate.disabled = !exponential;
    byId('rate-row').classList.toggle('off', !exponential);
  }

  function write(s: ExploreSettings): string[] {
    const v = sliderValues(s);
    for (const k of SLIDERS) sliders[k].value = String(v[k]);
    semiconductorRule.checked = s.semiconductorRule;
    showControls.checked = !showControls.disabled && s.showControls === true;
    ensureBaseRadio(s.base);
    for (const r of radios('base')) r.checked = r.value === baseValue(s.base);
    for (const r of radios('weights')) r.checked = r.value === weightsKind(s);
    for (const r of radios('janFeb')) r.checked = r.value === s.janFeb;
    const held = read();
    const h = sliderValues(held);
    const problems: string[] = [];
    for (const k of SLIDERS)
      if (h[k] !== v[k]) problems.push(`${k} ${v[k]} is outside its slider's range or step: set to ${h[k]}`);
    show(held);
    return problems;
  }

  function keepOrdered(s: ExploreSettings, moved: EventTarget | null): void {
    const v = sliderValues(s);
    for (const [lo, hi] of ORDERED)
      if (v[lo] > v[hi]) {
        if (moved === sliders[lo]) sliders[hi].value = String((v[hi] = v[lo]));
        else sliders[lo].value = String((v[lo] = v[hi]));
      }
    s.volatilityHigh = v.volatilityHigh;
    s.volatilityMedium = v.volatilityMedium;
    s.window = yearsWindow(v.startYear, v.endYear);
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
