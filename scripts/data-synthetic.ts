/**
 * `npm run data:synthetic` — write the SYNTHETIC teaching panel, its meta and
 * the SYNTHETIC BEC totals to data/synthetic/ (deterministic: same seed → same bytes).
 *
 *   npm run data:synthetic                       # teaching panel + BEC totals (seed 20250101)
 *   npm run data:synthetic -- --check            # regenerate in memory and compare with data/synthetic/ byte for byte
 *                                                # (exit 1 when a file differs); --out DIR compares with DIR instead
 *   npm run data:synthetic -- --seed 7 --out /tmp/syn
 *   npm run data:synthetic -- --universe /tmp/universe.csv [--partners 18] [--codes-year 2023]
 *                                                # stream the whole-universe panel and time it
 *
 * Inputs: data/study/codes.csv, groups.csv and gdp.csv, read by the library's loaders
 * (lib/synthetic/inputs.ts loadTeachingInputs).
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { projectPath } from '../lib/io/paths.js';
import { generateBecTotals, type SyntheticBecTotals } from '../lib/synthetic/bec-totals.js';
import { generateTeachingPanel, SYNTHETIC_DEFAULT_SEED, type TeachingPanel } from '../lib/synthetic/generate.js';
import { loadTeachingInputs } from '../lib/synthetic/inputs.js';
import { becTotalsCsv, teachingPanelCsv, teachingPanelMetaJson } from '../lib/synthetic/serialize.js';
import { generateUniverse, generateUniverseAggregate, universeCodesFromReference } from '../lib/synthetic/universe.js';
import { numberOption, parseCli, parsedOrExit, scriptHelp } from './cli.js';

const COMMAND = 'npm run data:synthetic';

/** What `npm run data:synthetic` was asked to do. */
export interface SyntheticArgs {
  /** `--seed N` (default {@link SYNTHETIC_DEFAULT_SEED}). */
  seed: number;
  /** `--universe FILE`: stream the whole-universe panel there instead. */
  universe?: string;
  /** `--partners N` for `--universe` (default 18). */
  partners: number;
  /** `--codes-year YYYY` for `--universe` (default 2023). */
  codesYear: number;
  /** `--out DIR` (default data/synthetic/). */
  out: string;
  /** `--check`: compare with `out` instead of writing. */
  check: boolean;
}

/**
 * The command line of `npm run data:synthetic` (the arguments after the script).
 * @throws {UsageError} for an unknown option, a missing value, or a `--seed` / `--partners` / `--codes-year` that is
 * not a whole number (`--partners` ≥ 1)
 */
export function parseSyntheticArgs(argv: string[]): { help: true } | ({ help: false } & SyntheticArgs) {
  const cli = parseCli(COMMAND, argv, {
    options: {
      seed: { type: 'string' },
      universe: { type: 'string' },
      partners: { type: 'string' },
      'codes-year': { type: 'string' },
      out: { type: 'string' },
      check: { type: 'boolean', default: false },
    },
  });
  if (cli.help) return cli;
  const v = cli.values;
  return {
    help: false,
    seed: v.seed === undefined ? SYNTHETIC_DEFAULT_SEED : numberOption(COMMAND, 'seed', v.seed, { integer: true }),
    universe: v.universe,
    partners: v.partners === undefined ? 18 : numberOption(COMMAND, 'partners', v.partners, { integer: true, min: 1 }),
    codesYear:
      v['codes-year'] === undefined ? 2023 : numberOption(COMMAND, 'codes-year', v['codes-year'], { integer: true }),
    out: v.out ?? projectPath('data', 'synthetic'),
    check: v.check,
  };
}

function sha256Of(bytes: Buffer): string {
  return crypto.createHash('sha256').update(bytes).digest('hex');
}

function sha256(file: string): string {
  return sha256Of(fs.readFileSync(file));
}

/** The teaching data generated in memory: the panel, the BEC totals and the text of each file of data/synthetic/. */
export function teachingData(seed = SYNTHETIC_DEFAULT_SEED): {
  panel: TeachingPanel;
  bec: SyntheticBecTotals;
  texts: Record<'panel' | 'meta' | 'bec', { name: string; text: string }>;
  ms: number;
} {
  const { codes, groups, gdp } = loadTeachingInputs();
  const t0 = performance.now();
  const panel = generateTeachingPanel(codes, groups, gdp, { seed });
  const bec = generateBecTotals(panel, gdp);
  const ms = performance.now() - t0;
  const texts = {
    panel: { name: 'teaching-panel-SYNTHETIC.csv', text: teachingPanelCsv(panel) },
    meta: { name: 'teaching-panel-SYNTHETIC.meta.json', text: teachingPanelMetaJson(panel, bec) },
    bec: { name: 'bec-totals-SYNTHETIC.csv', text: becTotalsCsv(bec, seed) },
  };
  return { panel, bec, texts, ms };
}

/**
 * Generate the SYNTHETIC teaching panel, its meta and the SYNTHETIC BEC totals from the curated tables
 * (data/study/codes.csv, groups.csv, gdp.csv) and write them to `out`.
 */
export function writeTeachingData(out: string, seed = SYNTHETIC_DEFAULT_SEED) {
  const { panel, bec, texts, ms } = teachingData(seed);
  fs.mkdirSync(out, { recursive: true });
  const files = {
    panel: path.join(out, texts.panel.name),
    meta: path.join(out, texts.meta.name),
    bec: path.join(out, texts.bec.name),
  };
  for (const k of ['panel', 'meta', 'bec'] as const) fs.writeFileSync(files[k], texts[k].text);
  return {
    panel,
    bec,
    files,
    codesFile: projectPath('data', 'study', 'codes.csv'),
    gdpFile: projectPath('data', 'study', 'gdp.csv'),
    ms,
  };
}

