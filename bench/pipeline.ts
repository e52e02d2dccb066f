/**
 * Our pipeline on one tidy panel file, timed by stage, in its own process so
 * its peak RSS is its own: streaming import (partner rows summed into a
 * code × month typed-array panel) → indices per code → partition per code.
 * Prints one JSON line. Used by bench/run.ts.
 *
 *   tsx bench/pipeline.ts <panel.csv>
 */
import { performance } from 'node:perf_hooks';
import { cellsToPanel } from '../lib/io/panel.js';
import { readTidyPanel } from '../lib/io/importers/tidy.js';
import { patternCounts, screenUniverse } from '../lib/steps/screen.js';
import { parseCli, parsedOrExit, scriptHelp, UsageError } from '../scripts/cli.js';

const COMMAND = 'tsx bench/pipeline.ts';

/** The panel file, this script's one positional argument (undefined when --help asks for the help). */
function panelFileArg(argv: string[]): string | undefined {
  const cli = parseCli(COMMAND, argv, { options: {}, allowPositionals: true });
  if (cli.help) return undefined;
  if (cli.positionals.length !== 1 || !cli.positionals[0])
    throw new UsageError(
      COMMAND,
      `one panel file expected, got ${cli.positionals.length}; usage: tsx bench/pipeline.ts <panel.csv>`,
    );
  return cli.positionals[0];
}

const file = parsedOrExit(() => panelFileArg(process.argv.slice(2)));
if (file === undefined) {
  console.log(scriptHelp(__filename));
  process.exit(0);
}
const t0 = performance.now();
const read = readTidyPanel(file);
const panel = cellsToPanel(read.cells, { kind: 'synthetic', label: 'bench', files: [file], period: ['', ''] });
const t1 = performance.now();
const screen = screenUniverse(panel);
const t2 = performance.now();
const counts = patternCounts(screen);
const t3 = performance.now();
console.log(
  JSON.stringify({
    rows: read.report.rowsRead,
    codes: panel.codes.length,
    months: panel.months.length,
    importAggregateSeconds: (t1 - t0) / 1000,
    indicesSeconds: (t2 - t1) / 1000,
    partitionSeconds: (t3 - t2) / 1000,
    totalSeconds: (t3 - t0) / 1000,
    peakRssMB: process.resourceUsage().maxRSS / 1024,
    patterns: counts,
  }),
);
