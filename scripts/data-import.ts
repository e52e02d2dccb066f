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
import { writeImportedPanel } from '../lib/io/imported.js';
import { mergePartnerSums } from '../lib/io/partners.js';
import { formatImportReport, importFile, type EncodingOption, type ImportFormat } from '../lib/io/importers/index.js';
import { importedDir } from '../lib/io/paths.js';
import { parseCli, withUsage } from './cli.js';

const USAGE =
  'usage: npm run data:import -- <file>… [--format customs|comtrade-csv|comtrade-json] [--cumulative auto|yes|no] [--period YYYY-MM] [--encoding auto|utf-8|gb18030] [--keep-partners] [--out <folder>]';

/** The options (node:util parseArgs); every string option takes a value, every boolean none. */
const OPTIONS = {
  format: { type: 'string' },
  cumulative: { type: 'string' },
  period: { type: 'string' },
  encoding: { type: 'string' },
  'keep-partners': { type: 'boolean' },
  out: { type: 'string' },
} as const;

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

interface Args {
  files: string[];
  format: ImportFormat | undefined;
  cumulative: boolean | 'auto';
  period: string | undefined;
  encoding: EncodingOption;
  keepPartners: boolean;
  out: string;
}

/** The arguments, or 'help' for --help / -h (which wins over every other argument). */
function readArgs(argv: string[]): Args | 'help' {
  const cli = withUsage(USAGE, () =>
    parseCli('npm run data:import', argv, { options: OPTIONS, allowPositionals: true }),
  );
  if (cli.help) return 'help';
  const { values, positionals } = cli;
  const a: Args = {
    files: positionals,
    format: undefined,
    cumulative: 'auto',
    period: values.period as string | undefined,
    encoding: 'auto',
    keepPartners: !!values['keep-partners'],
    out: importedDir(),
  };
  const format = values.format as string | undefined;
  if (format !== undefined) {
    if (format !== 'customs' && format !== 'comtrade-csv' && format !== 'comtrade-json')
      throw new Error(`--format must be customs, comtrade-csv or comtrade-json (got ${format})`);
    a.format = format;
  }
  const cumulative = values.cumulative as string | undefined;
  if (cumulative === 'yes' || cumulative === 'true') a.cumulative = true;
  else if (cumulative === 'no' || cumulative === 'false') a.cumulative = false;
  else if (cumulative !== undefined && cumulative !== 'auto')
    throw new Error(`--cumulative must be auto, yes or no (got ${cumulative})`);
  const encoding = values.encoding as string | undefined;
  if (encoding !== undefined) {
    if (encoding !== 'auto' && encoding !== 'utf-8' && encoding !== 'gb18030')
      throw new Error(`--encoding must be auto, utf-8 or gb18030 (got ${encoding})`);
    a.encoding = encoding;
  }
  if (values.out !== undefined) a.out = path.resolve(values.out as string);
  return a;
}

function main(argv: string[]): number {
  const args = readArgs(argv);
  if (args === 'help') {
    console.log(USAGE);
    return 0;
  }
  const { files, format, cumulative, period, encoding, keepPartners, out } = args;
  if (files.length === 0) throw new Error(`no input files\n${USAGE}`);
  const results = files.map((f) => {
    if (!fs.existsSync(f)) throw new Error(`file not found: ${f}`);
    const r = importFile(f, { format, cumulative, period, encoding, keepPartners });
    console.log(formatImportReport(r.report));
    return { file: f, ...r };
  });
  // a Comtrade file without World rows: its values are a sum of some partners, said in panel.csv and on screen
  const partners = mergePartnerSums(results.map((r) => r.report.partners))?.text;
  const w = writeImportedPanel(results, {
    outDir: out,
    notes: (p) => [
      `Imported by npm run data:import from ${results.map((r) => path.basename(r.file)).join(', ')}`,
      `Real trade data (not synthetic), ${p.level}, monthly US dollars, ${p.period[0]} to ${p.period[1]}; see manifest.json`,
      ...(partners ? [`Partners: ${partners}`] : []),
    ],
    manifest: {
      options: { format: format ?? 'auto', cumulative, period: period ?? null, encoding, keepPartners },
      sources: results.map((r) => ({
        file: path.resolve(r.file),
        name: path.basename(r.file),
        bytes: fs.statSync(r.file).size,
        sha256: sha256(r.file),
        report: r.report,
      })),
    },
  });
  console.log(
    `Wrote ${path.relative(process.cwd(), w.panelFile) || w.panelFile} (${w.rows.toLocaleString('en-US')} rows, ${w.codes.toLocaleString('en-US')} codes, ${w.period[0]} to ${w.period[1]}) and manifest.json`,
  );
  if (partners) console.log(`Partners: ${partners}`);
  return 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (e) {
  console.error(`data:import failed: ${(e as Error).message}`);
  process.exitCode = 1;
}