/**
 * Regenerate in memory and compare each file with its copy in `dir` byte for byte (nothing is written).
 * Returns one line per file: its path, whether it matches, and the sha256 of both.
 */
export function checkTeachingData(
  dir: string,
  seed = SYNTHETIC_DEFAULT_SEED,
): { file: string; same: boolean; expected: string; actual: string | null }[] {
  const { texts } = teachingData(seed);
  return Object.values(texts).map(({ name, text }) => {
    const file = path.join(dir, name);
    const want = Buffer.from(text, 'utf8');
    const have = fs.existsSync(file) ? fs.readFileSync(file) : null;
    return { file, same: have !== null && have.equals(want), expected: sha256Of(want), actual: have && sha256Of(have) };
  });
}

function main(): void {
  const args = parsedOrExit(() => parseSyntheticArgs(process.argv.slice(2)));
  if (args.help) {
    console.log(scriptHelp(__filename));
    return;
  }
  const { seed, universe, partners, codesYear: year, out } = args;
  if (universe) {
    const codes = universeCodesFromReference(year);
    let t = performance.now();
    const agg = generateUniverseAggregate({ codes, seed });
    const aggMs = performance.now() - t;
    console.log(
      `SYNTHETIC universe aggregate: ${agg.panel.codes.length} codes × ${agg.panel.months.length} months = ${agg.panel.codes.length * agg.panel.months.length} values in ${aggMs.toFixed(0)} ms`,
    );
    const counts: Record<string, number> = {};
    for (const s of agg.shapes) counts[s] = (counts[s] ?? 0) + 1;
    console.log('  shapes:', JSON.stringify(counts));
    t = performance.now();
    const memBefore = process.memoryUsage().rss;
    const stats = generateUniverse({ codes, seed, partners, file: universe });
    console.log(
      `SYNTHETIC universe by partner → ${stats.file}: ${stats.rows} rows, ${(stats.bytes / 1e6).toFixed(1)} MB, ${stats.seconds} s, ${stats.rowsPerSecond} rows/s; RSS ${(memBefore / 1e6).toFixed(0)} → ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`,
    );
    return;
  }

  if (args.check) {
    let results: ReturnType<typeof checkTeachingData>;
    try {
      results = checkTeachingData(out, seed);
    } catch (e) {
      console.error((e as Error).message);
      process.exit(1);
    }
    for (const r of results)
      console.log(
        `${r.same ? 'same   ' : 'DIFFERS'} ${path.relative(process.cwd(), r.file)}  regenerated ${r.expected}${r.same ? '' : `, on disk ${r.actual ?? '(missing)'}`}`,
      );
    const bad = results.filter((r) => !r.same).length;
    console.log(
      bad === 0
        ? `data:synthetic --check: all ${results.length} files byte-identical (seed ${seed})`
        : `data:synthetic --check: ${bad} of ${results.length} files differ (seed ${seed})`,
    );
    process.exit(bad === 0 ? 0 : 1);
  }
  let written: ReturnType<typeof writeTeachingData>;
  try {
    written = writeTeachingData(out, seed);
  } catch (e) {
    console.error((e as Error).message);
    process.exit(1);
  }
  const { panel, bec, files, codesFile, gdpFile, ms } = written;

  console.log(
    `SYNTHETIC teaching panel (seed ${seed}) from ${path.relative(process.cwd(), codesFile)} + ${path.relative(process.cwd(), gdpFile)}: ${panel.meta.codes} codes, ${panel.meta.rows} rows, generated in ${ms.toFixed(0)} ms`,
  );
  console.log('group                                   published cell      achieved (batch of primary codes)');
  for (const g of panel.meta.groups) {
    const a = g.achieved;
    const ok = a && a.cell.growth === g.cell.growth && a.cell.volatility === g.cell.volatility;
    console.log(
      `${String(g.groupId).padStart(2)} ${g.group.padEnd(37)} ${`${g.cell.growth}/${g.cell.volatility}`.padEnd(19)} ${a ? `V ${a.V.toFixed(3)} G ${a.G.toFixed(3)} → ${a.cell.growth}/${a.cell.volatility} ${ok ? 'ok' : 'MISS'}` : 'no codes'} (batch ${g.primaryBatch}, ${g.primaryCodes} codes)`,
    );
  }
  for (const a of panel.meta.calibration.achieved)
    console.log(
      `${a.year}: semiconductor capital ${a.semiCapitalPct.toFixed(4)} % of GDP, ICs ${a.semiIntermediatePct.toFixed(4)} %`,
    );
  for (const a of bec.achieved)
    console.log(
      `${a.year}: adjusted capital ${a.capitalAdjustedPct.toFixed(4)} %, intermediates ${a.intermediateAdjustedPct.toFixed(4)} %, both ${a.bothAdjustedPct.toFixed(4)} %`,
    );
  if (panel.meta.warnings.length) {
    console.log(`${panel.meta.warnings.length} note(s):`);
    for (const w of panel.meta.warnings) console.log(`  - ${w}`);
  }
  for (const f of Object.values(files))
    console.log(`${sha256(f)}  ${path.relative(process.cwd(), f)} (${fs.statSync(f).size} bytes)`);
}

if (require.main === module) main();
