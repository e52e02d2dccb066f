/**
 * Panels: loading the synthetic teaching panel or the imported real panel
 * (read by the tidy panel importer, importers/tidy) and assembling its cells
 * into a {@link Panel}, writing the tidy panel file, and handing a panel to
 * notebooks as an arquero table.
 *
 * The tidy panel file: CSV, UTF-8; optional leading `#` comment lines (kept as
 * notes); header `code,level,month,value_usd` optionally followed by
 * `partner,regime`; code = 8 (HS8) or 6 (HS6) digits; month = YYYY-MM;
 * value_usd = monthly US dollars, a plain number. A missing month is an absent
 * row (never zero). Partner/regime rows are summed per code × month when loading.
 *
 * @module io/panel
 */
import { detectJanFeb, janFebSource } from '../core/jan-feb.js';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as aq from 'arquero';
import { fail } from '../core/errors.js';
import { monthLabel } from '../core/months.js';
import { partnersOfManifest } from './partners.js';
import { projectPath, shownPath } from './paths.js';
import { CHINA_REPORTER, reporterDir } from './reporters.js';
import type { DataSource, Panel, PanelRow } from '../core/types.js';
import type { TidyCells } from './importers/aggregate.js';
import { readTidyPanel } from './importers/tidy.js';

/** The synthetic teaching panel, relative to the project root. */
export const SYNTHETIC_PANEL_FILE = 'data/synthetic/teaching-panel-SYNTHETIC.csv';
/** The imported panel written by `npm run data:import`, relative to the project root. */
export const IMPORTED_PANEL_FILE = 'data/imported/panel.csv';

/**
 * Turn tidy cells into a {@link Panel}: codes ascending, contiguous months from the
 * first to the last, NaN for missing months, partner/regime cells summed.
 * @throws {StudyError} when there are no cells
 * @example
 * const { cells } = readTidyPanel('tests/fixtures/tidy-small.csv');
 * cellsToPanel(cells, { kind: 'imported', label: 'tidy-small.csv', files: ['tidy-small.csv'], period: ['', ''] }).source.period;
 * // => ['2015-01', '2015-03']
 */
export function cellsToPanel(cells: TidyCells, source: DataSource): Panel {
  if (cells.n === 0) fail('cellsToPanel', 'the panel has no values', source.files);
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < cells.n; i++) {
    const m = cells.month[i];
    if (m < lo) lo = m;
    if (m > hi) hi = m;
  }
  const T = hi - lo + 1;
  const months: string[] = [];
  for (let m = lo; m <= hi; m++) months.push(monthLabel(m));
  const values = cells.codes.map(() => new Float64Array(T).fill(NaN));
  for (let i = 0; i < cells.n; i++) {
    const row = values[cells.code[i]];
    const t = cells.month[i] - lo;
    const v = cells.value[i];
    row[t] = row[t] !== row[t] ? v : row[t] + v;
  }
  return { source: { ...source, period: [months[0], months[T - 1]] }, months, codes: cells.codes.slice(), values };
}

/**
 * Load the synthetic teaching panel or the imported real panel.
 *
 * - `'synthetic'`: data/synthetic/teaching-panel-SYNTHETIC.csv, labelled
 *   "SYNTHETIC teaching panel — not China's data (seed …), first to last month"
 *   (seed and period from the `.meta.json` beside it when present).
 * - `'imported'`: data/imported/panel.csv (or `$STUDY_IMPORTED_DIR/panel.csv`) written by `npm run data:import`,
 *   labelled with the source file names from manifest.json and the period, and, when the manifest records partial
 *   partners (a Comtrade sum of some partners with no World row, lib/io/partners.ts), their line: "Imported data
 *   from a.json (sum of 2 partners: Argentina, Germany — not China's total imports), 2015-01 to 2015-03". The
 *   banner and every source note ({@link sourceNote}) carry the label.
 *   The panel must be the one its manifest describes: when the manifest names it (`panel`) and counts its `rows`
 *   and `codes` (lib/io/imported.ts writes them), a panel with other counts, or from another import (its
 *   `# import <id>` line against the manifest's `importId`), is refused (an import killed between writing
 *   panel.csv and manifest.json leaves the new panel beside the old manifest).
 * A combined January–February (lib/core/jan-feb.ts) is named in `source.janFeb`; the values stay as read.
 *
 * @throws {StudyError} when the file is absent (with the command that makes it) or malformed, when the manifest is
 *   not valid JSON, or when the panel's rows or codes differ from the manifest's ("the last import was interrupted
 *   between writing the two files …; run the import again")
 * @example loadPanel({ source: 'synthetic' }).source.label;
 * // => "SYNTHETIC teaching panel — not China's data (seed 20250101), 2015-01 to 2025-06"
 */
