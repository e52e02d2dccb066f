/**
 * SYNTHETIC data generators (seeded, deterministic): the teaching panel and
 * BEC totals for the notebooks and tests, and the whole-universe generator for
 * screens and benchmarks. Everything these functions produce is labelled
 * SYNTHETIC: it is not China Customs, UN or World Bank data.
 *
 * @module synthetic
 */
export * from './rng.js';
export * from './teaching.js';
export * from './universe.js';
export * from './controls.js';
