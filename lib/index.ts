/**
 * The study library. Notebooks import everything from here:
 *
 *     import * as study from './lib/index.js';
 *
 * Layout (dependencies run one way: steps → io, core; present → steps' result types; study → all):
 * - `core/`    errors, shared types, HS code primitives, the one month index
 * - `io/`      paths, CSV, curated study tables, reference code lists, published figures, panels, importers
 * - `steps/`   one module per study step, named like its notebook (01 extraction … 08 screen),
 *              with the teaching helpers beside the step they teach
 * - `present/` display, tables, charts, chart specs, the notebook banner, the pattern palette
 * - `synthetic/` the SYNTHETIC teaching panel and universe generators
 * - `study.ts` the steps wired end to end (`runStudy`)
 *
 * Each step is reachable as a namespace (`study.indices.growthIndex`, `study.screen.screenUniverse`);
 * the names notebooks use most are also top-level (`study.growthIndex`, `study.runStudy`).
 *
 * @module index
 */
// core and io
export * from './core/errors.js';
export * from './core/types.js';
export * from './core/months.js';
export * from './core/codes.js';
export * from './io/paths.js';
export * from './io/csv.js';
export * from './io/data.js';
export * from './io/reference.js';
export * from './io/published.js';
export * from './io/panel.js';
export { readTidyPanel, type TidyRead } from './io/importers/tidy.js';
export * from './io/bec-totals.js';
// presentation
export * from './present/display.js';
export * from './present/charts.js';
export * from './present/tables.js';
export * from './present/notebook.js';
export * from './present/banner.js';
export * from './present/palette.js';
export * from './present/results.js';
export * from './present/chart-specs.js';
export * from './present/published-labels.js';
// the study's steps, top-level where names are unambiguous
export * from './steps/choices.js';
export * from './steps/indices.js';
export * from './steps/indices-teaching.js';
export * from './steps/partition.js';
export * from './steps/partition-teaching.js';
export * from './steps/macro.js';
export * from './steps/sensitivity.js';
export * from './study.js';
export * from './synthetic/index.js';
// every step as a namespace: study.extraction.searchCandidates, study.grouping.groupEndUse, …
export * as extraction from './steps/extraction.js';
export * as grouping from './steps/grouping.js';
export * as choices from './steps/choices.js';
export * as indices from './steps/indices.js';
export * as partition from './steps/partition.js';
export * as macro from './steps/macro.js';
export * as validation from './steps/validation.js';
export * as sensitivity from './steps/sensitivity.js';
export * as robustness from './steps/robustness.js';
export * as screen from './steps/screen.js';
export * as importers from './io/importers/index.js';
// teaching edition: study.check(…) in the student notebooks; study.teaching.* for the exercise registry
export { check } from './teaching/check.js';
export * as teaching from './teaching/index.js';
