/**
 * Import real trade data downloads into the tidy panel:
 *
 *   npm run data:import -- <file>… [--format customs|comtrade-csv|comtrade-json]
 *       [--cumulative auto|yes|no] [--period YYYY-MM] [--encoding auto|utf-8|gb18030]
 *       [--keep-partners] [--out <folder>]
 *
 * Writes <out>/panel.csv (default data/imported/, git-ignored) and manifest.json
 * (source files with sha256, period, the import reports) and prints each report.
 * Exits non-zero with the error message on bad input.
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { formatImportReport } from '../lib/io/importers/report.js';
import { importFile, mergeCells, type ImportFormat } from '../lib/io/importers/index.js';
import type { EncodingOption } from '../lib/io/importers/stream.js';
import { writePanelCsv } from '../lib/io/panel.js';
import { importedDir, projectPath } from '../lib/io/paths.js';

const USAGE =
  'usage: npm run data:import -- <file>… [--format customs|comtrade-csv|comtrade-json] [--cumulative auto|yes|no] [--period YYYY-MM] [--encoding auto|utf-8|gb18030] [--keep-partners] [--out <folder>]';

function sha256(file: string): string {
  const h = crypto.createHash('sha256');
  const fd = fs.openSync(file, 'r');
  const buf = Buffer.allocUnsafe(1 << 20);
  try {
    for (;;) {
      const n = fs.readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      h.update(buf.subarray(0, n));
    }
  } finally {
    fs.closeSync(fd);
  }
  return h.digest('hex');
}

function main(argv: string[]): number {
  const files: string[] = [];
  let format: ImportFormat | undefined;
  let cumulative: boolean | 'auto' = 'auto';
  let period: string | undefined;
  let encoding: EncodingOption = 'auto';
  let keepPartners = false;
  let out = importedDir();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value\n${USAGE}`);
      return v;
    };
    if (a === '--format') {
      const v = next();
      if (v !== 'customs' && v !== 'comtrade-csv' && v !== 'comtrade-json') throw new Error(`--format must be customs, comtrade-csv or comtrade-json (got ${v})`);
      format = v;
    } else if (a === '--cumulative') {
      const v = next();
      if (v === 'auto') cumulative = 'auto';
      else if (v === 'yes' || v === 'true') cumulative = true;
      else if (v === 'no' || v === 'false') cumulative = false;
      else throw new Error(`--cumulative must be auto, yes or no (got ${v})`);
    } else if (a === '--period') period = next();
    else if (a === '--encoding') {
      const v = next();
      if (v !== 'auto' && v !== 'utf-8' && v !== 'gb18030') throw new Error(`--encoding must be auto, utf-8 or gb18030 (got ${v})`);
      encoding = v;
    } else if (a === '--keep-partners') keepPartners = true;
    else if (a === '--out') out = path.resolve(next());
    else if (a === '--help' || a === '-h') {
      console.log(USAGE);
      return 0;
    } else if (a.startsWith('--')) throw new Error(`unknown option ${a}\n${USAGE}`);
    else files.push(a);
  }
  if (files.length === 0) throw new Error(`no input files\n${USAGE}`);
  const results = files.map((f) => {
    if (!fs.existsSync(f)) throw new Error(`file not found: ${f}`);
    const r = importFile(f, { format, cumulative, period, encoding, keepPartners });
    console.log(formatImportReport(r.report));
    return { file: f, ...r };
  });
  const cells = mergeCells(results.map((r) => ({ file: r.file, cells: r.cells })));
  if (cells.n === 0) throw new Error('no values imported: nothing to write');
  const starts = results.map((r) => r.report.period?.[0]).filter((p): p is string => !!p).sort();
  const ends = results.map((r) => r.report.period?.[1]).filter((p): p is string => !!p).sort();
  const periodAll: [string, string] = [starts[0], ends[ends.length - 1]];
  fs.mkdirSync(out, { recursive: true });
  const panelFile = path.join(out, 'panel.csv');
  const notes = [
    `Imported by npm run data:import from ${results.map((r) => path.basename(r.file)).join(', ')}`,
    `Real trade data (not synthetic), ${cells.level}, monthly US dollars, ${periodAll[0]} to ${periodAll[1]}; see manifest.json`,
  ];
  const { rows } = writePanelCsv(cells, panelFile, notes);
  const manifest = {
    kind: 'imported',
    panel: 'panel.csv',
    level: cells.level,
    period: periodAll,
    rows,
    codes: cells.codes.length,
    options: { format: format ?? 'auto', cumulative, period: period ?? null, encoding, keepPartners },
    sources: results.map((r) => ({ file: path.resolve(r.file), name: path.basename(r.file), bytes: fs.statSync(r.file).size, sha256: sha256(r.file), report: r.report })),
  };
  fs.writeFileSync(path.join(out, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  console.log(`Wrote ${path.relative(process.cwd(), panelFile) || panelFile} (${rows.toLocaleString('en-US')} rows, ${cells.codes.length.toLocaleString('en-US')} codes, ${periodAll[0]} to ${periodAll[1]}) and manifest.json`);
  return 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (e) {
  console.error(`data:import failed: ${(e as Error).message}`);
  process.exitCode = 1;
}
