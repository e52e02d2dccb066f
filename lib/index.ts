/**
 * The study library. Notebooks import everything from here:
 *
 *     import * as study from './lib/index.js';
 *
 * The layout of lib/ (its folders, and the one way imports run between them) is drawn once, in
 * README.md, "Architecture and layout".
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
export * from './io/reporters.js';
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
export * from './present/chart-specs/base.js';
export * from './present/chart-specs/grouping.js';
export * from './present/chart-specs/partition.js';
export * from './present/chart-specs/macro.js';
export * from './present/chart-specs/sensitivity.js';
export * from './present/chart-specs/indices.js';
export * from './present/chart-specs/screen.js';
export * from './present/chart-specs/controls.js';
export * from './present/published-labels.js';
// the study's steps, top-level where names are unambiguous
export * from './steps/choices.js';
export * from './steps/indices.js';
export * from './steps/indices-teaching.js';
export * from './steps/partition.js';
export * from './steps/partition-teaching.js';
export * from './steps/macro.js';
export * from './steps/sensitivity.js';
export * from './steps/jan-feb.js';
export * from './steps/controls.js';
export * from './study.js';
export * from './synthetic/index.js';
// every step as a namespace: study.extraction.searchCandidates, study.grouping.groupEndUse, …
export * as extraction from './steps/extraction.js';
export * as grouping from './steps/grouping.js';
export * as choices from './steps/choices.js';
export * as indices from './steps/indices.js';
export * as janFeb from './steps/jan-feb.js';
export * as partition from './steps/partition.js';
export * as macro from './steps/macro.js';
export * as macroReal from './steps/macro-real.js';
export * as macroVintage from './steps/macro-vintage.js';
export * as validation from './steps/validation.js';
export * as sensitivity from './steps/sensitivity.js';
export * as robustness from './steps/robustness.js';
export * as screen from './steps/screen.js';
export * as controls from './steps/controls.js';
export * as controlsMacro from './steps/controls-macro.js';
export * as importers from './io/importers/index.js';
// teaching edition: study.check(…) in the student notebooks; study.teaching.* for the exercise registry
export { check } from './teaching/check.js';
export * as teaching from './teaching/index.js';