export function loadPanel(opts: { source: 'synthetic' | 'imported'; file?: string; reporter?: string }): Panel {
  const kind = opts.source;
  if (kind !== 'synthetic' && kind !== 'imported') fail('loadPanel', "source must be 'synthetic' or 'imported'", kind);
  const reporter = opts.reporter ?? CHINA_REPORTER;
  if (kind === 'synthetic' && reporter !== CHINA_REPORTER && !opts.file)
    fail(
      'loadPanel',
      "the synthetic teaching panel is China's (156); the SYNTHETIC controls are group series (lib/synthetic/controls)",
      reporter,
    );
  const file =
    opts.file ??
    (kind === 'synthetic' ? projectPath(SYNTHETIC_PANEL_FILE) : path.join(reporterDir(reporter), 'panel.csv'));
  if (!fs.existsSync(file))
    fail(
      'loadPanel',
      kind === 'synthetic'
        ? 'the synthetic panel is missing: run `npm run data:synthetic`'
        : reporter === CHINA_REPORTER
          ? 'no imported panel: run `npm run data:import -- <downloaded files>`'
          : `no imported panel of reporter ${reporter}: run \`npm run data:fetch -- comtrade --reporter ${reporter}\``,
      file,
    );
  const { cells, notes, report } = readTidyPanel(file);
  const provisional: DataSource = { kind, label: '', files: [shownPath(file)], period: ['', ''] };
  const panel = cellsToPanel(cells, provisional);
  const [p0, p1] = panel.source.period;
  if (kind === 'synthetic') {
    const meta = file.replace(/\.csv$/i, '.meta.json');
    let seed: unknown;
    if (fs.existsSync(meta)) {
      try {
        const m = JSON.parse(fs.readFileSync(meta, 'utf8')) as Record<string, unknown>;
        seed = m.seed;
        panel.source.files.push(shownPath(meta));
      } catch {
        fail('loadPanel', 'the synthetic panel metadata is not valid JSON', meta);
      }
    } else {
      const hit = notes.map((n) => /seed\s*[:=]?\s*(\d+)/i.exec(n)).find(Boolean);
      seed = hit ? hit[1] : undefined;
    }
    panel.source.label = `SYNTHETIC teaching panel — not China's data${seed !== undefined ? ` (seed ${String(seed)})` : ''}, ${p0} to ${p1}`;
  } else {
    const manifest = path.join(path.dirname(file), 'manifest.json');
    let sources: string[] = [];
    let partners: string | undefined;
    if (fs.existsSync(manifest)) {
      let m: ImportManifest = {};
      try {
        m = JSON.parse(fs.readFileSync(manifest, 'utf8')) as ImportManifest;
        sources = (m.sources ?? []).map((s) => path.basename(String(s.file ?? ''))).filter(Boolean);
        partners = partnersOfManifest(m);
        panel.source.files.push(shownPath(manifest));
      } catch {
        fail('loadPanel', 'the import manifest is not valid JSON', manifest);
      }
      const idNote = notes.find((n) => n.startsWith(IMPORT_ID_NOTE));
      checkManifestCounts(
        m,
        manifest,
        file,
        { rows: report.rowsRead, codes: cells.codes.length, importId: idNote?.slice(IMPORT_ID_NOTE.length) },
        reporter,
      );
    }
    panel.source.label = `Imported data${reporter === CHINA_REPORTER ? '' : ` of reporter ${reporter}`} from ${sources.length ? sources.join(', ') : path.basename(file)}${partners ? ` (${partners})` : ''}, ${p0} to ${p1}`;
    if (reporter !== CHINA_REPORTER) panel.source.reporter = reporter;
  }
  const janFeb = detectJanFeb(panel);
  if (janFeb.cells.length) panel.source.janFeb = janFebSource(janFeb);
  return panel;
}

