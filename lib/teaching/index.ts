/**
 * Teaching edition: the exercise registry, the answer comparison and the kernel-side check
 * (`study.check('03', 2, answer2, { params: params, run: run })`). See README "Teaching with it".
 *
 * @module teaching
 */
export * from './compare.js';
export * from './registry.js';
export * from './check.js';
