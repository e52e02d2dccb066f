/**
 * Writing the imported-data folder (`data/imported/`, or any folder given): the panel of one
 * or several imports merged into `panel.csv` with its `manifest.json`
 * ({@link writeImportedPanel}, used by both `npm run data:import` and
 * `npm run data:fetch -- comtrade`), and files replaced whole ({@link writeAtomic}: a temp
 * file in the same folder, then a rename), so a killed import or fetch leaves the earlier
 * files as they were — except between the panel's rename and the manifest's, which leaves the new
 * panel beside the old manifest: loadPanel (lib/io/panel.ts) compares the manifest's `importId`,
 * `rows` and `codes` with the panel it reads and refuses such a pair, saying to run the import again.
 *
 * @module io/imported
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fail } from '../core/errors.js';
import { mergeCells, type ImportReport, type TidyCells } from './importers/index.js';
import { IMPORT_ID_NOTE, writePanelCsv } from './panel.js';
import { mergePartnerSums } from './partners.js';
import { janFebFoundText } from './importers/jan-feb.js';
import type { JanFebCellFound } from './importers/report.js';

/** A temp file beside `file` (same folder, so the rename is atomic), unique to this process and call. */
function tempPath(file: string): string {
  return `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
}

/**
 * Write a file atomically: to a temp file in the same folder, then rename. A reader (or a
 * re-run after a kill) sees the old content or the new, never a part; the folder is created.
 * @example
 * const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'atomic-')), 'x.json');
 * writeAtomic(file, '{}');
 * fs.readFileSync(file, 'utf8'); // => '{}'
 */
export function writeAtomic(file: string, content: string | Buffer): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = tempPath(file);
  try {
    fs.writeFileSync(tmp, content);
    fs.renameSync(tmp, file);
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

/** One import taken into the panel: the file it came from (or a label), its cells and its report. */
export interface ImportedPart {
  /** Names the part when two parts disagree on a cell. */
  file: string;
  cells: TidyCells;
  report: ImportReport;
}

/** Options of {@link writeImportedPanel}. */
export interface ImportedPanelOptions {
  /** The folder to write `panel.csv` and `manifest.json` into (created when missing). */
  outDir: string;
  /** The `# …` lines at the top of panel.csv, given the merged panel's code level and period. */
  notes: (panel: { level: 'HS8' | 'HS6'; period: [string, string] }) => string[];
  /**
   * Manifest fields written after the ones every import has (kind, panel, level, period, rows,
   * codes), in their order: e.g. options, fetch, sources.
   */
  manifest: Record<string, unknown>;
}

/** What {@link writeImportedPanel} wrote. */
export interface ImportedPanel {
  panelFile: string;
  manifestFile: string;
  /** Rows of panel.csv (cells). */
  rows: number;
  /** Distinct codes. */
  codes: number;
  level: 'HS8' | 'HS6';
  /** First and last month with data (YYYY-MM), over all parts. */
  period: [string, string];
  /** The manifest as written. */
  manifest: Record<string, unknown>;
}

/**
 * Merge the cells of several imports (a cell in two parts must have one value; it is kept once)
 * and write them as the imported panel: `<outDir>/panel.csv` with the given note lines, and
 * `<outDir>/manifest.json` = `{ kind: 'imported', panel: 'panel.csv', level, period, rows,
 * codes, partners?, janFeb?, …options.manifest }` (`partners`: the partial partners of the parts, lib/io/partners.ts,
 * only when some part's values are a sum of partners with no World row; `janFeb`: the combined January–February
 * code-years the parts found, lib/io/importers/jan-feb.ts, only when there are some). The period runs from the earliest first month of the parts'
 * reports to the latest last month. Both files are written to temp files first and renamed
 * over the old ones only when complete (panel, then manifest), so a run killed or failing
 * while writing leaves the earlier panel and manifest as they were. The two renames are not
 * one step: a run killed between them leaves the new panel.csv beside the old manifest.json,
 * and loadPanel (lib/io/panel.ts) refuses that pair because the manifest's `importId` (a hash of
 * the cells, also written as the panel's `# import <id>` line), `rows` and `codes` are not the
 * panel's (the next complete run repairs it). The existing panel is replaced,
 * not merged: pass every part the new panel should hold.
 *
 * @throws {StudyError} for parts of different code levels, a cell with two values (mergeCells),
 *   no parts or no cells, or a value panel.csv cannot hold (writePanelCsv)
 * @example
 * const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'imported-'));
 * const a = importers.importFile('tests/fixtures/customs-en-utf8.csv');
 * const w = writeImportedPanel([{ file: 'customs-en-utf8.csv', ...a }], { outDir, notes: (p) => [`example, ${p.level}, ${p.period.join(' to ')}`], manifest: { sources: [] } });
 * [w.rows, w.codes, w.level, w.period]; // => [3, 3, 'HS8', ['2015-01', '2015-01']]
 * fs.readFileSync(w.panelFile, 'utf8').split('\n').slice(0, 3); // => ['# example, HS8, 2015-01 to 2015-01', '# import 407200ef1717e168', 'code,level,month,value_usd']
 * Object.keys(JSON.parse(fs.readFileSync(w.manifestFile, 'utf8'))); // => ['kind', 'panel', 'importId', 'level', 'period', 'rows', 'codes', 'sources']
 */