/**
 * The panel comment that names the import which wrote it (`# import <id>`); the manifest holds the same id as `importId`.
 * @example IMPORT_ID_NOTE; // => 'import '
 */
export const IMPORT_ID_NOTE: string = 'import ';

/** The fields of an import's manifest.json that {@link loadPanel} reads (lib/io/imported.ts writes them). */
interface ImportManifest {
  panel?: unknown;
  importId?: unknown;
  rows?: unknown;
  codes?: unknown;
  sources?: { file?: string }[];
}

/**
 * Refuse a panel that is not the one its manifest describes: the manifest names it (`panel`) and counts its
 * `rows` and `codes` (writeImportedPanel, lib/io/imported.ts, writes the panel first and the manifest second, so a
 * run killed between the two renames leaves a new panel beside the old manifest). A manifest without the counts,
 * or naming another file, is not checked; a manifest with an `importId` must name the import of the panel's
 * `# import <id>` line, so a new panel with the old one's counts is refused too.
 */
function checkManifestCounts(
  m: ImportManifest,
  manifest: string,
  file: string,
  read: { rows: number; codes: number; importId?: string },
  reporter: string,
): void {
  if (m.panel !== path.basename(file) || typeof m.rows !== 'number' || typeof m.codes !== 'number') return;
  const sameId = typeof m.importId !== 'string' || m.importId === read.importId;
  if (m.rows === read.rows && m.codes === read.codes && sameId) return;
  const again =
    reporter === CHINA_REPORTER
      ? '`npm run data:import -- <downloaded files>`, or `npm run data:fetch -- comtrade` for a fetched panel'
      : `\`npm run data:fetch -- comtrade --reporter ${reporter}\``;
  fail(
    'loadPanel',
    `${shownPath(file)} has ${read.rows} rows and ${read.codes} codes${sameId ? '' : ` from import ${read.importId ?? '(none)'}`} but ${shownPath(manifest)} says ${m.rows} rows and ${m.codes} codes${sameId ? '' : ` from import ${m.importId}`}: ` +
      `the last import was interrupted between writing the two files (or one was changed by hand), so the panel is not the one its manifest describes; run the import again (${again})`,
  );
}

function fmtValue(v: number, where: string): string {
  if (!Number.isFinite(v) || v < 0) fail('writePanelCsv', `value must be a finite non-negative number (${where})`, v);
  const s = String(v);
  return s.includes('e') ? v.toFixed(10).replace(/\.?0+$/, '') : s;
}

/**
 * Write the tidy panel CSV (streamed in blocks): optional `# note` lines, then
 * `code,level,month,value_usd[,partner,regime]`. From a Panel, missing (NaN)
 * months are left out; rows must be monthly, non-negative values.
 *
 * @throws {StudyError} for a negative or non-finite value, a bad code or month
 * @example
 * const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'panel-')), 'p.csv');
 * writePanelCsv([{ code: '01012100', level: 'HS8', month: '2015-01', value: 5 }], file, ['note']); // => { rows: 1 }
 * fs.readFileSync(file, 'utf8'); // => '# note\ncode,level,month,value_usd\n01012100,HS8,2015-01,5\n'
 */
