/**
 * The SYNTHETIC teaching panel: monthly import values (US dollars) for every
 * curated code of the study's three batches, 2015-01 to 2025-06, and the
 * SYNTHETIC BEC end-use totals that go with it. Nothing here is China Customs
 * data. Each of the 17 groups follows a documented shape chosen so that its
 * batch-1 group sum lands in the published matrix cell (docs/METHOD.md, step 4) under
 * the library's default indices, and the semiconductor groups follow the
 * published shares of GDP (docs/METHOD.md, step 5).
 *
 * This module is the teaching panel's public face — the names the library exports —
 * and the generator the data files name in their headers (data/synthetic/*). Each
 * part has its own module:
 * - ./inputs.ts       what the generator reads, through the library's loaders (codes, groups, GDP);
 * - ./shapes.ts       the 17 group shapes and the matrix cell each is built to land in;
 * - ./calibration.ts  the published share-of-GDP targets and the calibrated levels and scales;
 * - ./paths.ts        the calendar, CNY seasonality, a group's monthly path, the σ that hits a target V;
 * - ./code-series.ts  the distinct codes and each code's series cut from its group's path;
 * - ./generate.ts     {@link generateTeachingPanel}: the parts wired together, rows and meta;
 * - ./bec-totals.ts   the SYNTHETIC BEC totals that complete the calibration;
 * - ./serialize.ts    the files' text (CSV and JSON).
 *
 * @module synthetic/teaching
 */
export {
  loadTeachingInputs,
  type SyntheticCodeRow,
  type SyntheticGdpRow,
  type SyntheticGroupRow,
  type TeachingInputs,
} from './inputs.js';
export { SYNTHETIC_GROUP_SHAPES, type SyntheticCell, type SyntheticGroupShape } from './shapes.js';
export { SYNTHETIC_DEFAULT_CALIBRATION, type SyntheticCalibration } from './calibration.js';
export { syntheticMonths } from './paths.js';
export {
  SYNTHETIC_DEFAULT_SEED,
  SYNTHETIC_GENERATOR_VERSION,
  generateTeachingPanel,
  type SyntheticGroupLanding,
  type TeachingPanel,
  type TeachingPanelMeta,
  type TeachingPanelOptions,
} from './generate.js';
export { generateBecTotals, type SyntheticBecTotalRow, type SyntheticBecTotals } from './bec-totals.js';
export { becTotalsCsv, teachingPanelCsv, teachingPanelMetaJson } from './serialize.js';
