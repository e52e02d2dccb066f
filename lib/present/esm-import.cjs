// A real CommonJS file whose dynamic import() stays a native import() in every
// runtime. tslab rewrites `await import()` in cells and lib code to require(),
// which cannot load vega's ES modules (top-level await); going through this file
// keeps the native loader. Used by lib/present/charts.ts.
'use strict';
module.exports = (specifier) => import(specifier);
