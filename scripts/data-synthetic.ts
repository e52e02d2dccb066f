/**
 * `npm run data:synthetic` — write the SYNTHETIC teaching panel, its meta and
 * the SYNTHETIC BEC totals to data/synthetic/ (deterministic: same seed → same bytes).
 *
 *   npm run data:synthetic                       # teaching panel + BEC totals (seed 20250101)
 *   npm run data:synthetic -- --seed 7 --out /tmp/syn
 *   npm run data:synthetic -- --universe /tmp/universe.csv [--partners 18] [--codes-year 2023]
 *                                                # stream the whole-universe panel and time it
 *
 * Inputs: data/study/codes.csv, data/study/groups.csv, data/study/gdp.csv (else the
 * World Bank reference file in data/reference/world-bank/).
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readCsvFile } from '../lib/io/csv.js';
import { projectPath, referenceDir } from '../lib/io/paths.js';
import { SYNTHETIC_DEFAULT_SEED, becTotalsCsv, generateBecTotals, generateTeachingPanel, syntheticCodesFromCsv, syntheticGdpFromCsv, syntheticGroupsFromCsv, teachingPanelCsv, teachingPanelMetaJson } from '../lib/synthetic/teaching.js';
import { generateUniverse, generateUniverseAggregate, universeCodesFromReference } from '../lib/synthetic/universe.js';

function arg(name: string): string | undefined {
  const k = process.argv.indexOf(`--${name}`);
  return k >= 0 ? process.argv[k + 1] : undefined;
}

function sha256(file: string): string {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/**
 * Generate the SYNTHETIC teaching panel, its meta and the SYNTHETIC BEC totals from the curated tables
 * (data/study/codes.csv, groups.csv, gdp.csv — else the World Bank reference file) and write them to `out`.
 */
export function writeTeachingData(out: string, seed = SYNTHETIC_DEFAULT_SEED) {
  const codesFile = projectPath('data', 'study', 'codes.csv');
  if (!fs.existsSync(codesFile)) throw new Error(`data-synthetic: ${codesFile} not found — the curated code table is needed to generate the teaching panel.`);
  const studyGdp = projectPath('data', 'study', 'gdp.csv');
  const gdpFile = fs.existsSync(studyGdp) ? studyGdp : path.join(referenceDir(), 'world-bank', 'china-gdp-current-usd.csv');
  const codes = syntheticCodesFromCsv(readCsvFile(codesFile));
  const groups = syntheticGroupsFromCsv(readCsvFile(projectPath('data', 'study', 'groups.csv')));
  const gdp = syntheticGdpFromCsv(readCsvFile(gdpFile));

  const t0 = performance.now();
  const panel = generateTeachingPanel(codes, groups, gdp, { seed });
  const bec = generateBecTotals(panel, gdp);
  const ms = performance.now() - t0;

  fs.mkdirSync(out, { recursive: true });
  const files = {
    panel: path.join(out, 'teaching-panel-SYNTHETIC.csv'),
    meta: path.join(out, 'teaching-panel-SYNTHETIC.meta.json'),
    bec: path.join(out, 'bec-totals-SYNTHETIC.csv'),
  };
  fs.writeFileSync(files.panel, teachingPanelCsv(panel));
  fs.writeFileSync(files.meta, teachingPanelMetaJson(panel, bec));
  fs.writeFileSync(files.bec, becTotalsCsv(bec, seed));
  return { panel, bec, files, codesFile, gdpFile, ms };
}

function main(): void {
  const seed = arg('seed') !== undefined ? Number(arg('seed')) : SYNTHETIC_DEFAULT_SEED;
  const universe = arg('universe');
  if (universe) {
    const year = Number(arg('codes-year') ?? 2023);
    const partners = Number(arg('partners') ?? 18);
    const codes = universeCodesFromReference(year);
    let t = performance.now();
    const agg = generateUniverseAggregate({ codes, seed });
    const aggMs = performance.now() - t;
    console.log(`SYNTHETIC universe aggregate: ${agg.panel.codes.length} codes × ${agg.panel.months.length} months = ${agg.panel.codes.length * agg.panel.months.length} values in ${aggMs.toFixed(0)} ms`);
    const counts: Record<string, number> = {};
    for (const s of agg.shapes) counts[s] = (counts[s] ?? 0) + 1;
    console.log('  shapes:', JSON.stringify(counts));
    t = performance.now();
    const memBefore = process.memoryUsage().rss;
    const stats = generateUniverse({ codes, seed, partners, file: universe });
    console.log(`SYNTHETIC universe by partner → ${stats.file}: ${stats.rows} rows, ${(stats.bytes / 1e6).toFixed(1)} MB, ${stats.seconds} s, ${stats.rowsPerSecond} rows/s; RSS ${(memBefore / 1e6).toFixed(0)} → ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`);
    return;
  }

  const out = arg('out') ?? projectPath('data', 'synthetic');
  let written: ReturnType<typeof writeTeachingData>;
  try {
    written = writeTeachingData(out, seed);
  } catch (e) {
    console.error((e as Error).message);
    process.exit(1);
  }
  const { panel, bec, files, codesFile, gdpFile, ms } = written;

  console.log(`SYNTHETIC teaching panel (seed ${seed}) from ${path.relative(process.cwd(), codesFile)} + ${path.relative(process.cwd(), gdpFile)}: ${panel.meta.codes} codes, ${panel.meta.rows} rows, generated in ${ms.toFixed(0)} ms`);
  console.log('group                                   published cell      achieved (batch of primary codes)');
  for (const g of panel.meta.groups) {
    const a = g.achieved;
    const ok = a && a.cell.growth === g.cell.growth && a.cell.volatility === g.cell.volatility;
    console.log(
      `${String(g.groupId).padStart(2)} ${g.group.padEnd(37)} ${`${g.cell.growth}/${g.cell.volatility}`.padEnd(19)} ${a ? `V ${a.V.toFixed(3)} G ${a.G.toFixed(3)} → ${a.cell.growth}/${a.cell.volatility} ${ok ? 'ok' : 'MISS'}` : 'no codes'} (batch ${g.primaryBatch}, ${g.primaryCodes} codes)`,
    );
  }
  for (const a of panel.meta.calibration.achieved)
    console.log(`${a.year}: semiconductor capital ${a.semiCapitalPct.toFixed(4)} % of GDP, ICs ${a.semiIntermediatePct.toFixed(4)} %`);
  for (const a of bec.achieved)
    console.log(`${a.year}: adjusted capital ${a.capitalAdjustedPct.toFixed(4)} %, intermediates ${a.intermediateAdjustedPct.toFixed(4)} %, both ${a.bothAdjustedPct.toFixed(4)} %`);
  if (panel.meta.warnings.length) {
    console.log(`${panel.meta.warnings.length} note(s):`);
    for (const w of panel.meta.warnings) console.log(`  - ${w}`);
  }
  for (const f of Object.values(files)) console.log(`${sha256(f)}  ${path.relative(process.cwd(), f)} (${fs.statSync(f).size} bytes)`);
}

if (require.main === module) main();