export function writeImportedPanel(parts: ImportedPart[], options: ImportedPanelOptions): ImportedPanel {
  const fn = 'writeImportedPanel';
  if (parts.length === 0) fail(fn, 'no imports to write', parts);
  const cells = mergeCells(parts.map((p) => ({ file: p.file, cells: p.cells })));
  if (cells.n === 0) fail(fn, 'no values imported: nothing to write');
  const starts = parts
    .map((p) => p.report.period?.[0])
    .filter((p): p is string => !!p)
    .sort();
  const ends = parts
    .map((p) => p.report.period?.[1])
    .filter((p): p is string => !!p)
    .sort();
  if (starts.length === 0)
    fail(
      fn,
      'no import report has a period',
      parts.map((p) => p.file),
    );
  const period: [string, string] = [starts[0], ends[ends.length - 1]];
  fs.mkdirSync(options.outDir, { recursive: true });
  const panelFile = path.join(options.outDir, 'panel.csv');
  const manifestFile = path.join(options.outDir, 'manifest.json');
  const panelTmp = tempPath(panelFile);
  const manifestTmp = tempPath(manifestFile);
  try {
    // one id in both files, so that loadPanel can tell a pair left by a kill between the renames even when the
    // new panel happens to have the old one's rows and codes; taken from the cells, so the same import writes the
    // same files
    const importId = cellsId(cells);
    const notes = [...options.notes({ level: cells.level, period }), `${IMPORT_ID_NOTE}${importId}`];
    const { rows } = writePanelCsv(cells, panelTmp, notes);
    const manifest: Record<string, unknown> = {
      kind: 'imported',
      panel: 'panel.csv',
      importId,
      level: cells.level,
      period,
      rows,
      codes: cells.codes.length,
      ...partnersField(parts),
      ...janFebField(parts),
      ...options.manifest,
    };
    fs.writeFileSync(manifestTmp, JSON.stringify(manifest, null, 2) + '\n');
    fs.renameSync(panelTmp, panelFile);
    fs.renameSync(manifestTmp, manifestFile);
    return { panelFile, manifestFile, rows, codes: cells.codes.length, level: cells.level, period, manifest };
  } finally {
    fs.rmSync(panelTmp, { force: true });
    fs.rmSync(manifestTmp, { force: true });
  }
}

/** A short id of the cells (sha256 of their level, codes, months and values), the same for the same cells. */
function cellsId(cells: TidyCells): string {
  const h = crypto.createHash('sha256');
  h.update(`${cells.level}\n${cells.codes.join(',')}\n`);
  for (const a of [cells.code.subarray(0, cells.n), cells.month.subarray(0, cells.n), cells.value.subarray(0, cells.n)])
    h.update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  return h.digest('hex').slice(0, 16);
}

/** The manifest's `janFeb` field: the parts' combined January–February code-years (once each) and their line, or nothing. */
function janFebField(parts: ImportedPart[]): { janFeb?: { text: string; cells: JanFebCellFound[] } } {
  const seen = new Set<string>();
  const cells = parts
    .flatMap((p) => p.report.janFeb?.cells ?? [])
    .filter((c) => !seen.has(`${c.code}|${c.year}`) && !!seen.add(`${c.code}|${c.year}`))
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : a.year - b.year));
  return cells.length ? { janFeb: { text: janFebFoundText(cells), cells } } : {};
}

/** The manifest's `partners` field: the parts' partial partners merged, or nothing when no part has any. */
function partnersField(parts: ImportedPart[]): { partners?: ReturnType<typeof mergePartnerSums> } {
  const partners = mergePartnerSums(parts.map((p) => p.report.partners));
  return partners ? { partners } : {};
}
