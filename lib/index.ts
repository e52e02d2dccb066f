/**
 * The study library: one module per study step. Notebooks import everything from here:
 *
 *     import * as study from './lib/index.js';
 *
 * @module index
 */
export * from './errors.js';
export * from './paths.js';
export * from './csv.js';
export * from './types.js';
export * from './display.js';
export * from './charts.js';
export * from './tables.js';
export * from './notebook.js';
export * from './results.js';
export * from './data.js';
export * from './reference.js';
export * from './codes.js';
export * from './indices.js';
export * from './partition.js';
export * from './macro.js';
export * from './sensitivity.js';
export * from './studyCharts.js';
export * from './published.js';
export * from './synthetic.js';
export * from './pipeline.js';
export * from './panel.js';
// Step-specific helpers, as namespaces (study.importers.importFile, study.screen.screenUniverse, …)
export * as importers from './importers/index.js';
export * as extraction from './extraction.js';
export * as explain from './explain.js';
export * as validation from './validation.js';
export * as screen from './screen.js';
export * as robustness from './robustness.js';
// Teaching edition: study.check(…) in the student notebooks; study.teaching.* for the registry
export { check } from './teaching/check.js';
export * as teaching from './teaching/index.js';