export function writePanelCsv(
  data: PanelRow[] | Panel | TidyCells,
  file: string,
  notes: string[] = [],
): { rows: number } {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const fd = fs.openSync(file, 'w');
  let out = '';
  let rows = 0;
  const flush = (force: boolean): void => {
    if (out.length > (force ? 0 : 1 << 20)) {
      fs.writeSync(fd, out);
      out = '';
    }
  };
  try {
    for (const n of notes) for (const l of n.split(/\r?\n/)) out += `# ${l}\n`;
    if (Array.isArray(data)) {
      const withSub = data.some((r) => r.partner !== undefined || r.regime !== undefined);
      out += withSub ? 'code,level,month,value_usd,partner,regime\n' : 'code,level,month,value_usd\n';
      data.forEach((r, i) => {
        const want = r.level === 'HS8' ? 8 : r.level === 'HS6' ? 6 : 0;
        if (!want || !new RegExp(`^\\d{${want}}$`).test(r.code))
          fail('writePanelCsv', `row ${i}: code must have ${want || '8 or 6'} digits for level ${r.level}`, r.code);
        if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(r.month)) fail('writePanelCsv', `row ${i}: month must be YYYY-MM`, r.month);
        const q = (s: string | undefined): string =>
          s === undefined ? '' : /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
        out += `${r.code},${r.level},${r.month},${fmtValue(r.value, `row ${i}`)}${withSub ? `,${q(r.partner)},${q(r.regime)}` : ''}\n`;
        rows++;
        flush(false);
      });
    } else if ('values' in data) {
      const level = data.codes[0]?.length === 6 ? 'HS6' : 'HS8';
      out += 'code,level,month,value_usd\n';
      data.codes.forEach((code, k) => {
        const lv =
          code.length === 6
            ? 'HS6'
            : code.length === 8
              ? 'HS8'
              : fail('writePanelCsv', 'panel code must have 8 or 6 digits', code);
        void level;
        const row = data.values[k];
        for (let t = 0; t < data.months.length; t++) {
          const v = row[t];
          if (v !== v) continue;
          out += `${code},${lv},${data.months[t]},${fmtValue(v, `${code} ${data.months[t]}`)}\n`;
          rows++;
        }
        flush(false);
      });
    } else {
      const c = data;
      const labels = new Map<number, string>();
      const lab = (m: number): string => {
        let s = labels.get(m);
        if (s === undefined) labels.set(m, (s = monthLabel(m)));
        return s;
      };
      const q = (s: string): string => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
      out += c.sub ? 'code,level,month,value_usd,partner,regime\n' : 'code,level,month,value_usd\n';
      for (let i = 0; i < c.n; i++) {
        out += `${c.codes[c.code[i]]},${c.level},${lab(c.month[i])},${fmtValue(c.value[i], `cell ${i}`)}`;
        if (c.sub && c.subs) {
          const s = c.subs[c.sub[i]];
          out += `,${q(s.partner)},${q(s.regime)}\n`;
        } else out += '\n';
        rows++;
        if ((i & 4095) === 0) flush(false);
      }
    }
    flush(true);
  } finally {
    fs.closeSync(fd);
  }
  return { rows };
}

/**
 * The panel as a long arquero table with columns code, month, value (US dollars);
 * missing months are left out, so no NaN reaches a notebook's aggregates.
 * @example panelToTable(panel).columnNames(); // => ['code', 'month', 'value']
 */
export function panelToTable(panel: Panel): aq.ColumnTable {
  const code: string[] = [];
  const month: string[] = [];
  const value: number[] = [];
  panel.codes.forEach((c, k) => {
    const row = panel.values[k];
    for (let t = 0; t < panel.months.length; t++) {
      const v = row[t];
      if (v !== v) continue;
      code.push(c);
      month.push(panel.months[t]);
      value.push(v);
    }
  });
  return aq.table({ code, month, value });
}

/** Where a study run takes its data: the bundled SYNTHETIC panel or the user's imported download. */
export type DataSourceKind = 'synthetic' | 'imported';

/**
 * The source note every table and chart built on a panel carries.
 * @example sourceNote(panel.source);
 * // => "Data: SYNTHETIC teaching panel — not China's data (seed 20250101), 2015-01 to 2025-06. Not the paper's figures."
 */
export function sourceNote(source: DataSource): string {
  return source.kind === 'synthetic'
    ? `Data: ${source.label}. Not the paper's figures.`
    : `Data: ${source.label} (China Customs / UN Comtrade download imported by the user).`;
}
