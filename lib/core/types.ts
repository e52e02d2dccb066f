/**
 * Types shared across the study library's modules.
 * @module core/types
 */

/** The four study categories (docs/METHOD.md, step 2) plus Medicaments' consumption class. */
export type Category = 'capital goods' | 'intermediate' | 'consumption goods';

/** UN BEC Rev.4 → SNA end-use class. */
export type EndUse = 'capital' | 'intermediate' | 'consumption' | 'unclassified';

/** Which of the study's three policy lists a code comes from. */
export type Batch = 1 | 2 | 3;

/** Growth band of the partition matrix. */
export type GrowthBand = 'high' | 'low';

/** Volatility band of the partition matrix. */
export type VolatilityBand = 'high' | 'medium' | 'low';

/** The study's trade patterns (docs/METHOD.md, step 4). */
export type Pattern = 'substitution' | 'no effect' | 'stockpiling';

/** Where a panel's numbers come from; carried into every caption and chart note. */
export interface DataSource {
  /** 'synthetic' = the bundled teaching panel; 'imported' = a user's real download. */
  kind: 'synthetic' | 'imported';
  /** One line for banners, e.g. "SYNTHETIC teaching panel (seed 20250101), 2015-01 to 2025-06". */
  label: string;
  /** Files the panel was read from, relative to the project root. */
  files: string[];
  /** First and last month, YYYY-MM. */
  period: [string, string];
  /**
   * Combined January–February found in the panel (lib/steps/jan-feb.ts): the years, how many codes and
   * code-years, the line for banners and, once treated, the treatment. Absent when none.
   */
  janFeb?: { years: number[]; codes: number; cells: number; text: string; treatment?: string };
  /** The Comtrade reporter code of imported data of an economy other than China (absent: China, 156). */
  reporter?: string;
}

/**
 * A monthly import panel held column-wise: one Float64Array of US-dollar values
 * per code over a contiguous run of months. A missing month is NaN inside the
 * panel only; library functions apply an explicit missing-month policy and
 * never return NaN.
 */
export interface Panel {
  source: DataSource;
  /** Contiguous, ascending months, YYYY-MM. */
  months: string[];
  /** Commodity codes (HS8, or HS6 for Comtrade), ascending. */
  codes: string[];
  /** values[k][t] = imports of codes[k] in months[t], US dollars (NaN = missing). */
  values: Float64Array[];
}

/** One row of the tidy panel format every importer writes. */
export interface PanelRow {
  code: string;
  /** 'HS8' for China Customs codes, 'HS6' for Comtrade. */
  level: 'HS8' | 'HS6';
  /** YYYY-MM */
  month: string;
  /** US dollars for that month (never cumulative). */
  value: number;
  partner?: string;
  regime?: string;
}

/**
 * A vega-lite specification as plain JSON. Kept loose on purpose: vega-lite's
 * own types cannot be resolved by the tslab kernel's compiler (Node10
 * resolution); specs are validated when compiled (see charts.ts).
 */
export type VegaLiteSpec = { [key: string]: unknown };
